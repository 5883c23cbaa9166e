// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// newDemoOrg is a test org seeded with the demo's users and their grants:
// alice gave the reporting app orders and profile and the pipeline app
// profile; bob gave the reporting app profile.
func newDemoOrg(t *testing.T) *testOrg {
	t.Helper()
	org := newTestOrg(t)
	if err := fakeokta.SeedDemo(org.Org); err != nil {
		t.Fatal(err)
	}
	return org
}

// userGrants is what a user consented to in the org, as "client/scope".
func (o *testOrg) userGrants(userID string) []string {
	var out []string
	for _, g := range o.UserGrants(userID) {
		if g.Status == "ACTIVE" {
			out = append(out, g.ClientID+"/"+g.ScopeID)
		}
	}
	slices.Sort(out)
	return out
}

// checkUserGrants checks what each user has left in the org.
func (o *testOrg) checkUserGrants(want map[string][]string) statecheck.StateCheck {
	return orgCheck(func() error {
		for user, grants := range want {
			slices.Sort(grants)
			if got := o.userGrants(user); !slices.Equal(got, grants) {
				return fmt.Errorf("user %s holds %v, want %v", user, got, grants)
			}
		}
		return nil
	})
}

// actionTriggeredConfig invokes an okta_revoke_user_grants action with
// config once, when a terraform_data resource is created.
func (o *testOrg) actionTriggeredConfig(config string) string {
	return o.providerBlock() + fmt.Sprintf(`
action "okta_revoke_user_grants" "this" {
  config {
%s
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
`, config)
}

const (
	orders  = "scpdemo0ordersread01"
	profile = "scpdemo0profile00001"
)

func TestAccRevokeUserGrants_eachFormRevokesExactlyItsGrants(t *testing.T) {
	alice, bob := fakeokta.DemoAliceID, fakeokta.DemoBobID
	reporting, pipeline := fakeokta.DemoReportingAppID, fakeokta.DemoPipelineAppID
	bobUntouched := []string{reporting + "/" + profile}
	for _, tc := range []struct {
		name, config string
		// grantOf picks the grant_id from alice's grants, if the form takes one.
		aliceLeft []string
		grantOf   string
	}{
		{"all of a user's", fmt.Sprintf("user_id = %q", alice), nil, ""},
		{"one client's", fmt.Sprintf("user_id = %q\n client_id = %q", alice, reporting), []string{pipeline + "/" + profile}, ""},
		{"some scopes'", fmt.Sprintf("user_id = %q\n scope_ids = [%q]", alice, profile), []string{reporting + "/" + orders}, ""},
		{"some scopes' of one client", fmt.Sprintf("user_id = %q\n client_id = %q\n scope_ids = [%q]", alice, reporting, profile),
			[]string{reporting + "/" + orders, pipeline + "/" + profile}, ""},
		{"one grant", "", []string{reporting + "/" + profile, pipeline + "/" + profile}, reporting + "/" + orders},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			org := newDemoOrg(t)
			config := tc.config
			if tc.grantOf != "" {
				for _, g := range org.UserGrants(alice) {
					if g.ClientID+"/"+g.ScopeID == tc.grantOf {
						config = fmt.Sprintf("user_id = %q\n grant_id = %q", alice, g.ID)
					}
				}
			}
			org.ResetTraffic()
			resource.Test(t, gated(needsActions, accCase(resource.TestStep{
				Config: org.actionTriggeredConfig(config),
				ConfigStateChecks: []statecheck.StateCheck{
					org.checkUserGrants(map[string][]string{alice: tc.aliceLeft, bob: bobUntouched}),
				},
			})))
		})
	}
}

func TestAccRevokeUserGrants_nothingLeftIsSuccess(t *testing.T) {
	t.Parallel()
	org := newDemoOrg(t)
	alice := fakeokta.DemoAliceID
	for _, g := range org.UserGrants(alice) {
		if err := org.RevokeGrant(g.ID); err != nil {
			t.Fatal(err)
		}
	}
	org.ResetTraffic()
	resource.Test(t, gated(needsActions, accCase(resource.TestStep{
		Config: org.actionTriggeredConfig(fmt.Sprintf("user_id = %q\n client_id = %q", alice, fakeokta.DemoReportingAppID)),
		ConfigStateChecks: []statecheck.StateCheck{orgCheck(func() error {
			// One list, which is empty: no revoke call is needed.
			if n := org.Count(fakeokta.RouteRevokeUserClientGrants); n != 0 {
				return fmt.Errorf("%d revoke calls for nothing to revoke", n)
			}
			return nil
		})},
	})))
}

