// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

var scaleScopes = []string{"okta.users.read", "okta.groups.read", "okta.apps.read", "okta.logs.read", "okta.roles.read"}

// grantsConfig declares one okta_app_grant per app and scope.
func grantsConfig(org *testOrg, apps []string, scopes []string) string {
	return org.providerBlock() + fmt.Sprintf(`
locals {
  apps   = [%s]
  scopes = [%s]
  grants = { for pair in setproduct(local.apps, local.scopes) : "${pair[0]}/${pair[1]}" => pair }
}

resource "okta_app_grant" "all" {
  for_each = local.grants
  app_id   = each.value[0]
  scope_id = each.value[1]
}
`, quoteAll(apps), quoteAll(scopes))
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func newGrantsWorkdir(t *testing.T, org *testOrg, apps, scopes []string) *cliWorkdir {
	t.Helper()
	w := newCLIWorkdir(t, map[string]func() tfprotov6.ProviderServer{
		"registry.terraform.io/hashicorp/okta": providerserver.NewProtocol6(New("test")()),
	})
	w.writeFile("main.tf", grantsConfig(org, apps, scopes))
	w.init()
	return w
}

// expectRequests checks the org answered exactly these requests by route
// since traffic was reset, and no others.
func expectRequests(t *testing.T, org *testOrg, phase string, want map[string]int) {
	t.Helper()
	got := org.RouteCounts()
	for route, n := range want {
		if got[route] != n {
			t.Errorf("%s: %d requests to %s, want %d (all: %v)", phase, got[route], route, n, got)
		}
		delete(got, route)
	}
	for route, n := range got {
		t.Errorf("%s: %d unexpected requests to %s", phase, n, route)
	}
}

// Creating, refreshing and destroying A apps x S grants costs A x S
// grants (and A lists for the plan-time checks), A lists and A x S
// revokes: one request per grant and one list per app and run, never one
// read per grant.
func TestAccScale_requestsPerPhase(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	var apps []string
	for i := range 4 {
		apps = append(apps, org.addApp(t, fmt.Sprint("scale-", i)))
	}
	org.SetLatency(5 * time.Millisecond) // reads overlap, as against a real org
	w := newGrantsWorkdir(t, org, apps, scaleScopes)
	grants := len(apps) * len(scaleScopes)

	org.ResetTraffic()
	w.apply()
	// One list per app for the plan's checks: when Terraform plans each
	// create again in the apply walk, the plan walk's verdict stands.
	expectRequests(t, org, "apply", map[string]int{fakeokta.RouteCreateAppGrant: grants, fakeokta.RouteListAppGrants: len(apps)})

	org.ResetTraffic()
	if err := onlyImports(w.plan(), 0, 0); err != nil {
		t.Fatalf("plan after apply: %v", err)
	}
	expectRequests(t, org, "plan", map[string]int{fakeokta.RouteListAppGrants: len(apps)})

	org.ResetTraffic()
	w.destroy()
	expectRequests(t, org, "destroy", map[string]int{fakeokta.RouteListAppGrants: len(apps), fakeokta.RouteRevokeAppGrant: grants})
	for _, app := range apps {
		org.requireScopes(t, app)
	}
}

// A grant revoked behind Terraform's back is seen by the shared read:
// only it is planned for creation, at the cost of one list.
func TestAccScale_sharedReadSeesRevokedGrant(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	app := org.addApp(t, "shared")
	w := newGrantsWorkdir(t, org, []string{app}, scaleScopes)
	w.apply()
	revoked := org.AppGrants(app)[2]
	if err := org.RevokeGrant(revoked.ID); err != nil {
		t.Fatal(err)
	}

	org.ResetTraffic()
	plan := w.plan()
	expectRequests(t, org, "plan", map[string]int{fakeokta.RouteListAppGrants: 1})
	var creates []string
	for _, rc := range plan.ResourceChanges {
		if rc.Change.Actions.Create() {
			creates = append(creates, rc.Address)
		} else if !rc.Change.Actions.NoOp() {
			t.Errorf("%s: planned %v", rc.Address, rc.Change.Actions)
		}
	}
	want := fmt.Sprintf("okta_app_grant.all[%q]", app+"/"+revoked.ScopeID)
	if len(creates) != 1 || creates[0] != want {
		t.Fatalf("planned creates %v, want only %s", creates, want)
	}
	w.applyPlan()
	org.requireScopes(t, app, scaleScopes...)
	w.destroy()
}

// A bulk apply against a small rate limit is paced: no 429 at all, and
// never more requests in a window than the limit.
func TestAccScale_bulkApplyIsPacedWithout429s(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	apps := []string{org.addApp(t, "paced-a"), org.addApp(t, "paced-b"), org.addApp(t, "paced-c")}
	org.SetRateLimit(fakeokta.BucketApps, 6, time.Second)
	w := newGrantsWorkdir(t, org, apps, scaleScopes)

	org.ResetTraffic()
	w.apply()
	if n := org.CountStatus(http.StatusTooManyRequests); n != 0 {
		t.Fatalf("the paced apply got %d 429s", n)
	}
	expectRequests(t, org, "apply", map[string]int{fakeokta.RouteCreateAppGrant: 15, fakeokta.RouteListAppGrants: len(apps)})
	perSecond := map[int64]int{}
	for _, r := range org.Requests() {
		perSecond[r.At.Unix()]++
		if perSecond[r.At.Unix()] > 6 {
			t.Fatalf("%d requests in the window of second %d, over the limit of 6", perSecond[r.At.Unix()], r.At.Unix())
		}
	}
	for _, app := range apps {
		org.requireScopes(t, app, scaleScopes...)
	}
	w.destroy()
	if n := org.CountStatus(http.StatusTooManyRequests); n != 0 {
		for _, r := range org.Requests() {
			t.Logf("%s %d %s", r.At.Format("05.000"), r.Status, r.Route)
		}
		t.Fatalf("the paced destroy got %d 429s", n)
	}
}
