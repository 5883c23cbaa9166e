// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

func TestRetry_serverErrorsOnReads(t *testing.T) {
	t.Parallel()
	srv, app, c := orgWithApp(t)
	srv.InjectFault(fakeokta.Fault{Route: fakeokta.RouteListAppGrants, Status: 503, Count: 2})

	if _, err := c.ListAppGrants(context.Background(), app.ID, false); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("got %d requests, want 3", len(reqs))
	}
	for i, r := range reqs {
		wantCount := ""
		if i > 0 {
			wantCount = fmt.Sprint(i)
		}
		if r.RetryCount != wantCount || (i > 0 && r.RetryFor == "") {
			t.Errorf("request %d: X-Okta-Retry-Count %q, X-Okta-Retry-For %q", i, r.RetryCount, r.RetryFor)
		}
		if r.UserAgent != "terraform-provider-okta/test" {
			t.Errorf("request %d: User-Agent %q", i, r.UserAgent)
		}
	}
}

func TestRetry_givesUpAfterMaxRetries(t *testing.T) {
	t.Parallel()
	srv, app, c := orgWithApp(t, func(cfg *okta.Config) { cfg.MaxRetries = 2 })
	srv.InjectFault(fakeokta.Fault{Route: fakeokta.RouteListAppGrants, Status: 500, Count: 10})

	_, err := c.ListAppGrants(context.Background(), app.ID, false)
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || apiErr.Attempts != 3 {
		t.Fatalf("got %#v, want a 500 after 3 attempts", err)
	}

	none := newClient(t, srv, func(cfg *okta.Config) { cfg.MaxRetries = 0 })
	srv.ResetTraffic()
	if _, err := none.ListAppGrants(context.Background(), app.ID, false); err == nil || len(srv.Requests()) != 1 {
		t.Fatalf("with max retries 0: %v after %d requests, want an error after 1", err, len(srv.Requests()))
	}
}

func TestRetry_networkErrors(t *testing.T) {
	t.Parallel()
	srv, app, c := orgWithApp(t)
	srv.InjectFault(fakeokta.Fault{Route: fakeokta.RouteListAppGrants, Drop: true})
	if _, err := c.ListAppGrants(context.Background(), app.ID, false); err != nil {
		t.Fatal(err)
	}

	srv.InjectFault(fakeokta.Fault{Route: fakeokta.RouteListAppGrants, Drop: true, Count: 5})
	_, err := newClient(t, srv, func(cfg *okta.Config) { cfg.MaxRetries = 1 }).ListAppGrants(context.Background(), app.ID, false)
	var reqErr *okta.RequestError
	if !errors.As(err, &reqErr) || reqErr.Attempts != 2 {
		t.Fatalf("got %#v, want a *okta.RequestError after 2 attempts", err)
	}
}

func TestRetry_requestTimeoutPerAttempt(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		srv, app, c := orgWithApp(t, func(cfg *okta.Config) { cfg.RequestTimeout = 200 * time.Millisecond })
		srv.InjectFault(fakeokta.Fault{Route: fakeokta.RouteListAppGrants, Latency: 2 * time.Second})
		start := time.Now()
		if _, err := c.ListAppGrants(context.Background(), app.ID, false); err != nil {
			t.Fatalf("the retry after a timed-out attempt failed: %v", err)
		}
		if d := time.Since(start); d > 1500*time.Millisecond {
			t.Fatalf("took %s: the slow attempt was not cut at the request timeout", d)
		}
	})
}

func TestRetry_rateLimitedRequestsWaitForTheReset(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		srv, app, c := orgWithApp(t)
		srv.InjectFault(fakeokta.Fault{Route: fakeokta.RouteCreateAppGrant, Status: 429, Count: 2})

		createTheOnlyGrant(t, srv, c, app.ID)
		reqs := srv.Requests()
		if srv.CountStatus(429) != 2 || len(reqs) != 3 {
			t.Fatalf("got %d requests, %d of them 429s", len(reqs), srv.CountStatus(429))
		}
		// The 429s said the reset was a second away: the retries waited for it.
		for i := 1; i < 3; i++ {
			if gap := reqs[i].At.Sub(reqs[i-1].At); gap < 900*time.Millisecond {
				t.Fatalf("retry %d went %s after a 429", i, gap)
			}
		}
	})
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	t.Parallel()
	elsewhere := anotherHost(t)
	org := serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere+r.URL.Path, http.StatusTemporaryRedirect)
	})
	_, err := newClientTo(t, org).ListAppGrants(context.Background(), "0oa1", false)
	if !okta.HasStatus(err, http.StatusTemporaryRedirect) {
		t.Fatalf("got %v, want the redirect reported", err)
	}
}
