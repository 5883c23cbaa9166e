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
	appID, grants := appWithGrants(t, org, "okta.users.read")
	existing := grants[0]
	resource.ParallelTest(t, failingCase(appGrantConfig(org, appID, "okta.users.read"),
		`(?s)Scope already granted.*already holds scope okta.users.read.*`+
			regexp.QuoteMeta(`id = "`+appID+"/"+existing.ID+`"`)+`.*terraform import okta_app_grant.<name> `+regexp.QuoteMeta(appID+"/"+existing.ID)))
	// Nothing duplicated, nothing revoked.
	if got := org.AppGrants(appID); len(got) != 1 || got[0].ID != existing.ID {
		t.Fatalf("the org holds %+v, want only the grant made before: %s", got, existing.ID)
	}
}

func TestAccAppGrant_unknownScope(t *testing.T) {
	org, appID := newOrgWithApp(t, "unknown-scope")
	// The error is put on scope_id, whose line Terraform shows.
	resource.ParallelTest(t, failingCase(appGrantConfig(org, appID, "okta.unicorns.manage"),
		`(?s)Could not grant okta.unicorns.manage.*scope_id = "okta.unicorns.manage".*400 Bad Request.*errorCode:\s+E0000001.*Api validation failed: scopeId.*cause:\s+scopeId: .*okta.unicorns.manage.*errorId:\s+oae`))
	org.requireScopes(t, appID)
}

func TestAccAppGrant_wrongIssuer(t *testing.T) {
	org, appID := newOrgWithApp(t, "issuer")
	resource.ParallelTest(t, failingCase(org.providerBlock()+issuerGrantConfig(appID, "okta.users.read", "https://other.okta.com"),
		`(?s)issuer\s+= "https://other.okta.com".*E0000001.*Api validation failed: issuer.*cause:\s+issuer:`))
	org.requireScopes(t, appID)
}

func TestAccAppGrant_invalidAppID(t *testing.T) {
	org := newTestOrg(t)
	resource.ParallelTest(t, failingCase(appGrantConfig(org, "../users/00u1", "okta.users.read"),
		`(?s)Invalid Okta ID.*app_id.*"../users/00u1"`))
	if n := len(org.Requests()); n != 0 {
		t.Fatalf("an invalid app ID reached the org: %d requests", n)
	}
}

func TestAccAppGrant_wrongToken(t *testing.T) {
	org, appID := newOrgWithApp(t, "401")
	resource.ParallelTest(t, failingCase(wrongTokenProvider(org)+grantConfig(appID, "okta.users.read"),
		`(?s)401 Unauthorized.*E0000011.*Invalid token provided.*OKTA_API_TOKEN`))
}

func TestAccAppGrant_tokenWithoutScope(t *testing.T) {
	org, appID := newOrgWithApp(t, "403")
	org.AddAccessToken("read-only-access-token", "okta.appGrants.read")
	resource.ParallelTest(t, failingCase(providerBlockAt(org.URL, `access_token = "read-only-access-token"`)+grantConfig(appID, "okta.users.read"),
		`(?s)403 Forbidden.*E0000006.*You do not have permission.*lacks the OAuth scope\s+okta.appGrants.manage`))
	org.requireScopes(t, appID)
}

// An org reached through another name than its own (a custom domain, an
// alias) refuses the defaulted issuer: the error says to set issuer.
func TestAccAppGrant_defaultIssuerRefusedHintsAtCustomDomains(t *testing.T) {
	org, appID := newOrgWithApp(t, "custom-domain")
	alias := strings.Replace(org.URL, "127.0.0.1", "localhost", 1)
	resource.ParallelTest(t, failingCase(providerBlockAt(alias, fmt.Sprintf("api_token = %q", org.token))+grantConfig(appID, "okta.users.read"),
		`(?s)Api validation failed: issuer.*issuer is not set, so it defaulted to\s+http://localhost.*custom\s+domain`))
}

// Both resources explain a grant Okta refuses at apply alike (one
// grantRefusal): a defaulted issuer an org alias makes Okta refuse, and an
// app known only at apply that Okta does not have, with what Okta said.
func TestAccAppGrants_refusalsAtApplyMatchAppGrant(t *testing.T) {
	for name, block := range map[string]string{
		"okta_app_grant": `
resource "okta_app_grant" "test" {
  app_id   = %s
  scope_id = "okta.users.read"
}`,
		"okta_app_grants": `
resource "okta_app_grants" "test" {
  app_id    = %s
  scope_ids = ["okta.users.read"]
}`,
	} {
		t.Run(name+", defaulted issuer refused", func(t *testing.T) {
			org, appID := newOrgWithApp(t, "custom-domain")
			alias := strings.Replace(org.URL, "127.0.0.1", "localhost", 1)
			resource.ParallelTest(t, failingCase(providerBlockAt(alias, fmt.Sprintf("api_token = %q", org.token))+fmt.Sprintf(block, fmt.Sprintf("%q", appID)),
				`(?s)Api validation failed: issuer.*issuer\s+is\s+(not set, so it defaulted to\s+)?http://localhost.*custom\s+domain`))
			org.requireScopes(t, appID)
		})
		t.Run(name+", app known at apply missing", func(t *testing.T) {
			org := newTestOrg(t)
			resource.ParallelTest(t, failingCase(org.providerBlock()+`
resource "terraform_data" "app" {
  input = "0oanothere0000000001"
}`+fmt.Sprintf(block, "terraform_data.app.output"),
				`(?s)App not found.*Okta has no app 0oanothere0000000001.*app_id takes.*errorCode:\s+E0000007.*request ID:`))
		})
	}
}
