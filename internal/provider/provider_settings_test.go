// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

func env(vars map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := vars[k]
		return v, ok
	}
}

// block is a provider block setting the attributes given.
func block(attrs map[string]string) map[string]setting {
	out := map[string]setting{}
	for attr, v := range attrs {
		defOf(attr) // panics on a misspelled attribute
		out[attr] = setting{value: v, source: "`" + attr + "`", inBlock: true}
	}
	return out
}

func TestResolveSettings_table(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "key.pem")
	if err := os.WriteFile(keyFile, []byte("-----BEGIN PRIVATE KEY-----\nMII...\n-----END PRIVATE KEY-----\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		block map[string]string
		env   map[string]string
		// check looks at what was resolved; errs and warns are the
		// diagnostics expected, as "attribute: text in the detail".
		check       func(settings) bool
		errs, warns []string
	}{
		{name: "the block wins over the environment, group by group",
			block: map[string]string{"org_name": "acme-dev", "api_token": "from-config"},
			env:   map[string]string{"OKTA_ORG_URL": "https://prod.okta.com", "OKTA_ACCESS_TOKEN": "from-env", "OKTA_BASE_URL": "oktapreview.com"},
			check: func(s settings) bool {
				return s.orgURL == "https://acme-dev.oktapreview.com" && s.apiToken == "from-config" && s.accessToken == ""
			},
			warns: []string{"api_token: OKTA_ACCESS_TOKEN from the environment is not used"}},
		{name: "the environment alone",
			env: map[string]string{"OKTA_ORG_URL": "https://Acme.okta.com:443/", "OKTA_ORG_NAME": "ignored",
				"OKTA_API_TOKEN": "t", "OKTA_MAX_RETRIES": "0", "OKTA_REQUEST_TIMEOUT": "0", "MAX_API_CAPACITY": "25"},
			check: func(s settings) bool {
				return s.orgURL == "https://acme.okta.com" && s.apiToken == "t" && s.maxRetries == 0 && s.requestTimeout == 0 && s.maxAPICapacity == 25
			}},
		{name: "zero in the block is not the default",
			block: map[string]string{"org_url": "https://acme.okta.com", "api_token": "t", "max_retries": "0", "request_timeout": "0"},
			env:   map[string]string{"OKTA_MAX_RETRIES": "7"},
			check: func(s settings) bool { return s.maxRetries == 0 && s.requestTimeout == 0 && s.maxAPICapacity == 100 }},
		{name: "a bad number in the environment",
			block: map[string]string{"org_url": "https://acme.okta.com", "api_token": "t"},
			env:   map[string]string{"MAX_API_CAPACITY": "150"},
			errs:  []string{"max_api_capacity: must be a whole number from 1 to 100"}},
		{name: "two tokens in the block",
			block: map[string]string{"org_name": "acme", "api_token": "a", "access_token": "b"},
			errs:  []string{"access_token: Remove one of them from the provider block"}},
		{name: "two tokens in the environment",
			env:  map[string]string{"OKTA_ORG_NAME": "acme", "OKTA_API_TOKEN": "a", "OKTA_ACCESS_TOKEN": "b"},
			errs: []string{"access_token: the OKTA_ACCESS_TOKEN environment variable"}},
		{name: "a token and a service app in the environment",
			env:  map[string]string{"OKTA_ORG_NAME": "acme", "OKTA_API_TOKEN": "a", "OKTA_API_CLIENT_ID": "0oa1", "OKTA_API_PRIVATE_KEY": keyFile},
			errs: []string{"client_id: the OKTA_API_CLIENT_ID environment variable"}},
		{name: "org_url and org_name in the block",
			block: map[string]string{"org_url": "https://acme.okta.com", "org_name": "acme", "api_token": "a"},
			warns: []string{"org_name: `org_name` and `base_url` are not used"}},
		{name: "no credential", block: map[string]string{"org_name": "acme"},
			errs: []string{"api_token: `client_id` and `private_key`"}},
		{name: "a service app from the environment, the key in a file",
			env: map[string]string{"OKTA_ORG_NAME": "acme", "OKTA_API_CLIENT_ID": "0oa1", "OKTA_API_PRIVATE_KEY": keyFile,
				"OKTA_API_PRIVATE_KEY_ID": "kid1", "OKTA_API_SCOPES": "okta.appGrants.manage, okta.users.manage", "OKTA_API_DPOP": "force"},
			check: func(s settings) bool {
				return s.clientID == "0oa1" && strings.HasPrefix(s.privateKey, "-----BEGIN PRIVATE KEY-----") && s.privateKeyID == "kid1" &&
					strings.Join(s.scopes, " ") == "okta.appGrants.manage okta.users.manage" && s.dpop == "force"
			}},
		{name: "a client ID without a key",
			block: map[string]string{"org_name": "acme", "client_id": "0oa1"},
			errs:  []string{"private_key: set `private_key` (OKTA_API_PRIVATE_KEY)"}},
		{name: "a key ID alone",
			block: map[string]string{"org_name": "acme", "private_key_id": "kid1"},
			errs:  []string{"client_id: set `client_id` (OKTA_API_CLIENT_ID)"}},
		{name: "a key that is neither a key nor a file, not echoed",
			block: map[string]string{"org_name": "acme", "client_id": "0oa1", "private_key": "MIIEv-not-a-key-s3cret"},
			errs:  []string{"private_key: neither PEM or JWK key text nor the path of a file"}},
		{name: "a credential in the block, another in the environment",
			block: map[string]string{"org_name": "acme", "client_id": "0oa1", "private_key": keyFile},
			env:   map[string]string{"OKTA_API_TOKEN": "t"},
			check: func(s settings) bool { return s.clientID == "0oa1" && s.apiToken == "" },
			warns: []string{"client_id: OKTA_API_TOKEN from the environment is not used"}},
		{name: "a URL with a password is refused without showing it",
			block: map[string]string{"org_url": "https://admin:s3cret@acme.okta.com/x", "api_token": "t"},
			errs:  []string{"org_url: not usable"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := resolveSettings(block(tc.block), env(tc.env))
			for _, d := range s.diags {
				if strings.Contains(d.Detail(), "s3cret") {
					t.Fatalf("a secret is in %q", d.Detail())
				}
			}
			expectDiagnostics(t, "errors", diagnosticLines(s, true), tc.errs)
			expectDiagnostics(t, "warnings", diagnosticLines(s, false), tc.warns)
			if tc.check != nil && !tc.check(s) {
				t.Errorf("resolved %+v", s)
			}
		})
	}
}

