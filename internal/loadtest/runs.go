// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

// Package loadtest runs what several Terraform runs against one org do to
// its rate limit, for tests and make bench.
package loadtest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// Runs describes concurrent runs: Runs clients (a provider process each)
// grant GrantsEach scopes to an app of their own, Parallelism at a time, as
// Terraform's -parallelism does. OneMachine gives them one rate-limit state
// dir, as runs on one machine share; otherwise each has its own, as runs on
// different machines do.
type Runs struct {
	Runs, GrantsEach, Parallelism int
	OneMachine                    bool
	// Token is an API token the org accepts.
	Token string
}

// Result is what the runs cost.
type Result struct {
	Requests, TooMany, Failures int
	Wall                        time.Duration
}

// BoundFormula says how Bound is computed, for the tables that show it.
const BoundFormula = "bound = (ceil(requests / limit) - 1) x window: the first window is open."

// Bound is the least time a limit of limit requests per window allows for
// requests sent from the start of a window: the first window's limit is
// there at once, each further limit's worth waits a window. make bench and
// the tests measure every wall against it.
func Bound(requests, limit int, window time.Duration) time.Duration {
	windows := (requests+limit-1)/limit - 1
	return time.Duration(max(0, windows)) * window
}

// Bound is the least time the rate limit allows for the requests that
// succeeded (429s are not part of the work).
func (r Result) Bound(limit int, window time.Duration) time.Duration {
	return Bound(r.Requests-r.TooMany, limit, window)
}

// OverBound is the wall time over the bound of its successful requests.
func (r Result) OverBound(limit int, window time.Duration) float64 {
	return r.Wall.Seconds() / r.Bound(limit, window).Seconds()
}

// TooManyPercent is the 429s' part of the requests, in percent.
func (r Result) TooManyPercent() float64 {
	return 100 * float64(r.TooMany) / float64(max(1, r.Requests))
}

// Plus is r and o together: their requests, 429s and failures, and their
// walls end to end.
func (r Result) Plus(o Result) Result {
	return Result{Requests: r.Requests + o.Requests, TooMany: r.TooMany + o.TooMany, Failures: r.Failures + o.Failures, Wall: r.Wall + o.Wall}
}

func (r Result) String() string {
	return fmt.Sprintf("%d requests, %d 429s (%.1f%%), %d failures, wall %.1fs",
		r.Requests, r.TooMany, r.TooManyPercent(), r.Failures, r.Wall.Seconds())
}

// Run runs them against srv, whose traffic it resets first, starting at the
// beginning of a window of the given length.
func (rs Runs) Run(srv *fakeokta.Server, window time.Duration) (Result, error) {
	scopes := fakeokta.OktaScopes()
	if rs.GrantsEach > len(scopes) {
		return Result{}, fmt.Errorf("%d grants per run: the org knows %d scopes", rs.GrantsEach, len(scopes))
	}
	shared, err := os.MkdirTemp("", "okta-grants-runs-")
	if err != nil {
		return Result{}, err
	}
	defer func() { _ = os.RemoveAll(shared) }()

	clients := make([]*okta.Client, rs.Runs)
	apps := make([]string, rs.Runs)
	for i := range clients {
		dir := shared
		if !rs.OneMachine {
			if dir, err = os.MkdirTemp(shared, "machine-"); err != nil {
				return Result{}, err
			}
		}
		clients[i], err = okta.New(okta.Config{
			OrgURL: srv.URL, HTTPClient: srv.Client(), APIToken: rs.Token, MaxRetries: 5, RateLimitStateDir: dir,
			UserAgent: "terraform-provider-okta/loadtest",
		})
		if err != nil {
			return Result{}, err
		}
		apps[i] = srv.AddApp(fakeokta.App{}).ID
	}

	time.Sleep(time.Until(time.Now().Truncate(window).Add(window + 50*time.Millisecond)))
	srv.ResetTraffic()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var r Result
	start := time.Now()
	for i, c := range clients {
		work := make(chan string)
		go func() {
			for _, s := range scopes[:rs.GrantsEach] {
				work <- s.ID
			}
			close(work)
		}()
		for range rs.Parallelism {
			wg.Go(func() {
				for scope := range work {
					_, err := c.CreateAppGrant(context.Background(), apps[i], okta.CreateAppGrantRequest{Issuer: srv.URL, ScopeID: scope})
					if err != nil {
						mu.Lock()
						r.Failures++
						mu.Unlock()
					}
				}
			})
		}
	}
	wg.Wait()
	r.Wall = time.Since(start)
	r.Requests, r.TooMany = srv.Total(), srv.CountStatus(429)
	return r, nil
}
