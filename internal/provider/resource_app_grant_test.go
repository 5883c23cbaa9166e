// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

const grantResource = "okta_app_grant.test"

func appGrantConfig(o *testOrg, appID, scope string) string {
	return o.providerBlock() + fmt.Sprintf(`
resource "okta_app_grant" "test" {
  app_id   = %q
  scope_id = %q
}
`, appID, scope)
}

func grantIDForScope(appID string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[grantResource]
		if !ok {
			return "", fmt.Errorf("%s not in state", grantResource)
		}
		return appID + "/" + rs.Primary.Attributes["scope_id"], nil
	}
}

func grantIDForGrant(appID string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[grantResource]
		if !ok {
			return "", fmt.Errorf("%s not in state", grantResource)
		}
		return appID + "/" + rs.Primary.ID, nil
	}
}

func TestAccAppGrant_basic(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "basic")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             func(*terraform.State) error { return org.appScopesAre(appID) },
		Steps: []resource.TestStep{
			{
				Config: appGrantConfig(org, appID, "okta.users.read"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(grantResource, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(grantResource, tfjsonpath.New("issuer"), knownvalue.StringExact(org.URL)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^oag\w{17}$`))),
					statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("app_id"), knownvalue.StringExact(appID)),
					statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("scope_id"), knownvalue.StringExact("okta.users.read")),
					statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("issuer"), knownvalue.StringExact(org.URL)),
					statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("source"), knownvalue.StringExact("ADMIN")),
					statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("client_id"), knownvalue.StringExact(appID)),
					statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("created"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`))),
					statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("created_by").AtMapKey("type"), knownvalue.StringExact("User")),
					statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("created_by").AtMapKey("id"), knownvalue.StringRegexp(regexp.MustCompile(`^00u`))),
					org.checkAppScopes(appID, "okta.users.read"),
					org.checkStateMatchesOrg(grantResource, appID, "okta.users.read"),
				},
			},
			{
				// Refreshing changes nothing: no perpetual diff.
				Config: appGrantConfig(org, appID, "okta.users.read"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccAppGrant_replaceOnScopeChange(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "replace")
	sameID := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             func(*terraform.State) error { return org.appScopesAre(appID) },
		Steps: []resource.TestStep{
			{
				Config:            appGrantConfig(org, appID, "okta.users.read"),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(grantResource, tfjsonpath.New("id"))},
			},
			{
				Config: appGrantConfig(org, appID, "okta.groups.read"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(grantResource, plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(grantResource, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("scope_id"), knownvalue.StringExact("okta.groups.read")),
					org.checkAppScopes(appID, "okta.groups.read"),
					org.checkStateMatchesOrg(grantResource, appID, "okta.groups.read"),
				},
			},
		},
	})
}

func TestAccAppGrant_replaceOnAppChange(t *testing.T) {
	org := newTestOrg(t)
	first, second := org.addApp(t, "first"), org.addApp(t, "second")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy: func(*terraform.State) error {
			if err := org.appScopesAre(first); err != nil {
				return err
			}
			return org.appScopesAre(second)
		},
		Steps: []resource.TestStep{
			{Config: appGrantConfig(org, first, "okta.users.read")},
			{
				Config: appGrantConfig(org, second, "okta.users.read"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(grantResource, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{org.checkAppScopes(first), org.checkAppScopes(second, "okta.users.read")},
			},
		},
	})
}

func TestAccAppGrant_importByScope(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "import")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             func(*terraform.State) error { return org.appScopesAre(appID) },
		Steps: []resource.TestStep{
			{Config: appGrantConfig(org, appID, "okta.users.read")},
			{
				ResourceName:      grantResource,
				ImportState:       true,
				ImportStateIdFunc: grantIDForScope(appID),
				ImportStateVerify: true,
			},
			{
				ResourceName:      grantResource,
				ImportState:       true,
				ImportStateIdFunc: grantIDForGrant(appID),
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccAppGrant_importBlock(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "import-block")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             func(*terraform.State) error { return org.appScopesAre(appID) },
		Steps: []resource.TestStep{
			{Config: appGrantConfig(org, appID, "okta.users.read")},
			{
				ResourceName:      grantResource,
				ImportState:       true,
				ImportStateKind:   resource.ImportBlockWithID,
				ImportStateIdFunc: grantIDForScope(appID),
			},
		},
	})
}

// A grant made in the Okta console is adopted by an import block and
// `terraform plan -generate-config-out`, whose output plans clean.
func TestAccAppGrant_importGeneratesConfig(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "generate")
	existing, err := org.GrantAppScope(appID, "okta.logs.read")
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
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
					plancheck.ExpectKnownValue(grantResource, tfjsonpath.New("id"), knownvalue.StringExact(existing.ID)),
					plancheck.ExpectKnownValue(grantResource, tfjsonpath.New("issuer"), knownvalue.StringExact(org.URL)),
				},
			},
		}},
	})
	// Importing read the grant and changed nothing.
	if err := org.appScopesAre(appID, "okta.logs.read"); err != nil {
		t.Fatal(err)
	}
}

