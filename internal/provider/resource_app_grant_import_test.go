// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// importIDOf is the import ID of okta_app_grant.test in state: its app
// and its attribute attr, scope_id or id.
func importIDOf(appID, attr string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[grantResource]
		if !ok {
			return "", fmt.Errorf("%s not in state", grantResource)
		}
		return appID + "/" + rs.Primary.Attributes[attr], nil
	}
}

// Both forms of import ID, <app_id>/<scope_id> and <app_id>/<grant_id>,
// import the grant as it is in state.
func TestAccAppGrant_importByScope(t *testing.T) {
	org, appID := newOrgWithApp(t, "import")
	steps := []resource.TestStep{{Config: appGrantConfig(org, appID, "okta.users.read")}}
	for _, attr := range []string{"scope_id", "id"} {
		steps = append(steps, resource.TestStep{
			ResourceName:      grantResource,
			ImportState:       true,
			ImportStateIdFunc: importIDOf(appID, attr),
			ImportStateVerify: true,
		})
	}
	resource.ParallelTest(t, org.appCase(appID, steps...))
}

func TestAccAppGrant_importBlock(t *testing.T) {
	org, appID := newOrgWithApp(t, "import-block")
	resource.ParallelTest(t, org.appCase(appID,
		resource.TestStep{Config: appGrantConfig(org, appID, "okta.users.read")},
		resource.TestStep{
			ResourceName:      grantResource,
			ImportState:       true,
			ImportStateKind:   resource.ImportBlockWithID,
			ImportStateIdFunc: importIDOf(appID, "scope_id"),
		},
	))
}

// A grant made in the Okta console is adopted by an import block and
// `terraform plan -generate-config-out`, whose output plans clean.
func TestAccAppGrant_importGeneratesConfig(t *testing.T) {
	org := newTestOrg(t)
	appID, grants := appWithGrants(t, org, "okta.logs.read")
	resource.ParallelTest(t, accCase(resource.TestStep{
		ResourceName:    grantResource,
		ImportState:     true,
		ImportStateId:   appID + "/okta.logs.read",
		ImportStateKind: resource.ImportBlockWithID,
		GenerateConfig:  true,
		Config: org.providerBlock() + fmt.Sprintf(`
import {
  to = okta_app_grant.test
  id = "%s/okta.logs.read"
}
`, appID),
		ImportStateConfigExact: true,
		ImportPlanChecks: resource.ImportPlanChecks{
			PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(grantResource, plancheck.ResourceActionNoop),
				plancheck.ExpectKnownValue(grantResource, tfjsonpath.New("id"), knownvalue.StringExact(grants[0].ID)),
				plancheck.ExpectKnownValue(grantResource, tfjsonpath.New("issuer"), knownvalue.StringExact(org.URL)),
			},
		},
	}))
	// Importing read the grant and changed nothing.
	org.requireScopes(t, appID, "okta.logs.read")
}

func TestAccAppGrant_badImportID(t *testing.T) {
	org := newTestOrg(t)
	appID, grants := appWithGrants(t, org, "okta.logs.read")
	revoked := grants[0]
	if err := org.MarkRevoked(revoked.ID); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		id   string
		want *regexp.Regexp
	}{
		"no slash":      {"nonsense", regexp.MustCompile(`(?s)Invalid import ID.*<app_id>/<scope_id>.*<app_id>/<grant_id>`)},
		"three parts":   {appID + "/okta.users.read/x", regexp.MustCompile(`(?s)Invalid import ID.*<app_id>/<scope_id>`)},
		"dot segment":   {"../okta.users.read", regexp.MustCompile(`(?s)Invalid import ID`)},
		"unknown scope": {appID + "/okta.nothing.read", regexp.MustCompile(`(?s)Grant not found.*holds no grant.*okta.nothing.read`)},
		"unknown app":   {"0oanosuchapp00000000/okta.users.read", regexp.MustCompile(`(?s)App not found.*0oanosuchapp00000000`)},
		"revoked grant": {appID + "/" + revoked.ID, regexp.MustCompile(`(?s)Grant not found.*holds no grant`)},
		"revoked scope": {appID + "/okta.logs.read", regexp.MustCompile(`(?s)Grant not found.*holds no grant`)},
	} {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, accCase(resource.TestStep{
				Config:        appGrantConfig(org, appID, "okta.users.read"),
				ResourceName:  grantResource,
				ImportState:   true,
				ImportStateId: tc.id,
				ExpectError:   tc.want,
			}))
		})
	}
}
