// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var (
	_ resource.ResourceWithConfigure   = (*appGrantSetResource)(nil)
	_ resource.ResourceWithImportState = (*appGrantSetResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*appGrantSetResource)(nil)
)

// NewAppGrantsResource is the okta_app_grants resource: the whole set of
// Okta scopes an app holds, least privilege enforced.
func NewAppGrantsResource() resource.Resource {
	return &appGrantSetResource{resourceBase: resourceBase{typeName: "_app_grants"}}
}

type appGrantSetResource struct {
	resourceBase
}

type appGrantSetModel struct {
	ID       types.String `tfsdk:"id"`
	AppID    types.String `tfsdk:"app_id"`
	ScopeIDs types.Set    `tfsdk:"scope_ids"`
	Issuer   issuerValue  `tfsdk:"issuer"`
	GrantIDs types.Map    `tfsdk:"grant_ids"`
}

func (r *appGrantSetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Version: appGrantSetSchemaVersion,
		MarkdownDescription: "Every OAuth 2.0 scope of the Okta management API an app holds, in one resource: after " +
			"`terraform apply` the app holds exactly `scope_ids`. Missing scopes are granted and any other scope " +
			"the app holds is revoked, including one granted in the Okta console: a refresh records every scope the " +
			"app holds, so such a grant shows in the plan as a change that removes it. Adding or removing one scope " +
			"grants or revokes that scope only; the grants and revokes of one apply run concurrently, paced by " +
			"Okta's rate limit.\n\n" +
			"Manage an app with **either** one `okta_app_grants` **or** `okta_app_grant` resources, never both, and " +
			"with one `okta_app_grants` only: each would undo the other's changes on every apply. Within one " +
			"configuration the provider fails the plan when it sees both kinds for one app; it cannot see another " +
			"configuration or state, nor a resource left out of the plan by `-target`.\n\n" +
			"An app that already holds grants is adopted with `import`, by `app_id`. An `okta_app_oauth_api_scope` of " +
			"the official okta/okta provider is taken over with a `moved` block (Terraform 1.8+), without a request " +
			"to Okta for the move: see the guide \"Migrating from okta_app_oauth_api_scope\".",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The app's ID, as `app_id`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"app_id": appIDResourceAttribute("The ID of the app (its OAuth client ID) whose scopes this resource holds, like `0oa1abcd2EFGH3ijk4l5`."),
			"scope_ids": schema.SetAttribute{
				MarkdownDescription: "Every Okta scope the app holds, like `okta.users.read` or `okta.groups.manage`: " +
					"scopes left out are revoked. Okta checks that each scope exists; the provider keeps no list of " +
					"its own. Empty revokes every grant of the app.",
				ElementType: types.StringType,
				Required:    true,
				Validators:  []validator.Set{setvalidator.ValueStringsAre(scopeIDValidators()...)},
			},
			"issuer": issuerAttribute("when left unset, an imported app keeps the issuer Okta reports. Changing it to "+
				"another authorization server replaces every grant.", "the grants"),
			"grant_ids": grantIDsAttribute(),
		},
	}
}

