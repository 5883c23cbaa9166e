// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
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
				MarkdownDescription: grantDescriptions.ID,
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
				MarkdownDescription: grantDescriptions.Created,
				Computed:            true,
				PlanModifiers:       keep(),
			},
			"last_updated": schema.StringAttribute{
				MarkdownDescription: grantDescriptions.LastUpdated,
				Computed:            true,
				PlanModifiers:       keep(),
			},
			"created_by": schema.SingleNestedAttribute{
				MarkdownDescription: grantDescriptions.CreatedBy,
				Computed:            true,
				PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"id": schema.StringAttribute{
						MarkdownDescription: grantDescriptions.CreatedByID,
						Computed:            true,
					},
					"type": schema.StringAttribute{
						MarkdownDescription: grantDescriptions.CreatedByType,
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

// grantRefusal is a grant Okta refused to okta_app_grant or okta_app_grants,
// and what the resource knows to point the user at the attribute to fix.
type grantRefusal struct {
	appID, scopeID string
	// scopeAttr holds the scope: scope_id or scope_ids.
	scopeAttr path.Path
	// fields maps the fields Okta names in validation errors to attributes.
	fields map[string]path.Path
	// alreadyGranted says what to do about a scope the app already holds.
	alreadyGranted func(*okta.ScopeAlreadyGrantedError) string
	// issuerOrigin says how the issuer sent came to be the org URL, when
	// the configuration did not name it; "" when it did.
	issuerOrigin string
}

// addTo reports err, Okta's refusal, on the attribute to change.
func (g grantRefusal) addTo(diags *diag.Diagnostics, err error) {
	summary := fmt.Sprintf("Could not grant %s to app %s", g.scopeID, g.appID)
	var held *okta.ScopeAlreadyGrantedError
	switch {
	case errors.As(err, &held):
		diags.AddAttributeError(g.scopeAttr, "Scope already granted", g.alreadyGranted(held))
	case okta.IsNotFound(err):
		diags.AddAttributeError(path.Root("app_id"), "App not found", unknownAppDetail(g.appID, err))
	case issuerRefused(err) && g.issuerOrigin != "":
		diags.AddAttributeError(path.Root("issuer"), summary, oktaErrorDetail(err)+"\n\n"+g.issuerOrigin+" Okta "+
			"accepts only its org authorization server's issuer for app grants: if the org URL is a custom domain "+
			"or another name of the org, set issuer to the org's own URL, such as https://acme.okta.com.")
	case okta.HasStatus(err, http.StatusBadRequest) && scopeSuggestion(g.scopeID) != "":
		diags.AddAttributeError(g.scopeAttr, summary, oktaErrorDetail(err)+"\n\n"+scopeSuggestion(g.scopeID))
	default:
		addOktaError(diags, summary, err, g.fields)
	}
}

// issuerRefused reports whether Okta refused the request for its issuer.
func issuerRefused(err error) bool {
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
		return false
	}
	for _, c := range apiErr.Causes {
		if strings.HasPrefix(c, "issuer") {
			return true
		}
	}
	return strings.HasSuffix(apiErr.ErrorSummary, ": issuer")
}

// defaultedIssuer reports whether the configuration leaves issuer unset.
func defaultedIssuer(ctx context.Context, req resource.CreateRequest) bool {
	var configured issuerValue
	diags := req.Config.GetAttribute(ctx, path.Root("issuer"), &configured)
	return !diags.HasError() && configured.IsNull()
}

func alreadyGrantedDetail(e *okta.ScopeAlreadyGrantedError) string {
	id := e.AppID + "/" + e.Existing.ID
	made := ""
	if !e.Existing.Created.IsZero() {
		made = ", made " + timestampValue(e.Existing.Created).ValueString()
	}
	return fmt.Sprintf("App %s already holds scope %s (grant %s%s), and Okta allows one grant per scope. If "+
		"another okta_app_grant of this configuration grants the same scope, remove one of them. Otherwise the "+
		"grant is not in this Terraform state (made in the Okta console, by another tool or configuration, or by a run "+
		"that was interrupted before it could record it): to manage it here, import it into this resource with an "+
		"import block:\n\n"+
		"  import {\n    to = okta_app_grant.<name>\n    id = %q\n  }\n\n"+
		"or on the command line:\n\n  terraform import okta_app_grant.<name> %s\n\n"+
		"(%q, by scope, works too.)",
		e.AppID, e.ScopeID, e.Existing.ID, made, id, id, e.AppID+"/"+e.ScopeID)
}

var _ resource.ResourceWithIdentity = (*appGrantResource)(nil)

// appGrantIdentity names a grant by what does not change for its life: the
// app and the scope (Okta allows one grant per scope and app). Terraform
// 1.12+ keeps it in state and imports by it:
//
//	import {
//	  to       = okta_app_grant.users_read
//	  identity = { app_id = "0oa1...", scope_id = "okta.users.read" }
//	}
type appGrantIdentity struct {
	AppID   types.String `tfsdk:"app_id"`
	ScopeID types.String `tfsdk:"scope_id"`
}

func (r *appGrantResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"app_id": appIDIdentityAttribute(),
			"scope_id": identityschema.StringAttribute{
				Description:       "The Okta scope's name, like okta.users.read.",
				RequiredForImport: true,
			},
		},
	}
}

