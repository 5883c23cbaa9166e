// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var _ datasource.DataSourceWithConfigure = (*appGrantsDataSource)(nil)

// NewAppGrantsDataSource is the okta_app_grants data source: every scope
// an app holds.
func NewAppGrantsDataSource() datasource.DataSource {
	return &appGrantsDataSource{dataSourceBase{typeName: "_app_grants"}}
}

type appGrantsDataSource struct {
	dataSourceBase
}

type appGrantsModel struct {
	AppID       types.String `tfsdk:"app_id"`
	ExpandScope types.Bool   `tfsdk:"expand_scope"`
	Grants      types.List   `tfsdk:"grants"`
}

func (d *appGrantsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every OAuth 2.0 scope an app has been granted (admin consent grants), sorted by creation time, then ID. " +
			"Use it to adopt an app's existing grants with one `import` block and `for_each`.",
		Attributes: map[string]schema.Attribute{
			"app_id":       appIDAttribute(),
			"expand_scope": expandScopeAttribute(),
			"grants":       grantsListAttribute("The app's grants, sorted by creation time, then ID. Empty when there are none."),
		},
	}
}

func (d *appGrantsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, reportWaitsTo := reportWaits(ctx, d.client, "data.okta_app_grants read")
	defer reportWaitsTo(&resp.Diagnostics)
	var m appGrantsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	appID := m.AppID.ValueString()
	grants, err := d.client.ListAppGrants(ctx, appID, m.ExpandScope.ValueBool())
	if okta.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("app_id"), "App not found",
			fmt.Sprintf("Okta has no app %q. app_id takes the app's ID (its OAuth client ID), like 0oa1abcd2EFGH3ijk4l5.\n\n%s", appID, oktaErrorDetail(err)))
		return
	}
	if err != nil {
		addOktaError(&resp.Diagnostics, fmt.Sprintf("Could not list the grants of app %s", appID), err, nil)
		return
	}
	list, diags := grantsList(ctx, grants)
	resp.Diagnostics.Append(diags...)
	m.Grants = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
