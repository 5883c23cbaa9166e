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

// grantJob is one grant of an apply: a scope for an app.
type grantJob struct{ appID, scope string }

// grantAll creates every grant of jobs from workers goroutines, as
// Terraform's parallelism does, and returns the grant IDs it was given
// and the errors.
func grantAll(ctx context.Context, c *okta.Client, jobs []grantJob, workers int) (map[grantJob]string, []error) {
	var mu sync.Mutex
	ids := map[grantJob]string{}
	var errs []error
	work := make(chan grantJob)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range work {
				g, err := c.CreateAppGrant(ctx, j.appID, okta.CreateAppGrantRequest{Issuer: c.OrgURL(), ScopeID: j.scope})
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				} else {
					ids[j] = g.ID
				}
				mu.Unlock()
			}
		})
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()
	return ids, errs
}

// grantJobs is perApp scopes for each of apps apps of srv.
func grantJobs(srv *fakeokta.Server, apps, perApp int) []grantJob {
	scopes := fakeokta.OktaScopes()
	var jobs []grantJob
	for range apps {
		app := srv.AddApp(fakeokta.App{})
		for _, s := range scopes[:perApp] {
			jobs = append(jobs, grantJob{app.ID, s.ID})
		}
	}
	return jobs
}

// The run reported hung for 45 minutes: a service app signing in with an
// EC key as PEM text and DPoP, tokens living 3 s, 5 requests / 2 s on the
// apps bucket, 30 grants over 3 apps, 10 at a time. When a token expired in
// a window the client assumed open, the 401s came without rate-limit
// headers, and every request then waited for news that only a request
// could bring.
func TestNeverHang_expiredTokenAnswersWithoutRateLimitHeaders(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		key := testECKey(t)
		srv := keyOrg(t, key, true)
		srv.SetTokenTTL(3 * time.Second)
		srv.SetRateLimit(fakeokta.BucketApps, 5, 2*time.Second)
		srv.SetHostile(fakeokta.Hostile{NoRateLimitHeadersOnErrors: true})
		c, _ := oauthClient(t, srv, pemSEC1(t, key), func(cfg *okta.Config) { cfg.Scopes = appGrantScopes() })
		jobs := grantJobs(srv, 3, 10)

		// 30 grants at 5 per 2 s, and the tokens, take about 14 s: a
		// minute is a bound no correct run comes near.
		const bound = time.Minute
		ctx, cancel := context.WithTimeout(t.Context(), bound)
		defer cancel()
		start := time.Now()
		ids, errs := grantAll(ctx, c, jobs, 10)
		if len(errs) > 0 {
			t.Fatalf("after %s, %d grants failed, the first: %v", time.Since(start), len(errs), errs[0])
		}
		t.Logf("30 grants in %s (fake clock), %d tokens, %d requests", time.Since(start), srv.TokensIssued(), srv.Total())
		expectExactly(t, srv, jobs, ids)
		if srv.TokensIssued() < 2 {
			t.Fatalf("tokens issued = %d: no token expired during the run, which the case needs", srv.TokensIssued())
		}
	})
}

// expectExactly fails unless the apps of jobs hold exactly the grants ids,
// one per job: nothing lost, nothing duplicated, nothing orphaned.
func expectExactly(t *testing.T, srv *fakeokta.Server, jobs []grantJob, ids map[grantJob]string) {
	t.Helper()
	held := map[string]bool{}
	apps := map[string]bool{}
	for _, j := range jobs {
		apps[j.appID] = true
	}
	for appID := range apps {
		for _, g := range srv.AppGrants(appID) {
			if g.Status != "ACTIVE" {
				continue
			}
			job := grantJob{appID, g.ScopeID}
			if ids[job] != g.ID {
				t.Errorf("the org holds %s (%s on %s), which the run does not know of: orphaned or duplicated", g.ID, g.ScopeID, appID)
			}
			held[g.ID] = true
		}
	}
	for job, id := range ids {
		if !held[id] {
			t.Errorf("the run made %s (%s on %s), which the org does not hold: lost", id, job.scope, job.appID)
		}
	}
}

