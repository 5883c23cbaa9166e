// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

// Package provider is the Terraform glue of the Okta grants provider: its
// configuration, resources and data sources.
package provider

import (
	"context"
	"fmt"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// Environment variables, named as the official okta/okta provider names them.
const (
	envOrgName        = "OKTA_ORG_NAME"
	envBaseURL        = "OKTA_BASE_URL"
	envOrgURL         = "OKTA_ORG_URL"
	envAPIToken       = "OKTA_API_TOKEN"    //nolint:gosec // the variable's name, not a credential
	envAccessToken    = "OKTA_ACCESS_TOKEN" //nolint:gosec // the variable's name, not a credential
	envMaxRetries     = "OKTA_MAX_RETRIES"
	envRequestTimeout = "OKTA_REQUEST_TIMEOUT"
	envMaxAPICapacity = "MAX_API_CAPACITY"

	defaultBaseURL        = "okta.com"
	defaultMaxRetries     = 5
	defaultRequestTimeout = 60
	defaultMaxAPICapacity = 100
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

type providerModel struct {
	OrgName        types.String `tfsdk:"org_name"`
	BaseURL        types.String `tfsdk:"base_url"`
	OrgURL         types.String `tfsdk:"org_url"`
	APIToken       types.String `tfsdk:"api_token"`
	AccessToken    types.String `tfsdk:"access_token"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestTimeout types.Int64  `tfsdk:"request_timeout"`
	MaxAPICapacity types.Int64  `tfsdk:"max_api_capacity"`
}

func (p *oktaProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "okta"
	resp.Version = p.version
}

func (p *oktaProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages the OAuth 2.0 scope consent grants of an Okta org: which Okta API scopes each " +
			"service app may use, and what end users consented to. Configure one org (`org_url`, or `org_name` and " +
			"`base_url`) and one credential (`api_token` or `access_token`), in the provider block or in environment " +
			"variables.",
		Attributes: map[string]schema.Attribute{
			"org_name": schema.StringAttribute{
				MarkdownDescription: "The org's name: the first label of its domain, `acme` for `acme.okta.com`. " +
					"Used with `base_url` when `org_url` is not set. Environment variable: `OKTA_ORG_NAME`.",
				Optional: true,
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: "The org's domain after its name: `okta.com` (the default), `oktapreview.com` " +
					"or `okta-emea.com`. Environment variable: `OKTA_BASE_URL`.",
				Optional: true,
			},
			"org_url": schema.StringAttribute{
				MarkdownDescription: "The org's full URL, such as `https://acme.okta.com` or a custom domain. Wins " +
					"over `org_name` and `base_url`. Must be `https`, except for a loopback host (`127.0.0.0/8`, " +
					"`::1`, `localhost`) such as a local test org. Environment variable: `OKTA_ORG_URL`.",
				Optional: true,
			},
			"api_token": schema.StringAttribute{
				MarkdownDescription: "An Okta API token, sent as `Authorization: SSWS <token>`. Conflicts with " +
					"`access_token`. Environment variable: `OKTA_API_TOKEN`.",
				Optional:  true,
				Sensitive: true,
			},
			"access_token": schema.StringAttribute{
				MarkdownDescription: "An OAuth 2.0 access token for the Okta management API, sent as " +
					"`Authorization: Bearer <token>`. It needs `okta.appGrants.manage` to manage app grants and " +
					"`okta.users.read` to read user grants. Conflicts with `api_token`. Environment variable: " +
					"`OKTA_ACCESS_TOKEN`.",
				Optional:  true,
				Sensitive: true,
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a request is sent again after a rate-limit "+
					"answer (429), a server error (5xx) or a network error, 0 to 100. `0` disables retries. "+
					"Default: `%d`. Environment variable: `OKTA_MAX_RETRIES`.", defaultMaxRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 100)},
			},
			"request_timeout": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Seconds each attempt of a request may take, 0 to 300. `0` "+
					"means no limit. Default: `%d`. Environment variable: `OKTA_REQUEST_TIMEOUT`.", defaultRequestTimeout),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 300)},
			},
			"max_api_capacity": schema.Int64Attribute{
				MarkdownDescription: "The percentage (1-100) of each Okta rate-limit bucket this provider may use, " +
					"leaving the rest to other clients of the org. The provider paces its requests to stay within " +
					"it. Default: `100`. Environment variable: `MAX_API_CAPACITY`.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, 100)},
			},
		},
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
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings := resolveSettings(cfg, os.LookupEnv)
	resp.Diagnostics.Append(settings.diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	secrets := []string{settings.apiToken, settings.accessToken}
	client, err := okta.New(okta.Config{
		OrgURL:         settings.orgURL,
		APIToken:       settings.apiToken,
		AccessToken:    settings.accessToken,
		MaxRetries:     settings.maxRetries,
		RequestTimeout: time.Duration(settings.requestTimeout) * time.Second,
		MaxAPICapacity: settings.maxAPICapacity,
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
		resp.Diagnostics.AddError("Invalid Okta provider configuration", capitalized(err.Error())+".")
		return
	}
	tflog.Info(ctx, "configured the Okta client", map[string]any{
		"org_url": client.OrgURL(), "credential": settings.credentialKind(), "max_retries": settings.maxRetries,
		"request_timeout_s": settings.requestTimeout, "max_api_capacity": settings.maxAPICapacity,
	})
	resp.ResourceData = client
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

// settings is the provider configuration with environment variables and
// defaults applied, or the diagnostics that say what to fix.
type settings struct {
	orgURL         string
	apiToken       string
	accessToken    string
	maxRetries     int
	requestTimeout int
	maxAPICapacity int
	diags          diag.Diagnostics
}

// credentialKind names the credential in use, for logs.
func (s settings) credentialKind() string {
	if s.apiToken != "" {
		return "api_token"
	}
	return "access_token"
}

// setting is one string setting and where it came from.
type setting struct {
	value string
	// source names where it came from, for messages.
	source string
	// inBlock is set for a value of the provider block.
	inBlock bool
}

func (s setting) set() bool { return s.value != "" }

func configSetting(v types.String, attr string) setting {
	if v.IsNull() || v.IsUnknown() || strings.TrimSpace(v.ValueString()) == "" {
		return setting{}
	}
	return setting{value: strings.TrimSpace(v.ValueString()), source: "`" + attr + "`", inBlock: true}
}

func envSetting(env string, lookup func(string) (string, bool)) setting {
	if e, ok := lookup(env); ok && strings.TrimSpace(e) != "" {
		return setting{value: strings.TrimSpace(e), source: "the " + env + " environment variable"}
	}
	return setting{}
}

var orgNamePattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$`)
var domainPattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$`)

// resolveSettings applies environment variables and defaults to the
// provider block. The block wins over the environment for each group of
// settings as a whole (the org; the credential): an org or a credential
// named in the block is never mixed with, or refused for, one that a CI
// job's environment happens to carry.
func resolveSettings(cfg providerModel, lookup func(string) (string, bool)) settings {
	var s settings
	for _, u := range []struct {
		attr, env string
		value     interface{ IsUnknown() bool }
	}{
		{"org_name", envOrgName, cfg.OrgName}, {"base_url", envBaseURL, cfg.BaseURL}, {"org_url", envOrgURL, cfg.OrgURL},
		{"api_token", envAPIToken, cfg.APIToken}, {"access_token", envAccessToken, cfg.AccessToken},
		{"max_retries", envMaxRetries, cfg.MaxRetries}, {"request_timeout", envRequestTimeout, cfg.RequestTimeout},
		{"max_api_capacity", envMaxAPICapacity, cfg.MaxAPICapacity},
	} {
		if u.value.IsUnknown() {
			s.diags.AddAttributeError(path.Root(u.attr), "Unknown Okta provider setting",
				fmt.Sprintf("`%s` depends on a value known only after apply, but the provider needs it to plan. "+
					"Set it to a value known at plan time, or remove it from the provider block and set the %s "+
					"environment variable.", u.attr, u.env))
		}
	}
	if s.diags.HasError() {
		return s
	}
	s.resolveOrg(cfg, lookup)
	s.resolveCredential(cfg, lookup)
	s.maxRetries = s.intSetting(cfg.MaxRetries, "max_retries", envMaxRetries, defaultMaxRetries, 0, 100, lookup)
	s.requestTimeout = s.intSetting(cfg.RequestTimeout, "request_timeout", envRequestTimeout, defaultRequestTimeout, 0, 300, lookup)
	s.maxAPICapacity = s.intSetting(cfg.MaxAPICapacity, "max_api_capacity", envMaxAPICapacity, defaultMaxAPICapacity, 1, 100, lookup)
	return s
}

func (s *settings) resolveOrg(cfg providerModel, lookup func(string) (string, bool)) {
	orgURL := configSetting(cfg.OrgURL, "org_url")
	orgName := configSetting(cfg.OrgName, "org_name")
	if !orgURL.set() && !orgName.set() {
		orgURL = envSetting(envOrgURL, lookup)
		orgName = envSetting(envOrgName, lookup)
	}
	baseURL := configSetting(cfg.BaseURL, "base_url")
	if !baseURL.set() {
		baseURL = envSetting(envBaseURL, lookup)
	}

	if orgURL.set() {
		u, err := okta.ParseOrgURL(orgURL.value)
		if err != nil {
			s.diags.AddAttributeError(path.Root("org_url"), "Invalid Okta org URL", fmt.Sprintf("The org URL in %s is not usable: %s.", orgURL.source, err))
			return
		}
		if orgName.inBlock {
			s.diags.AddAttributeWarning(path.Root("org_name"), "Ignored org_name",
				fmt.Sprintf("`org_url` is set (%s), so `org_name` and `base_url` are not used. Remove one of them.", u))
		}
		s.orgURL = u.String()
		return
	}
	if !orgName.set() {
		s.diags.AddAttributeError(path.Root("org_name"), "Missing Okta org",
			"Set `org_url` (or the OKTA_ORG_URL environment variable) to the org's URL, such as https://acme.okta.com, "+
				"or set `org_name` (OKTA_ORG_NAME), such as acme, and, if the org is not on okta.com, `base_url` "+
				"(OKTA_BASE_URL), such as oktapreview.com.")
		return
	}
	if !orgNamePattern.MatchString(orgName.value) {
		s.diags.AddAttributeError(path.Root("org_name"), "Invalid Okta org name",
			fmt.Sprintf("%s is %q, but an org name is the first label of the org's domain: acme for acme.okta.com. "+
				"To give a full URL, set `org_url` (OKTA_ORG_URL) instead.", orgName.source, orgName.value))
		return
	}
	domain := defaultBaseURL
	if baseURL.set() {
		domain = baseURL.value
	}
	if !domainPattern.MatchString(domain) {
		s.diags.AddAttributeError(path.Root("base_url"), "Invalid Okta base URL",
			fmt.Sprintf("%s is %q, but base_url is the org's domain after its name, without a scheme or a path: "+
				"okta.com, oktapreview.com or okta-emea.com. To give a full URL, set `org_url` (OKTA_ORG_URL) instead.",
				baseURL.source, domain))
		return
	}
	s.orgURL = "https://" + strings.ToLower(orgName.value+"."+domain)
}

func (s *settings) resolveCredential(cfg providerModel, lookup func(string) (string, bool)) {
	apiToken := configSetting(cfg.APIToken, "api_token")
	accessToken := configSetting(cfg.AccessToken, "access_token")
	if !apiToken.set() && !accessToken.set() {
		apiToken = envSetting(envAPIToken, lookup)
		accessToken = envSetting(envAccessToken, lookup)
	}
	switch {
	case apiToken.set() && accessToken.set():
		fix := "Remove one of them from the provider block."
		if !apiToken.inBlock {
			fix = "Unset one of them, or set `api_token` or `access_token` in the provider block, which wins over the environment."
		}
		s.diags.AddAttributeError(path.Root("access_token"), "Conflicting Okta credentials",
			fmt.Sprintf("Both an API token (from %s) and an access token (from %s) are set. Set exactly one. %s",
				apiToken.source, accessToken.source, fix))
	case apiToken.set():
		s.apiToken = apiToken.value
	case accessToken.set():
		s.accessToken = accessToken.value
	default:
		s.diags.AddAttributeError(path.Root("api_token"), "Missing Okta credentials",
			"Set `api_token` (or the OKTA_API_TOKEN environment variable) to an Okta API token, or `access_token` "+
				"(OKTA_ACCESS_TOKEN) to an OAuth 2.0 access token for the Okta management API.")
	}
}

func (s *settings) intSetting(v types.Int64, attr, env string, def, lo, hi int, lookup func(string) (string, bool)) int {
	if !v.IsNull() {
		return int(v.ValueInt64()) // the schema validators checked the range
	}
	raw, ok := lookup(env)
	if !ok || strings.TrimSpace(raw) == "" {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil || n < lo || n > hi {
		s.diags.AddAttributeError(path.Root(attr), "Invalid "+env+" environment variable",
			fmt.Sprintf("%s is %q, but `%s` must be a whole number from %d to %d.", env, raw, attr, lo, hi))
		return def
	}
	return n
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