func (r *appGrantSetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, reportWaitsTo := reportWaits(ctx, r.client, "okta_app_grants create")
	defer reportWaitsTo(&resp.Diagnostics)
	var plan appGrantSetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	var scopes []string
	resp.Diagnostics.Append(plan.ScopeIDs.ElementsAs(ctx, &scopes, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	appID := plan.AppID.ValueString()
	issuer := issuerToSend(plan.Issuer, r.client)
	held, diags := r.reconcile(ctx, appID, issuer, nil, scopes, false)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() && len(held) > 0 {
		// Terraform would taint a resource created in part, and replace it
		// next time: revoke what this create granted instead.
		held, diags = r.reconcile(context.WithoutCancel(ctx), appID, issuer, held, nil, false)
		resp.Diagnostics.Append(diags...)
		if len(held) == 0 {
			resp.Diagnostics.AddAttributeWarning(path.Root("scope_ids"), "Grants undone",
				fmt.Sprintf("Not every scope could be granted to app %s, so the scopes this apply granted were revoked "+
					"again: the app holds what it held before. Fix the error above and apply again.", appID))
		}
	}
	if len(held) == 0 && resp.Diagnostics.HasError() {
		return // nothing is held: nothing to record
	}
	resp.Diagnostics.Append(setAppGrantSet(ctx, &resp.State, resp.Identity, appID, newIssuerValue(issuer), held)...)
}

func (r *appGrantSetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	ctx, reportWaitsTo := reportWaits(ctx, r.client, "okta_app_grants refresh")
	defer reportWaitsTo(&resp.Diagnostics)
	var state appGrantSetModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	appID := state.AppID.ValueString()
	// One list of the app's grants, shared with every okta_app_grant and
	// data source of the app read in this run.
	grants, err := r.client.AppGrantSnapshot(ctx, appID)
	if okta.IsNotFound(err) {
		tflog.Warn(ctx, "the app is gone, and its grants with it: removing okta_app_grants from state", map[string]any{"app_id": appID})
		resp.Diagnostics.Append(setAppGrantSetIdentity(ctx, resp.Identity, appID)...)
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addOktaError(&resp.Diagnostics, fmt.Sprintf("Could not read the grants of app %s", appID), err, nil)
		return
	}
	held := heldByScope(grants)
	issuer := state.Issuer
	if issuer.IsNull() || issuer.IsUnknown() {
		issuer = newIssuerValue(heldIssuer(r.client.OrgURL(), held))
	}
	// Every scope the app holds is recorded, not only those configured: a
	// grant made out of band shows as a change that revokes it.
	resp.Diagnostics.Append(setAppGrantSet(ctx, &resp.State, resp.Identity, appID, issuer, held)...)
}

// Update grants the scopes added to scope_ids and revokes those taken out,
// concurrently, touching no other grant.
func (r *appGrantSetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, reportWaitsTo := reportWaits(ctx, r.client, "okta_app_grants update")
	defer reportWaitsTo(&resp.Diagnostics)
	var plan, state appGrantSetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	var scopes []string
	resp.Diagnostics.Append(plan.ScopeIDs.ElementsAs(ctx, &scopes, false)...)
	current, diags := r.heldGrants(ctx, state)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	appID := plan.AppID.ValueString()
	issuer := issuerToSend(plan.Issuer, r.client)
	held, diags := r.reconcile(ctx, appID, issuer, current, scopes, true)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(setAppGrantSet(ctx, &resp.State, resp.Identity, appID, plan.Issuer, held)...)
}

// Delete revokes every grant the resource holds.
func (r *appGrantSetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, reportWaitsTo := reportWaits(ctx, r.client, "okta_app_grants destroy")
	defer reportWaitsTo(&resp.Diagnostics)
	var state appGrantSetModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	current, diags := r.heldGrants(ctx, state)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	left, diags := r.reconcile(ctx, state.AppID.ValueString(), state.Issuer.ValueString(), current, nil, false)
	resp.Diagnostics.Append(diags...)
	if len(left) > 0 {
		// Keep what could not be revoked, so that a retry revokes it.
		next, diags := appGrantSetState(ctx, state.AppID.ValueString(), state.Issuer, left)
		resp.Diagnostics.Append(diags...)
		resp.Diagnostics.Append(resp.State.Set(ctx, next)...)
	}
}

// heldGrants are the grants a state holds, by scope. A state moved from
// okta_app_oauth_api_scope records none until a refresh: applied without
// one (-refresh=false), the app's grants are listed first, so that an
// update grants only what is missing and a destroy revokes what is held.
func (r *appGrantSetResource) heldGrants(ctx context.Context, state appGrantSetModel) (map[string]okta.Grant, diag.Diagnostics) {
	if !state.GrantIDs.IsNull() {
		return grantsFromState(ctx, state.GrantIDs)
	}
	var diags diag.Diagnostics
	appID := state.AppID.ValueString()
	grants, err := r.client.AppGrantSnapshot(ctx, appID)
	if err != nil && !okta.IsNotFound(err) {
		addOktaError(&diags, fmt.Sprintf("Could not read the grants of app %s", appID), err, nil)
		return nil, diags
	}
	return heldByScope(grants), diags
}

const appGrantsImportHelp = "Import okta_app_grants by the app's ID (its OAuth client ID), like 0oa1abcd2EFGH3ijk4l5: " +
	"the resource then holds every scope the app has."

func (r *appGrantSetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	appID, diags := importAppID(ctx, req)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	if err := okta.CheckID("app ID", appID); err != nil {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("%q is not an app ID: %v. %s", appID, err, appGrantsImportHelp))
		return
	}
	if _, ok := grantsToImport(ctx, r.client, appID, "it has no grants to import. "+appGrantsImportHelp, &resp.Diagnostics); !ok {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("app_id"), appID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), appID)...)
}

