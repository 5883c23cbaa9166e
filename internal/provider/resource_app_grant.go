// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var (
	_ resource.ResourceWithConfigure   = (*appGrantResource)(nil)
	_ resource.ResourceWithImportState = (*appGrantResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*appGrantResource)(nil)
)

// NewAppGrantResource is the okta_app_grant resource: one Okta scope
// granted to one app.
func NewAppGrantResource() resource.Resource {
	return &appGrantResource{resourceBase: resourceBase{typeName: "_app_grant"}}
}

type appGrantResource struct {
	resourceBase
}

type appGrantModel struct {
	heldGrant
	AppID   types.String `tfsdk:"app_id"`
	ScopeID types.String `tfsdk:"scope_id"`
	Issuer  issuerValue  `tfsdk:"issuer"`
}

// grantRequestFields maps the fields Okta names in validation errors to the
// attributes that hold them.
var grantRequestFields = map[string]path.Path{
	"scopeId": path.Root("scope_id"),
	"issuer":  path.Root("issuer"),
}

func (r *appGrantResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := func() []planmodifier.String { return []planmodifier.String{stringplanmodifier.UseStateForUnknown()} }
	resp.Schema = schema.Schema{
		MarkdownDescription: "Grants an Okta app one OAuth 2.0 scope of the Okta management API, such as " +
			"`okta.users.read`: an *admin consent grant*. Declare one resource per scope. A grant cannot be " +
			"changed, so changing `app_id`, `scope_id` or `issuer` replaces it.\n\n" +
			"Grants that already exist are adopted with `import`, by `app_id/scope_id` or `app_id/grant_id`.\n\n" +
			"To hold exactly an app's set of scopes, revoking any other, use `okta_app_grants` instead. Never manage " +
			"one app with both: `okta_app_grants` would revoke what `okta_app_grant` grants on every apply. The plan " +
			"fails when one configuration does; the provider cannot see other configurations or states.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: grantDescriptions["id"],
				Computed:            true,
				PlanModifiers:       keep(),
			},
			"app_id": appIDResourceAttribute("The ID of the app (its OAuth client ID) that is granted the scope, like `0oa1abcd2EFGH3ijk4l5`."),
			"scope_id": schema.StringAttribute{
				MarkdownDescription: "The Okta scope to grant, like `okta.users.read` or `okta.groups.manage`. Okta " +
					"checks that the scope exists; the provider keeps no list of its own, so new Okta scopes work " +
					"as soon as Okta has them.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    scopeIDValidators(),
			},
			"issuer": issuerAttribute("when left unset, an existing grant keeps the issuer Okta reports.", "the grant"),
			"status": schema.StringAttribute{
				MarkdownDescription: "The grant's status: `ACTIVE` (a grant that is revoked disappears from Okta and is planned for creation again).",
				Computed:            true,
				PlanModifiers:       keep(),
			},
			"source": schema.StringAttribute{
				MarkdownDescription: "Who consented: `ADMIN` for app grants.",
				Computed:            true,
				PlanModifiers:       keep(),
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "The OAuth client ID holding the grant; for app grants, the app ID.",
				Computed:            true,
				PlanModifiers:       keep(),
			},
			"created": schema.StringAttribute{
				MarkdownDescription: grantDescriptions["created"],
				Computed:            true,
				PlanModifiers:       keep(),
			},
			"last_updated": schema.StringAttribute{
				MarkdownDescription: grantDescriptions["last_updated"],
				Computed:            true,
				PlanModifiers:       keep(),
			},
			"created_by": schema.SingleNestedAttribute{
				MarkdownDescription: grantDescriptions["created_by"],
				Computed:            true,
				PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"id": schema.StringAttribute{
						MarkdownDescription: grantDescriptions["created_by.id"],
						Computed:            true,
					},
					"type": schema.StringAttribute{
						MarkdownDescription: grantDescriptions["created_by.type"],
						Computed:            true,
					},
				},
			},
		},
	}
}

// issuerChanged replaces a grant for a configured issuer that names
// another server than the grant's, not for another spelling of it.
func issuerChanged(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = issuerReplaces(req.ConfigValue, req.StateValue)
}

// issuerReplaces reports whether a configured issuer replaces grants made
// with held's. An issuer known only at apply does: should it name another
// server, apply could not turn the planned update into a replacement.
func issuerReplaces(configured, held basetypes.StringValue) bool {
	return !configured.IsNull() && (configured.IsUnknown() || !okta.SameIssuer(configured.ValueString(), held.ValueString()))
}

