// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"net/url"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

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
