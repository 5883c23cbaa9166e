// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// What the list resources share: the apps to list (one, or every app of
// the org) and each app's grants, streamed as results.

// streamByApp lists the apps, then each app's grants, and streams the
// results resultsOf makes of them, at most limit of them (0: no limit).
func (b *listResourceBase) streamByApp(ctx context.Context, appID string, limit int64, stream *list.ListResultsStream,
	resultsOf func(app okta.App, grants []okta.Grant) []list.ListResult) {
	apps, err := b.apps(ctx, appID)
	if err != nil {
		stream.Results = list.ListResultsStreamDiagnostics(appsError(err, appID))
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		pushed := int64(0)
		for app, grants := range b.grantsByApp(ctx, apps) {
			if grants.err != nil {
				var d diag.Diagnostics
				addOktaError(&d, fmt.Sprintf("Could not list the grants of app %s (%s)", app.Label, app.ID), grants.err, nil)
				push(list.ListResult{Diagnostics: d})
				return
			}
			for _, r := range resultsOf(app, grants.list) {
				if limit > 0 && pushed >= limit || !push(r) {
					return
				}
				pushed++
			}
		}
	}
}

// appIDFilterAttribute narrows a list resource to one app.
func appIDFilterAttribute(doc string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: doc,
		Optional:            true,
		Validators:          []validator.String{oktaIDValidator()},
	}
}

// apps are the app named, or every app of the org that can hold grants:
// a real org is mostly SAML, SWA and bookmark apps, and listing their
// grants would cost a request each on the apps bucket for nothing.
func (b *listResourceBase) apps(ctx context.Context, appID string) ([]okta.App, error) {
	if appID == "" {
		all, err := b.client.ListApps(ctx)
		return slices.DeleteFunc(all, func(a okta.App) bool { return !a.CanHoldGrants() }), err
	}
	app, err := b.client.GetApp(ctx, appID)
	if err != nil {
		return nil, err
	}
	return []okta.App{*app}, nil
}

func appsError(err error, appID string) diag.Diagnostics {
	var d diag.Diagnostics
	switch {
	case appID != "" && okta.IsNotFound(err):
		d.AddError("App not found", unknownAppDetail(appID, err))
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
// org waits for its slowest lists, not for their sum. An interrupted query
// ends with the context's error.
func (b *listResourceBase) grantsByApp(ctx context.Context, apps []okta.App) func(yield func(okta.App, appGrantsResult) bool) {
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
					// Every app gets a result, sent or not: the reader
					// below waits for each in turn.
					for _, r := range results[i:] {
						r <- appGrantsResult{err: ctx.Err()}
					}
					return
				}
				go func() {
					defer func() { <-sem }()
					grants, err := b.client.AppGrantSnapshot(ctx, app.ID)
					results[i] <- appGrantsResult{list: grants, err: err}
				}()
			}
		}()
		for i, app := range apps {
			r := <-results[i]
			if okta.IsNotFound(r.err) {
				continue // deleted since it was listed: it has no grants
			}
			if !yield(app, r) || r.err != nil {
				return
			}
		}
	}
}

// displayName is what a person knows an app by.
func displayName(app okta.App) string {
	if app.Label != "" {
		return app.Label
	}
	return app.ID
}
