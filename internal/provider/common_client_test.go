// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// An operation held back by the rate limit for longer than
// longOperationWait ends with a warning that says so: how long, how many
// requests, the max_api_capacity in force. Not parallel: it lowers the
// threshold for the whole package.
func TestReportWaits_warnsAfterALongWait(t *testing.T) {
	defer func(d time.Duration) { longOperationWait = d }(longOperationWait)
	longOperationWait = 500 * time.Millisecond

	org := newTestOrg(t)
	appID := org.addApp(t, "waits")
	org.SetRateLimit(fakeokta.BucketApps, 2, time.Second)
	client, err := okta.New(okta.Config{OrgURL: org.URL, APIToken: org.token, MaxRetries: 3, MaxAPICapacity: 100})
	if err != nil {
		t.Fatal(err)
	}

	var quick diag.Diagnostics
	ctx, report := reportWaits(context.Background(), client, "data.okta_app_grants read")
	if _, err := client.ListAppGrants(ctx, appID, false); err != nil {
		t.Fatal(err)
	}
	report(&quick)
	if len(quick) != 0 {
		t.Fatalf("a request that did not wait got %v", quick)
	}

	var slow diag.Diagnostics
	ctx, report = reportWaits(context.Background(), client, "okta_app_grant refresh")
	for range 6 {
		if _, err := client.ListAppGrants(ctx, appID, false); err != nil {
			t.Fatal(err)
		}
	}
	report(&slow)
	if len(slow) != 1 || slow.HasError() {
		t.Fatalf("got %v, want one warning", slow)
	}
	want := regexp.MustCompile(`okta_app_grant refresh waited [0-9.]+s in all for room in Okta's rate limits, over 6 request\(s\): [0-9.]+s for the rate-limit window to reset \(X-Rate-Limit-Reset\)[^.]*\. It used max_api_capacity = 100% of each bucket`)
	if w := slow[0]; w.Summary() != "Slowed down by Okta's rate limit" || !want.MatchString(w.Detail()) {
		t.Fatalf("warning %q: %q", w.Summary(), w.Detail())
	}
}
