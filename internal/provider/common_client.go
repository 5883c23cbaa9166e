// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// longOperationWait is how long an operation may wait for Okta's rate
// limit before a warning says why the run was slow: without TF_LOG, a
// run held back for a minute looks hung.
var longOperationWait = 10 * time.Second

// reportWaits counts the rate-limit waits of one operation (what, such as
// `okta_app_grant.x create`); the returned func adds a warning to diags when
// they add up to more than longOperationWait.
func reportWaits(ctx context.Context, client *okta.Client, what string) (context.Context, func(*diag.Diagnostics)) {
	ctx, report := okta.WithWaitReport(ctx)
	return ctx, func(diags *diag.Diagnostics) {
		waited, requests := report.Totals()
		if waited <= longOperationWait || client == nil {
			return
		}
		diags.AddWarning("Slowed down by Okta's rate limit",
			fmt.Sprintf("%s waited %s in all for room in Okta's rate limits, over %d request(s): %s. It used "+
				"max_api_capacity = %d%% of each bucket. Other clients of the org (other Terraform runs, "+
				"scripts, integrations) share its buckets. To go faster, run fewer of them at once against "+
				"this org, raise max_api_capacity if it is below 100, or ask Okta for a higher rate limit. "+
				"TF_LOG=INFO shows each wait as it begins.", what, waited.Round(100*time.Millisecond), requests,
				strings.Join(report.Reasons(), "; "), client.MaxAPICapacity()))
	}
}

// grantConcurrency is how many ops runConcurrently has in flight at once
// (the grants and revokes of one okta_app_grants, the revokes of one
// okta_revoke_user_grants action); the client's rate limiter paces them.
const grantConcurrency = 10

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

// heldByScope is the grants in force, by scope.
func heldByScope(grants []okta.Grant) map[string]okta.Grant {
	held := map[string]okta.Grant{}
	for _, g := range grants {
		if g.Held() {
			held[g.ScopeID] = g
		}
	}
	return held
}

// grantsToImport are the grants of the app an import names; nothing says
// what there is not to import when Okta has no such app.
func grantsToImport(ctx context.Context, client *okta.Client, appID, nothing string, diags *diag.Diagnostics) ([]okta.Grant, bool) {
	grants, err := client.AppGrantSnapshot(ctx, appID)
	if okta.IsNotFound(err) {
		diags.AddError("App not found", unknownAppDetail(appID, err)+"\n\nSo "+nothing)
		return nil, false
	}
	if err != nil {
		addOktaError(diags, fmt.Sprintf("Could not read the grants of app %s", appID), err, nil)
		return nil, false
	}
	return grants, true
}

// userGrantsFilter narrows a user's grants to one client (app ID) and to
// one scope, each unless "".
type userGrantsFilter struct {
	ClientID, ScopeID string
	ExpandScope       bool
}

// userGrants lists, across all pages, the grants user userID gave that
// filter keeps: what okta_user_grants reads and what the revoke action
// revokes. ok is false after an error, which it adds to diags: a missing
// user or client on the user_id or client_id attribute, saying what it
// takes.
func userGrants(ctx context.Context, client *okta.Client, userID string, filter userGrantsFilter, diags *diag.Diagnostics) (grants []okta.Grant, ok bool) {
	var err error
	if filter.ClientID != "" {
		// The per-client list takes no scope filter: filter here.
		grants, err = client.ListUserClientGrants(ctx, userID, filter.ClientID, okta.ListUserClientGrantsOptions{ExpandScope: filter.ExpandScope})
		if filter.ScopeID != "" {
			grants = slices.DeleteFunc(grants, func(g okta.Grant) bool { return g.ScopeID != filter.ScopeID })
		}
	} else {
		grants, err = client.ListUserGrants(ctx, userID, okta.ListUserGrantsOptions{ScopeID: filter.ScopeID, ExpandScope: filter.ExpandScope})
	}
	if okta.IsNotFound(err) {
		addUserGrantsNotFound(diags, err, userID, filter.ClientID, "")
		return nil, false
	}
	if err != nil {
		addOktaError(diags, fmt.Sprintf("Could not list the grants of user %s", userID), err, nil)
		return nil, false
	}
	return grants, true
}
