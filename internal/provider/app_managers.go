// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

const (
	kindAppGrant  = "okta_app_grant"
	kindAppGrants = "okta_app_grants"
)

// appManagers records, for each configured client (one per Terraform
// walk: a plan configures the provider once and plans every resource with
// that client) and app, which resource kinds plan the app's grants and
// with which scopes. An app planned by both okta_app_grants and
// okta_app_grant would flap: the first revokes what the second grants.
var appManagers = struct {
	sync.Mutex
	byApp map[appManagerKey]map[string][]string
}{byApp: map[appManagerKey]map[string][]string{}}

type appManagerKey struct {
	client *okta.Client
	appID  string
}

// claimApp records that a resource of kind plans the app with these
// scopes, and returns why that fights another resource of the same
// configuration, or "".
func claimApp(client *okta.Client, appID, kind string, scopes []string) string {
	appManagers.Lock()
	defer appManagers.Unlock()
	key := appManagerKey{client: client, appID: appID}
	kinds := appManagers.byApp[key]
	if kinds == nil {
		kinds = map[string][]string{}
		appManagers.byApp[key] = kinds
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