// diagnosticLines are the errors or warnings as "attribute: detail".
func diagnosticLines(s settings, errs bool) []string {
	var out []string
	for _, d := range s.diags {
		if (d.Severity() == diag.SeverityError) != errs {
			continue
		}
		p := ""
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			p = withPath.Path().String()
		}
		out = append(out, p+": "+d.Detail())
	}
	return out
}

// expectDiagnostics checks that each diagnostic is on the attribute want
// names and holds its text ("attribute: text").
func expectDiagnostics(t *testing.T, kind string, got, want []string) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		attr, text, _ := strings.Cut(want[i], ": ")
		ok = strings.HasPrefix(got[i], attr+": ") && strings.Contains(got[i], text)
	}
	if !ok {
		t.Errorf("%s:\n%s\nwant:\n%s", kind, strings.Join(got, "\n"), strings.Join(want, "\n"))
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

// settingsTable is the settings table README.md and the docs index carry.
func settingsTable() string {
	var b strings.Builder
	b.WriteString("| Attribute | Environment variable | Default | |\n|---|---|---|---|\n")
	for _, d := range settingDefs {
		note := d.note
		if d.sensitive {
			note += " Sensitive."
		}
		def := ""
		if d.def != "" {
			def = "`" + d.def + "`"
		}
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s |\n", d.attr, d.env, def, note)
	}
	return b.String()
}

// The tables of settings in README.md and the docs are settingDefs: a new
// setting, or a changed default, fails here until they say so.
func TestSettingsTables(t *testing.T) {
	want := settingsTable()
	for _, f := range []string{"../../README.md", "../../templates/index.md.tmpl"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks the settings table; replace its table with:\n\n%s", f, want)
		}
	}
}
