// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
			"(Terraform 1.14+). Without `app_id`, every app of the org: one request per 200 apps, then one grant " +
			"list per app, paced by the rate limit. `terraform query -generate-config-out=grants.tf` writes a resource " +
			"and an import block (by identity) for each.",
		Attributes: map[string]schema.Attribute{
			"app_id": schema.StringAttribute{
				MarkdownDescription: "Only this app's grants.",
				Optional:            true,
				Validators:          []validator.String{oktaIDValidator()},
			},
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
	apps, err := l.apps(ctx, m.AppID.ValueString())
	if err != nil {
		stream.Results = list.ListResultsStreamDiagnostics(appsError(err, m.AppID.ValueString()))
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		pushed := int64(0)
		for app, grants := range l.grantsByApp(ctx, apps) {
			if grants.err != nil {
				var d diag.Diagnostics
				addOktaError(&d, fmt.Sprintf("Could not list the grants of app %s (%s)", app.Label, app.ID), grants.err, nil)
				push(list.ListResult{Diagnostics: d})
				return
			}
			for _, g := range grants.list {
				if !g.Held() || len(scopes) > 0 && !slices.Contains(scopes, g.ScopeID) {
					continue
				}
				if req.Limit > 0 && pushed >= req.Limit || !push(l.result(ctx, req, app, &g)) {
					return
				}
				pushed++
			}
		}
	}
}

func (l *appGrantListResource) apps(ctx context.Context, appID string) ([]okta.App, error) {
	if appID == "" {
		return l.client.ListApps(ctx)
	}
	app, err := l.client.GetApp(ctx, appID)
	if err != nil {
		return nil, err
	}
	return []okta.App{*app}, nil
}

func appsError(err error, appID string) diag.Diagnostics {
	var d diag.Diagnostics
	switch {
	case appID != "" && okta.IsNotFound(err):
		d.AddError("App not found", fmt.Sprintf("Okta has no app %s. app_id takes the app's ID (its OAuth client ID), like 0oa1abcd2EFGH3ijk4l5.\n\n%s", appID, oktaErrorDetail(err)))
	case appID != "":
		addOktaError(&d, fmt.Sprintf("Could not read app %s", appID), err, nil)
	default:
		addOktaError(&d, "Could not list the org's apps", err, nil)
	}
	return d
}

type appGrantsResult struct {
	list []okta.Grant
	err  error
}

// grantsByApp lists the grants of each app, in the apps' order, with up to
// 10 lists in flight (the rate limiter paces them), so that a query of an
// org waits for its slowest lists, not for their sum.
func (l *appGrantListResource) grantsByApp(ctx context.Context, apps []okta.App) func(yield func(okta.App, appGrantsResult) bool) {
	return func(yield func(okta.App, appGrantsResult) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		results := make([]chan appGrantsResult, len(apps))
		for i := range results {
			results[i] = make(chan appGrantsResult, 1)
		}
		sem := make(chan struct{}, 10)
		go func() {
			for i, app := range apps {
				select {
				case sem <- struct{}{}:
				case <-ctx.Done():
					return
				}
				go func() {
					defer func() { <-sem }()
					grants, err := l.client.AppGrantSnapshot(ctx, app.ID)
					results[i] <- appGrantsResult{list: grants, err: err}
				}()
			}
		}()
		for i, app := range apps {
			r := <-results[i]
			if okta.IsNotFound(r.err) {
				continue // deleted since it was listed: it has no grants
			}
			if !yield(app, r) {
				return
			}
		}
	}
}

func (l *appGrantListResource) result(ctx context.Context, req list.ListRequest, app okta.App, g *okta.Grant) list.ListResult {
	r := req.NewListResult(ctx)
	label := app.Label
	if label == "" {
		label = app.ID
	}
	r.DisplayName = fmt.Sprintf("%s: %s", label, g.ScopeID)
	state := appGrantState(app.ID, g)
	r.Diagnostics.Append(setAppGrantIdentity(ctx, r.Identity, state)...)
	if req.IncludeResource {
		r.Diagnostics.Append(r.Resource.Set(ctx, state)...)
	}
	return r
}
