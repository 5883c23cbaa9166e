// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

const (
	kindAppGrant  = "okta_app_grant"
	kindAppGrants = "okta_app_grants"
)

// planWalk is what the resources of one configured provider share. A
// Terraform walk (a plan, or an apply) configures the provider once and
// plans every resource with what Configure handed out, so this lives as
// long as the walk and no longer.
type planWalk struct {
	client *okta.Client
	mu     sync.Mutex
	// managers records, for each app, which resource kinds plan its grants
	// and with which scopes. An app planned by both okta_app_grants and
	// okta_app_grant would flap: the first revokes what the second grants.
	managers map[string]map[string][]string
	// firstLists are the grants each app held when the walk first checked
	// it (plan_checks.go).
	firstLists map[string]*firstList
	// passed carries the checks that passed to the next walk
	// (plan_checks_passed.go).
	passed passedChecks
}

// newPlanWalk is a walk's shared state; stateDir keeps what passes from
// walk to walk, or nothing when empty.
func newPlanWalk(client *okta.Client, stateDir string) *planWalk {
	return &planWalk{
		client: client, managers: map[string]map[string][]string{}, firstLists: map[string]*firstList{},
		passed: newPassedChecks(stateDir, client.OrgURL()),
	}
}

// walkFrom is what Configure handed to resources, or nil before the
// provider is configured.
func walkFrom(data any, diags *diag.Diagnostics) *planWalk {
	if data == nil {
		return nil
	}
	w, ok := data.(*planWalk)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *planWalk, got %T. This is a bug in the provider.", data))
	}
	return w
}

// claimApp records that a resource of kind plans the app with these
// scopes, and returns why that fights another resource of the same
// configuration, or "".
func (w *planWalk) claimApp(appID, kind string, scopes []string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	kinds := w.managers[appID]
	if kinds == nil {
		kinds = map[string][]string{}
		w.managers[appID] = kinds
	}
	for _, s := range scopes {
		if !slices.Contains(kinds[kind], s) {
			kinds[kind] = append(kinds[kind], s)
		}
	}
	if _, ok := kinds[kind]; !ok {
		kinds[kind] = []string{}
	}
	grants, hasSet := kinds[kindAppGrants]
	singles, hasSingles := kinds[kindAppGrant]
	if !hasSet || !hasSingles {
		return ""
	}
	return fmt.Sprintf("App %s is managed in this configuration both by an okta_app_grants resource (scope_ids: %s) "+
		"and by okta_app_grant resources (scope_id: %s). okta_app_grants revokes every scope it does not list, "+
		"and okta_app_grant grants it again: each apply would undo the other.\n\n"+
		"Manage the app with one kind of resource: either add the okta_app_grant scopes to scope_ids and take the "+
		"okta_app_grant resources out of the configuration with a removed block (lifecycle { destroy = false }, so "+
		"that their grants stay), or remove the okta_app_grants resource. This error is reported on the resource "+
		"planned second; search the configuration for app_id %s to find the other one.",
		appID, listOrNone(grants), listOrNone(singles), appID)
}

func listOrNone(scopes []string) string {
	if len(scopes) == 0 {
		return "none known at plan time"
	}
	sorted := slices.Sorted(slices.Values(scopes))
	return strings.Join(sorted, ", ")
}

// knownStrings is the value of a known string as a list, or nothing.
func knownStrings(v types.String) []string {
	if v.IsUnknown() || v.IsNull() {
		return nil
	}
	return []string{v.ValueString()}
}
