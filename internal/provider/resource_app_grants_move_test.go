// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/tfcli"
)

var (
	migrateExample = filepath.Join("..", "..", "examples", "migrate-from-okta-provider")
	movedScopes    = []string{"okta.apps.read", "okta.groups.read", "okta.users.read"}
)

// officialState is the okta_app_oauth_api_scope state fixture (see
// testdata/README.md) for this org's app, with this issuer, schema version
// and registry host.
func officialState(t *testing.T, appID, issuer string, schemaVersion int) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "okta_app_oauth_api_scope.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	addr, err := tfcli.ProviderAddress(officialProvider)
	if err != nil {
		t.Fatal(err)
	}
	return strings.NewReplacer(
		"0oa1moved2FROM3okta4", appID,
		`"issuer": "https://example.okta.com"`, fmt.Sprintf(`"issuer": %q`, issuer),
		`"schema_version": 0`, fmt.Sprintf(`"schema_version": %d`, schemaVersion),
		officialProvider, addr,
	).Replace(string(b))
}

// migrationWorkdir serves both providers, the official one's stand-in and
// this one, to a workdir holding examples/migrate-from-okta-provider.
func migrationWorkdir(t *testing.T, org *testOrg) *cliWorkdir {
	t.Helper()
	w := newCLIWorkdir(t, map[string]func() tfprotov6.ProviderServer{
		officialProvider: providerserver.NewProtocol6(&officialStandIn{}),
		thisProvider:     providerserver.NewProtocol6(New("test")()),
	})
	w.copyConfig(migrateExample)
	w.configureProviders(map[string]string{"okta": org.providerBlock(), "oktagrants": org.oktagrantsProviderBlock()})
	return w
}

// movingWorkdir is the migration example in a workdir whose state holds
// the app's scopes as okta/okta's okta_app_oauth_api_scope.pipeline, with
// the app already holding those grants in the org, as okta/okta left them.
func movingWorkdir(t *testing.T, org *testOrg, state string) *cliWorkdir {
	t.Helper()
	w := migrationWorkdir(t, org)
	w.writeFile("terraform.tfstate", state)
	w.init()
	return w
}

// orgAppHolding is a new app of the org holding grants of scopes.
func orgAppHolding(t *testing.T, org *testOrg, scopes ...string) string {
	t.Helper()
	appID := org.addApp(t, "pipeline")
	for _, s := range scopes {
		if _, err := org.GrantAppScope(appID, s); err != nil {
			t.Fatal(err)
		}
	}
	return appID
}

// onlyMoves checks that a plan moves okta_app_oauth_api_scope.pipeline to
// okta_app_grants.pipeline and changes nothing.
func onlyMoves(plan *tfjson.Plan) error {
	moved := 0
	for _, rc := range plan.ResourceChanges {
		if rc.Change == nil || rc.Mode == tfjson.DataResourceMode {
			continue
		}
		if !rc.Change.Actions.NoOp() {
			return fmt.Errorf("%s: planned %v, want no change", rc.Address, rc.Change.Actions)
		}
		if rc.PreviousAddress != "" {
			if rc.PreviousAddress != "okta_app_oauth_api_scope.pipeline" || rc.Address != "okta_app_grants.pipeline" {
				return fmt.Errorf("the plan moves %s to %s, want okta_app_oauth_api_scope.pipeline to okta_app_grants.pipeline", rc.PreviousAddress, rc.Address)
			}
			moved++
		}
	}
	if moved != 1 {
		return fmt.Errorf("the plan moves %d resources, want 1", moved)
	}
	return nil
}

// planOutput runs terraform plan with opts, without saving it, and returns
// the CLI's output.
func (w *cliWorkdir) planOutput(opts ...tfexec.PlanOption) (string, error) {
	w.t.Helper()
	var out strings.Builder
	w.tf.SetStdout(&out)
	w.tf.SetStderr(&out)
	defer func() {
		w.tf.SetStdout(nil)
		w.tf.SetStderr(nil)
	}()
	opts = append(opts, tfexec.Reattach(w.reattach))
	for _, v := range w.vars {
		opts = append(opts, tfexec.Var(v))
	}
	_, err := w.tf.Plan(context.Background(), opts...)
	return out.String(), err
}

