// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var _ list.ListResourceWithConfigure = (*appGrantSetListResource)(nil)

// NewAppGrantsListResource lists the apps of an org that hold grants, as
// okta_app_grants resources, for `terraform query` (Terraform 1.14+).
func NewAppGrantsListResource() list.ListResource {
	return &appGrantSetListResource{listResourceBase{typeName: "_app_grants"}}
}

type appGrantSetListResource struct {
	listResourceBase
}

type appGrantSetListModel struct {
	AppID types.String `tfsdk:"app_id"`
}

func (l *appGrantSetListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The apps that hold grants, one `okta_app_grants` resource each (every scope of the " +
			"app), for `terraform query` (Terraform 1.14+). Without `app_id`, every app of the org that can hold " +
			"grants: one request per 200 apps, then one grant list per OAuth app (`signOnMode` `OPENID_CONNECT`), " +
			"paced by the rate limit. SAML, SWA, bookmark and other apps cannot hold scope grants and cost nothing " +
			"more. Apps without grants are left out. " +
			"`terraform query -generate-config-out=grants.tf` writes a resource and an import block (by identity) " +
			"for each.",
		Attributes: map[string]schema.Attribute{
			"app_id": appIDFilterAttribute("Only this app."),
		},
	}
}

func (l *appGrantSetListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var m appGrantSetListModel
	if diags := req.Config.Get(ctx, &m); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	l.streamByApp(ctx, m.AppID.ValueString(), req.Limit, stream, func(app okta.App, grants []okta.Grant) []list.ListResult {
		held := heldByScope(grants)
		if len(held) == 0 {
			return nil
		}
		return []list.ListResult{l.result(ctx, req, app, held)}
	})
}

func (l *appGrantSetListResource) result(ctx context.Context, req list.ListRequest, app okta.App, held map[string]okta.Grant) list.ListResult {
	r := req.NewListResult(ctx)
	r.DisplayName = displayName(app)
	r.Diagnostics.Append(setAppGrantSetIdentity(ctx, r.Identity, app.ID)...)
	if req.IncludeResource {
		state, diags := appGrantSetState(ctx, app.ID, newIssuerValue(heldIssuer(l.client.OrgURL(), held)), held)
		r.Diagnostics.Append(diags...)
		r.Diagnostics.Append(r.Resource.Set(ctx, state)...)
	}
	return r
}
