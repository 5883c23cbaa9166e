// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

// interruptAfter runs a terraform command and interrupts it (SIGINT, as
// Ctrl-C does: tfexec signals the CLI when its context ends) half an
// answer after the org answered n requests of route. Answers take latency,
// so the interrupt lands while the next batch is in flight and before the
// one after it starts, whichever CLI runs it and however slow the machine:
// interrupting at a count alone raced the batch that starts the moment one
// ends (OpenTofu in CI revoked all 30 before the signal landed).
func interruptAfter(t *testing.T, org *testOrg, route string, n int, latency time.Duration, run func(context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for org.Count(route) < n && ctx.Err() == nil {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(latency / 2)
		cancel()
	}()
	if err := run(ctx); err == nil {
		t.Fatalf("the command finished before the interrupt (after %d of %s): the test proves nothing", org.Count(route), route)
	}
}

// sameGrantsInStateAndOrg checks that the okta_app_grant IDs in the state
// are exactly the grants the org holds for the app: nothing in Okta that the
// state lacks (an orphan the next apply would trip over), nothing in the
// state Okta does not hold. It returns how many there are.
func sameGrantsInStateAndOrg(t *testing.T, w *cliWorkdir, org *testOrg, appID string) int {
	t.Helper()
	state, err := w.tf.Show(context.Background(), tfexec.Reattach(w.reattach))
	if err != nil {
		t.Fatal(err)
	}
	var inState []string
	if state.Values != nil {
		for _, r := range state.Values.RootModule.Resources {
			if r.Type == "okta_app_grant" {
				inState = append(inState, fmt.Sprint(r.AttributeValues["id"]))
			}
		}
	}
	var inOrg []string
	for _, g := range org.AppGrants(appID) {
		if g.Status == "ACTIVE" {
			inOrg = append(inOrg, g.ID)
		}
	}
	slices.Sort(inState)
	slices.Sort(inOrg)
	if !slices.Equal(inState, inOrg) {
		t.Fatalf("after the interrupt the state holds %d grants and the org %d:\nstate: %v\norg:   %v", len(inState), len(inOrg), inState, inOrg)
	}
	return len(inOrg)
}

// interruptPartWay interrupts run, an apply or destroy of 30 grants of the
// app, after 10 requests of route, and checks that the state and the org
// agree and that the interrupt landed part-way: the org holds some of the
// 30 grants, not none or all. It returns how many it holds.
func interruptPartWay(t *testing.T, w *cliWorkdir, org *testOrg, appID, route string, latency time.Duration, run func(context.Context) error) int {
	t.Helper()
	interruptAfter(t, org, route, 10, latency, run)
	held := sameGrantsInStateAndOrg(t, w, org, appID)
	if held == 0 || held == 30 {
		t.Fatalf("%d of 30 grants held after the interrupt: it did not land part-way", held)
	}
	return held
}

// TestAccAppGrant_interruptedApplyAndDestroyOrphanNothing interrupts an
// apply of 30 grants and then a destroy part-way, against an org answering
// in 600 ms: every grant Okta made is in the state, every grant Okta
// revoked is gone from it, and the next run converges with no import.
func TestAccAppGrant_interruptedApplyAndDestroyOrphanNothing(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "interrupted")
	w := newProviderWorkdir(t)
	w.writeFile("main.tf", org.providerBlock()+requiredProviders+grantEachConfig(appID, oktaScopeIDs(30)))
	w.init()
	// Terraform runs 10 operations at once: the first 10 grants go out
	// together, the interrupt lands while the second 10 are in flight.
	const latency = 600 * time.Millisecond
	org.SetLatency(latency)

	// Each command, interrupted part-way, then run again to the end.
	for _, c := range []struct {
		name        string
		route       string
		interrupted func(context.Context) error
		again       func()
		want        int
	}{
		{"apply", fakeokta.RouteCreateAppGrant, func(ctx context.Context) error { return w.tf.Apply(ctx, tfexec.Reattach(w.reattach)) }, w.apply, 30},
		{"destroy", fakeokta.RouteRevokeAppGrant, func(ctx context.Context) error { return w.tf.Destroy(ctx, tfexec.Reattach(w.reattach)) }, w.destroy, 0},
	} {
		org.ResetTraffic()
		held := interruptPartWay(t, w, org, appID, c.route, latency, c.interrupted)
		t.Logf("interrupted %s: the org holds %d of 30 grants, and the state agrees", c.name, held)
		c.again()
		if n := sameGrantsInStateAndOrg(t, w, org, appID); n != c.want {
			t.Fatalf("the %s after the interrupt left %d grants, want %d", c.name, n, c.want)
		}
	}
}