// setAppGrantSet records that the app holds these grants, and its
// identity.
func setAppGrantSet(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, appID string, issuer issuerValue, held map[string]okta.Grant) diag.Diagnostics {
	m, diags := appGrantSetState(ctx, appID, issuer, held)
	diags.Append(state.Set(ctx, m)...)
	diags.Append(setAppGrantSetIdentity(ctx, identity, appID)...)
	return diags
}

// heldIssuer is the issuer of an app's held grants for a state that has
// none yet (import, list): the oldest grant's that names one, else the org
// URL. Oldest, not any: grants may spell the issuer differently, and every
// run must pick the same.
func heldIssuer(orgURL string, held map[string]okta.Grant) string {
	for _, g := range slices.SortedFunc(maps.Values(held), byCreation) {
		if g.Issuer != "" {
			return g.Issuer
		}
	}
	return orgURL
}

// grantIDsAttribute is okta_app_grants' grant_ids: each scope's grant ID,
// and nothing more of the grant. Every value of a resource's state costs
// the framework work on every plan and refresh; the grants' details are
// in the okta_app_grants data source.
func grantIDsAttribute() schema.Attribute {
	return schema.MapAttribute{
		MarkdownDescription: "The ID of each scope's grant, by scope, like `{ \"okta.users.read\" = \"oag1abcd2EFGH3ijk4l5\" }`: " +
			"one for each scope of `scope_ids` after apply. A scope being added is known after apply; the grants of the " +
			"other scopes do not change. Who made each grant and when: the `okta_app_grants` data source.",
		ElementType: types.StringType,
		Computed:    true,
	}
}

// appGrantSetState is the state of an app holding these grants (by scope).
func appGrantSetState(ctx context.Context, appID string, issuer issuerValue, held map[string]okta.Grant) (appGrantSetModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	scopes := make([]string, 0, len(held))
	ids := make(map[string]string, len(held))
	for scope, g := range held {
		scopes = append(scopes, scope)
		ids[scope] = g.ID
	}
	scopeSet, d := types.SetValueFrom(ctx, types.StringType, scopes)
	diags.Append(d...)
	grantIDs, d := types.MapValueFrom(ctx, types.StringType, ids)
	diags.Append(d...)
	return appGrantSetModel{
		ID:       types.StringValue(appID),
		AppID:    types.StringValue(appID),
		ScopeIDs: scopeSet,
		Issuer:   issuer,
		GrantIDs: grantIDs,
	}, diags
}

// grantsFromState reads grant_ids back: the grants by scope, each known
// by its ID.
func grantsFromState(ctx context.Context, m types.Map) (map[string]okta.Grant, diag.Diagnostics) {
	held := map[string]okta.Grant{}
	if m.IsNull() || m.IsUnknown() {
		return held, nil
	}
	var ids map[string]string
	diags := m.ElementsAs(ctx, &ids, false)
	for scope, id := range ids {
		held[scope] = okta.Grant{ID: id, ScopeID: scope}
	}
	return held, diags
}

// plannedGrantIDs is the grant_ids a plan for these scopes leads to: the
// state's IDs for the scopes kept, unknown ones for scopes added.
func plannedGrantIDs(held types.Map, scopes []string) (types.Map, diag.Diagnostics) {
	kept := map[string]attr.Value{}
	if !held.IsNull() && !held.IsUnknown() {
		kept = held.Elements()
	}
	items := make(map[string]attr.Value, len(scopes))
	for _, scope := range scopes {
		if v, ok := kept[scope]; ok {
			items[scope] = v
			continue
		}
		items[scope] = types.StringUnknown()
	}
	return types.MapValue(types.StringType, items)
}

