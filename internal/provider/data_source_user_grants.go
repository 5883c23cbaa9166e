// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// NewUserGrantsDataSource is the okta_user_grants data source: every grant
// a user consented to.
func NewUserGrantsDataSource() datasource.DataSource {
	filters := map[string]schema.Attribute{
		"client_id": idAttribute("Only the grants given to this OAuth client (app ID).", false),
		"scope_id": schema.StringAttribute{
			MarkdownDescription: "Only the grants of this scope.",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
	}
	return newGrantsDataSource("_user_grants", userHolder,
		"Every OAuth 2.0 scope consent grant a user has given (`END_USER` grants), across "+
			"all pages, sorted by creation time, then ID. Narrow it to one app with `client_id` and to one scope with `scope_id`.",
		filters, listUserGrants)
}

// listUserGrants is okta_user_grants' list: userGrants with the data
// source's filters.
func listUserGrants(ctx context.Context, client *okta.Client, q grantQuery, diags *diag.Diagnostics) []okta.Grant {
	grants, _ := userGrants(ctx, client, q.holderID, userGrantsFilter{ClientID: q.clientID, ScopeID: q.scopeID, ExpandScope: q.expand}, diags)
	return grants
}