// The example: one moved block takes okta/okta's okta_app_oauth_api_scope
// over, and nothing is granted or revoked.
func TestAccMoveFromOktaProvider_movesWithoutRequestsOrRegrants(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	appID := orgAppHolding(t, org, movedScopes...)
	before := org.AppGrants(appID)
	w := movingWorkdir(t, org, officialState(t, appID, org.URL, 0))
	w.vars = []string{"app_id=" + appID}
	org.ResetTraffic()

	// The move alone, without the refresh: no request reaches Okta.
	out, err := w.planOutput(tfexec.Refresh(false))
	if err != nil {
		t.Fatalf("terraform plan -refresh=false: %v\n%s", err, out)
	}
	if n := org.Total(); n != 0 {
		t.Errorf("the move sent %d requests to Okta, want none", n)
	}
	for _, want := range []string{"okta_app_oauth_api_scope.pipeline has moved to okta_app_grants.pipeline", "0 to add, 0 to change, 0 to destroy"} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan does not say %q:\n%s", want, out)
		}
	}

	// With the refresh: the move, no change, and only reads.
	if err := onlyMoves(w.plan()); err != nil {
		t.Fatal(err)
	}
	w.applyPlan()
	if err := grantsUnchanged(org, appID, before); err != nil {
		t.Fatal(err)
	}
	if err := grantSetMatchesOrg(w.state(), "okta_app_grants.pipeline", org, appID); err != nil {
		t.Fatal(err)
	}
	plansCleanThenDestroys(t, w, org, appID)
}

// okta/okta's state may hold no issuer: the refresh after the move records
// the one the app's grants have, and the plan changes nothing.
func TestAccMoveFromOktaProvider_emptyIssuerTakesTheGrantsIssuer(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	appID := orgAppHolding(t, org, movedScopes...)
	before := org.AppGrants(appID)
	w := movingWorkdir(t, org, officialState(t, appID, "", 0))
	w.vars = []string{"app_id=" + appID}
	org.ResetTraffic()

	if err := onlyMoves(w.plan()); err != nil {
		t.Fatal(err)
	}
	w.applyPlan()
	if err := grantsUnchanged(org, appID, before); err != nil {
		t.Fatal(err)
	}
	values, err := stateValues(w.state(), "okta_app_grants.pipeline")
	if err != nil {
		t.Fatal(err)
	}
	if values["issuer"] != org.URL {
		t.Errorf("issuer after the move = %v, want the grants' issuer %s", values["issuer"], org.URL)
	}
}

// Scopes that differ from okta/okta's state (one granted out of band, one
// configured but revoked) show in the plan as the grant and revoke they
// are, before anything changes.
func TestAccMoveFromOktaProvider_plansWhatDiffers(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	appID := orgAppHolding(t, org, "okta.apps.read", "okta.groups.read", "okta.logs.read")
	w := movingWorkdir(t, org, officialState(t, appID, org.URL, 0))
	w.vars = []string{"app_id=" + appID}

	plan := w.plan()
	var rc *tfjson.ResourceChange
	for _, c := range plan.ResourceChanges {
		if c.Address == "okta_app_grants.pipeline" {
			rc = c
		}
	}
	if rc == nil || rc.PreviousAddress != "okta_app_oauth_api_scope.pipeline" || !rc.Change.Actions.Update() {
		t.Fatalf("want okta_app_grants.pipeline moved and updated in place, got %+v", rc)
	}
	if n := org.Count(fakeokta.RouteCreateAppGrant) + org.Count(fakeokta.RouteRevokeAppGrant); n != 0 {
		t.Fatalf("planning sent %d grant or revoke requests", n)
	}
	w.applyPlan()
	org.requireScopes(t, appID, movedScopes...)
}

// A schema version okta/okta has not written is refused, naming the one
// okta_app_grants moves, and nothing changes.
func TestAccMoveFromOktaProvider_refusesAnotherSchemaVersion(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	appID := orgAppHolding(t, org, movedScopes...)
	w := movingWorkdir(t, org, officialState(t, appID, org.URL, 7))
	w.vars = []string{"app_id=" + appID}
	org.ResetTraffic()

	out, err := w.planOutput()
	if err == nil {
		t.Fatalf("the plan moved a state of schema version 7:\n%s", out)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"schema version 7", "moves schema version 0", "removed block and an import"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the diagnostic does not say %q:\n%s", want, out)
		}
	}
	if n := org.Count(fakeokta.RouteCreateAppGrant) + org.Count(fakeokta.RouteRevokeAppGrant); n != 0 {
		t.Errorf("the refused move sent %d grant or revoke requests", n)
	}
}

// grantSetMatchesOrg checks that an okta_app_grants in state records, by
// scope, the IDs of exactly the grants the app holds in the org.
func grantSetMatchesOrg(s *tfjson.State, address string, org *testOrg, appID string) error {
	values, err := stateValues(s, address)
	if err != nil {
		return err
	}
	recorded, _ := values["grant_ids"].(map[string]any)
	held := org.AppGrants(appID)
	if len(recorded) != len(held) {
		return fmt.Errorf("%s records %d grants, the app holds %d", address, len(recorded), len(held))
	}
	for _, g := range held {
		if recorded[g.ScopeID] != g.ID {
			return fmt.Errorf("%s records grant %v for %s, the org's grant is %s", address, recorded[g.ScopeID], g.ScopeID, g.ID)
		}
	}
	return nil
}

