// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// readConcurrently lists an app's grants n times from workers goroutines.
func readConcurrently(t *testing.T, c *okta.Client, appID string, n, workers int) {
	t.Helper()
	var wg sync.WaitGroup
	jobs := make(chan struct{})
	errs := make(chan error, n)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				_, err := c.ListAppGrants(context.Background(), appID, false)
				errs <- err
			}
		}()
	}
	for range n {
		jobs <- struct{}{}
	}
	close(jobs)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// expectNo429s fails the test if the org answered any request with a 429.
func expectNo429s(t *testing.T, srv *fakeokta.Server) {
	t.Helper()
	if n := srv.CountStatus(429); n != 0 {
		t.Fatalf("the org answered %d requests with 429", n)
	}
}

// maxPerWindow is the most requests the org answered in one window.
func maxPerWindow(reqs []fakeokta.Request, window time.Duration) int {
	counts := map[int64]int{}
	most := 0
	for _, r := range reqs {
		k := r.At.UnixNano() / int64(window)
		counts[k]++
		most = max(most, counts[k])
	}
	return most
}

func TestPacing_holdsBackInsteadOfRunningInto429s(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		srv, app, c := orgWithApp(t)
		srv.SetRateLimit(fakeokta.BucketApps, 10, time.Second)

		readConcurrently(t, c, app.ID, 25, 8)

		expectNo429s(t, srv)
		if n := len(srv.Requests()); n != 25 {
			t.Fatalf("the org got %d requests, want 25", n)
		}
		if most := maxPerWindow(srv.Requests(), time.Second); most > 10 {
			t.Fatalf("%d requests in one window of a limit of 10", most)
		}
	})
}

func TestPacing_leavesCapacityToOthers(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		srv, app, c := orgWithApp(t, func(cfg *okta.Config) { cfg.MaxAPICapacity = 50 })
		srv.SetRateLimit(fakeokta.BucketApps, 10, time.Second)

		readConcurrently(t, c, app.ID, 15, 4)

		// One probe learns the limit; from then on at most half of it.
		if most := maxPerWindow(srv.Requests(), time.Second); most > 5 {
			t.Fatalf("%d requests in one window: more than half of the limit of 10", most)
		}
		expectNo429s(t, srv)
	})
}

// The users bucket is separate: spending the apps bucket does not slow it.
func TestPacing_bucketsAreSeparate(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		srv, app, c := orgWithApp(t)
		srv.SetRateLimit(fakeokta.BucketApps, 2, 60*time.Second)
		ctx := context.Background()
		for range 2 {
			if _, err := c.ListAppGrants(ctx, app.ID, false); err != nil {
				t.Fatal(err)
			}
		}
		done := make(chan error, 1)
		go func() {
			_, err := c.ListUserGrants(ctx, "me", okta.ListUserGrantsOptions{})
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("a users call waited for the spent apps bucket")
		}
	})
}

// A new client (Terraform's next walk, in a new process) starts from what
// the previous one knew of the bucket instead of probing a spent window.
func TestPacing_aNewProcessKnowsWhatThePreviousLeft(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		srv := startOrg(t)
		app := srv.AddApp(fakeokta.App{})
		srv.SetRateLimit(fakeokta.BucketApps, 4, 2*time.Second)
		dir := t.TempDir()
		withStore := func(cfg *okta.Config) { cfg.RateLimitStateDir = dir }

		readConcurrently(t, newClient(t, srv, withStore), app.ID, 4, 2)
		readConcurrently(t, newClient(t, srv, withStore), app.ID, 4, 2)

		expectNo429s(t, srv)
		if most := maxPerWindow(srv.Requests(), 2*time.Second); most > 4 {
			t.Fatalf("%d requests in one window of a limit of 4", most)
		}
	})
}

// Until an answer tells the state of a bucket, one request at a time goes:
// another process may have spent it.
func TestPacing_probesAnUnknownBucketOneRequestAtATime(t *testing.T) {
	onFakeClock(t, func(t *testing.T) { sevenAtOnceUnderALimitOfThree(t) })
}