func TestAccAppGrant_badImportID(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "bad-import")
	revoked, err := org.GrantAppScope(appID, "okta.logs.read")
	if err != nil {
		t.Fatal(err)
	}
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
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:        appGrantConfig(org, appID, "okta.users.read"),
					ResourceName:  grantResource,
					ImportState:   true,
					ImportStateId: tc.id,
					ExpectError:   tc.want,
				}},
			})
		})
	}
}

// A grant revoked behind Terraform's back is planned for creation again.
func TestAccAppGrant_revokedOutOfBand(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "drift")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             func(*terraform.State) error { return org.appScopesAre(appID) },
		Steps: []resource.TestStep{
			{Config: appGrantConfig(org, appID, "okta.users.read")},
			{
				PreConfig: func() {
					for _, g := range org.AppGrants(appID) {
						if err := org.RevokeGrant(g.ID); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config: appGrantConfig(org, appID, "okta.users.read"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(grantResource, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					org.checkAppScopes(appID, "okta.users.read"),
					org.checkStateMatchesOrg(grantResource, appID, "okta.users.read"),
				},
			},
		},
	})
}

// A grant Okta still lists as REVOKED is gone for Terraform: planned for
// creation again, and granted again.
func TestAccAppGrant_listedAsRevoked(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "listed-revoked")
	var first string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             func(*terraform.State) error { return org.appScopesAre(appID) },
		Steps: []resource.TestStep{
			{Config: appGrantConfig(org, appID, "okta.users.read")},
			{
				PreConfig: func() {
					first = org.AppGrants(appID)[0].ID
					if err := org.MarkRevoked(first); err != nil {
						t.Fatal(err)
					}
				},
				Config: appGrantConfig(org, appID, "okta.users.read"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(grantResource, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					org.checkAppScopes(appID, "okta.users.read"),
					org.checkStateMatchesOrg(grantResource, appID, "okta.users.read"),
					statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
				},
			},
		},
	})
}

// An app deleted behind Terraform's back takes its grants with it.
func TestAccAppGrant_appDeletedOutOfBand(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "deleted")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: appGrantConfig(org, appID, "okta.users.read")},
			{
				// The grant is gone with the app, and creating it again
				// would fail: the plan fails.
				PreConfig:   func() { org.DeleteApp(appID) },
				Config:      appGrantConfig(org, appID, "okta.users.read"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)App not found.*app_id.*` + appID),
			},
		},
	})
}

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

func TestAccAppGrant_explicitIssuer(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "explicit-issuer")
	config := org.providerBlock() + fmt.Sprintf(`
resource "okta_app_grant" "test" {
  app_id   = %q
  scope_id = "okta.users.read"
  issuer   = %q
}
`, appID, org.URL)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             func(*terraform.State) error { return org.appScopesAre(appID) },
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: []statecheck.StateCheck{org.checkAppScopes(appID, "okta.users.read")}},
			{
				// Removing the explicit issuer keeps the grant.
				Config: appGrantConfig(org, appID, "okta.users.read"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
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
resource "okta_app_grant" "test" {
  app_id   = %q
  scope_id = "okta.users.read"
}
`, org.URL, appID),
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
resource "okta_app_grant" "test" {
  app_id   = %q
  scope_id = "okta.users.read"
}
`, org.URL, appID),
			ExpectError: regexp.MustCompile(`(?s)403 Forbidden.*E0000006.*You do not have permission.*lacks the OAuth scope\s+okta.appGrants.manage`),
		}},
	})
	if err := org.appScopesAre(appID); err != nil {
		t.Fatal(err)
	}
}

func TestAccAppGrant_rateLimitedThenSucceeds(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "429")
	org.InjectFault(fakeokta.Fault{Route: "POST /api/v1/apps/{appId}/grants", Status: http.StatusTooManyRequests, Count: 2})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             func(*terraform.State) error { return org.appScopesAre(appID) },
		Steps: []resource.TestStep{{
			Config: appGrantConfig(org, appID, "okta.users.read"),
			ConfigStateChecks: []statecheck.StateCheck{
				org.checkAppScopes(appID, "okta.users.read"),
				orgCheck(func() error {
					if n := org.CountStatus(http.StatusTooManyRequests); n != 2 {
						return fmt.Errorf("the org answered %d 429s, want the 2 injected", n)
					}
					if n := org.Count("POST /api/v1/apps/{appId}/grants"); n != 3 {
						return fmt.Errorf("the org got %d POSTs, want 3: two rate-limited, one granted", n)
					}
					return nil
				}),
			},
		}},
	})
}

// The first POST takes effect but its answer is lost (a gateway error):
// the retried POST is refused as a duplicate, and the provider adopts the
// grant its own first attempt made.
func TestAccAppGrant_adoptsOwnGrantAfterRetriedPost(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "retried-post")
	org.InjectFault(fakeokta.Fault{Route: "POST /api/v1/apps/{appId}/grants", Status: http.StatusBadGateway, AfterCommit: true})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             func(*terraform.State) error { return org.appScopesAre(appID) },
		Steps: []resource.TestStep{{
			Config: appGrantConfig(org, appID, "okta.users.read"),
			ConfigStateChecks: []statecheck.StateCheck{
				org.checkAppScopes(appID, "okta.users.read"),
				org.checkStateMatchesOrg(grantResource, appID, "okta.users.read"),
				orgCheck(func() error {
					if n := org.Count("POST /api/v1/apps/{appId}/grants"); n != 2 {
						return fmt.Errorf("the org got %d POSTs, want 2: the lost answer and the retry", n)
					}
					return nil
				}),
			},
		}},
	})
}

func TestAccAppGrant_serverErrorsOnReadAreRetried(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "5xx")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             func(*terraform.State) error { return org.appScopesAre(appID) },
		Steps: []resource.TestStep{
			{Config: appGrantConfig(org, appID, "okta.users.read")},
			{
				PreConfig: func() {
					org.InjectFault(fakeokta.Fault{Route: "GET /api/v1/apps/{appId}/grants", Status: http.StatusServiceUnavailable, Count: 2})
				},
				Config:   appGrantConfig(org, appID, "okta.users.read"),
				PlanOnly: true,
			},
		},
	})
	if n := org.CountStatus(http.StatusServiceUnavailable); n != 2 {
		t.Fatalf("the org answered %d 503s, want the 2 injected: the refresh did not meet them", n)
	}
}

// Other spellings of the org URL name the same issuer: no inconsistent
// result, no replacement, no request. Another server replaces the grant.
func TestAccAppGrant_issuerSpellings(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "issuer-spellings")
	withIssuer := func(issuer string) string {
		return org.providerBlock() + fmt.Sprintf(`
