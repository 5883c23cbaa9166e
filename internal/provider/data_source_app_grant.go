// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var _ datasource.DataSourceWithConfigure = (*appGrantDataSource)(nil)

// NewAppGrantDataSource is the okta_app_grant data source: one scope an
// app holds.
func NewAppGrantDataSource() datasource.DataSource {
	return &appGrantDataSource{dataSourceBase{typeName: "_app_grant"}}
}

type appGrantDataSource struct {
	dataSourceBase
}

type appGrantDataModel struct {
	AppID       types.String `tfsdk:"app_id"`
	GrantID     types.String `tfsdk:"grant_id"`
	ExpandScope types.Bool   `tfsdk:"expand_scope"`
	grantFields
}

func (d *appGrantDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := grantAttributes(false)
	attrs["app_id"] = appIDAttribute()
	attrs["grant_id"] = grantIDAttribute()
	attrs["expand_scope"] = expandScopeAttribute()
	resp.Schema = schema.Schema{
		MarkdownDescription: "One OAuth 2.0 scope an app has been granted (an admin consent grant).",
		Attributes:          attrs,
	}
}

func (d *appGrantDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, reportWaitsTo := reportWaits(ctx, d.client, "data.okta_app_grant read")
	defer reportWaitsTo(&resp.Diagnostics)
	var m appGrantDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	appID, grantID := m.AppID.ValueString(), m.GrantID.ValueString()
	// Read through the app's grant list, as the resource does: a grant made
	// moments ago can be missing from a GET of the grant itself (Okta is
	// eventually consistent), and without expand_scope the list is the one
	// every resource and data source of the app shares in this run.
	var grants []okta.Grant
	var err error
	if m.ExpandScope.ValueBool() {
		grants, err = d.client.ListAppGrants(ctx, appID, true)
	} else {
		grants, err = d.client.AppGrantSnapshot(ctx, appID)
	}
	if okta.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("app_id"), "App not found",
			fmt.Sprintf("Okta has no app %s. app_id takes the app's ID (its OAuth client ID), like 0oa1abcd2EFGH3ijk4l5.\n\n%s", appID, oktaErrorDetail(err)))
		return
	}
	if err != nil {
		addOktaError(&resp.Diagnostics, fmt.Sprintf("Could not read grant %s of app %s", grantID, appID), err, nil)
		return
	}
	for _, g := range grants {
		if g.ID == grantID {
			m.grantFields = newGrantFields(g)
			resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
			return
		}
	}
	resp.Diagnostics.AddAttributeError(path.Root("grant_id"), "Grant not found", grantNotFoundDetail(appID, grantID, grants))
}

// grantNotFoundDetail says why grant_id matched nothing, and what to write
// when it holds a scope name instead of a grant ID.
func grantNotFoundDetail(appID, grantID string, grants []okta.Grant) string {
	detail := fmt.Sprintf("App %s holds no grant %s. grant_id takes a grant ID, like oag1abcd2EFGH3ijk4l5.", appID, grantID)
	for _, g := range grants {
		if g.ScopeID == grantID && g.Held() {
			return detail + fmt.Sprintf(" %s is a scope the app holds, as grant %s: write grant_id = %q, or find "+
				"the grant of a scope with the okta_app_grants data source (its grants, by scope_id).", grantID, g.ID, g.ID)
		}
	}
	if strings.Contains(grantID, ".") {
		detail += fmt.Sprintf(" %s looks like a scope name, which the app does not hold; the okta_app_grants data "+
			"source lists the app's grants with their scope_id and id.", grantID)
	}
	return detail
}
