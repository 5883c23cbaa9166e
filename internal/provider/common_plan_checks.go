// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

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
	// it (firstListOf, below).
	firstLists map[string]*firstList
	// passed carries the checks that passed to the next walk
	// (passedChecks, below).
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

// passedChecks carries the plan-time checks that passed in one walk to the
// next. `terraform apply` plans every resource twice, in the plan walk and
// again in the apply walk right before creating it, and nothing in the
// protocol tells the two apart: without this, the checks list every app
// once per walk, 20 lists of 340 requests for 300 grants over 20 apps.
//
// A check that passed leaves a file named for the org, the resource kind,
// the app and the scopes. The next walk that plans the same creation
// removes it, and skips the check: apply reports anything that changed in
// between, as it would without the check. A file is used once, and only
// within passedCheckTTL: a second `terraform plan` right after a first
// takes the first one's verdict at most once, and only for that long.
type passedChecks struct {
	// dir is the state dir and prefix the org's part of the names; empty
	// dir keeps nothing (OKTA_RATE_LIMIT_STATE_DIR=off).
	dir, prefix string
}

// passedCheckTTL is how long a passed check stands in for the next walk's:
// the time a person takes to confirm `terraform apply`.
const passedCheckTTL = 10 * time.Minute

func newPassedChecks(dir, orgURL string) passedChecks {
	if dir == "" || !ownedPrivateDir(dir) {
		return passedChecks{}
	}
	sum := sha256.Sum256([]byte(orgURL))
	p := passedChecks{dir: dir, prefix: "checked-" + hex.EncodeToString(sum[:8]) + "-"}
	p.prune(time.Now())
	return p
}

func (p passedChecks) file(kind, appID string, scopes []string) string {
	sum := sha256.Sum256([]byte(kind + "\n" + appID + "\n" + strings.Join(scopes, "\n")))
	return filepath.Join(p.dir, p.prefix+hex.EncodeToString(sum[:16]))
}

// record notes that the check of creating scopes on the app passed.
func (p passedChecks) record(kind, appID string, scopes []string) {
	if p.dir == "" {
		return
	}
	f, err := os.OpenFile(p.file(kind, appID, scopes), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err == nil {
		_ = f.Close()
	}
}

// take reports whether an earlier walk passed the same check within
// passedCheckTTL, and uses that up: removing the file is atomic, so two
// walks never both take it.
func (p passedChecks) take(kind, appID string, scopes []string) bool {
	if p.dir == "" {
		return false
	}
	name := p.file(kind, appID, scopes)
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	fresh := time.Since(fi.ModTime()) < passedCheckTTL
	return os.Remove(name) == nil && fresh
}

// prune removes the files of checks no walk took.
func (p passedChecks) prune(now time.Time) {
	files, _ := filepath.Glob(filepath.Join(p.dir, "checked-*"))
	for _, f := range files {
		if fi, err := os.Lstat(f); err == nil && fi.Mode().IsRegular() && now.Sub(fi.ModTime()) > passedCheckTTL {
			_ = os.Remove(f)
		}
	}
}

// ownedPrivateDir reports whether dir, created if missing, is a directory
// only its owner can write: files there decide what a walk checks.
func ownedPrivateDir(dir string) bool {
	if os.MkdirAll(dir, 0o700) != nil {
		return false
	}
	fi, err := os.Lstat(dir)
	return err == nil && fi.IsDir() && fi.Mode().Perm()&0o022 == 0
}
