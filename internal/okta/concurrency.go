// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"net/http"
	"strings"
	"time"
)

// DefaultMaxInFlight is how many requests a client has in flight at most
// unless Config.MaxInFlight says otherwise. Okta caps the requests in
// flight per org (75 by default, 35 on some plans, 15 on free developer
// orgs) and answers one more with a 429: a Terraform run's parallelism
// times okta_app_grants' writes would pass any of those caps.
const DefaultMaxInFlight = 10

// slots caps the requests of a client in flight, over every bucket. Okta's
// concurrent-request 429 (X-Rate-Limit-Limit 0) halves the cap, down to
// one; answers without it give one slot back per cap's worth of
// successes, up to the configured most (additive increase, multiplicative
// decrease).
type slots struct {
	most, limit, inFlight int
	// successes counts the successful answers since the limit last grew.
	successes int
	// ceiling is how many were in flight at the last concurrent-request
	// 429: the limit grows past it only slowly.
	ceiling int
}

// slowGrowth is how many times more successes the limit needs to grow to
// where a concurrent-request 429 came before.
const slowGrowth = 10

func newSlots(most int) slots {
	if most <= 0 {
		most = DefaultMaxInFlight
	}
	return slots{most: most, limit: most}
}

// takesSlot reports whether a request to the bucket of key takes a slot:
// API calls do. Token requests do not: Okta's cap is on API calls, and a
// request holding a slot may need a new token to be sent.
func takesSlot(key string) bool { return strings.HasPrefix(key, "/api/") }

func (s *slots) free() bool { return s.inFlight < s.limit }

// answered records the end of a request in flight: header is nil when no
// answer came.
func (s *slots) answered(header http.Header, status int) {
	inFlight := s.inFlight
	s.inFlight--
	switch {
	case header != nil && concurrentLimit(header, status):
		// The answers of one burst say the same thing: the limit falls
		// to half of what was in flight, not by half per answer.
		s.limit = max(1, min(s.limit, inFlight/2))
		s.ceiling = inFlight
		s.successes = 0
	case status >= 200 && status < 300 && s.limit < s.most:
		s.successes++
		need := s.limit
		if s.limit+1 >= s.ceiling {
			need *= slowGrowth
		}
		if s.successes >= need {
			s.limit++
			s.successes = 0
		}
	}
}

// concurrentLimit reports whether an answer is Okta's 429 for too many
// requests in flight, whose limit and remaining count are both 0.
func concurrentLimit(h http.Header, status int) bool {
	if status != http.StatusTooManyRequests {
		return false
	}
	limit, okLimit := headerInt(h, "X-Rate-Limit-Limit")
	remaining, okRemaining := headerInt(h, "X-Rate-Limit-Remaining")
	return okLimit && okRemaining && limit == 0 && remaining == 0
}

// waitReason is what a request waited for: one of the held verdicts.
type waitReason verdict

// String says what the request waited for, for a person.
func (w waitReason) String() string {
	switch verdict(w) {
	case heldFor429:
		return "the retry time of a 429 (Okta's rate limit, or too many requests in flight)"
	case heldForWindow:
		return "the rate-limit window to reset (X-Rate-Limit-Reset): the bucket had no room left within max_api_capacity"
	case heldForSlot:
		return "a request in flight to end (max_concurrent_requests, lowered after Okta's concurrent-request 429)"
	case heldForNews:
		return "an answer in flight to tell the bucket's state"
	case heldForTurn:
		return "its turn in the rate-limit window: other clients of the org share the bucket, and the last request of this client's share goes once theirs have arrived"
	}
	return "nothing"
}

// waited is what acquire waited, and mostly for what.
type waited struct {
	total time.Duration
	by    map[waitReason]time.Duration
	// told is set once a long wait was announced.
	told bool
}

func (w *waited) add(v verdict, d time.Duration) {
	if d <= 0 {
		return
	}
	if w.by == nil {
		w.by = map[waitReason]time.Duration{}
	}
	w.total += d
	w.by[waitReason(v)] += d
}

// mostly is what most of the wait was for.
func (w waited) mostly() waitReason {
	var why waitReason
	var longest time.Duration
	for r, d := range w.by {
		if d > longest || d == longest && r < why {
			why, longest = r, d
		}
	}
	return why
}
