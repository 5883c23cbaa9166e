// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

// grantedOrg is an org whose apps hold grants made before Terraform: app
// i of n holds the first i+1 of scopes.
func grantedOrg(t *testing.T, n int, scopes ...string) (*testOrg, []string) {
	t.Helper()
	return grantedOrgAmong(t, n, 0, scopes...)
}

// nonOAuthModes are sign-on modes of apps that cannot hold grants.
var nonOAuthModes = []string{"SAML_2_0", "AUTO_LOGIN", "BOOKMARK", "BROWSER_PLUGIN", "WS_FEDERATION"}

// grantedOrgAmong is grantedOrg with `others` apps that cannot hold grants
// (SAML, SWA, bookmarks...) mixed in the org's listing, as in a real org.
func grantedOrgAmong(t *testing.T, n, others int, scopes ...string) (*testOrg, []string) {
	t.Helper()
	org := newTestOrg(t)
	var apps []string
	for i := range n {
		for j := range others / (n + 1) {
			org.AddApp(fakeokta.App{SignOnMode: nonOAuthModes[(i+j)%len(nonOAuthModes)]})
		}
		app := org.addApp(t, fmt.Sprintf("Service %02d", i))
		for _, s := range scopes[:min(i+1, len(scopes))] {
			if _, err := org.GrantAppScope(app, s); err != nil {
				t.Fatal(err)
			}
		}
		apps = append(apps, app)
	}
	for j := range others - n*(others/(n+1)) {
		org.AddApp(fakeokta.App{SignOnMode: nonOAuthModes[j%len(nonOAuthModes)]})
	}
	return org, apps
}

// queryCase configures the provider for the org, then runs terraform
// query with the list blocks of query, whose files go beside the .tf
// files of the step before.
func queryCase(org *testOrg, query resource.TestStep) resource.TestCase {
	query.Query = true
	return gated(needsQuery, accCase(resource.TestStep{Config: org.providerBlock()}, query))
}

func TestAccAppGrantList_oneAppAndTheWholeOrg(t *testing.T) {
	org, apps := grantedOrg(t, 3, "okta.users.read", "okta.logs.read")
	// A revoked grant is history, not something to import.
	g, err := org.GrantAppScope(apps[0], "okta.groups.read")
	if err != nil {
		t.Fatal(err)
	}
	if err := org.MarkRevoked(g.ID); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, queryCase(org, resource.TestStep{
		Config: fmt.Sprintf(`
list "okta_app_grant" "one_app" {
  provider = okta
  config {
    app_id = %q
  }
}

list "okta_app_grant" "org" {
  provider         = okta
  include_resource = true
}

list "okta_app_grant" "logs" {
  provider = okta
  config {
    scope_ids = ["okta.logs.read"]
  }
}
`, apps[1]),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("okta_app_grant.one_app", 2),
			querycheck.ExpectIdentity("okta_app_grant.one_app", map[string]knownvalue.Check{
				"app_id": knownvalue.StringExact(apps[1]), "scope_id": knownvalue.StringExact("okta.logs.read"),
			}),
			querycheck.ExpectResourceDisplayName("okta_app_grant.one_app",
				queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
					"app_id": knownvalue.StringExact(apps[1]), "scope_id": knownvalue.StringExact("okta.users.read"),
				}),
				knownvalue.StringExact("Service 01: okta.users.read")),
			querycheck.ExpectLength("okta_app_grant.org", 5),
			querycheck.ExpectResourceKnownValues("okta_app_grant.org",
				queryfilter.ByDisplayName(knownvalue.StringExact("Service 02: okta.logs.read")),
				[]querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("app_id"), KnownValue: knownvalue.StringExact(apps[2])},
					{Path: tfjsonpath.New("status"), KnownValue: knownvalue.StringExact("ACTIVE")},
					{Path: tfjsonpath.New("issuer"), KnownValue: knownvalue.StringExact(org.URL)},
				}),
			querycheck.ExpectLength("okta_app_grant.logs", 2),
		},
	}))
}

func TestAccAppGrantList_missingApp(t *testing.T) {
	org := newTestOrg(t)
	resource.ParallelTest(t, queryCase(org, failingStep(`
list "okta_app_grant" "gone" {
  provider = okta
  config {
    app_id = "0oanothere0000000001"
  }
}
`, `App not found(.|\n)*0oanothere0000000001`)))
}

// TestAccAppGrantList_generatedConfigImportsClean adopts an org the way the
// README says: terraform query -generate-config-out, then plan. The org is
// mostly apps that cannot hold grants (SAML, SWA, bookmarks): the query
// costs the pages of the app list and one grant list per OAuth app.
func TestAccAppGrantList_generatedConfigImportsClean(t *testing.T) {
	t.Parallel()
	org, apps := grantedOrgAmong(t, 20, 380, "okta.users.read", "okta.logs.read", "okta.apps.read")
	w := newProviderWorkdir(t)
	skipWithout(t, w, needsQuery)
	w.writeFile("main.tf", org.providerBlock()+requiredProviders)
	w.writeFile("grants.tfquery.hcl", `
list "okta_app_grant" "all" {
  provider         = okta
  include_resource = true
}
`)
	w.init()
	org.ResetTraffic()
	w.run("query", "-generate-config-out=generated.tf")
	// 400 apps: two pages of 200.
	if lists, grantLists := org.Count(fakeokta.RouteListApps), org.Count(fakeokta.RouteListAppGrants); lists != 2 || grantLists != len(apps) {
		t.Fatalf("querying %d OAuth apps among 400 cost %d app list pages and %d grant lists, want 2 and %d", len(apps), lists, grantLists, len(apps))
	}
	out := w.run("plan", "-no-color")
	want := "Plan: 57 to import, 0 to add, 0 to change, 0 to destroy."
	if !strings.Contains(out, want) {
		t.Fatalf("the plan of the generated configuration is not %q:\n%s", want, out)
	}
	w.run("apply", "-auto-approve")
	for i, app := range apps {
		want := []string{"okta.users.read", "okta.logs.read", "okta.apps.read"}[:min(i+1, 3)]
		org.requireScopes(t, app, want...)
	}
	if changes := w.run("plan", "-detailed-exitcode", "-no-color"); !strings.Contains(changes, "No changes.") {
		t.Fatalf("after the import the plan is not empty:\n%s", changes)
	}
}
