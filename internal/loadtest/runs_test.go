// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package loadtest

import (
	"testing"
	"time"
)

func TestBound(t *testing.T) {
	for _, c := range []struct {
		requests int
		want     time.Duration
	}{
		{0, 0},
		{20, 0}, // make bench part 1's plan: inside the open first window
		{50, 0}, // exactly the first window's limit
		{51, 5 * time.Second},
		{300, 25 * time.Second},
		{320, 30 * time.Second}, // destroy
		{340, 30 * time.Second}, // apply
	} {
		if got := Bound(c.requests, 50, 5*time.Second); got != c.want {
			t.Errorf("Bound(%d, 50, 5s) = %s, want %s", c.requests, got, c.want)
		}
	}
	r := Result{Requests: 110, TooMany: 10}
	if got := r.Bound(50, 5*time.Second); got != 5*time.Second {
		t.Errorf("the bound of 100 successful requests of 110 = %s, want 5s (429s are not part of the work)", got)
	}
}

func TestResult_sumsAndShares(t *testing.T) {
	a := Result{Requests: 110, TooMany: 10, Failures: 1, Wall: 6 * time.Second}
	b := Result{Requests: 90, Wall: 4 * time.Second}
	sum := a.Plus(b)
	if sum != (Result{Requests: 200, TooMany: 10, Failures: 1, Wall: 10 * time.Second}) {
		t.Errorf("%+v plus %+v = %+v", a, b, sum)
	}
	if got := sum.TooManyPercent(); got != 5 {
		t.Errorf("10 429s of 200 requests: %.1f%%, want 5%%", got)
	}
	if got := (Result{}).TooManyPercent(); got != 0 {
		t.Errorf("no requests: %.1f%% 429s, want 0", got)
	}
	if got := a.OverBound(50, 5*time.Second); got != 1.2 {
		t.Errorf("6 s for 100 successful requests at 50 / 5 s (bound 5 s): %.2fx, want 1.2x", got)
	}
}
