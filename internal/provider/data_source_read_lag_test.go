// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

// An org whose GETs of a new grant answer 404 for a while (Okta is
// eventually consistent): the okta_app_grant data source reading the grant
// the same apply made, and the plan right after, still succeed, because
// it reads through the app's grant list as the resource does.
func TestAccAppGrantDataSource_grantMadeInTheSameApply(t *testing.T) {
	org := newTestOrg(t)
	org.SetReadLag(time.Hour)
	appID := org.addApp(t, "read-lag")
	resource.ParallelTest(t, accCase(resource.TestStep{
		Config: appGrantConfig(org, appID, "okta.users.read") + `
data "okta_app_grant" "test" {
  app_id   = okta_app_grant.test.app_id
  grant_id = okta_app_grant.test.id
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.CompareValuePairs("data.okta_app_grant.test", tfjsonpath.New("id"), grantResource, tfjsonpath.New("id"), compare.ValuesSame()),
			statecheck.ExpectKnownValue("data.okta_app_grant.test", tfjsonpath.New("scope_id"), knownvalue.StringExact("okta.users.read")),
		},
		ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
	}))
}

// A user grant made a moment ago (its GET answers 404 for 600 ms) is read
// by okta_user_grant after it asks again.
func TestAccUserGrantDataSource_youngGrant(t *testing.T) {
	org := newTestOrg(t)
	user := org.Users()[0]
	app := org.addApp(t, "young-grant")
	s := org.AddScope(fakeokta.Scope{Name: "profile"})
	g, err := org.AddUserGrant(user.ID, app, s.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, accCase(resource.TestStep{
		// The 600 ms start now, not when the grant was added: a parallel
		// test waits for the serial ones first, long enough for a lag set
		// before it to run out unseen.
		PreConfig: func() { org.SetReadLag(time.Since(g.Created) + 600*time.Millisecond) },
		Config: org.providerBlock() + fmt.Sprintf(`
data "okta_user_grant" "test" {
  user_id  = %q
  grant_id = %q
}`, user.ID, g.ID),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.okta_user_grant.test", tfjsonpath.New("id"), knownvalue.StringExact(g.ID)),
			// Without a 404 first, the lag ran out before the read and
			// nothing here needed asking again.
			orgCheck(func() error { return org.answeredNotFound(fakeokta.RouteGetUserGrant, g.ID) }),
		},
	}))
}

// answeredNotFound checks that a GET of id on route answered 404 at least
// once.
func (o *testOrg) answeredNotFound(route, id string) error {
	for _, r := range o.Requests() {
		if r.Route == route && r.Status == http.StatusNotFound && strings.HasSuffix(r.Path, "/"+id) {
			return nil
		}
	}
	return fmt.Errorf("no %s of %s answered 404: the read lag ran out before the read", route, id)
}

// Not-found diagnostics name the attribute and say what it takes.
func TestAccDataSources_notFoundPointsAtTheAttribute(t *testing.T) {
	org := newTestOrg(t)
	appID, _ := appWithGrants(t, org, "okta.users.read")
	user := org.Users()[0]
	steps := []resource.TestStep{}
	for _, tc := range []struct{ config, want string }{
		{fmt.Sprintf(`
data "okta_app_grant" "test" {
  app_id   = %q
  grant_id = "okta.users.read"
}`, appID), `(?s)Grant not found.*grant_id = "okta.users.read".*takes a grant ID.*okta.users.read is a scope the app holds, as grant oag`},
		{`
data "okta_app_grant" "test" {
  app_id   = "0oanosuchapp00000000"
  grant_id = "oagnosuchgrant000000"
}`, `(?s)App not found.*app_id\s+= "0oanosuchapp00000000".*app_id takes the app's ID`},
		{`
data "okta_user_grants" "test" {
  user_id = "alice@example.com"
}`, `(?s)User not found.*user_id = "alice@example.com".*user_id takes the user's Okta ID.*not a login or email`},
		{fmt.Sprintf(`
data "okta_user_grants" "test" {
  user_id   = %q
  client_id = "0oanosuchapp00000000"
}`, user.ID), `(?s)App not found.*client_id = "0oanosuchapp00000000".*client_id takes the app's client ID`},
		{fmt.Sprintf(`
data "okta_user_grant" "test" {
  user_id  = %q
  grant_id = "oagnosuchgrant000000"
}`, user.ID), `(?s)Grant not found.*grant_id = "oagnosuchgrant000000".*okta_user_grants data source lists`},
	} {
		// Terraform wraps the detail: a space may be a line break.
		steps = append(steps, failingStep(org.providerBlock()+tc.config, strings.ReplaceAll(tc.want, " ", `\s+`)))
	}
	resource.ParallelTest(t, accCase(steps...))
}
