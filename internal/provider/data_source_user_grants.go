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
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var _ datasource.DataSourceWithConfigure = (*userGrantsDataSource)(nil)

// NewUserGrantsDataSource is the okta_user_grants data source: every grant
// a user consented to.
func NewUserGrantsDataSource() datasource.DataSource {
	return &userGrantsDataSource{dataSourceBase{typeName: "_user_grants"}}
}

type userGrantsDataSource struct {
	dataSourceBase
}

type userGrantsModel struct {
	UserID      types.String `tfsdk:"user_id"`
	ClientID    types.String `tfsdk:"client_id"`
	ScopeID     types.String `tfsdk:"scope_id"`
	ExpandScope types.Bool   `tfsdk:"expand_scope"`
	Grants      types.List   `tfsdk:"grants"`
}

func (d *userGrantsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every OAuth 2.0 scope consent grant a user has given (`END_USER` grants), across " +
			"all pages, sorted by creation time, then ID. Narrow it to one app with `client_id` and to one scope with `scope_id`.",
		Attributes: map[string]schema.Attribute{
			"user_id":   userIDAttribute(),
			"client_id": idAttribute("Only the grants given to this OAuth client (app ID).", false),
			"scope_id": schema.StringAttribute{
				MarkdownDescription: "Only the grants of this scope.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"expand_scope": expandScopeAttribute(),
			"grants":       grantsListAttribute("The user's grants, sorted by creation time, then ID. Empty when there are none."),
		},
	}
}

func (d *userGrantsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, reportWaitsTo := reportWaits(ctx, d.client, "data.okta_user_grants read")
	defer reportWaitsTo(&resp.Diagnostics)
	var m userGrantsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	userID, clientID, scopeID := m.UserID.ValueString(), m.ClientID.ValueString(), m.ScopeID.ValueString()
	expand := m.ExpandScope.ValueBool()

	var grants []okta.Grant
	var err error
	if clientID != "" {
		// The per-client list takes no scope filter: filter here.
		grants, err = d.client.ListUserClientGrants(ctx, userID, clientID, okta.ListUserClientGrantsOptions{ExpandScope: expand})
		if scopeID != "" {
			grants = slices.DeleteFunc(grants, func(g okta.Grant) bool { return g.ScopeID != scopeID })
		}
	} else {
		grants, err = d.client.ListUserGrants(ctx, userID, okta.ListUserGrantsOptions{ScopeID: scopeID, ExpandScope: expand})
	}
	if okta.IsNotFound(err) {
		addUserGrantsNotFound(&resp.Diagnostics, err, userID, clientID, "")
		return
	}
	if err != nil {
		addOktaError(&resp.Diagnostics, fmt.Sprintf("Could not list the grants of user %s", userID), err, nil)
		return
	}
	list, diags := grantsList(ctx, grants)
	resp.Diagnostics.Append(diags...)
	m.Grants = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
