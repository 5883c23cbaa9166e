// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestAccAppGrant_alreadyGranted(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "held")
	existing, err := org.GrantAppScope(appID, "okta.users.read")
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: appGrantConfig(org, appID, "okta.users.read"),
			ExpectError: regexp.MustCompile(`(?s)Scope already granted.*already holds scope okta.users.read.*` +
				regexp.QuoteMeta(`id = "`+appID+"/"+existing.ID+`"`) + `.*terraform import okta_app_grant.<name> ` + regexp.QuoteMeta(appID+"/"+existing.ID)),
		}},
	})
	// Nothing duplicated, nothing revoked.
	if got := org.AppGrants(appID); len(got) != 1 || got[0].ID != existing.ID {
		t.Fatalf("the org holds %+v, want only the grant made before: %s", got, existing.ID)
	}
}

func TestAccAppGrant_unknownScope(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "unknown-scope")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: appGrantConfig(org, appID, "okta.unicorns.manage"),
			// The error is put on scope_id, whose line Terraform shows.
			ExpectError: regexp.MustCompile(`(?s)Could not grant okta.unicorns.manage.*scope_id = "okta.unicorns.manage".*400 Bad Request.*errorCode:\s+E0000001.*Api validation failed: scopeId.*cause:\s+scopeId: .*okta.unicorns.manage.*errorId:\s+oae`),
		}},
	})
	if err := org.appScopesAre(appID); err != nil {
		t.Fatal(err)
	}
}

func TestAccAppGrant_wrongIssuer(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "issuer")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: org.providerBlock() + fmt.Sprintf(`
resource "okta_app_grant" "test" {
  app_id   = %q
  scope_id = "okta.users.read"
  issuer   = "https://other.okta.com"
}
`, appID),
			ExpectError: regexp.MustCompile(`(?s)issuer\s+= "https://other.okta.com".*E0000001.*Api validation failed: issuer.*cause:\s+issuer:`),
		}},
	})
	if err := org.appScopesAre(appID); err != nil {
		t.Fatal(err)
	}
}

func TestAccAppGrant_invalidAppID(t *testing.T) {
	org := newTestOrg(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:      appGrantConfig(org, "../users/00u1", "okta.users.read"),
			ExpectError: regexp.MustCompile(`(?s)Invalid Okta ID.*app_id.*"../users/00u1"`),
		}},
	})
	if n := len(org.Requests()); n != 0 {
		t.Fatalf("an invalid app ID reached the org: %d requests", n)
	}
}

func TestAccAppGrant_wrongToken(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "401")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "okta" {
  org_url   = %q
  api_token = "not-the-token"
}
`, org.URL) + grantConfig(appID, "okta.users.read"),
			ExpectError: regexp.MustCompile(`(?s)401 Unauthorized.*E0000011.*Invalid token provided.*OKTA_API_TOKEN`),
		}},
	})
}

func TestAccAppGrant_tokenWithoutScope(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "403")
	org.AddAccessToken("read-only-access-token", "okta.appGrants.read")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "okta" {
  org_url      = %q
  access_token = "read-only-access-token"
}
`, org.URL) + grantConfig(appID, "okta.users.read"),
			ExpectError: regexp.MustCompile(`(?s)403 Forbidden.*E0000006.*You do not have permission.*lacks the OAuth scope\s+okta.appGrants.manage`),
		}},
	})
	if err := org.appScopesAre(appID); err != nil {
		t.Fatal(err)
	}
}

// An org reached through another name than its own (a custom domain, an
// alias) refuses the defaulted issuer: the error says to set issuer.
func TestAccAppGrant_defaultIssuerRefusedHintsAtCustomDomains(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "custom-domain")
	alias := strings.Replace(org.URL, "127.0.0.1", "localhost", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "okta" {
  org_url   = %q
  api_token = %q
}
`, alias, org.token) + grantConfig(appID, "okta.users.read"),
			ExpectError: regexp.MustCompile(`(?s)Api validation failed: issuer.*issuer is not set, so it defaulted to\s+http://localhost.*custom\s+domain`),
		}},
	})
}