func TestAccRevokeUserGrants_badConfigAndMissingUser(t *testing.T) {
	t.Parallel()
	org := newDemoOrg(t)
	for _, tc := range []struct{ config, want string }{
		{fmt.Sprintf("user_id = %q\n grant_id = \"oag1\"\n client_id = %q", fakeokta.DemoAliceID, fakeokta.DemoReportingAppID), `Invalid Attribute Combination`},
		{fmt.Sprintf("user_id = %q\n grant_id = \"oag1\"\n scope_ids = [%q]", fakeokta.DemoAliceID, profile), `Invalid Attribute Combination`},
		{`user_id = "00unobody00000000001"`, `User not found(.|\n)*00unobody00000000001`},
		{`user_id = "00u1/../apps"`, `Invalid Okta ID(.|\n)*user_id`},
	} {
		t.Run(tc.want, func(t *testing.T) {
			resource.Test(t, gated(needsActions, failingCase(org.actionTriggeredConfig(tc.config), tc.want)))
		})
	}
	if got := org.userGrants(fakeokta.DemoAliceID); len(got) != 3 {
		t.Fatalf("alice holds %v after failed actions, want her 3 grants", got)
	}
}

// TestAccRevokeUserGrants_invokedFromTheCLI runs the action the way an
// operator does in an incident: terraform apply -invoke, no resource.
func TestAccRevokeUserGrants_invokedFromTheCLI(t *testing.T) {
	t.Parallel()
	org := newDemoOrg(t)
	w := newProviderWorkdir(t)
	skipWithout(t, w, needsActions)
	w.writeFile("main.tf", org.providerBlock()+requiredProviders+fmt.Sprintf(`
action "okta_revoke_user_grants" "offboard_reporting" {
  config {
    user_id   = %q
    client_id = %q
  }
}
`, fakeokta.DemoAliceID, fakeokta.DemoReportingAppID))
	w.init()
	out := w.run("apply", "-auto-approve", "-invoke=action.okta_revoke_user_grants.offboard_reporting")
	if !strings.Contains(out, "Revoked the grants of user "+fakeokta.DemoAliceID+" to client "+fakeokta.DemoReportingAppID+": 2 grant(s)") {
		t.Fatalf("the CLI output does not report the 2 grants revoked:\n%s", out)
	}
	if got, want := org.userGrants(fakeokta.DemoAliceID), []string{fakeokta.DemoPipelineAppID + "/" + profile}; !slices.Equal(got, want) {
		t.Fatalf("alice holds %v, want %v", got, want)
	}
}

// skipWithout skips a CLI-driven test when the CLI fails the checks.
func skipWithout(t *testing.T, w *cliWorkdir, checks []tfversion.TerraformVersionCheck) {
	t.Helper()
	for _, check := range checks {
		var resp tfversion.CheckTerraformVersionResponse
		version, _, err := w.tf.Version(context.Background(), true)
		if err != nil {
			t.Fatal(err)
		}
		check.CheckTerraformVersion(context.Background(), tfversion.CheckTerraformVersionRequest{TerraformVersion: version}, &resp)
		if resp.Error != nil {
			t.Fatal(resp.Error)
		}
		if resp.Skip != "" {
			t.Skip(resp.Skip)
		}
	}
}

// run runs the CLI with args the test process's providers reattached, for
// commands terraform-exec does not have, and returns its output.
func (w *cliWorkdir) run(args ...string) string {
	w.t.Helper()
	reattach, err := json.Marshal(w.reattach)
	if err != nil {
		w.t.Fatal(err)
	}
	cmd := exec.Command(w.tf.ExecPath(), args...)
	cmd.Dir = w.dir
	cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+string(reattach), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		w.t.Fatalf("%s %s: %v\n%s", w.tf.ExecPath(), strings.Join(args, " "), err, out)
	}
	return string(out)
}

// After a Ctrl-C, the revokes still queued are not sent, and one
// "Interrupted" error says so rather than an error per grant.
func TestRevokeEach_interruptedSendsNothingMore(t *testing.T) {
	org := newTestOrg(t)
	client, err := okta.New(okta.Config{OrgURL: org.URL, APIToken: org.token})
	if err != nil {
		t.Fatal(err)
	}
	grants := make([]okta.Grant, 3*grantConcurrency)
	for i := range grants {
		grants[i] = okta.Grant{ID: fmt.Sprintf("oag%017d", i), ScopeID: "okta.users.read"}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var diags diag.Diagnostics
	revocation{client: client, userID: "00u1abcd2EFGH3ijk4l5"}.revokeEach(ctx, grants, "the grants of user 00u1abcd2EFGH3ijk4l5", &diags)
	if len(diags) != 1 || diags[0].Summary() != "Interrupted" {
		t.Errorf("%d diagnostics, want one Interrupted: %v", len(diags), diags)
	}
	if n := org.Count(fakeokta.RouteRevokeUserGrant); n != 0 {
		t.Errorf("%d revokes were sent after the interrupt", n)
	}
}
