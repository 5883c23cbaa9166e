// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

// planFails runs a plan-only step that must fail with want, and checks that
// the org saw no write.
func planFails(t *testing.T, org *testOrg, config string, want *regexp.Regexp) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:      config,
			PlanOnly:    true,
			ExpectError: want,
		}},
	})
	if n := org.Count(fakeokta.RouteCreateAppGrant) + org.Count(fakeokta.RouteRevokeAppGrant); n != 0 {
		t.Fatalf("a plan that fails sent %d writes to the org", n)
	}
}

func wrongTokenProvider(o *testOrg) string {
	return strings.Replace(o.providerBlock(), o.token, "not-the-token", 1)
}

func TestAccAppGrants_planFailsWhereApplyWould(t *testing.T) {
	t.Run("held scope", func(t *testing.T) {
		org := newTestOrg(t)
		appID := org.addApp(t, "held")
		if _, err := org.GrantAppScope(appID, "okta.users.read"); err != nil {
			t.Fatal(err)
		}
		planFails(t, org, appGrantsConfig(org, appID, "okta.users.read", "okta.groups.read"), regexp.MustCompile(
			`(?s)Scope already granted.*scope_ids.*already holds okta.users.read.*import \{\s+to = okta_app_grants.<name>\s+id = "`+appID+`"`))
	})
	t.Run("other scope held", func(t *testing.T) {
		org := newTestOrg(t)
		appID := org.addApp(t, "held elsewhere")
		if _, err := org.GrantAppScope(appID, "okta.apps.manage"); err != nil {
			t.Fatal(err)
		}
		planFails(t, org, appGrantsConfig(org, appID, "okta.users.read"), regexp.MustCompile(
			`(?s)App already holds grants.*app_id.*okta.apps.manage.*terraform import okta_app_grants.<name> `+appID))
	})
	t.Run("missing app", func(t *testing.T) {
		org := newTestOrg(t)
		planFails(t, org, appGrantsConfig(org, "0oanothere0000000001", "okta.users.read"), regexp.MustCompile(
			`(?s)App not found.*app_id.*Okta has no app 0oanothere0000000001`))
	})
	t.Run("refused token", func(t *testing.T) {
		org := newTestOrg(t)
		appID := org.addApp(t, "401")
		planFails(t, org, wrongTokenProvider(org)+appGrantsBlock(appID, "okta.users.read"), regexp.MustCompile(
			`(?s)401 Unauthorized.*E0000011.*Invalid token provided.*OKTA_API_TOKEN`))
	})
}

func TestAccAppGrant_planFailsWhereApplyWould(t *testing.T) {
	t.Run("held scope", func(t *testing.T) {
		org := newTestOrg(t)
		appID := org.addApp(t, "held")
		g, err := org.GrantAppScope(appID, "okta.users.read")
		if err != nil {
			t.Fatal(err)
		}
		planFails(t, org, appGrantConfig(org, appID, "okta.users.read"), regexp.MustCompile(
			`(?s)Scope already granted.*scope_id.*already holds scope okta.users.read.*import \{.*id = "`+appID+"/"+g.ID+`"`))
	})
	t.Run("missing app", func(t *testing.T) {
		org := newTestOrg(t)
		planFails(t, org, appGrantConfig(org, "0oanothere0000000001", "okta.users.read"), regexp.MustCompile(
			`(?s)App not found.*app_id.*Okta has no app 0oanothere0000000001`))
	})
	t.Run("refused token", func(t *testing.T) {
		org := newTestOrg(t)
		appID := org.addApp(t, "401")
		config := strings.Replace(appGrantConfig(org, appID, "okta.users.read"), org.token, "not-the-token", 1)
		planFails(t, org, config, regexp.MustCompile(`(?s)401 Unauthorized.*E0000011.*Invalid token provided.*OKTA_API_TOKEN`))
	})
}

// An app managed by okta_app_grants and okta_app_grant in one
// configuration fails the plan instead of flapping on every apply.
func TestAccAppGrants_mixingFailsThePlan(t *testing.T) {
	org := newTestOrg(t)
	appID, other := org.addApp(t, "mixed"), org.addApp(t, "not mixed")
	config := appGrantsConfig(org, appID, "okta.users.read") + fmt.Sprintf(`
resource "okta_app_grant" "extra" {
  app_id   = %q
  scope_id = "okta.groups.read"
}
resource "okta_app_grant" "other_app" {
  app_id   = %q
  scope_id = "okta.groups.read"
}
`, appID, other)
	planFails(t, org, config, regexp.MustCompile(
		`(?s)App managed by okta_app_grants and okta_app_grant.*`+appID+`.*okta_app_grants resource\s+\(scope_ids:\s+okta.users.read\).*okta_app_grant\s+resources\s+\(scope_id:\s+okta.groups.read\)`))
}
