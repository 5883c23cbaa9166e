// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package sdkcompat_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

// TestHostile_answersWithoutRateLimitHeaders: the SDK takes an answer
// without X-Rate-Limit-* headers as it takes one with them.
func TestHostile_answersWithoutRateLimitHeaders(t *testing.T) {
	srv := fake(t)
	c := client(t, srv, 0, 1)
	srv.SetHostile(fakeokta.Hostile{NoRateLimitHeaders: 1})
	list, resp, err := c.ApplicationGrantsAPI.ListScopeConsentGrants(context.Background(), fakeokta.DemoReportingAppID).Execute()
	if err != nil || resp.StatusCode != http.StatusOK || len(list) != 1 {
		t.Fatalf("status %v, %d grants, error %v", resp, len(list), err)
	}
	for _, h := range []string{"X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset"} {
		if v := resp.Header.Get(h); v != "" {
			t.Errorf("%s: %q, want none", h, v)
		}
	}
}

// TestHostile_concurrentRequestLimit: past the org's cap of requests in
// flight, the SDK gets Okta's concurrent-request 429 (limit and remaining
// 0, a reset a minute away), which it reports as too many requests.
func TestHostile_concurrentRequestLimit(t *testing.T) {
	srv := fake(t)
	c := client(t, srv, 0, 1)
	srv.SetLatency(300 * time.Millisecond)
	srv.SetHostile(fakeokta.Hostile{MaxConcurrent: 1})
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			_, _, err := c.ApplicationGrantsAPI.ListScopeConsentGrants(context.Background(), fakeokta.DemoReportingAppID).Execute()
			errs <- err
		}()
	}
	var refused []error
	for range 2 {
		if err := <-errs; err != nil {
			refused = append(refused, err)
		}
	}
	// The SDK's retry loop swallows the 429's body and headers: it
	// reports "too many requests".
	if len(refused) != 1 || !strings.Contains(refused[0].Error(), "too many requests") {
		t.Fatalf("errors %v, want one too many requests (the org's cap is 1)", refused)
	}
	if srv.ConcurrentRefusals() != 1 || srv.CountStatus(http.StatusTooManyRequests) != 1 {
		t.Errorf("%d concurrent-request 429s, %d 429s in all, want 1", srv.ConcurrentRefusals(), srv.CountStatus(http.StatusTooManyRequests))
	}
}