// ModifyPlan refuses an app that an okta_app_grants of the configuration
// manages too, and on create defaults issuer to the org URL (the only
// issuer Okta accepts for app grants, known only to the provider) and
// fails the plan where apply would fail (checkAppGrantCreate).
func (r *appGrantResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var appID, scopeID types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("app_id"), &appID)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("scope_id"), &scopeID)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// An app known only at apply is checked there.
	if !appID.IsUnknown() {
		if fight := r.walk.claimApp(appID.ValueString(), kindAppGrant, knownStrings(scopeID)); fight != "" {
			resp.Diagnostics.AddAttributeError(path.Root("app_id"), "App managed by okta_app_grants and okta_app_grant", fight)
		}
	}
	if !req.State.Raw.IsNull() {
		var grantID types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &grantID)...)
		resp.Diagnostics.Append(markReplaced(ctx, resp.Private, grantID.ValueString())...)
		return
	}
	if !appID.IsUnknown() {
		checkAppGrantCreate(ctx, r.walk, appID.ValueString(), scopeID.ValueString(), replaced(ctx, req.Private), &resp.Diagnostics)
	}
	var issuer issuerValue
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("issuer"), &issuer)...)
	issuer, diags := plannedIssuer(ctx, issuer, req.Config, r.client)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("issuer"), issuer)...)
}

func (r *appGrantResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, reportWaitsTo := reportWaits(ctx, r.client, "okta_app_grant create")
	defer reportWaitsTo(&resp.Diagnostics)
	var plan appGrantModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	appID, scopeID := plan.AppID.ValueString(), plan.ScopeID.ValueString()
	issuer := issuerToSend(plan.Issuer, r.client)
	grant, err := r.client.CreateAppGrant(ctx, appID, okta.CreateAppGrantRequest{Issuer: issuer, ScopeID: scopeID})
	if err != nil {
		refusal := grantRefusal{appID: appID, scopeID: scopeID, scopeAttr: path.Root("scope_id"),
			fields: grantRequestFields, alreadyGranted: alreadyGrantedDetail}
		if defaultedIssuer(ctx, req) {
			refusal.issuerOrigin = fmt.Sprintf("issuer is not set, so it defaulted to %s, the provider's org URL.", issuer)
		}
		refusal.addTo(&resp.Diagnostics, err)
		return
	}
	tflog.Debug(ctx, "granted scope", map[string]any{"app_id": appID, "scope_id": scopeID, "grant_id": grant.ID})
	resp.Diagnostics.Append(setAppGrant(ctx, &resp.State, resp.Identity, appGrantState(appID, grant))...)
}

func (r *appGrantResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	ctx, reportWaitsTo := reportWaits(ctx, r.client, "okta_app_grant refresh")
	defer reportWaitsTo(&resp.Diagnostics)
	var state appGrantModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	appID, grantID := state.AppID.ValueString(), state.ID.ValueString()

	// Every grant of the app is read with one request shared by all the
	// grants of that app in this run: Okta's rate limit for apps is tight.
	grants, err := r.client.AppGrantSnapshot(ctx, appID)
	if okta.IsNotFound(err) {
		tflog.Warn(ctx, "the app is gone, and its grants with it: removing the grant from state", map[string]any{"app_id": appID, "grant_id": grantID})
		removeAppGrant(ctx, resp, state)
		return
	}
	if err != nil {
		addOktaError(&resp.Diagnostics, fmt.Sprintf("Could not read the grants of app %s", appID), err, nil)
		return
	}
	i := slices.IndexFunc(grants, func(g okta.Grant) bool { return g.ID == grantID })
	if i < 0 || !grants[i].Held() {
		tflog.Warn(ctx, "the grant is gone from Okta: removing it from state", map[string]any{"app_id": appID, "grant_id": grantID})
		removeAppGrant(ctx, resp, state)
		return
	}
	resp.Diagnostics.Append(setAppGrant(ctx, &resp.State, resp.Identity, appGrantState(appID, &grants[i]))...)
}

// Update only records another spelling of the same issuer (every other
// change replaces the grant): there is nothing to send to Okta.
func (r *appGrantResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan appGrantModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setAppGrant(ctx, &resp.State, resp.Identity, plan)...)
}

func (r *appGrantResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, reportWaitsTo := reportWaits(ctx, r.client, "okta_app_grant destroy")
	defer reportWaitsTo(&resp.Diagnostics)
	var state appGrantModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	appID, grantID := state.AppID.ValueString(), state.ID.ValueString()
	err := r.client.RevokeAppGrant(ctx, appID, grantID)
	if okta.IsNotFound(err) {
		tflog.Debug(ctx, "the grant was already gone", map[string]any{"app_id": appID, "grant_id": grantID})
		return
	}
	if err != nil {
		addOktaError(&resp.Diagnostics, fmt.Sprintf("Could not revoke grant %s of app %s", grantID, appID), err, nil)
	}
}

func appGrantState(appID string, g *okta.Grant) appGrantModel {
	return appGrantModel{
		heldGrant: newHeldGrant(*g),
		AppID:     types.StringValue(appID),
		ScopeID:   types.StringValue(g.ScopeID),
		Issuer:    newIssuerValue(g.Issuer),
	}
}
