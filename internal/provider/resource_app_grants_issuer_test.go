// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
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