// ModifyPlan plans okta_app_grants: the grant_ids a change leads to (only
// added scopes are unknown), the issuer's default, the checks that fail a
// plan where apply would fail, and the refusal to share an app with
// okta_app_grant resources.
func (r *appGrantSetResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var plan appGrantSetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	appKnown := !plan.AppID.IsUnknown()
	var scopes []string
	// ElementsAs fails on a set with unknown elements: it is not known yet.
	scopesKnown := !plan.ScopeIDs.IsUnknown() && plan.ScopeIDs.ElementsAs(ctx, &scopes, false) == nil
	if !scopesKnown {
		scopes = nil
	}
	if appKnown {
		if fight := r.walk.claimApp(plan.AppID.ValueString(), kindAppGrants, scopes); fight != "" {
			resp.Diagnostics.AddAttributeError(path.Root("app_id"), "App managed by okta_app_grants and okta_app_grant", fight)
		}
	}

	creating := req.State.Raw.IsNull()
	var state appGrantSetModel
	if !creating {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		resp.Diagnostics.Append(markReplaced(ctx, resp.Private, state.AppID.ValueString())...)
	}
	replacing := !creating && r.replaces(ctx, req, plan, state)
	if creating || replacing {
		plan.ID = plan.AppID
		issuer, diags := plannedIssuer(ctx, plan.Issuer, req.Config, r.client)
		resp.Diagnostics.Append(diags...)
		plan.Issuer = issuer
	}
	switch {
	case scopesKnown && !creating && !replacing && state.GrantIDs.IsNull() && plan.ScopeIDs.Equal(state.ScopeIDs):
		// Moved from okta_app_oauth_api_scope and not refreshed yet (plan
		// -refresh=false): the grants are recorded by the next refresh, and
		// an unchanged set of scopes needs no apply.
		plan.GrantIDs = state.GrantIDs
	case scopesKnown:
		held := types.MapNull(types.StringType)
		if !creating && !replacing {
			held = state.GrantIDs
		}
		grantIDs, diags := plannedGrantIDs(held, scopes)
		resp.Diagnostics.Append(diags...)
		plan.GrantIDs = grantIDs
	default:
		plan.GrantIDs = types.MapUnknown(types.StringType)
	}
	if creating && appKnown && !resp.Diagnostics.HasError() {
		replacement := replaced(ctx, req.Private) == plan.AppID.ValueString()
		checkAppGrantsCreate(ctx, r.walk, plan.AppID.ValueString(), scopes, replacement, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
}

// replaces reports whether the plan replaces the resource: another app, or
// a configured issuer naming another authorization server.
func (r *appGrantSetResource) replaces(ctx context.Context, req resource.ModifyPlanRequest, plan, state appGrantSetModel) bool {
	if plan.AppID.IsUnknown() || !plan.AppID.Equal(state.AppID) {
		return true
	}
	var configured issuerValue
	if d := req.Config.GetAttribute(ctx, path.Root("issuer"), &configured); d.HasError() {
		return false
	}
	return issuerReplaces(configured.StringValue, state.Issuer.StringValue)
}

// appGrantsRequestFields maps the fields Okta names in validation errors to
// okta_app_grants' attributes.
var appGrantsRequestFields = map[string]path.Path{
	"scopeId": path.Root("scope_ids"),
	"issuer":  path.Root("issuer"),
}

// reconcile makes the app hold the scopes of want: it grants those current
// lacks and revokes the others current holds, concurrently, and returns
// what the app holds afterwards as far as it knows (current, less what it
// revoked, plus what it granted), also when some calls failed. adopt takes
// a grant the app already holds instead of failing on it.
func (r *appGrantSetResource) reconcile(ctx context.Context, appID, issuer string, current map[string]okta.Grant, want []string, adopt bool) (map[string]okta.Grant, diag.Diagnostics) {
	held := maps.Clone(current)
	if held == nil {
		held = map[string]okta.Grant{}
	}
	var toGrant, toRevoke []string
	for _, scope := range want {
		if _, ok := held[scope]; !ok {
			toGrant = append(toGrant, scope)
		}
	}
	for scope := range held {
		if !slices.Contains(want, scope) {
			toRevoke = append(toRevoke, scope)
		}
	}
	slices.Sort(toGrant)
	slices.Sort(toRevoke)
	tflog.Debug(ctx, "reconciling the app's grants", map[string]any{"app_id": appID, "grant": toGrant, "revoke": toRevoke})

	var ops []concurrentOp
	for _, scope := range toRevoke {
		grantID := held[scope].ID
		ops = append(ops, func() (func(), diag.Diagnostics) {
			err := r.client.RevokeAppGrant(ctx, appID, grantID)
			if err != nil && !okta.IsNotFound(err) {
				var d diag.Diagnostics
				addOktaError(&d, fmt.Sprintf("Could not revoke grant %s (%s) of app %s", grantID, scope, appID), err, nil)
				return nil, d
			}
			return func() { delete(held, scope) }, nil
		})
	}
	for _, scope := range toGrant {
		ops = append(ops, func() (func(), diag.Diagnostics) {
			g, d := r.grant(ctx, appID, issuer, scope, adopt)
			if g == nil {
				return nil, d
			}
			return func() { held[scope] = *g }, d
		})
	}
	return held, runConcurrently(ctx, "The run was interrupted before every grant and revoke of app "+appID+" was sent: the next plan shows what is left.", ops)
}

// grant grants one scope, or reports why it could not on the attribute
// that needs changing.
func (r *appGrantSetResource) grant(ctx context.Context, appID, issuer, scope string, adopt bool) (*okta.Grant, diag.Diagnostics) {
	g, err := r.client.CreateAppGrant(ctx, appID, okta.CreateAppGrantRequest{Issuer: issuer, ScopeID: scope})
	var already *okta.ScopeAlreadyGrantedError
	switch {
	case err == nil:
		return g, nil
	case errors.As(err, &already) && adopt:
		tflog.Info(ctx, "the app already held the scope: keeping its grant", map[string]any{"app_id": appID, "scope_id": scope, "grant_id": already.Existing.ID})
		return &already.Existing, nil
	}
	refusal := grantRefusal{appID: appID, scopeID: scope, scopeAttr: path.Root("scope_ids"), fields: appGrantsRequestFields,
		alreadyGranted: func(*okta.ScopeAlreadyGrantedError) string { return appGrantsImportDetail(appID, []string{scope}) }}
	// The plan defaults issuer to the org URL: the apply cannot tell that
	// from an issuer configured as the org URL, which Okta refuses alike.
	if issuer == r.client.OrgURL() {
		refusal.issuerOrigin = fmt.Sprintf("issuer is %s, the provider's org URL (its default when not set).", issuer)
	}
	var d diag.Diagnostics
	refusal.addTo(&d, err)
	return nil, d
}

var _ resource.ResourceWithIdentity = (*appGrantSetResource)(nil)

// appGrantSetIdentity names an okta_app_grants by its app, which does not
// change for its life. Terraform 1.12+ keeps it in state and imports by it:
//
//	import {
//	  to       = okta_app_grants.pipeline
//	  identity = { app_id = "0oa1..." }
//	}
type appGrantSetIdentity struct {
	AppID types.String `tfsdk:"app_id"`
}

func (r *appGrantSetResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"app_id": appIDIdentityAttribute(),
		},
	}
}

func setAppGrantSetIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, appID string) diag.Diagnostics {
	return setIdentity(ctx, identity, appGrantSetIdentity{AppID: types.StringValue(appID)})
}

// importAppID is the app an okta_app_grants import names: the ID, or the
// identity's app_id.
func importAppID(ctx context.Context, req resource.ImportStateRequest) (string, diag.Diagnostics) {
	var id appGrantSetIdentity
	if ok, diags := importedIdentity(ctx, req, &id); ok {
		return id.AppID.ValueString(), diags
	}
	return req.ID, nil
}

var _ resource.ResourceWithUpgradeState = (*appGrantSetResource)(nil)

// appGrantSetSchemaVersion 1 records each scope's grant ID (grant_ids)
// where version 0 recorded the whole grant (grants: status, source,
// client_id, created, last_updated, created_by): eight values a scope, which
// the framework walks on every plan and refresh, made a plan of 20 apps
// with 15 scopes each twice as slow as one with a scope each.
const appGrantSetSchemaVersion = 1

// appGrantSetModelV0 is okta_app_grants' state at schema version 0.
type appGrantSetModelV0 struct {
	ID       types.String `tfsdk:"id"`
	AppID    types.String `tfsdk:"app_id"`
	ScopeIDs types.Set    `tfsdk:"scope_ids"`
	Issuer   issuerValue  `tfsdk:"issuer"`
	Grants   types.Map    `tfsdk:"grants"`
}

