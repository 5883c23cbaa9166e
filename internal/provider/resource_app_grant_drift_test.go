// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

// grantedAgainAfter applies a grant of okta.users.read, lets outOfBand
// take it away behind Terraform's back, and checks that the next apply
// plans to create it and grants it again.
func grantedAgainAfter(t *testing.T, label string, outOfBand func(org *testOrg, appID string) error) {
	t.Helper()
	org, appID := newOrgWithApp(t, label)
	resource.ParallelTest(t, org.appCase(appID,
		resource.TestStep{Config: appGrantConfig(org, appID, "okta.users.read")},
		resource.TestStep{
			PreConfig: func() {
				if err := outOfBand(org, appID); err != nil {
					t.Fatal(err)
				}
			},
			Config:           appGrantConfig(org, appID, "okta.users.read"),
			ConfigPlanChecks: preApply(plancheck.ExpectResourceAction(grantResource, plancheck.ResourceActionCreate)),
			ConfigStateChecks: []statecheck.StateCheck{
				org.checkAppScopes(appID, "okta.users.read"),
				org.checkStateMatchesOrg(grantResource, appID, "okta.users.read"),
				statecheck.ExpectKnownValue(grantResource, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
			},
		},
	))
}

// A grant revoked behind Terraform's back is planned for creation again.
func TestAccAppGrant_revokedOutOfBand(t *testing.T) {
	grantedAgainAfter(t, "drift", func(org *testOrg, appID string) error {
		for _, g := range org.AppGrants(appID) {
			if err := org.RevokeGrant(g.ID); err != nil {
				return err
			}
		}
		return nil
	})
}

// A grant Okta still lists as REVOKED is gone for Terraform: planned for
// creation again, and granted again.
func TestAccAppGrant_listedAsRevoked(t *testing.T) {
	grantedAgainAfter(t, "listed-revoked", func(org *testOrg, appID string) error {
		return org.MarkRevoked(org.AppGrants(appID)[0].ID)
	})
}

// An app deleted behind Terraform's back takes its grants with it.
func TestAccAppGrant_appDeletedOutOfBand(t *testing.T) {
	org, appID := newOrgWithApp(t, "deleted")
	resource.ParallelTest(t, accCase(
		resource.TestStep{Config: appGrantConfig(org, appID, "okta.users.read")},
		resource.TestStep{
			// The grant is gone with the app, and creating it again
			// would fail: the plan fails.
			PreConfig:   func() { org.DeleteApp(appID) },
			Config:      appGrantConfig(org, appID, "okta.users.read"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)App not found.*app_id.*` + appID),
		},
	))
}

func TestAccAppGrant_rateLimitedThenSucceeds(t *testing.T) {
	org, appID := newOrgWithApp(t, "429")
	org.InjectFault(fakeokta.Fault{Route: fakeokta.RouteCreateAppGrant, Status: http.StatusTooManyRequests, Count: 2})
	resource.ParallelTest(t, org.appCase(appID, resource.TestStep{
		Config: appGrantConfig(org, appID, "okta.users.read"),
		ConfigStateChecks: []statecheck.StateCheck{
			org.checkAppScopes(appID, "okta.users.read"),
			orgCheck(func() error {
				if n := org.CountStatus(http.StatusTooManyRequests); n != 2 {
					return fmt.Errorf("the org answered %d 429s, want the 2 injected", n)
				}
				if n := org.Count(fakeokta.RouteCreateAppGrant); n != 3 {
					return fmt.Errorf("the org got %d POSTs, want 3: two rate-limited, one granted", n)
				}
				return nil
			}),
		},
	}))
}

// The first POST takes effect but its answer is lost (a gateway error):
// the retried POST is refused as a duplicate, and the provider adopts the
// grant its own first attempt made.
func TestAccAppGrant_adoptsOwnGrantAfterRetriedPost(t *testing.T) {
	org, appID := newOrgWithApp(t, "retried-post")
	org.InjectFault(fakeokta.Fault{Route: fakeokta.RouteCreateAppGrant, Status: http.StatusBadGateway, AfterCommit: true})
	resource.ParallelTest(t, org.appCase(appID, resource.TestStep{
		Config: appGrantConfig(org, appID, "okta.users.read"),
		ConfigStateChecks: []statecheck.StateCheck{
			org.checkAppScopes(appID, "okta.users.read"),
			org.checkStateMatchesOrg(grantResource, appID, "okta.users.read"),
			orgCheck(func() error {
				if n := org.Count(fakeokta.RouteCreateAppGrant); n != 2 {
					return fmt.Errorf("the org got %d POSTs, want 2: the lost answer and the retry", n)
				}
				return nil
			}),
		},
	}))
}

func TestAccAppGrant_serverErrorsOnReadAreRetried(t *testing.T) {
	org, appID := newOrgWithApp(t, "5xx")
	resource.ParallelTest(t, org.appCase(appID,
		resource.TestStep{Config: appGrantConfig(org, appID, "okta.users.read")},
		resource.TestStep{
			PreConfig: func() {
				org.InjectFault(fakeokta.Fault{Route: fakeokta.RouteListAppGrants, Status: http.StatusServiceUnavailable, Count: 2})
			},
			Config:   appGrantConfig(org, appID, "okta.users.read"),
			PlanOnly: true,
		},
	))
	if n := org.CountStatus(http.StatusServiceUnavailable); n != 2 {
		t.Fatalf("the org answered %d 503s, want the 2 injected: the refresh did not meet them", n)
	}
}
