// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// heldGrant is one element of okta_app_grants' `grants` map.
type heldGrant struct {
	ID          types.String `tfsdk:"id"`
	Status      types.String `tfsdk:"status"`
	Source      types.String `tfsdk:"source"`
	ClientID    types.String `tfsdk:"client_id"`
	Created     types.String `tfsdk:"created"`
	LastUpdated types.String `tfsdk:"last_updated"`
	CreatedBy   types.Object `tfsdk:"created_by"`
}

var heldGrantType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":           types.StringType,
	"status":       types.StringType,
	"source":       types.StringType,
	"client_id":    types.StringType,
	"created":      types.StringType,
	"last_updated": types.StringType,
	"created_by":   types.ObjectType{AttrTypes: actorAttrTypes},
}}

func grantsMapAttribute() schema.Attribute {
	computed := func(description string) schema.Attribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	return schema.MapNestedAttribute{
		MarkdownDescription: "The app's grants, by scope: one for each scope of `scope_ids` after apply. A scope " +
			"being added is known after apply; the grants of the other scopes do not change.",
		Computed: true,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"id":           computed("The grant's ID, like `oag1abcd2EFGH3ijk4l5`."),
			"status":       computed("The grant's status: `ACTIVE`."),
			"source":       computed("Who consented: `ADMIN` for app grants."),
			"client_id":    computed("The OAuth client ID holding the grant: the app ID."),
			"created":      computed("When the grant was made (RFC 3339, UTC)."),
			"last_updated": computed("When the grant last changed (RFC 3339, UTC)."),
			"created_by": schema.SingleNestedAttribute{
				MarkdownDescription: "Who made the grant.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"id":   computed("The ID of the user or app that made the grant."),
					"type": computed("What made the grant, such as `User`."),
				},
			},
		}},
	}
}

func newHeldGrant(g okta.Grant) heldGrant {
	return heldGrant{
		ID:          types.StringValue(g.ID),
		Status:      optionalString(g.Status),
		Source:      optionalString(g.Source),
		ClientID:    optionalString(g.ClientID),
		Created:     timestampValue(g.Created),
		LastUpdated: timestampValue(g.LastUpdated),
		CreatedBy:   actorValue(g.CreatedBy),
	}
}

// appGrantSetState is the state of an app holding these grants (by scope).
func appGrantSetState(ctx context.Context, appID string, issuer issuerValue, held map[string]okta.Grant) (appGrantSetModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	scopes := make([]string, 0, len(held))
	items := make(map[string]heldGrant, len(held))
	for scope, g := range held {
		scopes = append(scopes, scope)
		items[scope] = newHeldGrant(g)
	}
	scopeSet, d := types.SetValueFrom(ctx, types.StringType, scopes)
	diags.Append(d...)
	grants, d := types.MapValueFrom(ctx, heldGrantType, items)
	diags.Append(d...)
	return appGrantSetModel{
		ID:       types.StringValue(appID),
		AppID:    types.StringValue(appID),
		ScopeIDs: scopeSet,
		Issuer:   issuer,
		Grants:   grants,
	}, diags
}

// grantsFromState reads the grants map back, by scope.
func grantsFromState(ctx context.Context, m types.Map) (map[string]okta.Grant, diag.Diagnostics) {
	held := map[string]okta.Grant{}
	if m.IsNull() || m.IsUnknown() {
		return held, nil
	}
	var items map[string]heldGrant
	diags := m.ElementsAs(ctx, &items, false)
	for scope, h := range items {
		g := okta.Grant{
			ID: h.ID.ValueString(), Status: h.Status.ValueString(), Source: h.Source.ValueString(),
			ScopeID: scope, ClientID: h.ClientID.ValueString(),
			Created: parseTimestamp(h.Created), LastUpdated: parseTimestamp(h.LastUpdated),
		}
		if !h.CreatedBy.IsNull() && !h.CreatedBy.IsUnknown() {
			attrs := h.CreatedBy.Attributes()
			g.CreatedBy = &okta.Actor{ID: stringOf(attrs["id"]), Type: stringOf(attrs["type"])}
		}
		held[scope] = g
	}
	return held, diags
}

func parseTimestamp(v types.String) time.Time {
	t, err := time.Parse(timestampLayout, v.ValueString())
	if err != nil {
		return time.Time{}
	}
	return t
}

func stringOf(v attr.Value) string {
	if s, ok := v.(types.String); ok {
		return s.ValueString()
	}
	return ""
}

// plannedGrants is the grants map a plan for these scopes leads to: the
// elements of held (the state's map) for the scopes kept, as they are,
// unknown ones for scopes added.
func plannedGrants(held types.Map, scopes []string) (types.Map, diag.Diagnostics) {
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
		items[scope] = types.ObjectUnknown(heldGrantType.AttrTypes)
	}
	return types.MapValue(heldGrantType, items)
}
