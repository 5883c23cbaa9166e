package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var _ datasource.DataSourceWithConfigure = (*appGrantDataSource)(nil)

// NewAppGrantDataSource is the okta_app_grant data source: one scope an
// app holds.
func NewAppGrantDataSource() datasource.DataSource {
	return &appGrantDataSource{}
}

type appGrantDataSource struct {
	client *okta.Client
}

type appGrantDataModel struct {
	AppID       types.String `tfsdk:"app_id"`
	GrantID     types.String `tfsdk:"grant_id"`
	ExpandScope types.Bool   `tfsdk:"expand_scope"`
	UserID      types.String `tfsdk:"user_id"`
	grantFields
}

func (d *appGrantDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_app_grant"
}

func (d *appGrantDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := grantAttributes(true)
	attrs["app_id"] = schema.StringAttribute{
		MarkdownDescription: "The app's ID (its OAuth client ID), like `0oa1abcd2EFGH3ijk4l5`.",
		Required:            true,
		Validators:          []validator.String{oktaIDValidator()},
	}
	attrs["grant_id"] = schema.StringAttribute{
		MarkdownDescription: "The grant's ID, like `oag1abcd2EFGH3ijk4l5`.",
		Required:            true,
		Validators:          []validator.String{oktaIDValidator()},
	}
	attrs["expand_scope"] = expandScopeAttribute()
	resp.Schema = schema.Schema{
		MarkdownDescription: "One OAuth 2.0 scope an app has been granted (an admin consent grant).",
		Attributes:          attrs,
	}
}

func (d *appGrantDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *appGrantDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m appGrantDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	appID, grantID := m.AppID.ValueString(), m.GrantID.ValueString()
	g, err := d.client.GetAppGrant(ctx, appID, grantID, m.ExpandScope.ValueBool())
	if okta.IsNotFound(err) {
		resp.Diagnostics.AddError("Grant not found", fmt.Sprintf("Okta has no grant %q of app %q (or no such app).\n\n%s", grantID, appID, oktaErrorDetail(err)))
		return
	}
	if err != nil {
		addOktaError(&resp.Diagnostics, fmt.Sprintf("Could not read grant %s of app %s", grantID, appID), err, nil)
		return
	}
	m.grantFields = newGrantFields(*g)
	m.UserID = optionalString(g.UserID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
