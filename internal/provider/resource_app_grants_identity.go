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
