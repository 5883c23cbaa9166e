// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

// appWithGrants is an app holding scopes granted in the console.
func appWithGrants(t *testing.T, org *testOrg, scopes ...string) (string, []fakeokta.Grant) {
	t.Helper()
	appID := org.addApp(t, "held")
	var grants []fakeokta.Grant
	for _, s := range scopes {
		g, err := org.GrantAppScope(appID, s)
		if err != nil {
			t.Fatal(err)
		}
		grants = append(grants, g)
	}
	return appID, grants
}

func TestAccAppGrantsDataSource(t *testing.T) {
	org := newTestOrg(t)
	appID, grants := appWithGrants(t, org, "okta.users.read", "okta.groups.manage", "okta.logs.read")
	empty := org.addApp(t, "empty")
	resource.ParallelTest(t, accCase(
		resource.TestStep{
			Config: org.providerBlock() + fmt.Sprintf(`
data "okta_app_grants" "test" {
  app_id = %q
}
data "okta_app_grants" "expanded" {
  app_id       = %[1]q
  expand_scope = true
}
data "okta_app_grants" "empty" {
  app_id = %[2]q
}`, appID, empty),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.okta_app_grants.test", tfjsonpath.New("grants"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue("data.okta_app_grants.test", tfjsonpath.New("grants").AtSliceIndex(1), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"id":        knownvalue.StringExact(grants[1].ID),
					"scope_id":  knownvalue.StringExact("okta.groups.manage"),
					"client_id": knownvalue.StringExact(appID),
					"issuer":    knownvalue.StringExact(org.URL),
					"source":    knownvalue.StringExact("ADMIN"),
					"user_id":   knownvalue.Null(),
					"scope":     knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue("data.okta_app_grants.expanded", tfjsonpath.New("grants").AtSliceIndex(0).AtMapKey("scope").AtMapKey("id"), knownvalue.StringExact("okta.users.read")),
				statecheck.ExpectKnownValue("data.okta_app_grants.empty", tfjsonpath.New("grants"), knownvalue.ListExact([]knownvalue.Check{})),
				expectGrantIDs(org, "data.okta_app_grants.test", func(g fakeokta.Grant) bool { return g.ClientID == appID && g.UserID == "" }),
			},
		},
		failingStep(org.providerBlock()+`
data "okta_app_grants" "test" {
  app_id = "0oanosuchapp00000000"
}`, `(?s)App not found.*0oanosuchapp00000000.*E0000007`),
	))
}

func TestAccAppGrantDataSource(t *testing.T) {
	org := newTestOrg(t)
	appID, grants := appWithGrants(t, org, "okta.users.read")
	appGrantData := func(grantID string) string {
		return org.providerBlock() + fmt.Sprintf(`
data "okta_app_grant" "test" {
  app_id   = %q
  grant_id = %q
}`, appID, grantID)
	}
	resource.ParallelTest(t, accCase(
		resource.TestStep{
			Config: appGrantData(grants[0].ID),
			ConfigStateChecks: expectAttributes("data.okta_app_grant.test", map[string]knownvalue.Check{
				"id":       knownvalue.StringExact(grants[0].ID),
				"scope_id": knownvalue.StringExact("okta.users.read"),
				"status":   knownvalue.StringExact("ACTIVE"),
				"created":  knownvalue.StringExact(grants[0].Created.Format(timestampLayout)),
				"scope":    knownvalue.Null(),
			}),
		},
		failingStep(appGrantData("oagnosuchgrant000000"), `(?s)Grant not found.*oagnosuchgrant000000`),
	))
}
