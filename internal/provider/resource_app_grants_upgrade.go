// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
