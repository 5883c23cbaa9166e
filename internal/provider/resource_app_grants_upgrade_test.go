// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"encoding/json"
	"testing"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/tfcli"
)

// stateV0 is the state an earlier release wrote for okta_app_grants.pipeline
// holding the app's grants: schema version 0, each grant whole in grants.
func stateV0(t *testing.T, org *testOrg, appID string) string {
	t.Helper()
	addr, err := tfcli.ProviderAddress(thisProvider)
	if err != nil {
		t.Fatal(err)
	}
	grants := map[string]any{}
	var scopes []string
	for _, g := range org.AppGrants(appID) {
		scopes = append(scopes, g.ScopeID)
		grants[g.ScopeID] = map[string]any{
			"id": g.ID, "status": "ACTIVE", "source": "ADMIN", "client_id": appID,
			"created": "2026-11-30T10:00:00Z", "last_updated": "2026-11-30T10:00:00Z",
			"created_by": map[string]any{"id": "00u1admin", "type": "User"},
		}
	}
	state := map[string]any{
		"version": 4, "terraform_version": "1.11.4", "serial": 1, "lineage": "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
		"outputs": map[string]any{},
		"resources": []any{map[string]any{
			"mode": "managed", "type": "okta_app_grants", "name": "pipeline",
			"provider": `provider["` + addr + `"]`,
			"instances": []any{map[string]any{
				"schema_version": 0,
				"attributes": map[string]any{
					"id": appID, "app_id": appID, "issuer": org.URL, "scope_ids": scopes, "grants": grants,
				},
				"sensitive_attributes": []any{},
			}},
		}},
	}
	b, err := json.Marshal(state)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A state of schema version 0 (each grant whole under grants) upgrades to
// grant_ids, with the same IDs, and plans no change.
func TestAccAppGrants_stateOfVersion0Upgrades(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	appID := orgAppHolding(t, org, movedScopes...)
	before := org.AppGrants(appID)
	w := newProviderWorkdir(t)
	w.writeFile("main.tf", requiredProviders+org.providerBlock()+`
resource "okta_app_grants" "pipeline" {
  app_id    = "`+appID+`"
  scope_ids = [`+quoteAll(movedScopes)+`]
}
`)
	w.writeFile("terraform.tfstate", stateV0(t, org, appID))
	w.init()
	org.ResetTraffic()
	if err := onlyImports(w.plan(), 0, 0); err != nil {
		t.Fatal(err)
	}
	w.applyPlan()
	if err := grantsUnchanged(org, appID, before); err != nil {
		t.Fatal(err)
	}
	if err := grantSetMatchesOrg(w.state(), "okta_app_grants.pipeline", org, appID); err != nil {
		t.Fatal(err)
	}
	if n := org.Count(fakeokta.RouteListAppGrants); n != 1 {
		t.Errorf("the upgrade and refresh listed the app's grants %d times, want once", n)
	}
}