// The configuration may drop okta/okta in the same change as the move:
// terraform init still installs it while the state names it, and once the
// move is applied nothing needs it.
func TestAccMoveFromOktaProvider_dropsTheOldProviderInTheSameChange(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	appID := orgAppHolding(t, org, movedScopes...)
	before := org.AppGrants(appID)
	// okta/okta is served (as init would install it because the state
	// names it) but neither required nor configured.
	w := newCLIWorkdir(t, map[string]func() tfprotov6.ProviderServer{
		officialProvider: providerserver.NewProtocol6(&officialStandIn{}),
		thisProvider:     providerserver.NewProtocol6(New("test")()),
	})
	w.writeFile("main.tf", fmt.Sprintf(`
terraform {
  required_providers {
    oktagrants = { source = "oktagrants/okta" }
  }
}
%s
moved {
  from = okta_app_oauth_api_scope.pipeline
  to   = okta_app_grants.pipeline
}
resource "okta_app_grants" "pipeline" {
  provider  = oktagrants
  app_id    = %q
  scope_ids = [%s]
}
`, org.oktagrantsProviderBlock(), appID, quoteAll(movedScopes)))
	w.writeFile("terraform.tfstate", officialState(t, appID, org.URL, 0))
	w.init()
	org.ResetTraffic()
	if err := onlyMoves(w.plan()); err != nil {
		t.Fatal(err)
	}
	w.applyPlan()
	if err := grantsUnchanged(org, appID, before); err != nil {
		t.Fatal(err)
	}

	// Without okta/okta at all: init and plan need nothing of it now.
	addr, err := tfcli.ProviderAddress(officialProvider)
	if err != nil {
		t.Fatal(err)
	}
	delete(w.reattach, addr)
	w.init()
	if err := onlyImports(w.plan(), 0, 0); err != nil {
		t.Fatal(err)
	}
}

// moveResourceState asks the provider, as Terraform would, to move a
// source resource's state into okta_app_grants.
func moveResourceState(t *testing.T, provider, typeName string, version int64, state string) *tfprotov6.MoveResourceStateResponse {
	t.Helper()
	server := providerserver.NewProtocol6(New("test")())()
	if _, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{}); err != nil {
		t.Fatal(err)
	}
	resp, err := server.MoveResourceState(context.Background(), &tfprotov6.MoveResourceStateRequest{
		SourceProviderAddress: provider,
		SourceTypeName:        typeName,
		SourceSchemaVersion:   version,
		SourceState:           &tfprotov6.RawState{JSON: []byte(state)},
		TargetTypeName:        "okta_app_grants",
	})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func diagnosticsText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%s: %s\n", d.Summary, d.Detail)
	}
	return b.String()
}

func TestMoveState_whatItTakesAndWhatItRefuses(t *testing.T) {
	const okState = `{"id":"0oa1","app_id":"0oa1","issuer":"https://example.okta.com","scopes":["okta.users.read"]}`
	cases := []struct {
		name, provider, typeName string
		version                  int64
		state                    string
		want                     string // in the diagnostics; "" for a move
	}{
		{"okta/okta", "registry.terraform.io/okta/okta", "okta_app_oauth_api_scope", 0, okState, ""},
		{"okta/okta through OpenTofu's registry", "registry.opentofu.org/okta/okta", "okta_app_oauth_api_scope", 0, okState, ""},
		{"only the id okta/okta sets to the app", "registry.terraform.io/okta/okta", "okta_app_oauth_api_scope", 0, `{"id":"0oa1","issuer":"","scopes":[]}`, ""},
		{"another provider's type of that name", "registry.terraform.io/someone/okta", "okta_app_oauth_api_scope", 0, okState, "okta_app_oauth_api_scope"},
		{"another okta/okta type", "registry.terraform.io/okta/okta", "okta_app_oauth", 0, okState, "okta_app_oauth"},
		{"a schema version okta/okta has not written", "registry.terraform.io/okta/okta", "okta_app_oauth_api_scope", 1, okState, "moves schema version 0"},
		{"not okta/okta's layout", "registry.terraform.io/okta/okta", "okta_app_oauth_api_scope", 0, `{"app_id":"0oa1","scopes":"okta.users.read"}`, "not what okta/okta writes"},
		{"no app", "registry.terraform.io/okta/okta", "okta_app_oauth_api_scope", 0, `{"issuer":"x","scopes":[]}`, "no app_id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp := moveResourceState(t, c.provider, c.typeName, c.version, c.state)
			got := diagnosticsText(resp.Diagnostics)
			if c.want == "" {
				if got != "" || resp.TargetState == nil {
					t.Fatalf("want a move, got diagnostics %q", got)
				}
				return
			}
			if !strings.Contains(got, c.want) || resp.TargetState != nil {
				t.Fatalf("want a refusal saying %q, got state %v and diagnostics %q", c.want, resp.TargetState, got)
			}
		})
	}
}
