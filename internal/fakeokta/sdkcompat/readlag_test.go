// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package sdkcompat_test

import (
	"context"
	"testing"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

// TestReadLag: with SetReadLag, the SDK's GET of a grant made moments ago
// gets Okta's 404 (E0000007) while the list already shows the grant, and
// the GET succeeds once the lag has passed.
func TestReadLag(t *testing.T) {
	srv := fake(t)
	c := client(t, srv, 0, 0)
	ctx := context.Background()
	const lag = 300 * time.Millisecond
	srv.SetReadLag(lag)
	g, err := srv.GrantAppScope(fakeokta.DemoReportingAppID, "okta.groups.read")
	if err != nil {
		t.Fatal(err)
	}

	_, _, err = c.ApplicationGrantsAPI.GetScopeConsentGrant(ctx, fakeokta.DemoReportingAppID, g.ID).Execute()
	if _, model := apiError(t, err); model.GetErrorCode() != "E0000007" {
		t.Fatalf("GET of a new grant within the lag: %+v", model)
	}
	listed, _, err := c.ApplicationGrantsAPI.ListScopeConsentGrants(ctx, fakeokta.DemoReportingAppID).Execute()
	if err != nil {
		t.Fatalf("ListScopeConsentGrants: %v", err)
	}
	found := false
	for _, l := range listed {
		found = found || l.GetId() == g.ID
	}
	if !found {
		t.Fatalf("the list within the lag lacks grant %s", g.ID)
	}

	time.Sleep(lag)
	got, _, err := c.ApplicationGrantsAPI.GetScopeConsentGrant(ctx, fakeokta.DemoReportingAppID, g.ID).Execute()
	if err != nil || got.GetId() != g.ID {
		t.Fatalf("GET after the lag: %+v, %v", got, err)
	}
}
