// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// A service app without the Super Administrator role may read grants, so
// the plan passes (the plan-time checks only read); the apply fails on
// every grant with the role named and where to assign it, and nothing is
// granted or left in the state.
func TestAccAppGrants_withoutSuperAdminGrantsNothing(t *testing.T) {
	org := newTestOrg(t)
	app := org.addServiceApp(t, "ec", true, "okta.appGrants.manage", "okta.appGrants.read", "okta.users.read")
	org.SetSuperAdmin(app.clientID, false)
	target := org.addApp(t, "target")
	config := app.providerBlock(app.pkcs8PEM(t), "") + appGrantsBlock(target, "okta.users.read", "okta.logs.read", "okta.apps.read")
	resource.ParallelTest(t, org.appCase(target,
		// The plan succeeds: nothing it reads tells the role.
		resource.TestStep{Config: config, PlanOnly: true, ExpectNonEmptyPlan: true},
		resource.TestStep{Config: config, ExpectError: regexp.MustCompile(
			`(?s)403 Forbidden.*E0000006.*Super Administrator.*` + regexp.QuoteMeta(app.clientID) + `.*Security > Administrators`)},
	))
	org.requireScopes(t, target)
}
