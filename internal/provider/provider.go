// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

// Package provider is the Terraform glue of the Okta grants provider: its
// configuration, resources and data sources.

package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var (
	_ provider.Provider                  = (*oktaProvider)(nil)
	_ provider.ProviderWithActions       = (*oktaProvider)(nil)
	_ provider.ProviderWithListResources = (*oktaProvider)(nil)
)

type oktaProvider struct {
	version string
}

// New returns a constructor of the provider for providerserver.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &oktaProvider{version: version}
	}
}

func (p *oktaProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "okta"
	resp.Version = p.version
}

func (p *oktaProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages the OAuth 2.0 scope consent grants of an Okta org: which Okta API scopes each " +
			"service app may use, and what end users consented to. Configure one org (`org_url`, or `org_name` and " +
			"`base_url`) and one way to sign in (`client_id` and `private_key` for an OAuth service app, `api_token`, " +
			"or `access_token`), in the provider block or in environment variables.",
		Attributes: settingsSchema(),
	}
}

func (p *oktaProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewAppGrantResource,
		NewAppGrantsResource,
	}
}

func (p *oktaProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewAppGrantDataSource,
		NewAppGrantsDataSource,
		NewUserGrantDataSource,
		NewUserGrantsDataSource,
	}
}

// List resources need Terraform 1.14 or later (terraform query).
func (p *oktaProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewAppGrantListResource,
		NewAppGrantsListResource,
	}
}

// Actions need Terraform 1.14 or later; older versions do not ask for them.
func (p *oktaProvider) Actions(context.Context) []func() action.Action {
	return []func() action.Action{
		NewRevokeUserGrantsAction,
	}
}

func (p *oktaProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	block, diags := blockSettings(ctx, req.Config)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings := resolveSettings(block, os.LookupEnv)
	resp.Diagnostics.Append(settings.diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	secrets := settings.secrets()
	client, err := okta.New(okta.Config{
		OrgURL:         settings.orgURL,
		APIToken:       settings.apiToken,
		AccessToken:    settings.accessToken,
		ClientID:       settings.clientID,
		PrivateKey:     settings.privateKey,
		PrivateKeyID:   settings.privateKeyID,
		Scopes:         settings.scopes,
		DPoP:           okta.DPoPMode(settings.dpop),
		MaxRetries:     settings.maxRetries,
		RequestTimeout: time.Duration(settings.requestTimeout) * time.Second,
		MaxAPICapacity: settings.maxAPICapacity,
		MaxInFlight:    settings.maxConcurrent,
		// Terraform starts a provider process per walk: the next one must
		// know what this one left of Okta's rate limits.
		RateLimitStateDir: rateLimitStateDir(),
		UserAgent:         fmt.Sprintf("terraform-provider-okta/%s (+https://registry.terraform.io/providers/oktagrants/okta) Terraform/%s", p.version, req.TerraformVersion),
		Log: func(ctx context.Context, msg string, fields map[string]any) {
			tflog.Debug(maskSecrets(ctx, secrets), msg, fields)
		},
		InfoLog: func(ctx context.Context, msg string, fields map[string]any) {
			tflog.Info(maskSecrets(ctx, secrets), msg, fields)
		},
	})
	if err != nil {
		addConfigError(&resp.Diagnostics, err)
		return
	}
	// A service app signs in now: a bad key, a wrong kid or a missing scope
	// fails terraform plan, not the first write of an apply.
	signIn, err := client.SignIn(ctx)
	if err != nil {
		addSignInError(&resp.Diagnostics, err)
		return
	}
	addScopesNotGranted(&resp.Diagnostics, settings, signIn)
	if resp.Diagnostics.HasError() {
		return
	}
	tflog.Info(ctx, "configured the Okta client", map[string]any{
		"org_url": client.OrgURL(), "credential": settings.credentialKind(), "dpop": signIn.DPoP, "scopes": signIn.Scopes,
		"max_retries": settings.maxRetries, "request_timeout_s": settings.requestTimeout, "max_api_capacity": settings.maxAPICapacity,
		"max_concurrent_requests": settings.maxConcurrent,
	})
	resp.ResourceData = newPlanWalk(client, rateLimitStateDir())
	resp.DataSourceData = client
	resp.ActionData = client
	resp.ListResourceData = client
}

// envRateLimitStateDir names the directory of the rate-limit state file, or
// "off" to keep none.
const envRateLimitStateDir = "OKTA_RATE_LIMIT_STATE_DIR"

// rateLimitStateDir is OKTA_RATE_LIMIT_STATE_DIR, or a directory of the
// user's cache dir, or "" (keep nothing): without a cache dir, and with
// "off". Never a shared temp dir, which is open to other users.
func rateLimitStateDir() string {
	if dir, ok := os.LookupEnv(envRateLimitStateDir); ok && dir != "" {
		if strings.EqualFold(dir, "off") {
			return ""
		}
		return dir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "terraform-provider-okta")
}

// maskSecrets makes tflog replace every credential in messages and fields,
// whatever level they are logged at.
func maskSecrets(ctx context.Context, secrets []string) context.Context {
	for _, s := range secrets {
		if s != "" {
			ctx = tflog.MaskMessageStrings(ctx, s)
			ctx = tflog.MaskAllFieldValuesStrings(ctx, s)
		}
	}
	return ctx
}

// clientFrom is the client Configure handed to resources and data sources,
// or nil before the provider is configured.
func clientFrom(data any, diags *diag.Diagnostics) *okta.Client {
	if data == nil {
		return nil
	}
	client, ok := data.(*okta.Client)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *okta.Client, got %T. This is a bug in the provider.", data))
	}
	return client
}

// sdkLogLevelVariables set the log levels of the plugin SDKs and of the
// provider's own logs.
var sdkLogLevelVariables = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"}

// QuietLogsUnlessAsked turns the plugin SDKs' logging off when no TF_LOG*
// variable asks for logs. Terraform drops every log line of a provider
// unless TF_LOG or TF_LOG_PROVIDER is set, but the SDKs log at TRACE by
// default and format every line as JSON all the same: measured, a quarter
// to a third of the provider's CPU per resource (BENCHMARKS.md). Any TF_LOG*
// variable leaves logging as the SDKs set it.
func QuietLogsUnlessAsked() {
	for _, kv := range os.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_LOG") && name != "TF_LOG_PATH" && value != "" {
			return
		}
	}
	for _, name := range sdkLogLevelVariables {
		_ = os.Setenv(name, "OFF")
	}
}
