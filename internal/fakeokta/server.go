// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Server serves an Org over HTTP on a loopback listener.
type Server struct {
	*Org
	// URL is the org URL, like http://127.0.0.1:41234.
	URL string
	srv *http.Server
	wg  sync.WaitGroup
}

// Start serves org on addr, such as "127.0.0.1:0" for any free port.
func Start(org *Org, addr string) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("fakeokta: listening on %s: %w", addr, err)
	}
	s := &Server{
		Org: org,
		URL: "http://" + ln.Addr().String(),
		srv: &http.Server{Handler: org.Handler(), ReadHeaderTimeout: 10 * time.Second},
	}
	org.setURL(s.URL)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = s.srv.Serve(ln)
	}()
	return s, nil
}

// Close stops the server and waits for requests in flight.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	s.wg.Wait()
	return err
}

// route is one endpoint of the API and the OAuth scope it requires.
type route struct {
	pattern string
	scope   string
	handle  func(o *Org, w http.ResponseWriter, r *http.Request)
}

func routes() []route {
	return []route{
		{"GET /api/v1/apps", "okta.apps.read", (*Org).listApps},
		{"GET /api/v1/apps/{appId}", "okta.apps.read", (*Org).getApp},
		{"GET /api/v1/apps/{appId}/grants", "okta.appGrants.read", (*Org).listAppGrants},
		{"POST /api/v1/apps/{appId}/grants", "okta.appGrants.manage", (*Org).createAppGrant},
		{"GET /api/v1/apps/{appId}/grants/{grantId}", "okta.appGrants.read", (*Org).getAppGrant},
		{"DELETE /api/v1/apps/{appId}/grants/{grantId}", "okta.appGrants.manage", (*Org).revokeAppGrant},
		{"GET /api/v1/users", "okta.users.read", (*Org).listUsers},
		{"GET /api/v1/users/{userId}", "okta.users.read", (*Org).getUser},
		{"GET /api/v1/users/{userId}/grants", "okta.users.read", (*Org).listUserGrants},
		{"DELETE /api/v1/users/{userId}/grants", "okta.users.manage", (*Org).revokeUserGrants},
		{"GET /api/v1/users/{userId}/grants/{grantId}", "okta.users.read", (*Org).getUserGrant},
		{"DELETE /api/v1/users/{userId}/grants/{grantId}", "okta.users.manage", (*Org).revokeUserGrant},
		{"GET /api/v1/users/{userId}/clients/{clientId}/grants", "okta.users.read", (*Org).listUserClientGrants},
		{"DELETE /api/v1/users/{userId}/clients/{clientId}/grants", "okta.users.manage", (*Org).revokeUserClientGrants},
		// The token endpoint authenticates the client itself.
		{TokenRoute, "", (*Org).issueToken},
	}
}

// Handler serves the org's API.
func (o *Org) Handler() http.Handler {
	mux := http.NewServeMux()
	scopes := map[string]string{}
	for _, rt := range routes() {
		handle := rt.handle
		mux.HandleFunc(rt.pattern, func(w http.ResponseWriter, r *http.Request) { handle(o, w, r) })
		scopes[rt.pattern] = rt.scope
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := mux.Handler(r)
		o.serve(w, r, pattern, scopes[pattern], mux)
	})
}

// serve runs what real Okta does around every endpoint: request ID and
// rate-limit headers, the rate limit itself, authentication and scopes,
// and the faults a test injected.
func (o *Org) serve(w http.ResponseWriter, r *http.Request, pattern, scope string, mux *http.ServeMux) {
	routeName := pattern
	if routeName == "" {
		routeName = r.Method + " (unknown)"
	}
	done := o.traffic.begin()
	rec := &statusRecorder{ResponseWriter: w}
	defer func() { done(r, routeName, rec.status, rec.oauthError) }()

	w.Header().Set("X-Okta-Request-Id", newRequestID())
	if d := o.faults.latency(); d > 0 {
		time.Sleep(d)
	}
	now := o.now()
	w.Header().Set("Date", now.UTC().Format(http.TimeFormat))
	if !o.limits.take(w.Header(), bucketOf(r.URL.Path), now) {
		writeError(rec, http.StatusTooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
		return
	}
	if pattern == "" {
		if pathServedForOtherMethod(mux, r) {
			writeError(rec, http.StatusMethodNotAllowed, "E0000022", "The endpoint does not support the provided HTTP method")
			return
		}
		writeError(rec, http.StatusNotFound, "E0000007", "Not found: Resource not found: "+r.URL.Path+" (Resource)")
		return
	}
	if pattern != TokenRoute {
		cred, ok := o.authorize(rec, r, scope)
		if !ok {
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), credentialKey{}, cred))
	}
	f, faulted := o.faults.take(pattern)
	if faulted && f.Latency > 0 {
		time.Sleep(f.Latency)
	}
	if faulted && f.NoRateLimitHeaders {
		for _, h := range []string{"X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset"} {
			w.Header().Del(h)
		}
	}
	switch {
	case faulted && f.AfterCommit:
		mux.ServeHTTP(httptest.NewRecorder(), r)
		o.answerFault(rec, f)
	case faulted && (f.Status != 0 || f.Drop):
		o.answerFault(rec, f)
	default:
		mux.ServeHTTP(rec, r)
	}
}

