// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"net/http"
	"sync"
	"time"
)

// recentRequests is how many requests the org keeps in full. Counters
// cover all of them: a long standalone run or a soak keeps flat memory
// (a full log grew ~0.55 KB per request, 132 MB over 230k requests).
const recentRequests = 10_000

// traffic counts the requests the org answered, by route and status, and
// keeps the most recent ones.
type traffic struct {
	mu       sync.Mutex
	recent   []Request // a ring of at most recentRequests
	next     int       // where the ring writes next once full
	total    int
	byRoute  map[string]int
	byStatus map[int]int
	// byOAuthError counts OAuth errors answered (use_dpop_nonce...).
	byOAuthError map[string]int
	inFlight     int
	peak         int
}

// Request is one request the org answered.
type Request struct {
	Method string
	Path   string
	Query  string
	// Route is the endpoint's pattern, like "GET /api/v1/apps/{appId}/grants".
	Route  string
	Status int
	// OAuthError is the OAuth error answered, in a body or a
	// WWW-Authenticate challenge, such as use_dpop_nonce.
	OAuthError string
	// RetryCount and RetryFor are the X-Okta-Retry-* headers Okta's SDKs send.
	RetryCount, RetryFor string
	UserAgent            string
	At                   time.Time
}

func (t *traffic) begin() func(r *http.Request, route string, status int, oauthError string) {
	t.mu.Lock()
	t.inFlight++
	t.peak = max(t.peak, t.inFlight)
	t.mu.Unlock()
	return func(r *http.Request, route string, status int, oauthError string) {
		t.mu.Lock()
		defer t.mu.Unlock()
		t.inFlight--
		t.record(Request{
			Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery, Route: route, Status: status, OAuthError: oauthError,
			RetryCount: r.Header.Get("X-Okta-Retry-Count"), RetryFor: r.Header.Get("X-Okta-Retry-For"),
			UserAgent: r.UserAgent(), At: time.Now(),
		})
	}
}

func (t *traffic) record(r Request) {
	if t.byRoute == nil {
		t.byRoute, t.byStatus, t.byOAuthError = map[string]int{}, map[int]int{}, map[string]int{}
	}
	t.total++
	if r.OAuthError != "" {
		t.byOAuthError[r.OAuthError]++
	}
	t.byRoute[r.Route]++
	t.byStatus[r.Status]++
	if len(t.recent) < recentRequests {
		t.recent = append(t.recent, r)
		return
	}
	t.recent[t.next] = r
	t.next = (t.next + 1) % recentRequests
}

// Requests is the requests answered since the last ResetTraffic, oldest
// first: all of them up to 10,000, then the most recent 10,000. Count,
// CountStatus, RouteCounts and Total count every request.
func (o *Org) Requests() []Request {
	o.traffic.mu.Lock()
	defer o.traffic.mu.Unlock()
	t := &o.traffic
	return append(append([]Request(nil), t.recent[t.next:]...), t.recent[:t.next]...)
}

// Total is how many requests the org answered since the last ResetTraffic.
func (o *Org) Total() int {
	o.traffic.mu.Lock()
	defer o.traffic.mu.Unlock()
	return o.traffic.total
}

// Count is how many requests a route answered, such as
// "GET /api/v1/apps/{appId}/grants". It panics on a route the org does not
// serve, so that a misspelled route fails a test instead of counting zero.
func (o *Org) Count(route string) int {
	if err := CheckRoute(route); err != nil {
		panic("fakeokta: " + err.Error())
	}
	o.traffic.mu.Lock()
	defer o.traffic.mu.Unlock()
	return o.traffic.byRoute[route]
}

// CountStatus is how many answers had the status.
func (o *Org) CountStatus(status int) int {
	o.traffic.mu.Lock()
	defer o.traffic.mu.Unlock()
	return o.traffic.byStatus[status]
}

// CountOAuthError is how many answers carried an OAuth error, such as
// "use_dpop_nonce", "invalid_client" or "insufficient_scope".
func (o *Org) CountOAuthError(code string) int {
	o.traffic.mu.Lock()
	defer o.traffic.mu.Unlock()
	return o.traffic.byOAuthError[code]
}

// RouteCounts is the number of requests per route.
func (o *Org) RouteCounts() map[string]int {
	o.traffic.mu.Lock()
	defer o.traffic.mu.Unlock()
	counts := map[string]int{}
	for route, n := range o.traffic.byRoute {
		counts[route] = n
	}
	return counts
}

// PeakInFlight is the most requests the org served at once.
func (o *Org) PeakInFlight() int {
	o.traffic.mu.Lock()
	defer o.traffic.mu.Unlock()
	return o.traffic.peak
}

// ResetTraffic forgets the requests counted so far.
func (o *Org) ResetTraffic() {
	o.traffic.mu.Lock()
	defer o.traffic.mu.Unlock()
	t := &o.traffic
	t.recent, t.next, t.total, t.byRoute, t.byStatus, t.byOAuthError = nil, 0, 0, nil, nil, nil
	t.peak = t.inFlight
}
