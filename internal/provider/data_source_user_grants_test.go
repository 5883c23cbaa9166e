// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

// consentingUser is a user of the org with END_USER grants.
type consentingUser struct {
	id       string
	apps     []string
	scopes   []fakeokta.Scope
	issuer   string
	grantIDs []string
}

// seedConsents gives a user one grant per (app, scope) pair.
func seedConsents(t *testing.T, org *testOrg, apps, scopes int) consentingUser {
	t.Helper()
	u := consentingUser{id: org.AddUser(fakeokta.User{FirstName: "Con", LastName: "Senting"}).ID, issuer: org.URL + "/oauth2/aus1customserver0001"}
	for i := range scopes {
		u.scopes = append(u.scopes, org.AddScope(fakeokta.Scope{
			Name: fmt.Sprintf("orders:%d", i), DisplayName: fmt.Sprintf("Orders %d", i), Description: fmt.Sprintf("Read orders, part %d", i),
		}))
	}
	for range apps {
		u.apps = append(u.apps, org.addApp(t, "consented"))
	}
	for _, app := range u.apps {
		for _, s := range u.scopes {
			g, err := org.AddUserGrant(u.id, app, s.ID, u.issuer)
			if err != nil {
				t.Fatal(err)
			}
			u.grantIDs = append(u.grantIDs, g.ID)
		}
	}
	return u
}

// expectGrantIDs checks that a data source lists exactly the grants of the
// org that keep accepts, in creation order: none missing, none repeated,
// none extra.
func expectGrantIDs(org *testOrg, address string, keep func(fakeokta.Grant) bool) statecheck.StateCheck {
	return stateCheck(func(s *tfjson.State) error {
		values, err := stateValues(s, address)
		if err != nil {
			return err
		}
		var got []string
		for _, g := range values["grants"].([]any) {
			got = append(got, g.(map[string]any)["id"].(string))
		}
		var want []string
		for _, g := range org.Grants(keep) {
			want = append(want, g.ID)
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("%s lists %d grants %v, want the org's %d %v in creation order", address, len(got), got, len(want), want)
		}
		return nil
	})
}

func TestAccUserGrantsDataSource_readsEveryPage(t *testing.T) {
	org := newTestOrg(t)
	u := seedConsents(t, org, 1, 450)
	resource.ParallelTest(t, accCase(resource.TestStep{
		PreConfig: org.ResetTraffic,
		Config: org.providerBlock() + fmt.Sprintf(`
data "okta_user_grants" "test" {
  user_id = %q
}`, u.id),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.okta_user_grants.test", tfjsonpath.New("grants"), knownvalue.ListSizeExact(450)),
			expectGrantIDs(org, "data.okta_user_grants.test", func(g fakeokta.Grant) bool { return g.UserID == u.id }),
			orgCheck(func() error {
				// Terraform reads the data source more than once per step;
				// each read must cost 3 pages of 200, not 23 of 20.
				reads, pages := 0, 0
				for _, r := range org.Requests() {
					if r.Route != fakeokta.RouteListUserGrants {
						continue
					}
					pages++
					if !strings.Contains(r.Query, "after=") {
						reads++
					}
					if !strings.Contains(r.Query, "limit=200") {
						return fmt.Errorf("a page request asked for %q, not limit=200", r.Query)
					}
				}
				if reads == 0 || pages != 3*reads {
					return fmt.Errorf("%d reads took %d page requests, want 3 each", reads, pages)
				}
				return nil
			}),
		},
	}))
}

func TestAccUserGrantsDataSource_filters(t *testing.T) {
	org := newTestOrg(t)
	u := seedConsents(t, org, 2, 3)
	other := seedConsents(t, org, 1, 1) // another user's grants must not show
	appA, scope1 := u.apps[0], u.scopes[1].ID
	resource.ParallelTest(t, accCase(resource.TestStep{
		Config: org.providerBlock() + fmt.Sprintf(`
data "okta_user_grants" "all" {
  user_id = %[1]q
}
data "okta_user_grants" "by_client" {
  user_id   = %[1]q
  client_id = %[2]q
}
data "okta_user_grants" "by_scope" {
  user_id  = %[1]q
  scope_id = %[3]q
}
data "okta_user_grants" "by_client_and_scope" {
  user_id   = %[1]q
  client_id = %[2]q
  scope_id  = %[3]q
}
data "okta_user_grants" "none" {
  user_id   = %[1]q
  client_id = %[4]q
}
`, u.id, appA, scope1, other.apps[0]),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.okta_user_grants.all", tfjsonpath.New("grants"), knownvalue.ListSizeExact(6)),
			statecheck.ExpectKnownValue("data.okta_user_grants.by_client", tfjsonpath.New("grants"), knownvalue.ListSizeExact(3)),
			statecheck.ExpectKnownValue("data.okta_user_grants.by_scope", tfjsonpath.New("grants"), knownvalue.ListSizeExact(2)),
			statecheck.ExpectKnownValue("data.okta_user_grants.by_client_and_scope", tfjsonpath.New("grants"), knownvalue.ListSizeExact(1)),
			// No grants is an empty list, not null.
			statecheck.ExpectKnownValue("data.okta_user_grants.none", tfjsonpath.New("grants"), knownvalue.ListExact([]knownvalue.Check{})),
			statecheck.ExpectKnownValue("data.okta_user_grants.by_client_and_scope", tfjsonpath.New("grants").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"client_id": knownvalue.StringExact(appA),
				"scope_id":  knownvalue.StringExact(scope1),
				"user_id":   knownvalue.StringExact(u.id),
				"issuer":    knownvalue.StringExact(u.issuer),
				"source":    knownvalue.StringExact("END_USER"),
				"status":    knownvalue.StringExact("ACTIVE"),
				"scope":     knownvalue.Null(),
			})),
			expectGrantIDs(org, "data.okta_user_grants.all", func(g fakeokta.Grant) bool { return g.UserID == u.id }),
			expectGrantIDs(org, "data.okta_user_grants.by_client", func(g fakeokta.Grant) bool { return g.UserID == u.id && g.ClientID == appA }),
			expectGrantIDs(org, "data.okta_user_grants.by_scope", func(g fakeokta.Grant) bool { return g.UserID == u.id && g.ScopeID == scope1 }),
			expectGrantIDs(org, "data.okta_user_grants.by_client_and_scope", func(g fakeokta.Grant) bool {
				return g.UserID == u.id && g.ClientID == appA && g.ScopeID == scope1
			}),
		},
	}))
}

