// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// grantsBeforeCreate reads the app's grants when a plan creates grants for
// it, from the list shared with every other reader of the app in this run
// (a plan costs at most one list per app), so that the plan fails where
// apply would: an app that does not exist, a credential Okta refuses. ok
// is false when the grants cannot be judged: any other failure is left to
// apply.
func grantsBeforeCreate(ctx context.Context, client *okta.Client, appID string, diags *diag.Diagnostics) (grants []okta.Grant, ok bool) {
	grants, err := client.AppGrantSnapshot(ctx, appID)
	switch {
	case err == nil:
		return grants, true
	case okta.IsNotFound(err):
		diags.AddAttributeError(path.Root("app_id"), "App not found", appNotFoundDetail(appID)+"\n\n"+oktaErrorDetail(err))
	case okta.HasStatus(err, http.StatusUnauthorized) || okta.HasStatus(err, http.StatusForbidden):
		addOktaError(diags, fmt.Sprintf("Could not read the grants of app %s", appID), err, nil)
	default:
		tflog.Warn(ctx, "could not check the app's grants at plan time: leaving it to apply", map[string]any{"app_id": appID, "error": err.Error()})
	}
	return nil, false
}

// checkAppGrantCreate fails the plan of an okta_app_grant that apply
// would fail to create.
func checkAppGrantCreate(ctx context.Context, client *okta.Client, appID, scopeID string, diags *diag.Diagnostics) {
	grants, ok := grantsBeforeCreate(ctx, client, appID, diags)
	if !ok || scopeID == "" {
		return
	}
	if i := slices.IndexFunc(grants, func(g okta.Grant) bool { return g.Held() && g.ScopeID == scopeID }); i >= 0 {
		diags.AddAttributeError(path.Root("scope_id"), "Scope already granted",
			alreadyGrantedDetail(&okta.ScopeAlreadyGrantedError{AppID: appID, ScopeID: scopeID, Existing: grants[i]}))
	}
}

// checkAppGrantsCreate fails the plan of an okta_app_grants for an app
// that already holds grants: they are adopted by import, not created.
// scopes is nil when scope_ids is not known yet.
func checkAppGrantsCreate(ctx context.Context, client *okta.Client, appID string, scopes []string, diags *diag.Diagnostics) {
	grants, ok := grantsBeforeCreate(ctx, client, appID, diags)
	if !ok {
		return
	}
	var listed, others []string
	for scope := range heldByScope(grants) {
		if slices.Contains(scopes, scope) {
			listed = append(listed, scope)
		} else {
			others = append(others, scope)
		}
	}
	switch {
	case len(listed) > 0:
		diags.AddAttributeError(path.Root("scope_ids"), "Scope already granted", appGrantsImportDetail(appID, listed))
	case len(others) > 0:
		diags.AddAttributeError(path.Root("app_id"), "App already holds grants", appGrantsImportDetail(appID, others))
	}
}

// appGrantsImportDetail says that the app holds these scopes already, and
// how to adopt them.
func appGrantsImportDetail(appID string, scopes []string) string {
	slices.Sort(scopes)
	return fmt.Sprintf("App %s already holds %s (granted in the Okta console, by another tool or configuration, by "+
		"okta_app_grant resources, or by a run that was interrupted before it could record it). okta_app_grants "+
		"adopts the grants an app holds instead of creating them: import the app into this resource with an "+
		"import block:\n\n"+
		"  import {\n    to = okta_app_grants.<name>\n    id = %q\n  }\n\n"+
		"or on the command line:\n\n  terraform import okta_app_grants.<name> %s\n\n"+
		"After the import, the plan revokes every scope the app holds that scope_ids does not list. If "+
		"okta_app_grant resources of this configuration hold these grants, take them out with a removed block "+
		"(lifecycle { destroy = false }) in the same plan.",
		appID, strings.Join(scopes, ", "), appID, appID)
}