resource "okta_app_grant" "test" {
  app_id   = %q
  scope_id = "okta.users.read"
  issuer   = %q
}
`, appID, issuer)
	}
	sameGrant := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             func(*terraform.State) error { return org.appScopesAre(appID) },
		Steps: []resource.TestStep{
			{
				Config: withIssuer(org.URL + "/"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("issuer"), knownvalue.StringExact(org.URL+"/")),
					sameGrant.AddStateValue(grantResource, tfjsonpath.New("id")),
					org.checkAppScopes(appID, "okta.users.read"),
				},
			},
			{
				// Another spelling is recorded, not granted again.
				PreConfig: org.ResetTraffic,
				Config:    withIssuer(strings.Replace(org.URL, "http://", "HTTP://", 1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(grantResource, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameGrant.AddStateValue(grantResource, tfjsonpath.New("id")),
					orgCheck(func() error {
						if n := org.Count("POST /api/v1/apps/{appId}/grants") + org.Count("DELETE /api/v1/apps/{appId}/grants/{grantId}"); n != 0 {
							return fmt.Errorf("a new spelling of the issuer made %d writes", n)
						}
						return nil
					}),
				},
			},
			{
				Config: appGrantConfig(org, appID, "okta.users.read"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config:             withIssuer("https://other.okta.com"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(grantResource, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

// app_id comes from a resource created in the same apply: unknown at plan
// time, it still plans, applies and re-plans clean.
func TestAccAppGrant_appIDKnownOnlyAtApply(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "unknown-at-plan")
	config := org.providerBlock() + fmt.Sprintf(`
resource "terraform_data" "app" {
  input = %q
}
resource "okta_app_grant" "test" {
  app_id   = terraform_data.app.output
  scope_id = "okta.users.read"
}
`, appID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             func(*terraform.State) error { return org.appScopesAre(appID) },
		Steps: []resource.TestStep{{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectUnknownValue(grantResource, tfjsonpath.New("app_id")),
					plancheck.ExpectKnownValue(grantResource, tfjsonpath.New("issuer"), knownvalue.StringExact(org.URL)),
				},
			},
			ConfigStateChecks: []statecheck.StateCheck{org.checkAppScopes(appID, "okta.users.read")},
		}},
	})
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
resource "okta_app_grant" "test" {
  app_id   = %q
  scope_id = "okta.users.read"
}
`, alias, org.token, appID),
			ExpectError: regexp.MustCompile(`(?s)Api validation failed: issuer.*issuer is not set, so it defaulted to\s+http://localhost.*custom\s+domain`),
		}},
	})
}
