// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"slices"

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

func listUserGrants(ctx context.Context, client *okta.Client, q grantQuery, diags *diag.Diagnostics) []okta.Grant {
	userID, clientID, scopeID := q.holderID, q.clientID, q.scopeID
	var grants []okta.Grant
	var err error
	if clientID != "" {
		// The per-client list takes no scope filter: filter here.
		grants, err = client.ListUserClientGrants(ctx, userID, clientID, okta.ListUserClientGrantsOptions{ExpandScope: q.expand})
		if scopeID != "" {
			grants = slices.DeleteFunc(grants, func(g okta.Grant) bool { return g.ScopeID != scopeID })
		}
	} else {
		grants, err = client.ListUserGrants(ctx, userID, okta.ListUserGrantsOptions{ScopeID: scopeID, ExpandScope: q.expand})
	}
	if okta.IsNotFound(err) {
		addUserGrantsNotFound(diags, err, userID, clientID, "")
		return nil
	}
	if err != nil {
		addOktaError(diags, fmt.Sprintf("Could not list the grants of user %s", userID), err, nil)
	}
	return grants
}
