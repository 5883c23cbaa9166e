// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// grantConcurrency is how many grants and revokes of one okta_app_grants
// are in flight at once; the client's rate limiter paces them.
const grantConcurrency = 10

// appGrantsRequestFields maps the fields Okta names in validation errors to
// okta_app_grants' attributes.
var appGrantsRequestFields = map[string]path.Path{
	"scopeId": path.Root("scope_ids"),
	"issuer":  path.Root("issuer"),
}

// reconcile makes the app hold the scopes of want: it grants those current
// lacks and revokes the others current holds, concurrently, and returns
// what the app holds afterwards as far as it knows (current, less what it
// revoked, plus what it granted), also when some calls failed. adopt takes
// a grant the app already holds instead of failing on it.
func (r *appGrantSetResource) reconcile(ctx context.Context, appID, issuer string, current map[string]okta.Grant, want []string, adopt bool) (map[string]okta.Grant, diag.Diagnostics) {
	held := maps.Clone(current)
	if held == nil {
		held = map[string]okta.Grant{}
	}
	var toGrant, toRevoke []string
	for _, scope := range want {
		if _, ok := held[scope]; !ok {
			toGrant = append(toGrant, scope)
		}
	}
	for scope := range held {
		if !slices.Contains(want, scope) {
			toRevoke = append(toRevoke, scope)
		}
	}
	slices.Sort(toGrant)
	slices.Sort(toRevoke)
	tflog.Debug(ctx, "reconciling the app's grants", map[string]any{"app_id": appID, "grant": toGrant, "revoke": toRevoke})

	var ops []concurrentOp
	for _, scope := range toRevoke {
		grantID := held[scope].ID
		ops = append(ops, func() (func(), diag.Diagnostics) {
			err := r.client.RevokeAppGrant(ctx, appID, grantID)
			if err != nil && !okta.IsNotFound(err) {
				var d diag.Diagnostics
				addOktaError(&d, fmt.Sprintf("Could not revoke grant %s (%s) of app %s", grantID, scope, appID), err, nil)
				return nil, d
			}
			return func() { delete(held, scope) }, nil
		})
	}
	for _, scope := range toGrant {
		ops = append(ops, func() (func(), diag.Diagnostics) {
			g, d := r.grant(ctx, appID, issuer, scope, adopt)
			if g == nil {
				return nil, d
			}
			return func() { held[scope] = *g }, d
		})
	}
	return held, runConcurrently(ctx, "The run was interrupted before every grant and revoke of app "+appID+" was sent: the next plan shows what is left.", ops)
}

// concurrentOp is one call of runConcurrently. It returns what to record
// of its result, run while no other op records, or nil, and its
// diagnostics.
type concurrentOp func() (record func(), diags diag.Diagnostics)

// runConcurrently runs ops, grantConcurrency at once, for the client's
// rate limiter to pace, and returns their diagnostics. Once ctx ends (a
// Ctrl-C), the ops not started yet are not: one "Interrupted" error,
// whose detail is interrupted, says so instead of an error per op.
func runConcurrently(ctx context.Context, interrupted string, ops []concurrentOp) diag.Diagnostics {
	var (
		mu      sync.Mutex
		diags   diag.Diagnostics
		wg      sync.WaitGroup
		skipped bool
		slots   = make(chan struct{}, grantConcurrency)
	)
	for _, op := range ops {
		wg.Go(func() {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
			}
			if ctx.Err() != nil {
				mu.Lock()
				skipped = true
				mu.Unlock()
				return
			}
			defer func() { <-slots }()
			record, d := op()
			mu.Lock()
			defer mu.Unlock()
			if record != nil {
				record()
			}
			diags.Append(d...)
		})
	}
	wg.Wait()
	if skipped {
		diags.AddError("Interrupted", interrupted)
	}
	return diags
}

// grant grants one scope, or reports why it could not on the attribute
// that needs changing.
func (r *appGrantSetResource) grant(ctx context.Context, appID, issuer, scope string, adopt bool) (*okta.Grant, diag.Diagnostics) {
	g, err := r.client.CreateAppGrant(ctx, appID, okta.CreateAppGrantRequest{Issuer: issuer, ScopeID: scope})
	var already *okta.ScopeAlreadyGrantedError
	switch {
	case err == nil:
		return g, nil
	case errors.As(err, &already) && adopt:
		tflog.Info(ctx, "the app already held the scope: keeping its grant", map[string]any{"app_id": appID, "scope_id": scope, "grant_id": already.Existing.ID})
		return &already.Existing, nil
	}
	refusal := grantRefusal{appID: appID, scopeID: scope, scopeAttr: path.Root("scope_ids"), fields: appGrantsRequestFields,
		alreadyGranted: func(*okta.ScopeAlreadyGrantedError) string { return appGrantsImportDetail(appID, []string{scope}) }}
	// The plan defaults issuer to the org URL: the apply cannot tell that
	// from an issuer configured as the org URL, which Okta refuses alike.
	if issuer == r.client.OrgURL() {
		refusal.issuerOrigin = fmt.Sprintf("issuer is %s, the provider's org URL (its default when not set).", issuer)
	}
	var d diag.Diagnostics
	refusal.addTo(&d, err)
	return nil, d
}
