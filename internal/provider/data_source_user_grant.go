// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var _ datasource.DataSourceWithConfigure = (*userGrantDataSource)(nil)

// NewUserGrantDataSource is the okta_user_grant data source: one grant a
// user consented to.
func NewUserGrantDataSource() datasource.DataSource {
	return &userGrantDataSource{dataSourceBase{typeName: "_user_grant"}}
}

type userGrantDataSource struct {
	dataSourceBase
}

type userGrantModel struct {
	UserID      types.String `tfsdk:"user_id"`
	GrantID     types.String `tfsdk:"grant_id"`
	ExpandScope types.Bool   `tfsdk:"expand_scope"`
	grantFields
}

func (d *userGrantDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := grantAttributes(false)
	attrs["user_id"] = userIDAttribute()
	attrs["grant_id"] = grantIDAttribute()
	attrs["expand_scope"] = expandScopeAttribute()
	resp.Schema = schema.Schema{
		MarkdownDescription: "One OAuth 2.0 scope consent grant a user has given.",
		Attributes:          attrs,
	}
}

// youngGrantRetries are the waits before asking again for a grant Okta
// says does not exist: about two seconds in all, longer than Okta takes to
// show a new grant everywhere.
var youngGrantRetries = []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second}

func (d *userGrantDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, reportWaitsTo := reportWaits(ctx, d.client, "data.okta_user_grant read")
	defer reportWaitsTo(&resp.Diagnostics)
	var m userGrantModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	userID, grantID := m.UserID.ValueString(), m.GrantID.ValueString()
	g, err := d.client.GetUserGrant(ctx, userID, grantID, m.ExpandScope.ValueBool())
	// Okta is eventually consistent: a grant made a moment ago can answer
	// 404 to a GET of its own for a short while. Ask again before saying it
	// does not exist.
	for _, wait := range youngGrantRetries {
		if notFoundKind(err) != "OAuth2ScopeConsentGrant" {
			break
		}
		tflog.Debug(ctx, "grant not found yet: asking again", map[string]any{"user_id": userID, "grant_id": grantID, "wait": wait.String()})
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
		g, err = d.client.GetUserGrant(ctx, userID, grantID, m.ExpandScope.ValueBool())
	}
	if okta.IsNotFound(err) {
		addUserGrantsNotFound(&resp.Diagnostics, err, userID, "", grantID)
		return
	}
	if err != nil {
		addOktaError(&resp.Diagnostics, fmt.Sprintf("Could not read grant %s of user %s", grantID, userID), err, nil)
		return
	}
	m.grantFields = newGrantFields(*g)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
