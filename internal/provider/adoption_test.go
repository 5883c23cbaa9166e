// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	providerschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

const (
	thisProvider     = "registry.terraform.io/oktagrants/okta"
	officialProvider = "registry.terraform.io/okta/okta"
)

// onlyImports checks that a plan imports imports resources, forgets
// forgets, and creates, changes and destroys nothing.
func onlyImports(plan *tfjson.Plan, imports, forgets int) error {
	gotImports, gotForgets := 0, 0
	for _, rc := range plan.ResourceChanges {
		if rc.Change == nil || rc.Mode == tfjson.DataResourceMode {
			continue
		}
		if rc.Change.Importing != nil {
			gotImports++
		}
		switch {
		case rc.Change.Actions.Forget():
			gotForgets++
		case !rc.Change.Actions.NoOp():
			return fmt.Errorf("%s: planned %v, want only imports", rc.Address, rc.Change.Actions)
		}
	}
	if gotImports != imports || gotForgets != forgets {
		return fmt.Errorf("the plan imports %d and forgets %d, want %d and %d", gotImports, gotForgets, imports, forgets)
	}
	return nil
}

// grantsUnchanged checks that the app holds exactly the grants it held
// before (same IDs: nothing revoked and granted again) and that the org
// got no grant or revoke request since traffic was reset.
func grantsUnchanged(org *testOrg, appID string, before []fakeokta.Grant) error {
	ids := func(gs []fakeokta.Grant) []string {
		var out []string
		for _, g := range gs {
			out = append(out, g.ID)
		}
		return out
	}
	if got, want := ids(org.AppGrants(appID)), ids(before); !slices.Equal(got, want) {
		return fmt.Errorf("the app holds grants %v, want the same %v as before", got, want)
	}
	if n := org.Count(fakeokta.RouteCreateAppGrant) + org.Count(fakeokta.RouteRevokeAppGrant); n != 0 {
		return fmt.Errorf("adopting made %d grant or revoke requests, want none", n)
	}
	return nil
}

// adopts plans the adoption of the app's grants, which must only import
// imports resources and forget forgets, applies it, and checks that the
// app holds the grants it held before.
func adopts(t *testing.T, w *cliWorkdir, org *testOrg, appID string, before []fakeokta.Grant, imports, forgets int) {
	t.Helper()
	if err := onlyImports(w.plan(), imports, forgets); err != nil {
		t.Fatalf("adoption plan: %v", err)
	}
	w.applyPlan()
	if err := grantsUnchanged(org, appID, before); err != nil {
		t.Fatal(err)
	}
}

// plansCleanThenDestroys checks that an adopted configuration plans no
// change, and that destroying it revokes every grant of the app.
func plansCleanThenDestroys(t *testing.T, w *cliWorkdir, org *testOrg, appID string) {
	t.Helper()
	if err := onlyImports(w.plan(), 0, 0); err != nil {
		t.Fatalf("plan after the adoption: %v", err)
	}
	w.destroy()
	org.requireScopes(t, appID)
}

// stateOf is the state of a workdir as terraform show -json gives it.
func (w *cliWorkdir) state() *tfjson.State {
	w.t.Helper()
	s, err := w.tf.Show(context.Background(), tfexec.Reattach(w.reattach))
	if err != nil {
		w.t.Fatalf("terraform show: %v", err)
	}
	return s
}

