// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// Another spelling of the org URL changes nothing in Okta; another
// authorization server replaces the grants, and the plan of that
// replacement does not count the grants it revokes as already held.
func TestAccAppGrants_issuer(t *testing.T) {
	org, appID := newOrgWithApp(t, "set issuer")
	withIssuer := func(issuer string) string {
		return strings.Replace(appGrantsConfig(org, appID, "okta.users.read"), "scope_ids",
			fmt.Sprintf("issuer    = %q\n  scope_ids", issuer), 1)
	}
	resource.ParallelTest(t, org.appCase(appID,
		resource.TestStep{Config: withIssuer(org.URL + "/")},
		resource.TestStep{
			PreConfig: org.ResetTraffic,
			Config:    withIssuer(strings.Replace(org.URL, "http://", "HTTP://", 1)),
			ConfigStateChecks: []statecheck.StateCheck{
				org.writes(0, 0),
				org.checkAppScopes(appID, "okta.users.read"),
			},
		},
		resource.TestStep{
			Config:             withIssuer("https://other.okta.com"),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(grantsResource, plancheck.ResourceActionDestroyBeforeCreate)},
			},
		},
	))
}

// unknownIssuerConfig declares block (an okta_app_grants or okta_app_grant
// resource, "%s" standing for its issuer line) with an issuer that
// terraform_data.issuer only learns at apply whenever issuer changes.
func unknownIssuerConfig(org *testOrg, issuer, block string) string {
	return org.providerBlock() + fmt.Sprintf(`
resource "terraform_data" "issuer" {
  input = %q
}
`, issuer) + fmt.Sprintf(block, "issuer = terraform_data.issuer.output")
}

// An issuer known only at apply replaces the grants: were the plan an
// update, an issuer naming another server would turn it into a
// replacement at apply, which Terraform refuses as an inconsistent plan.
// Here Okta then refuses the other server's issuer, as it does.
func TestAccAppGrants_unknownIssuerReplaces(t *testing.T) {
	org, appID := newOrgWithApp(t, "unknown issuer")
	unknownIssuerReplaces(t, org, appID, grantsResource, appGrantsBlock(appID, "okta.users.read"), "scope_ids")
}

// unknownIssuerReplaces applies block (declaring address, with issuer
// set from terraform_data before its first attribute, before) with the
// org's issuer, then plans a replacement for another one.
func unknownIssuerReplaces(t *testing.T, org *testOrg, appID, address, block, before string) {
	t.Helper()
	config := func(issuer string) string {
		return unknownIssuerConfig(org, issuer, strings.Replace(block, before, "%s\n  "+before, 1))
	}
	resource.ParallelTest(t, org.appCase(appID,
		resource.TestStep{Config: config(org.URL)},
		resource.TestStep{
			Config:           config("https://other.okta.com"),
			ConfigPlanChecks: preApply(plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate)),
			ExpectError:      regexp.MustCompile(`must be the org authorization server`),
		},
	))
}