func (r *appGrantSetResource) UpgradeState(ctx context.Context) map[int64]resource.StateUpgrader {
	var current resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &current)
	v0 := current.Schema
	v0.Version = 0
	v0.Attributes = map[string]schema.Attribute{}
	for name, a := range current.Schema.Attributes {
		if name != "grant_ids" {
			v0.Attributes[name] = a
		}
	}
	v0.Attributes["grants"] = grantsMapAttributeV0()
	return map[int64]resource.StateUpgrader{
		0: {PriorSchema: &v0, StateUpgrader: upgradeAppGrantSetFromV0},
	}
}

// upgradeAppGrantSetFromV0 keeps each grant's ID of version 0's grants.
func upgradeAppGrantSetFromV0(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
	var prior appGrantSetModelV0
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	grantIDs := types.MapNull(types.StringType)
	if !prior.Grants.IsNull() {
		var grants map[string]heldGrant
		resp.Diagnostics.Append(prior.Grants.ElementsAs(ctx, &grants, false)...)
		ids := make(map[string]string, len(grants))
		for scope, g := range grants {
			ids[scope] = g.ID.ValueString()
		}
		m, diags := types.MapValueFrom(ctx, types.StringType, ids)
		resp.Diagnostics.Append(diags...)
		grantIDs = m
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, appGrantSetModel{
		ID: prior.ID, AppID: prior.AppID, ScopeIDs: prior.ScopeIDs, Issuer: prior.Issuer, GrantIDs: grantIDs,
	})...)
}

// grantsMapAttributeV0 is version 0's grants: the whole of each grant, by
// scope. A prior schema only reads old state: types, no descriptions.
func grantsMapAttributeV0() schema.Attribute {
	computed := schema.StringAttribute{Computed: true}
	return schema.MapNestedAttribute{
		Computed: true,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"id":           computed,
			"status":       computed,
			"source":       computed,
			"client_id":    computed,
			"created":      computed,
			"last_updated": computed,
			"created_by": schema.SingleNestedAttribute{
				Computed:   true,
				Attributes: map[string]schema.Attribute{"id": computed, "type": computed},
			},
		}},
	}
}

var _ resource.ResourceWithMoveState = (*appGrantSetResource)(nil)

// The official okta/okta provider's resource holding an app's scopes, which
// okta_app_grants takes over with a moved block. Its schema (SDKv2, never
// versioned): id (the app ID), app_id, issuer, scopes (a set of strings).
const (
	officialScopesType          = "okta_app_oauth_api_scope"
	officialScopesSchemaVersion = 0
)

// officialScopesState is okta_app_oauth_api_scope's state as okta/okta
// writes it.
type officialScopesState struct {
	ID     string   `json:"id"`
	AppID  string   `json:"app_id"`
	Issuer string   `json:"issuer"`
	Scopes []string `json:"scopes"`
}

// MoveState takes over an okta_app_oauth_api_scope of the official
// okta/okta provider (Terraform 1.8+):
//
//	moved {
//	  from = okta_app_oauth_api_scope.pipeline
//	  to   = okta_app_grants.pipeline
//	}
//
// The move sends no request to Okta: the state is rewritten from what the
// old provider recorded, and the refresh that follows in the same plan
// records the grants and their IDs as an import would.
func (r *appGrantSetResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveFromOfficialScopes}}
}

