// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"fmt"
	"math"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/loadtest"
)

// concurrentRuns is part 3: 2 and 4 runs at once against one rate-limited
// org, each granting grants scopes, on one machine (sharing the rate-limit
// state dir) and on different machines (each its own), repeats times each:
// the 429s of runs on different machines move from one try to the next.
func concurrentRuns(grants, limit int, window time.Duration, repeats int) {
	fmt.Printf("== Part 3: concurrent runs, %d grants each at -parallelism=10, rate limit %d requests / %s\n\n", grants, limit, window)
	fmt.Printf("%-22s %9s %6s %7s %9s %9s %11s\n", "runs", "requests", "429s", "429 %", "failures", "wall", "wall/bound")
	for _, machines := range []string{"one machine", "different machines"} {
		for _, n := range []int{2, 4} {
			var all loadtest.Result
			var overBound float64
			for range repeats {
				r := concurrentRun(n, machines == "one machine", grants, limit, window)
				runsRow(fmt.Sprintf("%d, %s", n, machines), r, fmt.Sprintf("%.1fs", r.Wall.Seconds()), r.OverBound(limit, window))
				all, overBound = all.Plus(r), overBound+r.OverBound(limit, window)
			}
			if repeats > 1 {
				runsRow(fmt.Sprintf("  all %d (mean wall)", repeats), all, "", overBound/float64(repeats))
			}
		}
	}
	fmt.Println()
}

// runsRow prints a row of part 3's table. Runs that fit in the first
// window have no bound, and no ratio (as in boundCells).
func runsRow(label string, r loadtest.Result, wall string, overBound float64) {
	ratio := ""
	if !math.IsInf(overBound, 0) {
		ratio = fmt.Sprintf("%.2f", overBound)
	}
	fmt.Printf("%-22s %9d %6d %6.1f%% %9d %9s %11s\n", label, r.Requests, r.TooMany, r.TooManyPercent(), r.Failures, wall, ratio)
}

// concurrentRun runs n runs once against a new org.
func concurrentRun(n int, oneMachine bool, grants, limit int, window time.Duration) loadtest.Result {
	org := fakeokta.NewOrg()
	org.AddAPIToken("bench-token")
	srv, err := fakeokta.Start(org, "127.0.0.1:0")
	if err != nil {
		fatal(err)
	}
	defer func() { _ = srv.Close() }()
	srv.SetRateLimit(fakeokta.BucketApps, limit, window)
	r, err := loadtest.Runs{Runs: n, GrantsEach: grants, Parallelism: 10, OneMachine: oneMachine, Token: "bench-token"}.Run(srv, window)
	if err != nil {
		fatal(err)
	}
	return r
}
