// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"
)

// The examples/pipelines configuration, as the CI guide runs it: apply,
// then the scheduled drift check (plan -detailed-exitcode) finds nothing,
// and finds a scope granted in the Okta console, which okta_app_grants
// revokes.
func TestAccPipelinesExample_driftCheck(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	appID := org.addApp(t, "pipeline")
	w := newProviderWorkdir(t)
	w.copyConfig(filepath.Join("..", "..", "examples", "pipelines"))
	w.configureProviders(map[string]string{"okta": org.providerBlock()})
	w.vars = []string{"app_id=" + appID}
	w.init()
	w.apply()
	org.requireScopes(t, appID, "okta.users.read", "okta.groups.read")

	driftCheck := func() bool {
		t.Helper()
		changes, err := w.tf.Plan(context.Background(), tfexec.Reattach(w.reattach), tfexec.Var(w.vars[0]))
		if err != nil {
			t.Fatalf("the drift check failed (exit code 1): %v", err)
		}
		return changes
	}
	if driftCheck() {
		t.Fatal("the drift check right after the apply found changes (exit code 2)")
	}
	if _, err := org.GrantAppScope(appID, "okta.logs.read"); err != nil {
		t.Fatal(err)
	}
	if !driftCheck() {
		t.Fatal("the drift check missed a scope granted outside Terraform (exit code 0)")
	}
	w.apply()
	org.requireScopes(t, appID, "okta.users.read", "okta.groups.read")
	w.destroy()
	org.requireScopes(t, appID)
}