// Okta's concurrent-request 429 carries a reset a minute away: the client
// must answer it with fewer requests in flight and a short retry, not a
// minute's wait, and never have more in flight than MaxInFlight.
func TestSlots_concurrentLimit429MeansFewerInFlightNotAMinutesWait(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		srv, app, c := orgWithApp(t, func(cfg *okta.Config) { cfg.MaxInFlight = 8 })
		srv.SetLatency(50 * time.Millisecond)
		learnAlone(t, srv, c, app.ID)
		srv.SetHostile(fakeokta.Hostile{MaxConcurrent: 3})
		start := time.Now()
		srv.ResetTraffic()
		readConcurrently(t, c, app.ID, 60, 30)
		took := time.Since(start)
		if took > 10*time.Second {
			t.Errorf("60 reads took %s: the concurrent-request 429's reset, a minute away, was waited for", took)
		}
		if peak := srv.PeakInFlight(); peak > 8 {
			t.Errorf("the org saw %d requests in flight; MaxInFlight is 8", peak)
		}
		if n := srv.ConcurrentRefusals(); n == 0 || n > 15 {
			t.Errorf("%d concurrent-request 429s: want some (the org's cap is below the client's), and few once the client lowered its own", n)
		}
		t.Logf("60 reads in %s, %d concurrent-request 429s, peak %d in flight", took, srv.ConcurrentRefusals(), srv.PeakInFlight())
	})
}

func TestSlots_defaultCapIsBelowFreeOrgs(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		srv, app, c := orgWithApp(t)
		srv.SetLatency(50 * time.Millisecond)
		learnAlone(t, srv, c, app.ID)
		srv.ResetTraffic()
		readConcurrently(t, c, app.ID, 60, 30)
		if peak := srv.PeakInFlight(); peak > okta.DefaultMaxInFlight || okta.DefaultMaxInFlight >= 15 {
			t.Errorf("peak in flight %d, default cap %d: want at most the cap, below a free developer org's 15", peak, okta.DefaultMaxInFlight)
		}
	})
}

// learnAlone lets c learn, in a window of the apps bucket, that it is
// the bucket's only client: until it knows, it starts each bucket slowly
// (ratelimit_share.go), with few requests in flight.
func learnAlone(t *testing.T, srv *fakeokta.Server, c *okta.Client, appID string) {
	t.Helper()
	srv.SetRateLimit(fakeokta.BucketApps, 1000, time.Second)
	readConcurrently(t, c, appID, 5, 1)
	time.Sleep(2 * time.Second)
}

// Terraform plans in one provider process and applies in the next: the
// plan walk's 20 lists and the apply walk's 300 grants share a window of
// 50 requests / 5 s. The apply's client must not take the lists it finds
// spent for other clients' and start at a quarter of the bucket: 320
// requests from a window's start need 6 more windows (30 s on the fake
// clock), and took 40 s when it did.
func TestShare_theApplyWalkTakesTheWholeBucketAfterThePlanWalk(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		dir := t.TempDir()
		srv := startOrg(t)
		srv.SetRateLimit(fakeokta.BucketApps, 50, 5*time.Second)
		jobs := grantJobs(srv, 20, 15)
		sameMachine := func(cfg *okta.Config) { cfg.RateLimitStateDir = dir }
		time.Sleep(time.Until(time.Now().Truncate(5 * time.Second).Add(5*time.Second + 200*time.Millisecond)))
		start := time.Now()

		planWalk := newClient(t, srv, sameMachine)
		listed := map[string]bool{}
		for _, j := range jobs {
			if !listed[j.appID] {
				listed[j.appID] = true
				if _, err := planWalk.ListAppGrants(t.Context(), j.appID, false); err != nil {
					t.Fatal(err)
				}
			}
		}
		// Terraform takes milliseconds to start the next walk: the plan
		// walk's state file is written by then.
		time.Sleep(time.Millisecond)
		ids, errs := grantAll(t.Context(), newClient(t, srv, sameMachine), jobs, 100)
		if len(errs) > 0 {
			t.Fatalf("%d grants failed, the first: %v", len(errs), errs[0])
		}
		expectExactly(t, srv, jobs, ids)
		if took, bound := time.Since(start), 30*time.Second; took > bound+time.Second {
			t.Fatalf("320 requests at 50 / 5 s took %v (fake clock), want the bound, %v; %d were 429s", took, bound, srv.CountStatus(429))
		}
	})
}
