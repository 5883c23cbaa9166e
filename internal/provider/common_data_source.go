// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var _ datasource.DataSourceWithConfigure = (*grantDataSource)(nil)

// grantDataSource is each of the four grant data sources: one grant
// (newGrantDataSource) or every grant (newGrantsDataSource) of an app or a
// user. Each names its holder, its description, and how Okta finds its
// grants.
type grantDataSource struct {
	dataSourceBase
	holder      grantHolder
	description string
	// attributes are those it has besides the holder's ID and
	// expand_scope.
	attributes func() map[string]schema.Attribute
	// fill reads what q asks for into state, or adds to diags why it could
	// not. The framework starts state as a copy of the configuration, so
	// fill sets only computed attributes.
	fill func(ctx context.Context, client *okta.Client, q grantQuery, state *tfsdk.State, diags *diag.Diagnostics)
}

// grantHolder is what holds grants: an app (admin consent) or a user (end
// user consent).
type grantHolder struct {
	noun      string // "app" or "user"
	attr      string // the attribute of its ID
	attribute func() schema.StringAttribute
}

var (
	appHolder  = grantHolder{noun: "app", attr: "app_id", attribute: appIDAttribute}
	userHolder = grantHolder{noun: "user", attr: "user_id", attribute: userIDAttribute}
)

// newGrantDataSource is a data source of one grant, by its holder's ID and
// its own, which find finds (nil when it adds to diags why it could not).
func newGrantDataSource(typeName string, holder grantHolder, description string,
	find func(ctx context.Context, client *okta.Client, q grantQuery, diags *diag.Diagnostics) *okta.Grant) *grantDataSource {
	return &grantDataSource{
		dataSourceBase: dataSourceBase{typeName: typeName},
		holder:         holder,
		description:    description,
		attributes: func() map[string]schema.Attribute {
			attrs := grantAttributes(false)
			attrs["grant_id"] = grantIDAttribute()
			return attrs
		},
		fill: func(ctx context.Context, client *okta.Client, q grantQuery, state *tfsdk.State, diags *diag.Diagnostics) {
			g := find(ctx, client, q, diags)
			if g == nil {
				return
			}
			fields, d := types.ObjectValueFrom(ctx, grantFieldTypes, newGrantFields(*g))
			diags.Append(d...)
			for name, v := range fields.Attributes() {
				diags.Append(state.SetAttribute(ctx, path.Root(name), v)...)
			}
		},
	}
}

// newGrantsDataSource is a data source of every grant of a holder, which
// list lists (adding to diags why it could not); filters are the
// attributes that narrow the list.
func newGrantsDataSource(typeName string, holder grantHolder, description string, filters map[string]schema.Attribute,
	list func(ctx context.Context, client *okta.Client, q grantQuery, diags *diag.Diagnostics) []okta.Grant) *grantDataSource {
	return &grantDataSource{
		dataSourceBase: dataSourceBase{typeName: typeName},
		holder:         holder,
		description:    description,
		attributes: func() map[string]schema.Attribute {
			attrs := map[string]schema.Attribute{
				"grants": grantsListAttribute("The " + holder.noun + "'s grants, sorted by creation time, then ID. Empty when there are none."),
			}
			maps.Copy(attrs, filters)
			return attrs
		},
		fill: func(ctx context.Context, client *okta.Client, q grantQuery, state *tfsdk.State, diags *diag.Diagnostics) {
			grants := list(ctx, client, q, diags)
			if diags.HasError() {
				return
			}
			grantsValue, d := grantsList(ctx, grants)
			diags.Append(d...)
			diags.Append(state.SetAttribute(ctx, path.Root("grants"), grantsValue)...)
		},
	}
}

func (d *grantDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := d.attributes()
	attrs[d.holder.attr] = d.holder.attribute()
	attrs["expand_scope"] = expandScopeAttribute()
	resp.Schema = schema.Schema{
		MarkdownDescription: d.description,
		Attributes:          attrs,
	}
}

func (d *grantDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, reportWaitsTo := reportWaits(ctx, d.client, "data.okta"+d.typeName+" read")
	defer reportWaitsTo(&resp.Diagnostics)
	q, diags := readGrantQuery(ctx, req.Config, d.holder)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	d.fill(ctx, d.client, q, &resp.State, &resp.Diagnostics)
}

// grantQuery is what a grant data source's configuration asks for: the
// holder, and the grant or the filters of the data sources that have them
// ("" for those it does not have, or leaves unset).
type grantQuery struct {
	holderID, grantID, clientID, scopeID string
	expand                               bool
}

func readGrantQuery(ctx context.Context, config tfsdk.Config, holder grantHolder) (grantQuery, diag.Diagnostics) {
	var diags diag.Diagnostics
	get := func(name string, into any) {
		if _, ok := config.Schema.GetAttributes()[name]; ok {
			diags.Append(config.GetAttribute(ctx, path.Root(name), into)...)
		}
	}
	var holderID, grantID, clientID, scopeID types.String
	var expand types.Bool
	get(holder.attr, &holderID)
	get("grant_id", &grantID)
	get("client_id", &clientID)
	get("scope_id", &scopeID)
	get("expand_scope", &expand)
	return grantQuery{
		holderID: holderID.ValueString(),
		grantID:  grantID.ValueString(),
		clientID: clientID.ValueString(),
		scopeID:  scopeID.ValueString(),
		expand:   expand.ValueBool(),
	}, diags
}
