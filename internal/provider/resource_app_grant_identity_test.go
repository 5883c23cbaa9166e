// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"os/exec"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/oktagrants/terraform-provider-okta/internal/tfcli"
)

// importsByIdentity is a step that imports the resource at address with
// an import block by its identity.
func importsByIdentity(address string) resource.TestStep {
	return resource.TestStep{ResourceName: address, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity}
}

// identityImport is an import block of the resource at address by
// identity, an HCL object.
func identityImport(address, identity string) string {
	return fmt.Sprintf(`
import {
  to       = %s
  identity = %s
}
`, address, identity)
}

func TestAccAppGrant_identity(t *testing.T) {
	org, appID := newOrgWithApp(t, "identity")
	resource.ParallelTest(t, gated(needsIdentity, org.appCase(appID,
		resource.TestStep{
			Config: appGrantConfig(org, appID, "okta.users.read"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(grantResource, map[string]knownvalue.Check{
					"app_id":   knownvalue.StringExact(appID),
					"scope_id": knownvalue.StringExact("okta.users.read"),
				}),
			},
		},
		importsByIdentity(grantResource),
	)))
}

func TestAccAppGrant_importByIdentityOfAGrantMadeElsewhere(t *testing.T) {
	org := newTestOrg(t)
	appID, _ := appWithGrants(t, org, "okta.logs.read")
	resource.ParallelTest(t, gated(needsIdentity, accCase(resource.TestStep{
		Config: appGrantConfig(org, appID, "okta.logs.read") +
			identityImport(grantResource, fmt.Sprintf(`{ app_id = %q, scope_id = "okta.logs.read" }`, appID)),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectIdentity(grantResource, map[string]knownvalue.Check{
				"app_id":   knownvalue.StringExact(appID),
				"scope_id": knownvalue.StringExact("okta.logs.read"),
			}),
			org.checkAppScopes(appID, "okta.logs.read"),
		},
	})))
}

// State written before identities (by Terraform 1.11 here) plans clean on
// Terraform 1.12+ and gets its identity on the next refresh.
func TestAccAppGrant_stateWithoutIdentityUpgrades(t *testing.T) {
	t.Parallel()
	old, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("no terraform on PATH to write state without identities")
	}
	org := newTestOrg(t)
	appID := org.addApp(t, "identity upgrade")
	w := newProviderWorkdir(t)
	skipWithout(t, w, append(needsIdentity,
		// The provider is reattached under one registry host, and the
		// Terraform that writes the old state looks for it on another.
		tfcli.SkipOnOpenTofu("state written by Terraform 1.11 in the same test")))
	w.writeFile("main.tf", appGrantConfig(org, appID, "okta.users.read")+requiredProviders)
	legacy, err := tfexec.NewTerraform(w.dir, old)
	if err != nil {
		t.Fatal(err)
	}
	if v, _, err := legacy.Version(context.Background(), true); err != nil || !v.LessThan(tfversion.Version1_12_0) {
		t.Skipf("terraform on PATH (%v) keeps identities: it cannot write the state of before them", v)
	}
	if err := legacy.SetEnv(map[string]string{"CHECKPOINT_DISABLE": "1", "TF_CLI_CONFIG_FILE": "/dev/null"}); err != nil {
		t.Fatal(err)
	}
	if err := legacy.Init(context.Background(), tfexec.Reattach(w.reattach)); err != nil {
		t.Fatal(err)
	}
	if err := legacy.Apply(context.Background(), tfexec.Reattach(w.reattach)); err != nil {
		t.Fatal(err)
	}

	if changes, err := w.tf.Plan(context.Background(), tfexec.Reattach(w.reattach)); err != nil || changes {
		t.Fatalf("the newer CLI plans changes (%v) for state written without identities: %v", changes, err)
	}
	w.apply()
	state, err := w.tf.Show(context.Background(), tfexec.Reattach(w.reattach))
	if err != nil {
		t.Fatal(err)
	}
	r := state.Values.RootModule.Resources[0]
	if r.IdentityValues["app_id"] != appID || r.IdentityValues["scope_id"] != "okta.users.read" {
		t.Fatalf("after a refresh the grant's identity is %v", r.IdentityValues)
	}
}
