// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// A grant request that reached Okta when Terraform is interrupted is seen
// through and its grant returned: dropping it would leave a grant in Okta
// that the state never records.
func TestInterrupt_sentWriteIsSeenThrough(t *testing.T) {
	arrived, cancelled := make(chan struct{}), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-cancelled
		time.Sleep(20 * time.Millisecond) // Okta still working when the run is cancelled
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"oag1","clientId":"0oa1","scopeId":"okta.users.read","status":"ACTIVE","source":"ADMIN"}`))
	}))
	t.Cleanup(srv.Close)
	c := newClientTo(t, srv.URL)

	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
		close(cancelled)
	}()
	g, err := c.CreateAppGrant(ctx, "0oa1", okta.CreateAppGrantRequest{Issuer: srv.URL, ScopeID: "okta.users.read"})
	if err != nil || g == nil || g.ID != "oag1" {
		t.Fatalf("got %+v, %v; want the grant Okta made after the cancellation", g, err)
	}
}

// A write not sent yet when the run is cancelled is not sent at all, and
// a request held back by pacing stops at once.
func TestInterrupt_unsentRequestsStopAtOnce(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	t.Cleanup(srv.Close)
	c := newClientTo(t, srv.URL, func(c *okta.Config) { c.RetryWaitMin, c.RetryWaitMax = time.Hour, time.Hour })

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.CreateAppGrant(ctx, "0oa1", okta.CreateAppGrantRequest{Issuer: srv.URL, ScopeID: "okta.users.read"}); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if n := requests.Load(); n != 0 {
		t.Fatalf("%d requests sent after the cancellation", n)
	}

	// The first answer is a 503: the retry waits an hour of backoff, which
	// the cancellation cuts short.
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	if _, err := c.ListAppGrants(ctx, "0oa1", false); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if waited := time.Since(start); waited > 5*time.Second {
		t.Fatalf("the cancelled retry waited %s", waited)
	}
}