func pathServedForOtherMethod(mux *http.ServeMux, r *http.Request) bool {
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		other := r.Clone(r.Context())
		other.Method = m
		if _, p := mux.Handler(other); p != "" {
			return true
		}
	}
	return false
}

func (o *Org) answerFault(w *statusRecorder, f Fault) {
	if f.Drop {
		if hj, ok := w.ResponseWriter.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				w.status = -1
				return
			}
		}
	}
	switch f.Status {
	case http.StatusTooManyRequests:
		// Okta's answer to too many concurrent requests: the window is not
		// spent, the reset is a moment away.
		if !f.NoRateLimitHeaders {
			w.Header().Set("X-Rate-Limit-Remaining", "0")
			w.Header().Set("X-Rate-Limit-Reset", fmt.Sprint(o.now().Unix()+1))
		}
		writeError(w, f.Status, "E0000047", "API call exceeded rate limit due to too many requests.")
	case 0:
		writeError(w, http.StatusInternalServerError, "E0000009", "Internal Server Error")
	default:
		writeError(w, f.Status, "E0000009", "Internal Server Error")
	}
}

type credentialKey struct{}

func credentialOf(r *http.Request) Credential {
	c, _ := r.Context().Value(credentialKey{}).(Credential)
	return c
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	// oauthError is the OAuth error answered, for the traffic counters.
	oauthError string
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Okta's error object.
type errorBody struct {
	ErrorCode    string       `json:"errorCode"`
	ErrorSummary string       `json:"errorSummary"`
	ErrorLink    string       `json:"errorLink"`
	ErrorID      string       `json:"errorId"`
	ErrorCauses  []errorCause `json:"errorCauses"`
}

type errorCause struct {
	ErrorSummary string `json:"errorSummary"`
}

func writeError(w http.ResponseWriter, status int, code, summary string, causes ...string) {
	body := errorBody{ErrorCode: code, ErrorSummary: summary, ErrorLink: code, ErrorID: "oae" + randomString(22), ErrorCauses: []errorCause{}}
	for _, c := range causes {
		body.ErrorCauses = append(body.ErrorCauses, errorCause{ErrorSummary: c})
	}
	writeJSON(w, status, body)
}

func notFound(w http.ResponseWriter, id, kind string) {
	writeError(w, http.StatusNotFound, "E0000007", fmt.Sprintf("Not found: Resource not found: %s (%s)", id, kind))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func newRequestID() string { return randomString(27) }

func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return string(b)
}

// Fault is a failure the org answers with instead of (or after) doing what
// it was asked.
type Fault struct {
	// Route is the pattern of the routes it applies to, such as
	// "POST /api/v1/apps/{appId}/grants"; empty applies to every route.
	Route string
	// Count is how many matching requests fail; zero means one.
	Count int
	// Status is the status to answer: 500, 502, 503 or 429.
	Status int
	// AfterCommit lets the request take effect before failing, as a
	// gateway timing out on a slow origin does.
	AfterCommit bool
	// Drop closes the connection without an answer.
	Drop bool
	// Latency delays the answer.
	Latency time.Duration
	// NoRateLimitHeaders leaves the X-Rate-Limit-* headers out, as a
	// proxy's error page would.
	NoRateLimitHeaders bool
}

type faults struct {
	mu      sync.Mutex
	pending []Fault
	delay   time.Duration
}

// InjectFault queues a fault for the next matching requests.
func (o *Org) InjectFault(f Fault) {
	if f.Count <= 0 {
		f.Count = 1
	}
	o.faults.mu.Lock()
	defer o.faults.mu.Unlock()
	o.faults.pending = append(o.faults.pending, f)
}

// SetLatency delays every answer, like the network to a real org.
func (o *Org) SetLatency(d time.Duration) {
	o.faults.mu.Lock()
	defer o.faults.mu.Unlock()
	o.faults.delay = d
}

func (f *faults) latency() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.delay
}

func (f *faults) take(pattern string) (Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.pending {
		if f.pending[i].Route != "" && f.pending[i].Route != pattern {
			continue
		}
		fault := f.pending[i]
		f.pending[i].Count--
		if f.pending[i].Count == 0 {
			f.pending = append(f.pending[:i], f.pending[i+1:]...)
		}
		return fault, true
	}
	return Fault{}, false
}

var errNoSuchRoute = errors.New("no such route")

// CheckRoute reports whether route names an endpoint the org serves, so
// that a test counting a misspelled route fails instead of counting zero.
func CheckRoute(route string) error {
	for _, rt := range routes() {
		if rt.pattern == route {
			return nil
		}
	}
	return fmt.Errorf("%w: %q", errNoSuchRoute, route)
}

// IsLoopbackAddr reports whether a listen address is on a loopback host.
func IsLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