// The examples/adopt-app-grants configuration, as the docs show it: one
// import block with for_each over data.okta_app_grants.
func TestAccAdoptAppGrants_importForEachPlansCleanAfterApply(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	appID, _ := appWithGrants(t, org, "okta.users.read", "okta.groups.manage", "okta.logs.read", "okta.apps.read")
	// Okta may still list a revoked grant, even beside a new grant of the
	// same scope: the example must adopt only the active ones.
	if err := org.MarkRevoked(org.AppGrants(appID)[2].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := org.GrantAppScope(appID, "okta.logs.read"); err != nil {
		t.Fatal(err)
	}
	before := org.AppGrants(appID)
	w := newProviderWorkdir(t)
	w.copyConfig(filepath.Join("..", "..", "examples", "adopt-app-grants"))
	w.configureProviders(map[string]string{"okta": org.providerBlock()})
	w.vars = []string{"app_id=" + appID}
	w.init()
	org.ResetTraffic()

	adopts(t, w, org, appID, before, 4, 0)
	for _, g := range before {
		if g.Status != "ACTIVE" {
			continue
		}
		if err := org.stateMatchesOrg(w.state(), fmt.Sprintf("okta_app_grant.this[%q]", g.ScopeID), appID, g.ScopeID); err != nil {
			t.Fatal(err)
		}
	}
	plansCleanThenDestroys(t, w, org, appID)
}

// The examples/migrate-from-okta-provider configuration, replacing an
// okta_app_oauth_api_scope that a running provider created: the state the
// move starts from is written by Terraform itself, not a fixture.
func TestAccMigrateFromOktaProvider_movesScopesWithoutRegranting(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	appID := org.addApp(t, "pipeline")
	w := officialResourceApplied(t, org, appID)
	before := org.AppGrants(appID)
	org.ResetTraffic()

	// After: the example.
	w.removeFile("before.tf")
	w.copyConfig(migrateExample)
	w.configureProviders(map[string]string{"okta": org.providerBlock(), "oktagrants": org.oktagrantsProviderBlock()})
	if err := onlyMoves(w.plan()); err != nil {
		t.Fatal(err)
	}
	w.applyPlan()
	if err := grantsUnchanged(org, appID, before); err != nil {
		t.Fatal(err)
	}
	plansCleanThenDestroys(t, w, org, appID)
}

// The examples/migrate-from-okta-provider-per-scope configuration: one
// okta_app_grant per scope instead, by removed and import blocks.
func TestAccMigrateFromOktaProvider_perScopeImportsWithoutRegranting(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	appID := org.addApp(t, "pipeline")
	w := officialResourceApplied(t, org, appID)
	before := org.AppGrants(appID)
	org.ResetTraffic()

	w.removeFile("before.tf")
	w.copyConfig(filepath.Join("..", "..", "examples", "migrate-from-okta-provider-per-scope"))
	w.configureProviders(map[string]string{"okta": org.providerBlock(), "oktagrants": org.oktagrantsProviderBlock()})
	adopts(t, w, org, appID, before, len(movedScopes), 1)
	// OpenTofu also refreshes the resource a removed block forgets, which
	// costs the official provider its own list; Terraform does not.
	if n := listsNotBy(org, officialStandInUserAgent); n != 1 {
		t.Errorf("adopting %d scopes listed the app's grants %d times, want once", len(movedScopes), n)
	}
	plansCleanThenDestroys(t, w, org, appID)
}

// officialStandInUserAgent is the User-Agent of the official provider's
// stand-in, whose requests a test can tell from this provider's.
const officialStandInUserAgent = "okta-sdk-golang stand-in"

// listsNotBy counts the app-grant lists sent by clients other than the
// one whose User-Agent is agent.
func listsNotBy(org *testOrg, agent string) int {
	n := 0
	for _, r := range org.Requests() {
		if r.Route == fakeokta.RouteListAppGrants && r.UserAgent != agent {
			n++
		}
	}
	return n
}

// officialResourceApplied is a workdir whose state holds the app's scopes
// as okta_app_oauth_api_scope.pipeline, applied by the official provider's
// stand-in (the official provider cannot be downloaded here).
func officialResourceApplied(t *testing.T, org *testOrg, appID string) *cliWorkdir {
	t.Helper()
	w := migrationWorkdir(t, org)
	w.vars = []string{"app_id=" + appID}
	w.removeFile("main.tf")
	w.writeFile("before.tf", fmt.Sprintf(`
variable "app_id" {
  type = string
}
resource "okta_app_oauth_api_scope" "pipeline" {
  app_id = var.app_id
  issuer = %q
  scopes = [%s]
}
`, org.URL, quoteAll(movedScopes)))
	w.init()
	w.apply()
	org.requireScopes(t, appID, movedScopes...)
	return w
}

// officialStandIn plays the official okta/okta provider's
// okta_app_oauth_api_scope (app_id, issuer, a set of scopes) for the
// migration test, calling the same fake org through this repository's
// client.
type officialStandIn struct{}

func (p *officialStandIn) Metadata(_ context.Context, _ fwprovider.MetadataRequest, resp *fwprovider.MetadataResponse) {
	resp.TypeName = "okta"
}

func (p *officialStandIn) Schema(_ context.Context, _ fwprovider.SchemaRequest, resp *fwprovider.SchemaResponse) {
	resp.Schema = providerschema.Schema{Attributes: map[string]providerschema.Attribute{
		"org_url":   providerschema.StringAttribute{Required: true},
		"api_token": providerschema.StringAttribute{Required: true, Sensitive: true},
	}}
}

func (p *officialStandIn) Configure(ctx context.Context, req fwprovider.ConfigureRequest, resp *fwprovider.ConfigureResponse) {
	var orgURL, token types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("org_url"), &orgURL)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("api_token"), &token)...)
	c, err := okta.New(okta.Config{OrgURL: orgURL.ValueString(), APIToken: token.ValueString(), UserAgent: officialStandInUserAgent})
	if err != nil {
		resp.Diagnostics.AddError("stand-in", err.Error())
		return
	}
	resp.ResourceData = c
}

