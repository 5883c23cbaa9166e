// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/loadtest"
)

// Runs on one machine share the org's rate limit through its state dir:
// together they spend it without 429s. (make bench measures them at size,
// and runs on different machines.)
func TestPacing_concurrentRunsOnOneMachineShareTheLimit(t *testing.T) {
	t.Parallel()
	const limit, window = 10, time.Second
	for _, runs := range []int{2, 4} {
		t.Run(fmt.Sprintf("%d runs", runs), func(t *testing.T) {
			onFakeClock(t, func(t *testing.T) {
				srv := startOrg(t)
				srv.SetRateLimit(fakeokta.BucketApps, limit, window)
				// Answers take time, as Okta's do: on the fake clock they
				// would otherwise all come at one instant, inside the 100 ms
				// for which a client reuses its count of the runs.
				srv.SetLatency(50 * time.Millisecond)
				r, err := loadtest.Runs{Runs: runs, GrantsEach: 40 / runs, Parallelism: 10, OneMachine: true, Token: token}.Run(srv, window)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%s, %.2fx the bound", r, r.Wall.Seconds()/r.Bound(limit, window).Seconds())
				if r.Failures != 0 {
					t.Fatalf("%d grants failed", r.Failures)
				}
				if got := len(srv.Grants(func(fakeokta.Grant) bool { return true })); got != 40 {
					t.Fatalf("the org holds %d grants, want 40", got)
				}
				// A run whose first request goes out before another run has
				// marked itself present (the runs start in any order, and a
				// count of the runs is reused for 100 ms) takes too big a part
				// of the first window: up to one 429 per other run. Without
				// sharing, there are 9 and 24.
				if r.TooMany > runs-1 {
					t.Fatalf("%s: runs on one machine ran into the limit", r)
				}
			})
		})
	}
}