// sevenAtOnceUnderALimitOfThree sends seven reads at once, with faults,
// to an org that answers three per second, and fails on a 429.
func sevenAtOnceUnderALimitOfThree(t *testing.T, faults ...fakeokta.Fault) {
	t.Helper()
	srv, app, c := orgWithApp(t)
	srv.SetRateLimit(fakeokta.BucketApps, 3, time.Second)
	for _, f := range faults {
		srv.InjectFault(f)
	}
	readConcurrently(t, c, app.ID, 7, 7)
	expectNo429s(t, srv)
}

// An error page without rate-limit headers (a proxy's 503) does not make
// a bucket look unlimited.
func TestPacing_headerlessErrorIsNotUnlimited(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		sevenAtOnceUnderALimitOfThree(t, fakeokta.Fault{Route: fakeokta.RouteListAppGrants, Status: 503, NoRateLimitHeaders: true})
	})
}

// Pacing follows the org's clock, not ours: with the org 10 minutes ahead
// nothing stalls and nothing runs into a 429, in this process or the next.
func TestPacing_orgClockAhead(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		srv := startOrg(t)
		app := srv.AddApp(fakeokta.App{})
		srv.SetClockSkew(10 * time.Minute)
		srv.SetRateLimit(fakeokta.BucketApps, 3, time.Second)
		dir := t.TempDir()
		withStore := func(cfg *okta.Config) { cfg.RateLimitStateDir = dir }

		done := make(chan struct{})
		go func() {
			defer close(done)
			readConcurrently(t, newClient(t, srv, withStore), app.ID, 5, 3)
			readConcurrently(t, newClient(t, srv, withStore), app.ID, 3, 2)
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatal("8 reads at 3 per second took over 20s: pacing waited on the wrong clock")
		}
		expectNo429s(t, srv)
	})
}

// A 429 for too many concurrent requests, whose reset is a moment away,
// holds requests back until then, not until the end of the window.
func TestPacing_429WithAnEarlyResetWaitsOnlyUntilIt(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		srv, app, c := orgWithApp(t)
		srv.SetRateLimit(fakeokta.BucketApps, 1000, 30*time.Second)
		if _, err := c.ListAppGrants(context.Background(), app.ID, false); err != nil {
			t.Fatal(err)
		}
		srv.InjectFault(fakeokta.Fault{Route: fakeokta.RouteListAppGrants, Status: 429})
		start := time.Now()
		if _, err := c.ListAppGrants(context.Background(), app.ID, false); err != nil {
			t.Fatal(err)
		}
		if waited := time.Since(start); waited > 10*time.Second {
			t.Fatalf("waited %s for a 429 whose reset was a second away", waited)
		}
	})
}

// A 429 without rate-limit headers is retried after a second, not at once.
func TestPacing_429WithoutHeadersWaits(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		srv, app, c := orgWithApp(t)
		if _, err := c.ListAppGrants(context.Background(), app.ID, false); err != nil {
			t.Fatal(err)
		}
		srv.ResetTraffic()
		srv.InjectFault(fakeokta.Fault{Route: fakeokta.RouteListAppGrants, Status: 429, NoRateLimitHeaders: true, Count: 2})
		if _, err := c.ListAppGrants(context.Background(), app.ID, false); err != nil {
			t.Fatal(err)
		}
		reqs := srv.Requests()
		if len(reqs) != 3 {
			t.Fatalf("%d requests, want 2 rate-limited and 1 answered", len(reqs))
		}
		for i := 1; i < len(reqs); i++ {
			if gap := reqs[i].At.Sub(reqs[i-1].At); gap < 900*time.Millisecond {
				t.Fatalf("retry %d went %s after a 429, want about a second", i, gap)
			}
		}
	})
}

// One app (/api/v1/apps/{id}) is a bucket of its own in Okta's table: a
// spent apps bucket (grants) must not hold a read of one app back, nor its
// headers steer the grants.
func TestBuckets_oneAppIsApartFromTheAppsBucket(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		srv, app, c := orgWithApp(t)
		srv.SetRateLimit(fakeokta.BucketApps, 1, time.Minute)
		if _, err := c.ListAppGrants(context.Background(), app.ID, false); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if _, err := c.GetApp(context.Background(), app.ID); err != nil {
			t.Fatal(err)
		}
		if waited := time.Since(start); waited > time.Second {
			t.Fatalf("reading one app waited %s for the spent apps bucket", waited)
		}
		expectNo429s(t, srv)
	})
}
