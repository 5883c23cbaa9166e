// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"time"
)

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
