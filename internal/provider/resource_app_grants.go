// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
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

// heldByScope is the grants in force, by scope.
func heldByScope(grants []okta.Grant) map[string]okta.Grant {
	held := map[string]okta.Grant{}
	for _, g := range grants {
		if g.Held() {
			held[g.ScopeID] = g
		}
	}
	return held
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
