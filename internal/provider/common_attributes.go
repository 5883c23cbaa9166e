// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"net/url"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

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

var (
	_ basetypes.StringTypable                    = issuerType{}
	_ basetypes.StringValuableWithSemanticEquals = issuerValue{}
)

// issuerType is a string holding an issuer URL. Two spellings of the same
// issuer (https://Acme.okta.com/, https://acme.okta.com) are semantically
// equal, so that what Okta answers never shows as a change of what the
// configuration says.
type issuerType struct {
	basetypes.StringType
}

func (t issuerType) Equal(o attr.Type) bool {
	other, ok := o.(issuerType)
	return ok && t.StringType.Equal(other.StringType)
}

func (t issuerType) String() string { return "issuerType" }

func (t issuerType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return issuerValue{StringValue: in}, nil
}

func (t issuerType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return issuerValue{StringValue: s}, nil
}

func (t issuerType) ValueType(context.Context) attr.Value { return issuerValue{} }

type issuerValue struct {
	basetypes.StringValue
}

func newIssuerValue(s string) issuerValue {
	return issuerValue{StringValue: basetypes.NewStringValue(s)}
}

func (v issuerValue) Equal(o attr.Value) bool {
	other, ok := o.(issuerValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

func (v issuerValue) Type(context.Context) attr.Type { return issuerType{} }

func (v issuerValue) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := newValuable.(issuerValue)
	if !ok || v.IsNull() || v.IsUnknown() || other.IsNull() || other.IsUnknown() {
		return false, nil
	}
	return okta.SameIssuer(v.ValueString(), other.ValueString()), nil
}

var noSpaces = regexp.MustCompile(`^\S*$`)

// oktaIDValidator accepts what can be one segment of an Okta API path.
func oktaIDValidator() validator.String {
	return stringCheck{
		description: "must be an Okta ID, without '/', '?', '#', '%', whitespace or dot segments",
		check: func(p path.Path, value string, diags *diag.Diagnostics) {
			if err := okta.CheckID(p.String(), value); err != nil {
				diags.AddAttributeError(p, "Invalid Okta ID", "Attribute "+err.Error()+".")
			}
		},
	}
}

// urlValidator accepts an absolute http or https URL.
func urlValidator() validator.String {
	return stringCheck{
		description: "must be an absolute URL such as https://acme.okta.com",
		check: func(p path.Path, value string, diags *diag.Diagnostics) {
			u, err := url.Parse(value)
			if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
				diags.AddAttributeError(p, "Invalid URL",
					fmt.Sprintf("%q is not an absolute URL. The issuer of an app grant is the org URL, such as https://acme.okta.com.", value))
			}
		},
	}
}

// stringCheck is a validator that checks known values only: an unknown
// value is checked once it is known, and a null one is left to Required.
type stringCheck struct {
	description string
	// check adds to diags what is wrong with the value at p.
	check func(p path.Path, value string, diags *diag.Diagnostics)
}

func (v stringCheck) Description(context.Context) string { return v.description }

func (v stringCheck) MarkdownDescription(context.Context) string { return v.description }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	v.check(req.Path, req.ConfigValue.ValueString(), &resp.Diagnostics)
}
