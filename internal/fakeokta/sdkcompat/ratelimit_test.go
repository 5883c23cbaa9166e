// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package sdkcompat_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/okta/okta-sdk-golang/v5/okta"
	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

// TestRateLimitRetry: a 429 with X-Rate-Limit-Reset is retried by the SDK
// after Reset - Date + 1 seconds, with the X-Okta-Retry-* headers, from
// a server on loopback and from one in memory (as the client's tests use).
// (The SDK cannot run in a synctest bubble: its cache starts a goroutine
// that never ends.)
func TestRateLimitRetry(t *testing.T) {
	for name, start := range map[string]func(*testing.T) *fakeokta.Server{"loopback": fake, "in memory": fakeInMemory} {
		t.Run(name, func(t *testing.T) { rateLimitRetry(t, start(t)) })
	}
}

func rateLimitRetry(t *testing.T, srv *fakeokta.Server) {
	c := client(t, srv, 2, 3)
	ctx := context.Background()
	srv.ResetTraffic()
	srv.InjectFault(fakeokta.Fault{Route: fakeokta.RouteListAppGrants, Status: http.StatusTooManyRequests})

	start := time.Now()
	list, resp, err := c.ApplicationGrantsAPI.ListScopeConsentGrants(ctx, fakeokta.DemoReportingAppID).Execute()
	elapsed := time.Since(start)
	if err != nil {
		t.Fatalf("ListScopeConsentGrants after a 429: %v", err)
	}
	if resp.StatusCode != http.StatusOK || len(list) != 1 || list[0].ScopeId != fakeokta.DemoReportingLogsScope {
		t.Errorf("after retry: status %d grants %+v", resp.StatusCode, list)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Status != http.StatusTooManyRequests || reqs[1].Status != http.StatusOK {
		t.Fatalf("requests %+v, want a 429 then a 200", reqs)
	}
	if reqs[1].RetryCount != "1" || len(reqs[1].RetryFor) != 27 || reqs[0].RetryCount != "" {
		t.Errorf("retry headers: first %q/%q, retry %q/%q", reqs[0].RetryCount, reqs[0].RetryFor, reqs[1].RetryCount, reqs[1].RetryFor)
	}
	// Reset is one second ahead of Date: the SDK waits about two seconds.
	if gap := reqs[1].At.Sub(reqs[0].At); gap < time.Second || elapsed > 5*time.Second {
		t.Errorf("retried after %v (total %v), want the wait X-Rate-Limit-Reset asks for", gap, elapsed)
	}
	if !strings.HasPrefix(reqs[0].UserAgent, "okta-sdk-golang/") {
		t.Errorf("user agent %q", reqs[0].UserAgent)
	}
}

// TestRateLimitExhausted: the bucket of /api/v1/apps/* is spent; the SDK
// retries up to its limit and gives up.
func TestRateLimitExhausted(t *testing.T) {
	srv := fake(t)
	c := client(t, srv, 1, 1)
	ctx := context.Background()
	// An hour-long window so that the test never straddles a reset.
	srv.SetRateLimit(fakeokta.BucketApps, 1, time.Hour)
	srv.ResetTraffic()

	if _, _, err := c.ApplicationAPI.ListApplications(ctx).Execute(); err != nil {
		t.Fatalf("first call: %v", err)
	}
	start := time.Now()
	_, _, err := c.ApplicationGrantsAPI.ListScopeConsentGrants(ctx, fakeokta.DemoPipelineAppID).Execute()
	elapsed := time.Since(start)
	if err == nil {
		t.Fatal("a call over the apps rate limit succeeded")
	}
	// The SDK's retry loop swallows the last 429's body: it reports
	// "too many requests", not the decoded E0000047.
	var ge *okta.GenericOpenAPIError
	if !errors.As(err, &ge) || !strings.Contains(ge.Error(), "too many requests") {
		t.Errorf("error %v (%T), want the SDK's too many requests", err, err)
	}
	var statuses []int
	for _, r := range srv.Requests()[1:] {
		statuses = append(statuses, r.Status)
	}
	if !slices.Equal(statuses, []int{429, 429}) {
		t.Errorf("statuses after the first call %v, want a 429 and its one retry", statuses)
	}
	if elapsed < time.Second || elapsed > 5*time.Second {
		t.Errorf("gave up after %v, want one MaxBackoff wait of 1s", elapsed)
	}
	if n := srv.CountStatus(http.StatusTooManyRequests); n != 2 {
		t.Errorf("%d 429s", n)
	}
	// The users bucket is separate, and so is one app's.
	if _, _, err := c.UserAPI.GetUser(ctx, "me").Execute(); err != nil {
		t.Errorf("users call while apps are limited: %v", err)
	}
	_, resp, err := c.ApplicationAPI.GetApplication(ctx, fakeokta.DemoPipelineAppID).Execute()
	if err != nil || resp.Header.Get("X-Rate-Limit-Limit") == "1" {
		t.Errorf("one app while the apps are limited: %v, limit %q: want its own bucket", err, resp.Header.Get("X-Rate-Limit-Limit"))
	}
}
