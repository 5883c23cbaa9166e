// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var _ list.ListResourceWithConfigure = (*appGrantListResource)(nil)

// NewAppGrantListResource lists the okta_app_grant resources an org holds,
// for `terraform query` (Terraform 1.14+).
func NewAppGrantListResource() list.ListResource {
	return &appGrantListResource{listResourceBase{typeName: "_app_grant"}}
}

type appGrantListResource struct {
	listResourceBase
}

type appGrantListModel struct {
	AppID    types.String `tfsdk:"app_id"`
	ScopeIDs types.List   `tfsdk:"scope_ids"`
}

func (l *appGrantListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The scopes granted to apps, as `okta_app_grant` resources, for `terraform query` " +
			"(Terraform 1.14+). Without `app_id`, every app of the org that can hold grants: one request per 200 apps, " +
			"then one grant list per OAuth app (`signOnMode` `OPENID_CONNECT`), paced by the rate limit. SAML, SWA, " +
			"bookmark and other apps cannot hold scope grants and cost nothing more. `terraform query -generate-config-out=grants.tf` writes a resource " +
			"and an import block (by identity) for each.",
		Attributes: map[string]schema.Attribute{
			"app_id": appIDFilterAttribute("Only this app's grants."),
			// List resource schemas have no sets.
			"scope_ids": schema.ListAttribute{
				MarkdownDescription: "Only grants of these scopes, like `okta.users.read`.",
				ElementType:         types.StringType,
				Optional:            true,
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
		},
	}
}

func (l *appGrantListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var m appGrantListModel
	diags := req.Config.Get(ctx, &m)
	var scopes []string
	diags.Append(m.ScopeIDs.ElementsAs(ctx, &scopes, false)...)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	l.streamByApp(ctx, m.AppID.ValueString(), req.Limit, stream, func(app okta.App, grants []okta.Grant) []list.ListResult {
		var results []list.ListResult
		for _, g := range grants {
			if g.Held() && (len(scopes) == 0 || slices.Contains(scopes, g.ScopeID)) {
				results = append(results, l.result(ctx, req, app, &g))
			}
		}
		return results
	})
}

func (l *appGrantListResource) result(ctx context.Context, req list.ListRequest, app okta.App, g *okta.Grant) list.ListResult {
	r := req.NewListResult(ctx)
	r.DisplayName = fmt.Sprintf("%s: %s", displayName(app), g.ScopeID)
	state := appGrantState(app.ID, g)
	r.Diagnostics.Append(setAppGrantIdentity(ctx, r.Identity, state)...)
	if req.IncludeResource {
		r.Diagnostics.Append(r.Resource.Set(ctx, state)...)
	}
	return r
}
