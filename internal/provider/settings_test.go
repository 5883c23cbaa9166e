// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

func env(vars map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := vars[k]
		return v, ok
	}
}

func emptyConfig() providerModel {
	return providerModel{
		OrgName: types.StringNull(), BaseURL: types.StringNull(), OrgURL: types.StringNull(),
		APIToken: types.StringNull(), AccessToken: types.StringNull(),
		MaxRetries: types.Int64Null(), RequestTimeout: types.Int64Null(), MaxAPICapacity: types.Int64Null(),
	}
}

func TestResolveSettings_providerBlockWinsOverEnvironment(t *testing.T) {
	cfg := emptyConfig()
	cfg.OrgName = types.StringValue("acme-dev")
	cfg.APIToken = types.StringValue("from-config")
	s := resolveSettings(cfg, env(map[string]string{
		"OKTA_ORG_URL":      "https://prod.okta.com",
		"OKTA_ACCESS_TOKEN": "from-env",
		"OKTA_BASE_URL":     "oktapreview.com",
	}))
	if s.diags.HasError() || s.diags.WarningsCount() != 0 {
		t.Fatalf("diagnostics: %v", s.diags)
	}
	if s.orgURL != "https://acme-dev.oktapreview.com" || s.apiToken != "from-config" || s.accessToken != "" {
		t.Fatalf("resolved org %s, API token %q, access token %q", s.orgURL, s.apiToken, s.accessToken)
	}
}

func TestResolveSettings_environmentAlone(t *testing.T) {
	s := resolveSettings(emptyConfig(), env(map[string]string{
		"OKTA_ORG_URL": "https://Acme.okta.com:443/", "OKTA_ORG_NAME": "ignored",
		"OKTA_API_TOKEN": "t", "OKTA_MAX_RETRIES": "0", "OKTA_REQUEST_TIMEOUT": "0", "MAX_API_CAPACITY": "25",
	}))
	if s.diags.HasError() || s.diags.WarningsCount() != 0 {
		t.Fatalf("diagnostics: %v", s.diags)
	}
	if s.orgURL != "https://acme.okta.com" || s.apiToken != "t" || s.maxRetries != 0 || s.requestTimeout != 0 || s.maxAPICapacity != 25 {
		t.Fatalf("resolved %+v", s)
	}
}

func TestResolveSettings_zeroInTheBlockIsNotTheDefault(t *testing.T) {
	cfg := emptyConfig()
	cfg.OrgURL, cfg.APIToken = types.StringValue("https://acme.okta.com"), types.StringValue("t")
	cfg.MaxRetries, cfg.RequestTimeout = types.Int64Value(0), types.Int64Value(0)
	s := resolveSettings(cfg, env(map[string]string{"OKTA_MAX_RETRIES": "7"}))
	if s.maxRetries != 0 || s.requestTimeout != 0 || s.maxAPICapacity != 100 {
		t.Fatalf("resolved max_retries %d, request_timeout %d, max_api_capacity %d", s.maxRetries, s.requestTimeout, s.maxAPICapacity)
	}
}

func TestResolveSettings_conflicts(t *testing.T) {
	both := emptyConfig()
	both.OrgName, both.APIToken, both.AccessToken = types.StringValue("acme"), types.StringValue("a"), types.StringValue("b")
	s := resolveSettings(both, env(nil))
	if !s.diags.HasError() || !strings.Contains(s.diags.Errors()[0].Detail(), "Remove one of them from the provider block") {
		t.Fatalf("two credentials in the block: %v", s.diags)
	}

	s = resolveSettings(emptyConfig(), env(map[string]string{"OKTA_ORG_NAME": "acme", "OKTA_API_TOKEN": "a", "OKTA_ACCESS_TOKEN": "b"}))
	if !s.diags.HasError() || !strings.Contains(s.diags.Errors()[0].Detail(), "OKTA_ACCESS_TOKEN environment variable") {
		t.Fatalf("two credentials in the environment: %v", s.diags)
	}

	urlAndName := emptyConfig()
	urlAndName.OrgURL, urlAndName.OrgName, urlAndName.APIToken = types.StringValue("https://acme.okta.com"), types.StringValue("acme"), types.StringValue("a")
	if s := resolveSettings(urlAndName, env(nil)); s.diags.HasError() || s.diags.WarningsCount() != 1 {
		t.Fatalf("org_url and org_name in the block: %v", s.diags)
	}
}

func TestResolveSettings_secretsStayOutOfMessages(t *testing.T) {
	cfg := emptyConfig()
	cfg.OrgURL, cfg.APIToken = types.StringValue("https://admin:s3cret@acme.okta.com/x"), types.StringValue("t")
	s := resolveSettings(cfg, env(nil))
	if !s.diags.HasError() {
		t.Fatal("a URL with a path and credentials was accepted")
	}
	for _, d := range s.diags {
		if strings.Contains(d.Detail(), "s3cret") {
			t.Fatalf("the password is in %q", d.Detail())
		}
	}
}

func TestAPIErrorDetail_namesTheMissingScope(t *testing.T) {
	for _, status := range []int{401, 403} {
		detail := oktaErrorDetail(&okta.APIError{StatusCode: status, Method: "POST", Path: "/api/v1/apps/0oa1/grants", MissingScope: "okta.appGrants.manage"})
		if !strings.Contains(detail, "missing scope: okta.appGrants.manage") || !strings.Contains(detail, "lacks the OAuth scope okta.appGrants.manage") {
			t.Errorf("%d: %s", status, detail)
		}
	}
}
