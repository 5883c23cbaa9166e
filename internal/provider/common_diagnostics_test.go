// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// What the client learned about a refused call reaches the user: the
// WWW-Authenticate challenge Okta sends OAuth access tokens instead of a
// body, and the client's hint, in place of the provider's own.
func TestOktaErrorDetail_authChallengeAndHint(t *testing.T) {
	for _, tc := range []struct {
		name      string
		err       *okta.APIError
		want, not []string
	}{
		{
			name: "DPoP proof refused, empty body",
			err: &okta.APIError{StatusCode: 400, Method: "GET", Path: "/api/v1/apps/0oa1/grants", RequestID: "req1",
				AuthError: "invalid_dpop_proof", AuthErrorDescription: "The DPoP proof JWT is expired."},
			want: []string{"auth error: invalid_dpop_proof", "description: The DPoP proof JWT is expired.", "request ID: req1"},
		},
		{
			name: "service app lacks a scope",
			err: &okta.APIError{StatusCode: 403, Method: "POST", Path: "/api/v1/apps/0oa1/grants",
				AuthError: "insufficient_scope", AuthErrorDescription: "The access token provided does not contain the required scopes.",
				MissingScope: "okta.appGrants.manage", Hint: `Grant scope okta.appGrants.manage to service app "0oa2" (Admin Console: ...)`},
			want: []string{"missing scope: okta.appGrants.manage", `Grant scope okta.appGrants.manage to service app "0oa2" (Admin Console: ...).`},
			not:  []string{"request a new access token", "auth error:", "description:"},
		},
		{
			name: "service app lacks a role",
			err:  &okta.APIError{StatusCode: 403, Method: "POST", Path: "/api/v1/apps/0oa1/grants", ErrorCode: "E0000006", Hint: "Service app may lack an admin role."},
			want: []string{"errorCode: E0000006", "Service app may lack an admin role."},
			not:  []string{"an API token acts with its admin's roles"},
		},
		{
			name: "static token, no client hint",
			err:  &okta.APIError{StatusCode: 401, Method: "GET", Path: "/api/v1/apps/0oa1/grants", AuthError: "invalid_token"},
			want: []string{"auth error: invalid_token", "check that api_token"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			detail := oktaErrorDetail(tc.err)
			words := strings.ToLower(strings.Join(strings.Fields(detail), " ")) // rows are aligned
			for _, w := range tc.want {
				if !strings.Contains(words, strings.ToLower(w)) {
					t.Errorf("lacks %q:\n%s", w, detail)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(detail, n) {
					t.Errorf("has %q:\n%s", n, detail)
				}
			}
		})
	}
}

// A service app that may read grants but not make them is told how to get
// the scope it lacks.
func TestAccProvider_serviceAppMissingScopeHint(t *testing.T) {
	org := newTestOrg(t)
	app := org.addServiceApp(t, "ec", false, "okta.appGrants.read")
	target := org.addApp(t, "target")
	resource.ParallelTest(t, failingCase(app.providerBlock(app.pkcs8PEM(t), "")+grantConfig(target, "okta.users.read"),
		`(?s)missing scope:\s+okta.appGrants.manage.*Grant scope okta.appGrants.manage to service\s+app "`+app.clientID+`"`))
}

func TestScopeSuggestion(t *testing.T) {
	for scope, want := range map[string]string{
		"okta.user.read":       "Did you mean okta.users.read?",
		"okta.appGrant.manage": "Did you mean okta.appGrants.manage?",
		"okta.users.raed":      "Did you mean okta.users.read?",
		"okta.users.read":      "",
		"okta.unicorns.read":   "",
		"orders:read":          "",
	} {
		got := scopeSuggestion(scope)
		if want == "" && got != "" || !strings.HasPrefix(got, want) {
			t.Errorf("scopeSuggestion(%q) = %q, want %q", scope, got, want)
		}
	}
}

func TestAccAppGrant_scopeTypoSuggestsTheScope(t *testing.T) {
	org, appID := newOrgWithApp(t, "scope-typo")
	// Okta's own error stays; the suggestion follows it.
	resource.ParallelTest(t, failingCase(appGrantConfig(org, appID, "okta.user.read"),
		`(?s)Could not grant okta.user.read.*scope_id = "okta.user.read".*E0000001.*cause:\s+scopeId: .*Did you mean\s+okta.users.read\?`))
	org.requireScopes(t, appID)
}
