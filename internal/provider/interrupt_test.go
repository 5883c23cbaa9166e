// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

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

// stateMatchesOrg checks that the grants in the state are exactly the
// grants the org holds: nothing in Okta that the state lacks (an orphan the
// next apply would trip over), nothing in the state Okta does not hold.
func stateMatchesOrg(t *testing.T, w *cliWorkdir, org *testOrg, appID string) int {
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

// TestAccAppGrant_interruptedApplyAndDestroyOrphanNothing interrupts an
// apply of 30 grants and then a destroy part-way, against an org answering
// in 600 ms: every grant Okta made is in the state, every grant Okta
// revoked is gone from it, and the next run converges with no import.
func TestAccAppGrant_interruptedApplyAndDestroyOrphanNothing(t *testing.T) {
	org := newTestOrg(t)
	appID := org.addApp(t, "interrupted")
	var scopes []string
	for _, s := range fakeokta.OktaScopes()[:30] {
		scopes = append(scopes, fmt.Sprintf("%q", s.ID))
	}
	w := newCLIWorkdir(t, map[string]func() tfprotov6.ProviderServer{thisProvider: providerserver.NewProtocol6(New("test")())})
	w.writeFile("main.tf", org.providerBlock()+fmt.Sprintf(`
terraform {
  required_providers {
    okta = { source = "oktagrants/okta" }
  }
}
resource "okta_app_grant" "all" {
  for_each = toset([%s])
  app_id   = %q
  scope_id = each.value
}
`, strings.Join(scopes, ", "), appID))
	w.init()
	// Terraform runs 10 operations at once: the first 10 grants go out
	// together, the interrupt lands while the second 10 are in flight.
	const latency = 600 * time.Millisecond
	org.SetLatency(latency)

	interruptAfter(t, org, fakeokta.RouteCreateAppGrant, 10, latency, func(ctx context.Context) error {
		return w.tf.Apply(ctx, tfexec.Reattach(w.reattach))
	})
	made := stateMatchesOrg(t, w, org, appID)
	t.Logf("interrupted apply: %d of 30 grants made and recorded", made)
	if made == 0 || made == 30 {
		t.Fatalf("%d grants made: the interrupt did not land part-way", made)
	}

	w.apply()
	if n := stateMatchesOrg(t, w, org, appID); n != 30 {
		t.Fatalf("the apply after the interrupt left %d grants, want 30", n)
	}

	org.ResetTraffic()
	interruptAfter(t, org, fakeokta.RouteRevokeAppGrant, 10, latency, func(ctx context.Context) error {
		return w.tf.Destroy(ctx, tfexec.Reattach(w.reattach))
	})
	left := stateMatchesOrg(t, w, org, appID)
	t.Logf("interrupted destroy: %d of 30 grants left, state agrees", left)
	if left == 0 || left == 30 {
		t.Fatalf("%d grants left: the interrupt did not land part-way", left)
	}
	w.destroy()
	if n := stateMatchesOrg(t, w, org, appID); n != 0 {
		t.Fatalf("the destroy after the interrupt left %d grants", n)
	}
}