func (p *officialStandIn) Resources(context.Context) []func() fwresource.Resource {
	return []func() fwresource.Resource{func() fwresource.Resource { return &apiScopeStandIn{} }}
}

func (p *officialStandIn) DataSources(context.Context) []func() datasource.DataSource { return nil }

type apiScopeStandIn struct{ client *okta.Client }

type apiScopeModel struct {
	ID     types.String `tfsdk:"id"`
	AppID  types.String `tfsdk:"app_id"`
	Issuer types.String `tfsdk:"issuer"`
	Scopes types.Set    `tfsdk:"scopes"`
}

func (r *apiScopeStandIn) Metadata(_ context.Context, _ fwresource.MetadataRequest, resp *fwresource.MetadataResponse) {
	resp.TypeName = "okta_app_oauth_api_scope"
}

func (r *apiScopeStandIn) Schema(_ context.Context, _ fwresource.SchemaRequest, resp *fwresource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":     schema.StringAttribute{Computed: true},
		"app_id": schema.StringAttribute{Required: true},
		"issuer": schema.StringAttribute{Required: true},
		"scopes": schema.SetAttribute{Required: true, ElementType: types.StringType},
	}}
}

func (r *apiScopeStandIn) Configure(_ context.Context, req fwresource.ConfigureRequest, _ *fwresource.ConfigureResponse) {
	if req.ProviderData != nil {
		r.client = req.ProviderData.(*okta.Client)
	}
}

func (r *apiScopeStandIn) Create(ctx context.Context, req fwresource.CreateRequest, resp *fwresource.CreateResponse) {
	var m apiScopeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	var scopes []string
	resp.Diagnostics.Append(m.Scopes.ElementsAs(ctx, &scopes, false)...)
	for _, s := range scopes {
		if _, err := r.client.CreateAppGrant(ctx, m.AppID.ValueString(), okta.CreateAppGrantRequest{Issuer: m.Issuer.ValueString(), ScopeID: s}); err != nil {
			resp.Diagnostics.AddError("stand-in create", err.Error())
			return
		}
	}
	m.ID = m.AppID
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// stateAndGrants reads the resource's state and its app's grants, for op;
// ok is false when the grants could not be listed.
func (r *apiScopeStandIn) stateAndGrants(ctx context.Context, state tfsdk.State, diags *diag.Diagnostics, op string) (m apiScopeModel, grants []okta.Grant, ok bool) {
	diags.Append(state.Get(ctx, &m)...)
	grants, err := r.client.ListAppGrants(ctx, m.AppID.ValueString(), false)
	if err != nil {
		diags.AddError("stand-in "+op, err.Error())
		return m, nil, false
	}
	return m, grants, true
}

func (r *apiScopeStandIn) Read(ctx context.Context, req fwresource.ReadRequest, resp *fwresource.ReadResponse) {
	m, grants, ok := r.stateAndGrants(ctx, req.State, &resp.Diagnostics, "read")
	if !ok {
		return
	}
	var scopes []string
	for _, g := range grants {
		scopes = append(scopes, g.ScopeID)
	}
	set, diags := types.SetValueFrom(ctx, types.StringType, scopes)
	resp.Diagnostics.Append(diags...)
	m.Scopes = set
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *apiScopeStandIn) Update(_ context.Context, _ fwresource.UpdateRequest, resp *fwresource.UpdateResponse) {
	resp.Diagnostics.AddError("stand-in", "update is not part of the migration test")
}

func (r *apiScopeStandIn) Delete(ctx context.Context, req fwresource.DeleteRequest, resp *fwresource.DeleteResponse) {
	m, grants, ok := r.stateAndGrants(ctx, req.State, &resp.Diagnostics, "delete")
	if !ok {
		return
	}
	for _, g := range grants {
		if err := r.client.RevokeAppGrant(ctx, m.AppID.ValueString(), g.ID); err != nil {
			resp.Diagnostics.AddError("stand-in delete", err.Error())
		}
	}
}
