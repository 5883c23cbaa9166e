// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

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
