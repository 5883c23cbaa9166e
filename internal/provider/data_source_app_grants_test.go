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

// okta_app_grants beside a resource of the same app costs no more list
// requests than okta_app_grant, which reads the list the resource reads:
// the apps rate limit is about 100 requests a minute for the whole org.
func TestAccAppGrantsDataSource_sharesTheResourcesList(t *testing.T) {
	t.Parallel()
	// listsWith counts the lists of a run of the resource and the data
	// source that data declares for an app holding the grant grantID.
	listsWith := func(data func(appID, grantID string) string) int {
		org := newTestOrg(t)
		appID, held := appWithGrants(t, org, "okta.logs.read")
		resource.Test(t, accCase(resource.TestStep{
			Config: appGrantConfig(org, appID, "okta.users.read") + data(appID, held[0].ID),
		}))
		return org.Count(fakeokta.RouteListAppGrants)
	}
	one := listsWith(func(appID, grantID string) string {
		return fmt.Sprintf(`
data "okta_app_grant" "test" {
  app_id   = %q
  grant_id = %q
}`, appID, grantID)
	})
	all := listsWith(func(appID, _ string) string {
		return fmt.Sprintf(`
data "okta_app_grants" "test" {
  app_id = %q
}`, appID)
	})
	if all != one {
		t.Errorf("the app's grants were listed %d times with okta_app_grants, %d with okta_app_grant", all, one)
	}
}
