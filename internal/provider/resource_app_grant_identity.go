// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