// setAppGrantIdentity records the identity of the grant in state. State
// written before identities gets one on its next refresh, with no diff.
func setAppGrantIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, m appGrantModel) diag.Diagnostics {
	return setIdentity(ctx, identity, appGrantIdentity{AppID: m.AppID, ScopeID: m.ScopeID})
}

// setAppGrant records the grant, and its identity, in state.
func setAppGrant(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, m appGrantModel) diag.Diagnostics {
	diags := state.Set(ctx, m)
	diags.Append(setAppGrantIdentity(ctx, identity, m)...)
	return diags
}

// importRef is what an import names: "<app_id>/<scope_id or grant_id>"
// from the ID form, or the identity's app and scope.
func importRef(ctx context.Context, req resource.ImportStateRequest) (string, diag.Diagnostics) {
	var id appGrantIdentity
	if ok, diags := importedIdentity(ctx, req, &id); ok {
		return id.AppID.ValueString() + "/" + id.ScopeID.ValueString(), diags
	}
	return req.ID, nil
}

// removeAppGrant removes a grant gone from Okta from state. The framework
// wants an identity even then, and state written before identities has
// none: it gets the one the grant had.
func removeAppGrant(ctx context.Context, resp *resource.ReadResponse, state appGrantModel) {
	resp.Diagnostics.Append(setAppGrantIdentity(ctx, resp.Identity, state)...)
	resp.State.RemoveResource(ctx)
}

const importIDForms = "Use one of:\n\n" +
	"  <app_id>/<scope_id>   by the scope's name: 0oa1abcd2EFGH3ijk4l5/okta.users.read\n" +
	"  <app_id>/<grant_id>   by the grant's ID:   0oa1abcd2EFGH3ijk4l5/oag1abcd2EFGH3ijk4l5"

func (r *appGrantResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, diags := importRef(ctx, req)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	appID, ref, ok := strings.Cut(id, "/")
	if !ok || strings.Contains(ref, "/") || okta.CheckID("app ID", appID) != nil || okta.CheckID("grant", ref) != nil {
		what := "an okta_app_grant import ID"
		if req.ID == "" {
			what = "an okta_app_grant identity (app_id and scope_id: Okta IDs without '/')"
		}
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%q is not %s. %s", id, what, importIDForms))
		return
	}
	grants, ok := grantsToImport(ctx, r.client, appID, fmt.Sprintf("there is no grant %q to import.", ref), &resp.Diagnostics)
	if !ok {
		return
	}
	i := slices.IndexFunc(grants, func(g okta.Grant) bool {
		return g.Held() && (g.ID == ref || g.ScopeID == ref)
	})
	if i < 0 {
		resp.Diagnostics.AddError("Grant not found", fmt.Sprintf("App %s holds no grant with the ID or scope %q. %s", appID, ref, describeGrants(grants)))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("app_id"), appID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), grants[i].ID)...)
}

func describeGrants(grants []okta.Grant) string {
	if len(grants) == 0 {
		return "The app holds no grants."
	}
	var lines []string
	for _, g := range grants {
		lines = append(lines, fmt.Sprintf("  %s  %s", g.ScopeID, g.ID))
	}
	slices.Sort(lines)
	return "Its grants are (scope, grant ID):\n\n" + strings.Join(lines, "\n")
}