func TestAccUserGrantsDataSource_expandScope(t *testing.T) {
	org := newTestOrg(t)
	u := seedConsents(t, org, 1, 1)
	s := u.scopes[0]
	resource.ParallelTest(t, accCase(resource.TestStep{
		Config: org.providerBlock() + fmt.Sprintf(`
data "okta_user_grants" "test" {
  user_id      = %q
  expand_scope = true
}`, u.id),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.okta_user_grants.test", tfjsonpath.New("grants").AtSliceIndex(0).AtMapKey("scope"), knownvalue.ObjectExact(map[string]knownvalue.Check{
				"id":           knownvalue.StringExact(s.ID),
				"name":         knownvalue.StringExact(s.Name),
				"display_name": knownvalue.StringExact(s.DisplayName),
				"description":  knownvalue.StringExact(s.Description),
			})),
		},
	}))
}

func TestAccUserGrantsDataSource_me(t *testing.T) {
	org := newTestOrg(t)
	me := org.Users()[0] // the admin the API token acts as
	app := org.addApp(t, "me")
	s := org.AddScope(fakeokta.Scope{Name: "profile"})
	if _, err := org.AddUserGrant(me.ID, app, s.ID, ""); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, accCase(resource.TestStep{
		Config: org.providerBlock() + `
data "okta_user_grants" "test" {
  user_id = "me"
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.okta_user_grants.test", tfjsonpath.New("grants").AtSliceIndex(0).AtMapKey("user_id"), knownvalue.StringExact(me.ID)),
		},
	}))
}

func TestAccUserGrantsDataSource_notFound(t *testing.T) {
	org := newTestOrg(t)
	u := seedConsents(t, org, 1, 1)
	resource.ParallelTest(t, accCase(
		failingStep(org.providerBlock()+`
data "okta_user_grants" "test" {
  user_id = "00unosuchuser0000000"
}`, `(?s)User not found.*00unosuchuser0000000.*E0000007`),
		failingStep(org.providerBlock()+fmt.Sprintf(`
data "okta_user_grants" "test" {
  user_id   = %q
  client_id = "0oanosuchapp00000000"
}`, u.id), `(?s)App not found.*client_id.*0oanosuchapp00000000.*Resource not found: 0oanosuchapp00000000 \(AppInstance\)`),
	))
}

func TestAccUserGrantDataSource(t *testing.T) {
	org := newTestOrg(t)
	u := seedConsents(t, org, 1, 2)
	grant := org.UserGrants(u.id)[1]
	resource.ParallelTest(t, accCase(
		resource.TestStep{
			Config: org.providerBlock() + fmt.Sprintf(`
data "okta_user_grant" "test" {
  user_id      = %q
  grant_id     = %q
  expand_scope = true
}`, u.id, grant.ID),
			ConfigStateChecks: expectAttributes("data.okta_user_grant.test", map[string]knownvalue.Check{
				"id":         knownvalue.StringExact(grant.ID),
				"scope_id":   knownvalue.StringExact(grant.ScopeID),
				"client_id":  knownvalue.StringExact(u.apps[0]),
				"source":     knownvalue.StringExact("END_USER"),
				"created_by": knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(u.id)}),
				"scope":      knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(u.scopes[1].Name)}),
			}),
		},
		failingStep(org.providerBlock()+fmt.Sprintf(`
data "okta_user_grant" "test" {
  user_id  = %q
  grant_id = "oagnosuchgrant000000"
}`, u.id), `(?s)Grant not found.*oagnosuchgrant000000`),
	))
}
