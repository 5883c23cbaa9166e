// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"net/url"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var noSpaces = regexp.MustCompile(`^\S*$`)

// oktaIDValidator accepts what can be one segment of an Okta API path.
func oktaIDValidator() validator.String { return oktaID{} }

type oktaID struct{}

func (oktaID) Description(context.Context) string {
	return "must be an Okta ID, without '/', '?', '#', '%', whitespace or dot segments"
}

func (v oktaID) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (oktaID) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := okta.CheckID(req.Path.String(), req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Okta ID", "Attribute "+err.Error()+".")
	}
}

// urlValidator accepts an absolute http or https URL.
func urlValidator() validator.String { return absoluteURL{} }

type absoluteURL struct{}

func (absoluteURL) Description(context.Context) string {
	return "must be an absolute URL such as https://acme.okta.com"
}

func (v absoluteURL) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (absoluteURL) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	u, err := url.Parse(req.ConfigValue.ValueString())
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid URL",
			fmt.Sprintf("%q is not an absolute URL. The issuer of an app grant is the org URL, such as https://acme.okta.com.", req.ConfigValue.ValueString()))
	}
}
