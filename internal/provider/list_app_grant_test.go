// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/tfcli"
)

// needsQuery skips a test of list resources on a CLI without terraform query.
var needsQuery = []tfversion.TerraformVersionCheck{
	tfversion.SkipBelow(tfversion.Version1_14_0),
	tfcli.SkipOnOpenTofu("list resources and terraform query"),
}

// grantedOrg is an org whose apps hold grants made before Terraform: app
// i of n holds the first i+1 of scopes.
func grantedOrg(t *testing.T, n int, scopes ...string) (*testOrg, []string) {
	t.Helper()
	org := newTestOrg(t)
	var apps []string
	for i := range n {
		app := org.addApp(t, fmt.Sprintf("Service %02d", i))
		for _, s := range scopes[:min(i+1, len(scopes))] {
			if _, err := org.GrantAppScope(app, s); err != nil {
				t.Fatal(err)
			}
		}
		apps = append(apps, app)
	}
	return org, apps
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
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: org.providerBlock()},
			{
				Query: true,
				// The query files go beside the .tf files of the step before,
				// which configure the provider.
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
			},
		},
	})
}

func TestAccAppGrantList_missingApp(t *testing.T) {
	org := newTestOrg(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: org.providerBlock()},
			{
				Query: true,
				Config: `
list "okta_app_grant" "gone" {
  provider = okta
  config {
    app_id = "0oanothere0000000001"
  }
}
`,
				ExpectError: regexp.MustCompile(`App not found(.|\n)*0oanothere0000000001`),
			},
		},
	})
}

// TestAccAppGrantList_generatedConfigImportsClean adopts an org the way the
// README says: terraform query -generate-config-out, then plan.
func TestAccAppGrantList_generatedConfigImportsClean(t *testing.T) {
	t.Parallel()
	org, apps := grantedOrg(t, 20, "okta.users.read", "okta.logs.read", "okta.apps.read")
	w := newCLIWorkdir(t, map[string]func() tfprotov6.ProviderServer{thisProvider: providerserver.NewProtocol6(New("test")())})
	skipWithout(t, w, needsQuery)
	w.writeFile("main.tf", org.providerBlock()+`
terraform {
  required_providers {
    okta = { source = "oktagrants/okta" }
  }
}
`)
	w.writeFile("grants.tfquery.hcl", `
list "okta_app_grant" "all" {
  provider         = okta
  include_resource = true
}
`)
	w.init()
	org.ResetTraffic()
	w.run("query", "-generate-config-out=generated.tf")
	if lists, grantLists := org.Count(fakeokta.RouteListApps), org.Count(fakeokta.RouteListAppGrants); lists != 1 || grantLists != len(apps) {
		t.Fatalf("querying %d apps cost %d app lists and %d grant lists, want 1 and %d", len(apps), lists, grantLists, len(apps))
	}
	out := w.run("plan", "-no-color")
	want := "Plan: 57 to import, 0 to add, 0 to change, 0 to destroy."
	if !strings.Contains(out, want) {
		t.Fatalf("the plan of the generated configuration is not %q:\n%s", want, out)
	}
	w.run("apply", "-auto-approve")
	for i, app := range apps {
		want := []string{"okta.users.read", "okta.logs.read", "okta.apps.read"}[:min(i+1, 3)]
		if err := org.appScopesAre(app, want...); err != nil {
			t.Fatal(err)
		}
	}
	if changes := w.run("plan", "-detailed-exitcode", "-no-color"); !strings.Contains(changes, "No changes.") {
		t.Fatalf("after the import the plan is not empty:\n%s", changes)
	}
}
