// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const grantResource = "okta_app_grant.test"

// grantConfig declares okta_app_grant.test; appGrantConfig adds the
// provider block of the org.
func grantConfig(appID, scope string) string {
	return issuerGrantConfig(appID, scope, "")
}

// issuerGrantConfig declares okta_app_grant.test with issuer set, unless
// it is "".
func issuerGrantConfig(appID, scope, issuer string) string {
	var issuerLine string
	if issuer != "" {
		issuerLine = fmt.Sprintf("  issuer   = %q\n", issuer)
	}
	return fmt.Sprintf(`
resource "okta_app_grant" "test" {
  app_id   = %q
  scope_id = %q
%s}
`, appID, scope, issuerLine)
}

func appGrantConfig(o *testOrg, appID, scope string) string {
	return o.providerBlock() + grantConfig(appID, scope)
}

func TestAccAppGrant_basic(t *testing.T) {
	org, appID := newOrgWithApp(t, "basic")
	resource.ParallelTest(t, org.appCase(appID,
		resource.TestStep{
			Config: appGrantConfig(org, appID, "okta.users.read"),
			ConfigPlanChecks: preApply(
				plancheck.ExpectResourceAction(grantResource, plancheck.ResourceActionCreate),
				plancheck.ExpectKnownValue(grantResource, tfjsonpath.New("issuer"), knownvalue.StringExact(org.URL)),
			),
			ConfigStateChecks: append(expectAttributes(grantResource, map[string]knownvalue.Check{
				"id":        knownvalue.StringRegexp(regexp.MustCompile(`^oag\w{17}$`)),
				"app_id":    knownvalue.StringExact(appID),
				"scope_id":  knownvalue.StringExact("okta.users.read"),
				"issuer":    knownvalue.StringExact(org.URL),
				"status":    knownvalue.StringExact("ACTIVE"),
				"source":    knownvalue.StringExact("ADMIN"),
				"client_id": knownvalue.StringExact(appID),
				"created":   knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)),
				"created_by": knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"type": knownvalue.StringExact("User"),
					"id":   knownvalue.StringRegexp(regexp.MustCompile(`^00u`)),
				}),
			}),
				org.checkAppScopes(appID, "okta.users.read"),
				org.checkStateMatchesOrg(grantResource, appID, "okta.users.read"),
			),
		},
		// Refreshing changes nothing: no perpetual diff.
		plansClean(appGrantConfig(org, appID, "okta.users.read")),
	))
}

func TestAccAppGrant_replaceOnScopeChange(t *testing.T) {
	org, appID := newOrgWithApp(t, "replace")
	sameID := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, org.appCase(appID,
		resource.TestStep{
			Config:            appGrantConfig(org, appID, "okta.users.read"),
			ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(grantResource, tfjsonpath.New("id"))},
		},
		resource.TestStep{
			Config:           appGrantConfig(org, appID, "okta.groups.read"),
			ConfigPlanChecks: preApply(plancheck.ExpectResourceAction(grantResource, plancheck.ResourceActionDestroyBeforeCreate)),
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(grantResource, tfjsonpath.New("id")),
				statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("scope_id"), knownvalue.StringExact("okta.groups.read")),
				org.checkAppScopes(appID, "okta.groups.read"),
				org.checkStateMatchesOrg(grantResource, appID, "okta.groups.read"),
			},
		},
	))
}

func TestAccAppGrant_replaceOnAppChange(t *testing.T) {
	org := newTestOrg(t)
	first, second := org.addApp(t, "first"), org.addApp(t, "second")
	tc := accCase(
		resource.TestStep{Config: appGrantConfig(org, first, "okta.users.read")},
		resource.TestStep{
			Config:            appGrantConfig(org, second, "okta.users.read"),
			ConfigPlanChecks:  preApply(plancheck.ExpectResourceAction(grantResource, plancheck.ResourceActionDestroyBeforeCreate)),
			ConfigStateChecks: []statecheck.StateCheck{org.checkAppScopes(first), org.checkAppScopes(second, "okta.users.read")},
		},
	)
	tc.CheckDestroy = org.checkDestroyed(first, second)
	resource.ParallelTest(t, tc)
}

func TestAccAppGrant_explicitIssuer(t *testing.T) {
	org, appID := newOrgWithApp(t, "explicit-issuer")
	resource.ParallelTest(t, org.appCase(appID,
		resource.TestStep{
			Config:            org.providerBlock() + issuerGrantConfig(appID, "okta.users.read", org.URL),
			ConfigStateChecks: []statecheck.StateCheck{org.checkAppScopes(appID, "okta.users.read")},
		},
		// Removing the explicit issuer keeps the grant.
		plansClean(appGrantConfig(org, appID, "okta.users.read")),
	))
}

// Other spellings of the org URL name the same issuer: no inconsistent
// result, no replacement, no request. Another server replaces the grant.
func TestAccAppGrant_issuerSpellings(t *testing.T) {
	org, appID := newOrgWithApp(t, "issuer-spellings")
	withIssuer := func(issuer string) string {
		return org.providerBlock() + issuerGrantConfig(appID, "okta.users.read", issuer)
	}
	sameGrant := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, org.appCase(appID,
		resource.TestStep{
			Config: withIssuer(org.URL + "/"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("issuer"), knownvalue.StringExact(org.URL+"/")),
				sameGrant.AddStateValue(grantResource, tfjsonpath.New("id")),
				org.checkAppScopes(appID, "okta.users.read"),
			},
		},
		resource.TestStep{
			// Another spelling is recorded, not granted again.
			PreConfig:        org.ResetTraffic,
			Config:           withIssuer(strings.Replace(org.URL, "http://", "HTTP://", 1)),
			ConfigPlanChecks: preApply(plancheck.ExpectResourceAction(grantResource, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				sameGrant.AddStateValue(grantResource, tfjsonpath.New("id")),
				org.writes(0, 0),
			},
		},
		plansClean(appGrantConfig(org, appID, "okta.users.read")),
		resource.TestStep{
			Config:             withIssuer("https://other.okta.com"),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(grantResource, plancheck.ResourceActionDestroyBeforeCreate)},
			},
		},
	))
}

// app_id comes from a resource created in the same apply: unknown at plan
// time, it still plans, applies and re-plans clean.
func TestAccAppGrant_appIDKnownOnlyAtApply(t *testing.T) {
	org, appID := newOrgWithApp(t, "unknown-at-plan")
	config := org.providerBlock() + fmt.Sprintf(`
resource "terraform_data" "app" {
  input = %q
}
resource "okta_app_grant" "test" {
  app_id   = terraform_data.app.output
  scope_id = "okta.users.read"
}
`, appID)
	resource.ParallelTest(t, org.appCase(appID, resource.TestStep{
		Config: config,
		ConfigPlanChecks: preApply(
			plancheck.ExpectUnknownValue(grantResource, tfjsonpath.New("app_id")),
			plancheck.ExpectKnownValue(grantResource, tfjsonpath.New("issuer"), knownvalue.StringExact(org.URL)),
		),
		ConfigStateChecks: []statecheck.StateCheck{org.checkAppScopes(appID, "okta.users.read")},
	}))
}

// As TestAccAppGrants_unknownIssuerReplaces, for okta_app_grant.
func TestAccAppGrant_unknownIssuerReplaces(t *testing.T) {
	org, appID := newOrgWithApp(t, "unknown issuer")
	unknownIssuerReplaces(t, org, appID, grantResource, grantConfig(appID, "okta.users.read"), "scope_id")
}
