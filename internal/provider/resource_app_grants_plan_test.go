// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// planFails runs a plan-only step that must fail with want, and checks that
// the org saw no write.
func planFails(t *testing.T, org *testOrg, config, want string) {
	t.Helper()
	step := failingStep(config, want)
	step.PlanOnly = true
	resource.ParallelTest(t, accCase(step))
	if n := org.Count(fakeokta.RouteCreateAppGrant) + org.Count(fakeokta.RouteRevokeAppGrant); n != 0 {
		t.Fatalf("a plan that fails sent %d writes to the org", n)
	}
}

func wrongTokenProvider(o *testOrg) string {
	return strings.Replace(o.providerBlock(), o.token, "not-the-token", 1)
}

// planFailsWithoutAppOrToken checks the plan failures either resource
// has, given block, which declares it for an app: an app Okta does not
// have, and a token it refuses.
func planFailsWithoutAppOrToken(t *testing.T, block func(appID string) string) {
	t.Run("missing app", func(t *testing.T) {
		org := newTestOrg(t)
		planFails(t, org, org.providerBlock()+block("0oanothere0000000001"), `(?s)App not found.*app_id.*Okta has no app 0oanothere0000000001`)
	})
	t.Run("refused token", func(t *testing.T) {
		org, appID := newOrgWithApp(t, "401")
		planFails(t, org, wrongTokenProvider(org)+block(appID), `(?s)401 Unauthorized.*E0000011.*Invalid token provided.*OKTA_API_TOKEN`)
	})
}

func TestAccAppGrants_planFailsWhereApplyWould(t *testing.T) {
	t.Run("held scope", func(t *testing.T) {
		org := newTestOrg(t)
		appID, _ := appWithGrants(t, org, "okta.users.read")
		planFails(t, org, appGrantsConfig(org, appID, "okta.users.read", "okta.groups.read"),
			`(?s)Scope already granted.*scope_ids.*already holds okta.users.read.*import \{\s+to = okta_app_grants.<name>\s+id = "`+appID+`"`)
	})
	t.Run("other scope held", func(t *testing.T) {
		org := newTestOrg(t)
		appID, _ := appWithGrants(t, org, "okta.apps.manage")
		planFails(t, org, appGrantsConfig(org, appID, "okta.users.read"),
			`(?s)App already holds grants.*app_id.*okta.apps.manage.*terraform import okta_app_grants.<name> `+appID)
	})
	planFailsWithoutAppOrToken(t, func(appID string) string { return appGrantsBlock(appID, "okta.users.read") })
}

func TestAccAppGrant_planFailsWhereApplyWould(t *testing.T) {
	t.Run("held scope", func(t *testing.T) {
		org := newTestOrg(t)
		appID, grants := appWithGrants(t, org, "okta.users.read")
		planFails(t, org, appGrantConfig(org, appID, "okta.users.read"),
			`(?s)Scope already granted.*scope_id.*already holds scope okta.users.read.*import \{.*id = "`+appID+"/"+grants[0].ID+`"`)
	})
	planFailsWithoutAppOrToken(t, func(appID string) string { return grantConfig(appID, "okta.users.read") })
}

// An app managed by okta_app_grants and okta_app_grant in one
// configuration fails the plan instead of flapping on every apply.
func TestAccAppGrants_mixingFailsThePlan(t *testing.T) {
	org := newTestOrg(t)
	appID, other := org.addApp(t, "mixed"), org.addApp(t, "not mixed")
	config := appGrantsConfig(org, appID, "okta.users.read") + fmt.Sprintf(`
resource "okta_app_grant" "extra" {
  app_id   = %q
  scope_id = "okta.groups.read"
}
resource "okta_app_grant" "other_app" {
  app_id   = %q
  scope_id = "okta.groups.read"
}
`, appID, other)
	planFails(t, org, config,
		`(?s)App managed by okta_app_grants and okta_app_grant.*`+appID+`.*okta_app_grants resource\s+\(scope_ids:\s+okta.users.read\).*okta_app_grant\s+resources\s+\(scope_id:\s+okta.groups.read\)`)
}

// A scope known only at apply leaves the grants map unknown in the plan;
// the apply grants every scope and re-plans clean.
func TestAccAppGrants_scopeKnownOnlyAtApply(t *testing.T) {
	org, appID := newOrgWithApp(t, "scope unknown at plan")
	config := org.providerBlock() + fmt.Sprintf(`
resource "terraform_data" "scope" {
  input = "okta.logs.read"
}
resource "okta_app_grants" "test" {
  app_id    = %q
  scope_ids = ["okta.users.read", terraform_data.scope.output]
}
`, appID)
	resource.ParallelTest(t, org.appCase(appID, resource.TestStep{
		Config:            config,
		ConfigPlanChecks:  preApply(plancheck.ExpectUnknownValue(grantsResource, tfjsonpath.New("grant_ids"))),
		ConfigStateChecks: []statecheck.StateCheck{org.checkAppScopes(appID, "okta.users.read", "okta.logs.read")},
	}, plansClean(config)))
}

// Adding a scope plans its grant unknown and keeps the others' as state
// holds them.
func TestAccAppGrants_addedScopePlansOnlyItsGrantUnknown(t *testing.T) {
	org, appID := newOrgWithApp(t, "add a scope")
	kept := tfjsonpath.New("grant_ids").AtMapKey("okta.users.read")
	resource.ParallelTest(t, org.appCase(appID,
		resource.TestStep{Config: appGrantsConfig(org, appID, "okta.users.read")},
		resource.TestStep{
			Config: appGrantsConfig(org, appID, "okta.users.read", "okta.logs.read"),
			ConfigPlanChecks: preApply(
				plancheck.ExpectResourceAction(grantsResource, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(grantsResource, kept, knownvalue.StringRegexp(regexp.MustCompile(`^oag`))),
				plancheck.ExpectUnknownValue(grantsResource, tfjsonpath.New("grant_ids").AtMapKey("okta.logs.read")),
			),
		},
	))
}

// A plan check's list that failed (a 5xx, a timeout) is tried again by the
// next check of the app; a missing app stays missing.
func TestFirstListOf_triesAgainAfterAFailure(t *testing.T) {
	org, appID := newOrgWithApp(t, "first list")
	client, err := okta.New(okta.Config{OrgURL: org.URL, APIToken: org.token})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	w := newPlanWalk(client, "")
	org.InjectFault(fakeokta.Fault{Route: fakeokta.RouteListAppGrants, Status: http.StatusServiceUnavailable})
	if _, err := w.firstListOf(ctx, appID); !okta.HasStatus(err, http.StatusServiceUnavailable) {
		t.Fatalf("first list: %v, want a 503", err)
	}
	expired, cancel := context.WithDeadline(ctx, time.Now().Add(-time.Second))
	defer cancel()
	if _, err := w.firstListOf(expired, appID); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("list past its deadline: %v", err)
	}
	if _, err := w.firstListOf(ctx, appID); err != nil {
		t.Fatalf("list after the failures: %v", err)
	}
	for range 2 {
		if _, err := w.firstListOf(ctx, "0oanothere0000000001"); !okta.IsNotFound(err) {
			t.Fatalf("missing app: %v, want a 404", err)
		}
	}
}
