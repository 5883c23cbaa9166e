// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"maps"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/oktagrants/terraform-provider-okta/internal/tfcli"
)

// The acceptance tests' shared pieces: the CLI gates, the test cases they
// run with the provider under test, and the steps they repeat.

// Version gates: each skips a test on a CLI without what it tests, saying
// why.
var (
	needsIdentity = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}
	needsQuery    = newestTerraform("list resources and terraform query")
	needsActions  = newestTerraform("actions")
)

// newestTerraform gates what only Terraform 1.14 and later have, and
// OpenTofu does not.
func newestTerraform(what string) []tfversion.TerraformVersionCheck {
	return []tfversion.TerraformVersionCheck{
		tfversion.SkipBelow(tfversion.Version1_14_0),
		tfcli.SkipOnOpenTofu(what),
	}
}

// newOrgWithApp is a test org with one app, labelled label, for a test
// of its grants.
func newOrgWithApp(t *testing.T, label string) (*testOrg, string) {
	t.Helper()
	org := newTestOrg(t)
	return org, org.addApp(t, label)
}

// accCase runs steps with the provider under test.
func accCase(steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{ProtoV6ProviderFactories: testAccProviders, Steps: steps}
}

// appCase is an accCase whose destroy must leave the app no grant.
func (o *testOrg) appCase(appID string, steps ...resource.TestStep) resource.TestCase {
	c := accCase(steps...)
	c.CheckDestroy = o.checkDestroyed(appID)
	return c
}

// grantCase is a one-step test case: providerConfig and a grant of scope
// to the app, which the org must then hold, and destroy revoke.
func (o *testOrg) grantCase(providerConfig, appID, scope string) resource.TestCase {
	return o.appCase(appID, resource.TestStep{
		Config:            providerConfig + grantConfig(appID, scope),
		ConfigStateChecks: []statecheck.StateCheck{o.checkAppScopes(appID, scope)},
	})
}

// gated skips a test case on a CLI that fails checks.
func gated(checks []tfversion.TerraformVersionCheck, c resource.TestCase) resource.TestCase {
	c.TerraformVersionChecks = checks
	return c
}

// failingStep is a step whose config must fail with an error matching
// want.
func failingStep(config, want string) resource.TestStep {
	return resource.TestStep{Config: config, ExpectError: regexp.MustCompile(want)}
}

// failingCase is a test case of one failingStep.
func failingCase(config, want string) resource.TestCase {
	return accCase(failingStep(config, want))
}

// preApply checks the plan a step applies.
func preApply(checks ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: checks}
}

// plansClean is a step whose config plans no change.
func plansClean(config string) resource.TestStep {
	return resource.TestStep{Config: config, ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan())}
}

// expectAttributes checks the attributes of the resource or data source
// at address: each value of want, by attribute name.
func expectAttributes(address string, want map[string]knownvalue.Check) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for _, name := range slices.Sorted(maps.Keys(want)) {
		checks = append(checks, statecheck.ExpectKnownValue(address, tfjsonpath.New(name), want[name]))
	}
	return checks
}

// requireScopes fails the test unless the org holds exactly these scopes
// for the app (see appScopesAre).
func (o *testOrg) requireScopes(t *testing.T, appID string, scopes ...string) {
	t.Helper()
	if err := o.appScopesAre(appID, scopes...); err != nil {
		t.Fatal(err)
	}
}
