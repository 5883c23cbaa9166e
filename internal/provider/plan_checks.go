// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

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
func grantsBeforeCreate(ctx context.Context, w *planWalk, appID string, diags *diag.Diagnostics) (grants []okta.Grant, ok bool) {
	grants, err := w.firstListOf(ctx, appID)
	switch {
	case err == nil:
		return grants, true
	case okta.IsNotFound(err):
		diags.AddAttributeError(path.Root("app_id"), "App not found", unknownAppDetail(appID, err))
	case okta.HasStatus(err, http.StatusUnauthorized) || okta.HasStatus(err, http.StatusForbidden):
		addOktaError(diags, fmt.Sprintf("Could not read the grants of app %s", appID), err, nil)
	default:
		tflog.Warn(ctx, "could not check the app's grants at plan time: leaving it to apply", map[string]any{"app_id": appID, "error": err.Error()})
	}
	return nil, false
}

// firstList is the grants an app held when a walk first checked it.
// Terraform plans a resource again in the apply walk, right before creating
// it, when other resources of the app may have been created already: the
// checks judge what the app held before this run's writes, and cost one
// list per app and walk, not one per resource.
type firstList struct {
	mu     sync.Mutex
	done   bool
	grants []okta.Grant
	err    error
}

// firstListOf lists the app's grants once per walk. Only what holds for the
// whole run is kept, the grants or a missing app; any other failure (a
// 5xx, a 429, a timeout, an interrupted caller) is tried again by the next
// check, as the client's snapshot does.
func (w *planWalk) firstListOf(ctx context.Context, appID string) ([]okta.Grant, error) {
	w.mu.Lock()
	l := w.firstLists[appID]
	if l == nil {
		l = &firstList{}
		w.firstLists[appID] = l
	}
	w.mu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done {
		grants, err := w.client.AppGrantSnapshot(ctx, appID)
		if err != nil && !okta.IsNotFound(err) {
			return nil, err
		}
		l.done, l.grants, l.err = true, grants, err
	}
	return l.grants, l.err
}

// replacedKey records, in the private state of a plan of an existing
// resource, what it holds (okta_app_grant: its grant ID; okta_app_grants:
// its app). When the resource is replaced, Terraform plans the create half
// again with no prior state but with that private state: the grants the
// replace revokes are then not "already held".
const replacedKey = "replaced"

type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func markReplaced(ctx context.Context, private privateState, held string) diag.Diagnostics {
	if private == nil {
		return nil
	}
	v, err := json.Marshal(held)
	if err != nil {
		return nil
	}
	return private.SetKey(ctx, replacedKey, v)
}

// replaced is what the resource held before, when this plan is the create
// half of its replacement, or "".
func replaced(ctx context.Context, private privateState) string {
	if private == nil {
		return ""
	}
	v, _ := private.GetKey(ctx, replacedKey)
	var held string
	if len(v) == 0 || json.Unmarshal(v, &held) != nil {
		return ""
	}
	return held
}

// checkAppGrantCreate fails the plan of an okta_app_grant that apply
// would fail to create.
// replacedGrant is the grant a replacement revokes first, or "".
func checkAppGrantCreate(ctx context.Context, w *planWalk, appID, scopeID, replacedGrant string, diags *diag.Diagnostics) {
	checked := []string{scopeID, replacedGrant}
	if w.passed.take(kindAppGrant, appID, checked) {
		return
	}
	grants, ok := grantsBeforeCreate(ctx, w, appID, diags)
	if !ok || scopeID == "" {
		return
	}
	if i := slices.IndexFunc(grants, func(g okta.Grant) bool {
		return g.Held() && g.ScopeID == scopeID && g.ID != replacedGrant
	}); i >= 0 {
		diags.AddAttributeError(path.Root("scope_id"), "Scope already granted",
			alreadyGrantedDetail(&okta.ScopeAlreadyGrantedError{AppID: appID, ScopeID: scopeID, Existing: grants[i]}))
		return
	}
	w.passed.record(kindAppGrant, appID, checked)
}

// checkAppGrantsCreate fails the plan of an okta_app_grants for an app
// that already holds grants: they are adopted by import, not created.
// scopes is nil when scope_ids is not known yet. replacing says that the
// plan replaces an okta_app_grants of the same app, whose grants the
// replacement revokes first.
func checkAppGrantsCreate(ctx context.Context, w *planWalk, appID string, scopes []string, replacing bool, diags *diag.Diagnostics) {
	checked := append(slices.Sorted(slices.Values(scopes)), strconv.FormatBool(replacing), strconv.FormatBool(scopes == nil))
	if w.passed.take(kindAppGrants, appID, checked) {
		return
	}
	grants, ok := grantsBeforeCreate(ctx, w, appID, diags)
	if !ok || replacing {
		return
	}
	defer func() {
		if !diags.HasError() {
			w.passed.record(kindAppGrants, appID, checked)
		}
	}()
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
