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
