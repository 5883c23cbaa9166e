// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

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
