// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// What okta_app_grant and okta_app_grants share: the app, the scope names
// and the issuer of their grants, and how they keep their identities.

// appIDResourceAttribute is the app a resource's grants belong to: a
// grant cannot move to another app, so changing it replaces them.
func appIDResourceAttribute(doc string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: doc,
		Required:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		Validators:          []validator.String{oktaIDValidator()},
	}
}

// scopeIDValidators check an Okta scope name as far as the provider can:
// Okta checks that it exists.
func scopeIDValidators() []validator.String {
	return []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.RegexMatches(noSpaces, "must not contain whitespace")}
}

// issuerAttribute is the issuer of a resource's grants; what names the
// grants it replaces ("the grant", "every grant").
func issuerAttribute(doc, what string) schema.StringAttribute {
	replaces := "Replaces " + what + " when the configured issuer names another authorization server."
	return schema.StringAttribute{
		MarkdownDescription: "The issuer of " + what + ": the org authorization server, whose issuer is the org " +
			"URL (`https://acme.okta.com`). Okta requires it for app grants. Defaults to the provider's org URL " +
			"on create; " + doc,
		Optional:   true,
		Computed:   true,
		CustomType: issuerType{},
		PlanModifiers: []planmodifier.String{
			stringplanmodifier.UseStateForUnknown(),
			stringplanmodifier.RequiresReplaceIf(issuerChanged, replaces, replaces),
		},
		Validators: []validator.String{urlValidator()},
	}
}

// plannedIssuer is the issuer a plan of new grants shows: the configured
// one, or the provider's org URL when the configuration leaves it unset.
func plannedIssuer(ctx context.Context, planned issuerValue, config tfsdk.Config, client *okta.Client) (issuerValue, diag.Diagnostics) {
	if !planned.IsUnknown() {
		return planned, nil
	}
	var configured issuerValue
	diags := config.GetAttribute(ctx, path.Root("issuer"), &configured)
	if configured.IsNull() {
		return newIssuerValue(client.OrgURL()), diags
	}
	return planned, diags
}

// issuerToSend is the issuer a grant request names: the planned one, or
// the provider's org URL.
func issuerToSend(planned issuerValue, client *okta.Client) string {
	if planned.IsUnknown() || planned.ValueString() == "" {
		return client.OrgURL()
	}
	return planned.ValueString()
}

// appIDIdentityAttribute is the app of a resource's identity.
func appIDIdentityAttribute() identityschema.StringAttribute {
	return identityschema.StringAttribute{
		Description:       "The app's ID, like 0oa1abcd2EFGH3ijk4l5.",
		RequiredForImport: true,
	}
}

// setIdentity records a resource's identity in state; identity is nil for
// a Terraform that does not know identities (before 1.12).
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id any) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	return identity.Set(ctx, id)
}

// importedIdentity reads the identity an import names into id. It reports
// false for an import by ID, and for a Terraform without identities.
func importedIdentity(ctx context.Context, req resource.ImportStateRequest, id any) (bool, diag.Diagnostics) {
	if req.ID != "" || req.Identity == nil {
		return false, nil
	}
	return true, req.Identity.Get(ctx, id)
}
