// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
