// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

// Acceptance tests that run against any Okta org: a fake one of their own
// in make test, the org of OKTA_ORG_URL with `make testacc-org` (README,
// "Testing against a real org"). They use only what a real org offers: the
// app named by OKTA_TEST_APP_ID, whose grants of sweptScopes they may
// change, the user named by OKTA_TEST_USER_ID, and the environment's
// credentials; and they check the org through its API, never through the
// fake's state. The rest of the suite needs the fake's switches (faults,
// clocks, seeding, read lag) and runs against the fake only.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

const (
	envTestAppID  = "OKTA_TEST_APP_ID"
	envTestUserID = "OKTA_TEST_USER_ID"
	// envTestOrg, set by make testacc-org, runs the org tests against the
	// org of OKTA_ORG_URL: never by accident, from a shell that happens to
	// have OKTA_ORG_URL set, in make test.
	envTestOrg = "OKTA_TESTACC_ORG"
)

// sweptScopes are the scopes the org tests grant to the test app, and the
// only ones the sweeper revokes there: the app's grants of other scopes
// are not the tests'. Read-only scopes no test app needs.
var sweptScopes = []string{"okta.logs.read", "okta.clients.read", "okta.idps.read", "okta.factors.read"}

func init() {
	resource.AddTestSweepers("okta_app_grant", &resource.Sweeper{
		Name: "okta_app_grant",
		F: func(string) error {
			org, err := externalOrg()
			if err != nil {
				return err
			}
			return org.sweep(context.Background())
		},
	})
}

// orgUnderTest is the org the org tests run against.
type orgUnderTest struct {
	appID, userID string
	// provider is the provider block: empty against the org of
	// OKTA_ORG_URL, whose credentials come from the environment, as in CI.
	provider string
	client   *okta.Client
}

// testOrgFromEnv is the org of OKTA_ORG_URL under make testacc-org, or
// else a fake org of the test's own, seeded with the demo apps and users.
func testOrgFromEnv(t *testing.T) *orgUnderTest {
	t.Helper()
	if os.Getenv(envTestOrg) == "" {
		return seededFakeOrg(t)
	}
	org, err := externalOrg()
	if err != nil {
		t.Fatal(err)
	}
	return org
}

// externalOrg is the org of OKTA_ORG_URL with the environment's
// credentials and test app.
func externalOrg() (*orgUnderTest, error) {
	appID := os.Getenv(envTestAppID)
	if os.Getenv("OKTA_ORG_URL") == "" || appID == "" {
		return nil, fmt.Errorf("OKTA_ORG_URL and %s name the org and an OAuth app dedicated to tests, whose grants of %s the tests may change",
			envTestAppID, strings.Join(sweptScopes, ", "))
	}
	s := resolveSettings(map[string]setting{}, os.LookupEnv)
	if s.diags.HasError() {
		return nil, fmt.Errorf("the environment's provider settings: %v", s.diags)
	}
	client, err := okta.New(okta.Config{
		OrgURL: s.orgURL, APIToken: s.apiToken, AccessToken: s.accessToken, ClientID: s.clientID,
		PrivateKey: s.privateKey, PrivateKeyID: s.privateKeyID, Scopes: s.scopes, DPoP: okta.DPoPMode(s.dpop),
		MaxRetries: s.maxRetries, UserAgent: "terraform-provider-okta/testacc-org",
	})
	if err != nil {
		return nil, err
	}
	return &orgUnderTest{appID: appID, userID: os.Getenv(envTestUserID), provider: `provider "okta" {}`, client: client}, nil
}

func seededFakeOrg(t *testing.T) *orgUnderTest {
	t.Helper()
	org := newTestOrg(t)
	if err := fakeokta.SeedDemo(org.Org); err != nil {
		t.Fatal(err)
	}
	client, err := okta.New(okta.Config{OrgURL: org.URL, APIToken: org.token, UserAgent: "terraform-provider-okta/testacc-org"})
	if err != nil {
		t.Fatal(err)
	}
	return &orgUnderTest{appID: fakeokta.DemoPipelineAppID, userID: fakeokta.DemoAliceID, provider: org.providerBlock(), client: client}
}

