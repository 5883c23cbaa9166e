// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"os"
	"testing"
	"time"
)

// A passed check stands in for the next walk's once, for the same org,
// kind, app and scopes, and only within passedCheckTTL.
func TestPassedChecks_standForTheNextWalkOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := newPassedChecks(dir, "https://acme.okta.com")
	other := newPassedChecks(dir, "https://other.okta.com")
	scopes := []string{"okta.users.read"}

	p.record(kindAppGrant, "0oa1", scopes)
	for name, took := range map[string]bool{
		"another org":   other.take(kindAppGrant, "0oa1", scopes),
		"another kind":  p.take(kindAppGrants, "0oa1", scopes),
		"another app":   p.take(kindAppGrant, "0oa2", scopes),
		"another scope": p.take(kindAppGrant, "0oa1", []string{"okta.users.manage"}),
	} {
		if took {
			t.Errorf("%s took the check", name)
		}
	}
	if !p.take(kindAppGrant, "0oa1", scopes) {
		t.Fatal("the next walk did not take the passed check")
	}
	if p.take(kindAppGrant, "0oa1", scopes) {
		t.Fatal("a passed check was taken twice")
	}

	p.record(kindAppGrant, "0oa1", scopes)
	old := time.Now().Add(-passedCheckTTL - time.Second)
	if err := os.Chtimes(p.file(kindAppGrant, "0oa1", scopes), old, old); err != nil {
		t.Fatal(err)
	}
	if p.take(kindAppGrant, "0oa1", scopes) {
		t.Fatal("a check older than passedCheckTTL was taken")
	}

	off := newPassedChecks("", "https://acme.okta.com")
	off.record(kindAppGrant, "0oa1", scopes)
	if off.take(kindAppGrant, "0oa1", scopes) {
		t.Fatal("with no state dir, a check was kept")
	}
}
