// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Hostile is what real orgs, and the proxies in front of them, answer that
// a tidy fake would not (the contract's "Rate limits"). Each switch that is
// a probability is drawn from a source seeded with Seed, so that a run can
// be told again from its seed.
type Hostile struct {
	Seed uint64
	// NoRateLimitHeaders is the probability that an answer leaves out its
	// X-Rate-Limit-* headers.
	NoRateLimitHeaders float64
	// NoRateLimitHeadersOnErrors leaves them out of every error answer but
	// a rate-limit 429 (an expired token's 401, a 5xx), as Okta's error
	// paths and proxies may.
	NoRateLimitHeadersOnErrors bool
	// MaxConcurrent is the org's cap on API requests in flight (75 by
	// default, 35 on some plans, 15 on free developer orgs). One more gets
	// Okta's concurrent-request 429: X-Rate-Limit-Limit and
	// X-Rate-Limit-Remaining 0, and a reset a minute away. Zero: no cap.
	MaxConcurrent int
	// ServerErrors is the probability of a 5xx answer to an API call; half
	// of them come after the request took effect.
	ServerErrors float64
	// Slow is the probability that an answer is late by up to SlowBy.
	Slow   float64
	SlowBy time.Duration
}

// concurrentResetDelay is how far away the reset of Okta's
// concurrent-request 429 is: a minute or more, in SDK reports.
const concurrentResetDelay = time.Minute

type hostility struct {
	mu       sync.Mutex
	h        Hostile
	rng      *rand.Rand
	inFlight int
	// ConcurrentRefusals counts the concurrent-request 429s answered.
	concurrentRefusals int
}

// SetHostile makes the org answer as h says from now on; the zero Hostile
// makes it tidy again.
func (o *Org) SetHostile(h Hostile) {
	o.hostile.mu.Lock()
	defer o.hostile.mu.Unlock()
	o.hostile.h = h
	o.hostile.rng = rand.New(rand.NewPCG(h.Seed, h.Seed^0x9e3779b97f4a7c15)) //nolint:gosec // reproducible faults, not secrets
}

// ConcurrentRefusals is how many concurrent-request 429s the org answered.
func (o *Org) ConcurrentRefusals() int {
	o.hostile.mu.Lock()
	defer o.hostile.mu.Unlock()
	return o.hostile.concurrentRefusals
}

func (x *hostility) chance(p float64) bool {
	return p > 0 && x.rng != nil && x.rng.Float64() < p
}

// hostileCall is what the org does to one API call.
type hostileCall struct {
	// refuse answers Okta's concurrent-request 429.
	refuse bool
	delay  time.Duration
	// status is a 5xx to answer, after the request took effect if
	// afterCommit.
	status      int
	afterCommit bool
	// stripHeaders leaves out the rate-limit headers of this answer, or
	// of an error answer.
	stripHeaders, stripOnError bool
	done                       func()
}

// enter counts an API call in flight and draws what happens to it; done
// must be called when it is answered.
func (x *hostility) enter(path string) hostileCall {
	x.mu.Lock()
	defer x.mu.Unlock()
	call := hostileCall{done: func() {}}
	if !strings.HasPrefix(path, "/api/") {
		return call
	}
	x.inFlight++
	call.done = func() {
		x.mu.Lock()
		defer x.mu.Unlock()
		x.inFlight--
	}
	h := x.h
	if h.MaxConcurrent > 0 && x.inFlight > h.MaxConcurrent {
		x.concurrentRefusals++
		call.refuse = true
		return call
	}
	if x.chance(h.Slow) && h.SlowBy > 0 {
		call.delay = time.Duration(x.rng.Int64N(int64(h.SlowBy)) + 1)
	}
	if x.chance(h.ServerErrors) {
		call.status = []int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable}[x.rng.IntN(3)]
		call.afterCommit = x.rng.IntN(2) == 0
	}
	call.stripHeaders = x.chance(h.NoRateLimitHeaders)
	call.stripOnError = h.NoRateLimitHeadersOnErrors
	return call
}

// answerConcurrentLimit answers as Okta does to one request too many in
// flight.
func answerConcurrentLimit(w http.ResponseWriter, now time.Time) {
	w.Header().Set("X-Rate-Limit-Limit", "0")
	w.Header().Set("X-Rate-Limit-Remaining", "0")
	w.Header().Set("X-Rate-Limit-Reset", strconv.FormatInt(now.Add(concurrentResetDelay).Unix(), 10))
	writeError(w, http.StatusTooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
}

var rateLimitHeaders = []string{"X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset"}

// stripRateLimitHeaders leaves the rate-limit headers out of an answer.
func stripRateLimitHeaders(h http.Header) {
	for _, name := range rateLimitHeaders {
		h.Del(name)
	}
}