// heldScopes are the scopes the test app holds, through the API.
func (o *orgUnderTest) heldScopes(ctx context.Context) ([]string, error) {
	grants, err := o.client.ListAppGrants(ctx, o.appID, false)
	if err != nil {
		return nil, err
	}
	var scopes []string
	for _, g := range grants {
		if g.Held() {
			scopes = append(scopes, g.ScopeID)
		}
	}
	slices.Sort(scopes)
	return scopes, nil
}

func (o *orgUnderTest) mustHeldScopes(t *testing.T) []string {
	t.Helper()
	scopes, err := o.heldScopes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return scopes
}

// freeScope is a swept scope the test app does not hold: a test grants it
// and revokes it, and touches nothing else of the app's.
func (o *orgUnderTest) freeScope(t *testing.T) string {
	t.Helper()
	held := o.mustHeldScopes(t)
	for _, s := range sweptScopes {
		if !slices.Contains(held, s) {
			return s
		}
	}
	t.Fatalf("the test app %s holds every scope the tests may grant (%s): run make sweep", o.appID, strings.Join(sweptScopes, ", "))
	return ""
}

// sweep revokes the test app's grants of sweptScopes: what an interrupted
// run left behind.
func (o *orgUnderTest) sweep(ctx context.Context) error {
	grants, err := o.client.ListAppGrants(ctx, o.appID, false)
	if err != nil {
		return err
	}
	var errs []error
	for _, g := range grants {
		if g.Held() && slices.Contains(sweptScopes, g.ScopeID) {
			if err := o.client.RevokeAppGrant(ctx, o.appID, g.ID); err != nil && !okta.IsNotFound(err) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// holds is a check that the test app holds scope, through the API, or not.
func (o *orgUnderTest) holds(scope string, want bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		held, err := o.heldScopes(context.Background())
		if err != nil {
			return err
		}
		if slices.Contains(held, scope) != want {
			return fmt.Errorf("the test app %s holds %v: want %s held %t", o.appID, held, scope, want)
		}
		return nil
	}
}

// An okta_app_grant on the test app: created, imported by scope, and
// destroyed, leaving the app's other grants as they were.
func TestAccOrg_appGrantLifecycle(t *testing.T) {
	org := testOrgFromEnv(t)
	scope := org.freeScope(t)
	before := org.mustHeldScopes(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy: func(s *terraform.State) error {
			after, err := org.heldScopes(context.Background())
			if err != nil {
				return err
			}
			if !slices.Equal(after, before) {
				return fmt.Errorf("after the destroy the test app holds %v, want %v as before", after, before)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: org.provider + fmt.Sprintf(`
resource "okta_app_grant" "test" {
  app_id   = %q
  scope_id = %q
}
`, org.appID, scope),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("okta_app_grant.test", tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
				},
				Check: org.holds(scope, true),
			},
			{ResourceName: "okta_app_grant.test", ImportState: true, ImportStateVerify: true, ImportStateId: org.appID + "/" + scope},
		},
	})
}

// The okta_app_grants data source on the test app lists what the API
// lists.
func TestAccOrg_appGrantsDataSource(t *testing.T) {
	org := testOrgFromEnv(t)
	listed, err := org.client.ListAppGrants(context.Background(), org.appID, false)
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, accCase(resource.TestStep{
		Config: org.provider + fmt.Sprintf(`
data "okta_app_grants" "test" {
  app_id = %q
}
`, org.appID),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.okta_app_grants.test", tfjsonpath.New("grants"), knownvalue.ListSizeExact(len(listed))),
		},
	}))
}

