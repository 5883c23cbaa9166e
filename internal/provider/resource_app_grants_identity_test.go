// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccAppGrants_identity(t *testing.T) {
	org, appID := newOrgWithApp(t, "set identity")
	resource.ParallelTest(t, gated(needsIdentity, org.appCase(appID,
		resource.TestStep{
			Config: appGrantsConfig(org, appID, "okta.users.read", "okta.logs.read"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(grantsResource, map[string]knownvalue.Check{"app_id": knownvalue.StringExact(appID)}),
			},
		},
		importsByIdentity(grantsResource),
	)))
}

// Grants made elsewhere are adopted by an import block by identity: the
// plan imports them and revokes the one scope_ids leaves out.
func TestAccAppGrants_importByIdentityRevokesWhatIsNotListed(t *testing.T) {
	org := newTestOrg(t)
	appID, _ := appWithGrants(t, org, "okta.logs.read", "okta.apps.manage")
	resource.ParallelTest(t, gated(needsIdentity, org.appCase(appID, resource.TestStep{
		Config: appGrantsConfig(org, appID, "okta.logs.read") + identityImport(grantsResource, fmt.Sprintf(`{ app_id = %q }`, appID)),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectIdentity(grantsResource, map[string]knownvalue.Check{"app_id": knownvalue.StringExact(appID)}),
			org.checkAppScopes(appID, "okta.logs.read"),
		},
	})))
}

func TestAccAppGrantsList_oneResultPerApp(t *testing.T) {
	org, apps := grantedOrg(t, 3, "okta.users.read", "okta.logs.read")
	empty := org.addApp(t, "No grants")
	resource.ParallelTest(t, queryCase(org, resource.TestStep{
		Config: fmt.Sprintf(`
list "okta_app_grants" "org" {
  provider         = okta
  include_resource = true
}

list "okta_app_grants" "empty" {
  provider = okta
  config {
    app_id = %q
  }
}
`, empty),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("okta_app_grants.org", 3),
			querycheck.ExpectIdentity("okta_app_grants.org", map[string]knownvalue.Check{
				"app_id": knownvalue.StringExact(apps[1]),
			}),
			querycheck.ExpectResourceKnownValues("okta_app_grants.org",
				queryfilter.ByDisplayName(knownvalue.StringExact("Service 02")),
				[]querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("app_id"), KnownValue: knownvalue.StringExact(apps[2])},
					{Path: tfjsonpath.New("scope_ids"), KnownValue: scopeSet("okta.users.read", "okta.logs.read")},
					{Path: tfjsonpath.New("issuer"), KnownValue: knownvalue.StringExact(org.URL)},
				}),
			querycheck.ExpectLength("okta_app_grants.empty", 0),
		},
	}))
}