func moveFromOfficialScopes(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	if req.SourceTypeName != officialScopesType || !isOfficialOktaProvider(req.SourceProviderAddress) {
		return // not ours to move: the framework says what it can move
	}
	if req.SourceSchemaVersion != officialScopesSchemaVersion {
		resp.Diagnostics.AddError("Unsupported okta_app_oauth_api_scope state",
			fmt.Sprintf("The state of %s from %s has schema version %d; okta_app_grants moves schema version %d, the "+
				"only one okta/okta has written for it so far. Move it with a removed block and an import of "+
				"okta_app_grants by the app's ID instead (see the guide \"Migrating from okta_app_oauth_api_scope\"), "+
				"and report the okta/okta version that wrote this state.",
				officialScopesType, req.SourceProviderAddress, req.SourceSchemaVersion, officialScopesSchemaVersion))
		return
	}
	if req.SourceRawState == nil || len(req.SourceRawState.JSON) == 0 {
		resp.Diagnostics.AddError("Unsupported okta_app_oauth_api_scope state",
			"The moved okta_app_oauth_api_scope has no state in JSON form; okta_app_grants moves only the JSON state "+
				"okta/okta writes. Move it with a removed block and an import of okta_app_grants by the app's ID instead.")
		return
	}
	var src officialScopesState
	if err := json.Unmarshal(req.SourceRawState.JSON, &src); err != nil {
		resp.Diagnostics.AddError("Unsupported okta_app_oauth_api_scope state",
			fmt.Sprintf("The moved okta_app_oauth_api_scope state is not what okta/okta writes (id, app_id, issuer, "+
				"scopes: a list of strings): %s. Move it with a removed block and an import of okta_app_grants by the "+
				"app's ID instead.", err))
		return
	}
	appID := src.AppID
	if appID == "" {
		appID = src.ID // okta/okta sets the ID to the app's ID
	}
	if appID == "" {
		resp.Diagnostics.AddError("Unsupported okta_app_oauth_api_scope state",
			"The moved okta_app_oauth_api_scope records no app_id (nor an id, which okta/okta sets to the app's ID): "+
				"there is no app to take over. Import okta_app_grants by the app's ID instead.")
		return
	}
	issuer := newIssuerValue(src.Issuer)
	if strings.TrimSpace(src.Issuer) == "" {
		// The refresh that follows records the issuer of the grants the app
		// holds, and the plan shows any difference from the configuration.
		issuer = issuerValue{StringValue: types.StringNull()}
		tflog.Info(ctx, "the moved okta_app_oauth_api_scope records no issuer: the refresh records the grants' issuer", map[string]any{"app_id": appID})
	}
	scopes := slices.Sorted(slices.Values(src.Scopes))
	scopeSet, diags := types.SetValueFrom(ctx, types.StringType, slices.Compact(scopes))
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, appGrantSetModel{
		ID:       types.StringValue(appID),
		AppID:    types.StringValue(appID),
		ScopeIDs: scopeSet,
		Issuer:   issuer,
		// The grant IDs are not in okta/okta's state: the refresh after
		// the move lists them, with one request per app.
		GrantIDs: types.MapNull(types.StringType),
	})...)
	resp.Diagnostics.Append(setAppGrantSetIdentity(ctx, resp.TargetIdentity, appID)...)
	if resp.Diagnostics.HasError() {
		resp.Diagnostics.AddAttributeError(path.Root("app_id"), "Could not move okta_app_oauth_api_scope",
			"The state above could not be written for okta_app_grants: please report this with the moved state's attributes (no secrets are in it).")
	}
}

// isOfficialOktaProvider reports whether a provider address
// (HOSTNAME/NAMESPACE/TYPE) is okta/okta, on whichever registry or mirror
// host the configuration installed it from.
func isOfficialOktaProvider(address string) bool {
	parts := strings.Split(address, "/")
	return len(parts) == 3 && parts[1] == "okta" && parts[2] == "okta"
}