// The okta_user_grants data source on the test user lists what the API
// lists. Consent grants cannot be made through the API: the user must
// have consented in the org.
func TestAccOrg_userGrantsDataSource(t *testing.T) {
	org := testOrgFromEnv(t)
	if org.userID == "" {
		t.Skipf("%s is not set: name a user who consented to an app's scopes to read user grants", envTestUserID)
	}
	resource.ParallelTest(t, accCase(resource.TestStep{
		Config: org.provider + fmt.Sprintf(`
data "okta_user_grants" "test" {
  user_id = %q
}
`, org.userID),
		// Counted when the data source is read, not before: another org
		// test may revoke one of the user's grants meanwhile.
		Check: func(s *terraform.State) error {
			grants, err := org.client.ListUserGrants(context.Background(), org.userID, okta.ListUserGrantsOptions{})
			if err != nil {
				return err
			}
			return resource.TestCheckResourceAttr("data.okta_user_grants.test", "grants.#", fmt.Sprint(len(grants)))(s)
		},
	}))
}

// The sweeper revokes what a run interrupted before its destroy left on
// the test app, and nothing else: a grant is left behind on purpose.
func TestAccOrg_sweeperRevokesWhatARunLeftBehind(t *testing.T) {
	org := testOrgFromEnv(t)
	others := slices.DeleteFunc(org.mustHeldScopes(t), func(s string) bool { return slices.Contains(sweptScopes, s) })
	scope := org.freeScope(t)
	if _, err := org.client.CreateAppGrant(context.Background(), org.appID, okta.CreateAppGrantRequest{Issuer: org.client.OrgURL(), ScopeID: scope}); err != nil {
		t.Fatal(err)
	}
	if err := org.sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	if after := org.mustHeldScopes(t); !slices.Equal(after, others) {
		t.Fatalf("after the sweep the test app holds %v, want %v: the left-behind %s gone, the rest kept", after, others, scope)
	}
}

// envRevokeUserGrants opts in to the org test that revokes one of the test
// user's consent grants, which the API cannot make again.
const envRevokeUserGrants = "OKTA_TEST_REVOKE_USER_GRANTS"

// okta_revoke_user_grants revokes one consent grant of the test user, and
// only it. Against a real org it runs only with OKTA_TEST_REVOKE_USER_GRANTS
// set, and says first which grant it revokes.
func TestAccOrg_revokeOneUserGrant(t *testing.T) {
	org := testOrgFromEnv(t)
	if org.userID == "" {
		t.Skipf("%s is not set: name a user who consented to an app's scopes", envTestUserID)
	}
	ctx := context.Background()
	grants, err := org.client.ListUserGrants(ctx, org.userID, okta.ListUserGrantsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(grants) == 0 {
		t.Skipf("user %s holds no consent grant to revoke", org.userID)
	}
	victim := grants[0]
	what := fmt.Sprintf("consent grant %s (scope %s, client %s) of user %s", victim.ID, victim.ScopeID, victim.ClientID, org.userID)
	if os.Getenv(envTestOrg) != "" && os.Getenv(envRevokeUserGrants) == "" {
		t.Skipf("would revoke %s, which the API cannot make again: set %s=1 to allow it", what, envRevokeUserGrants)
	}
	t.Logf("revoking %s", what)
	resource.Test(t, gated(needsActions, accCase(resource.TestStep{
		Config: org.provider + fmt.Sprintf(`
action "okta_revoke_user_grants" "this" {
  config {
    user_id  = %q
    grant_id = %q
  }
}

resource "terraform_data" "trigger" {
  input = "revoke"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.okta_revoke_user_grants.this]
    }
  }
}
`, org.userID, victim.ID),
		Check: func(*terraform.State) error {
			left, err := org.client.ListUserGrants(ctx, org.userID, okta.ListUserGrantsOptions{})
			if err != nil {
				return err
			}
			var ids []string
			for _, g := range left {
				if g.ID == victim.ID && g.Held() {
					return fmt.Errorf("%s is still held", what)
				}
				ids = append(ids, g.ID)
			}
			if len(left) < len(grants)-1 {
				return fmt.Errorf("user %s holds %v after revoking one grant of %d", org.userID, ids, len(grants))
			}
			return nil
		},
	})))
}
