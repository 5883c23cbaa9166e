// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

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
