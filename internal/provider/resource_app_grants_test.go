// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

const grantsResource = "okta_app_grants.test"

func appGrantsConfig(o *testOrg, appID string, scopes ...string) string {
	return o.providerBlock() + appGrantsBlock(appID, scopes...)
}

func appGrantsBlock(appID string, scopes ...string) string {
	return fmt.Sprintf(`
resource "okta_app_grants" "test" {
  app_id    = %q
  scope_ids = [%s]
}
`, appID, quoteAll(scopes))
}

func scopeSet(scopes ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(scopes))
	for i, s := range scopes {
		checks[i] = knownvalue.StringExact(s)
	}
	return knownvalue.SetExact(checks)
}

// writes checks that the org saw exactly these grants and revokes since
// its traffic was last reset.
func (o *testOrg) writes(grants, revokes int) statecheck.StateCheck {
	return orgCheck(func() error {
		if g, r := o.Count(fakeokta.RouteCreateAppGrant), o.Count(fakeokta.RouteRevokeAppGrant); g != grants || r != revokes {
			return fmt.Errorf("the org saw %d grants and %d revokes, want %d and %d", g, r, grants, revokes)
		}
		return nil
	})
}

func TestAccAppGrants_lifecycle(t *testing.T) {
	org, appID := newOrgWithApp(t, "set")
	resource.ParallelTest(t, org.appCase(appID,
		resource.TestStep{
			Config: appGrantsConfig(org, appID, "okta.users.read", "okta.groups.read"),
			ConfigPlanChecks: preApply(
				plancheck.ExpectResourceAction(grantsResource, plancheck.ResourceActionCreate),
				plancheck.ExpectKnownValue(grantsResource, tfjsonpath.New("id"), knownvalue.StringExact(appID)),
				plancheck.ExpectKnownValue(grantsResource, tfjsonpath.New("issuer"), knownvalue.StringExact(org.URL)),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(grantsResource, tfjsonpath.New("scope_ids"), scopeSet("okta.users.read", "okta.groups.read")),
				statecheck.ExpectKnownValue(grantsResource, tfjsonpath.New("grant_ids").AtMapKey("okta.users.read"),
					knownvalue.StringRegexp(regexp.MustCompile(`^oag\w{17}$`))),
				stateCheck(func(s *tfjson.State) error { return grantSetMatchesOrg(s, grantsResource, org, appID) }),
				org.checkAppScopes(appID, "okta.users.read", "okta.groups.read"),
			},
		},
		resource.TestStep{
			// Adding one scope grants that scope and touches nothing else.
			PreConfig: org.ResetTraffic,
			Config:    appGrantsConfig(org, appID, "okta.users.read", "okta.groups.read", "okta.logs.read"),
			ConfigPlanChecks: preApply(
				plancheck.ExpectResourceAction(grantsResource, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(grantsResource, tfjsonpath.New("grant_ids").AtMapKey("okta.logs.read")),
				plancheck.ExpectKnownValue(grantsResource, tfjsonpath.New("grant_ids").AtMapKey("okta.users.read"),
					knownvalue.StringRegexp(regexp.MustCompile(`^oag`))),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				org.writes(1, 0),
				org.checkAppScopes(appID, "okta.users.read", "okta.groups.read", "okta.logs.read"),
			},
		},
		resource.TestStep{
			PreConfig:        org.ResetTraffic,
			Config:           appGrantsConfig(org, appID, "okta.users.read", "okta.logs.read"),
			ConfigPlanChecks: preApply(plancheck.ExpectResourceAction(grantsResource, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				org.writes(0, 1),
				org.checkAppScopes(appID, "okta.users.read", "okta.logs.read"),
			},
		},
		resource.TestStep{
			// A scope granted in the console shows in the plan and is revoked.
			PreConfig: func() {
				if _, err := org.GrantAppScope(appID, "okta.apps.manage"); err != nil {
					t.Fatal(err)
				}
				org.ResetTraffic()
			},
			Config: appGrantsConfig(org, appID, "okta.users.read", "okta.logs.read"),
			ConfigPlanChecks: preApply(
				plancheck.ExpectResourceAction(grantsResource, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(grantsResource, tfjsonpath.New("scope_ids"), scopeSet("okta.users.read", "okta.logs.read")),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				org.writes(0, 1),
				org.checkAppScopes(appID, "okta.users.read", "okta.logs.read"),
			},
		},
		resource.TestStep{
			// A scope revoked in the console is granted again.
			PreConfig: func() {
				for _, g := range org.AppGrants(appID) {
					if g.ScopeID == "okta.logs.read" && g.Status == "ACTIVE" {
						if err := org.RevokeGrant(g.ID); err != nil {
							t.Fatal(err)
						}
					}
				}
				org.ResetTraffic()
			},
			Config: appGrantsConfig(org, appID, "okta.users.read", "okta.logs.read"),
			ConfigPlanChecks: preApply(
				plancheck.ExpectResourceAction(grantsResource, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(grantsResource, tfjsonpath.New("grant_ids").AtMapKey("okta.logs.read")),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				org.writes(1, 0),
				org.checkAppScopes(appID, "okta.users.read", "okta.logs.read"),
			},
		},
		plansClean(appGrantsConfig(org, appID, "okta.users.read", "okta.logs.read")),
		resource.TestStep{
			ResourceName:      grantsResource,
			ImportState:       true,
			ImportStateId:     appID,
			ImportStateVerify: true,
		},
	))
}

// Grants that spell the issuer differently give a new state the oldest
// grant's issuer, every time: not whichever a map yields first.
func TestHeldIssuer(t *testing.T) {
	const orgURL = "https://acme.okta.com"
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	held := map[string]okta.Grant{
		"okta.users.read":    {ID: "oag3", Created: at.Add(time.Minute), Issuer: orgURL + "/"},
		"okta.groups.manage": {ID: "oag2", Created: at, Issuer: "HTTPS://ACME.okta.com"},
		"okta.logs.read":     {ID: "oag1", Created: at},
		"okta.apps.read":     {ID: "oag4", Created: at.Add(time.Hour), Issuer: orgURL},
	}
	for range 50 {
		if got := heldIssuer(orgURL, held); got != "HTTPS://ACME.okta.com" {
			t.Fatalf("heldIssuer = %q, want the issuer of oag2, the oldest grant naming one", got)
		}
	}
	if got := heldIssuer(orgURL, map[string]okta.Grant{"okta.logs.read": {ID: "oag1"}}); got != orgURL {
		t.Errorf("heldIssuer of grants naming no issuer = %q, want the org URL", got)
	}
}
