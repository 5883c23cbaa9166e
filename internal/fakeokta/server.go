// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"context"
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
	// pipes is the listener of an in-memory server, nil on a socket.
	pipes *pipeListener
}

// Start serves org on addr, such as "127.0.0.1:0" for any free port.
func Start(org *Org, addr string) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("fakeokta: listening on %s: %w", addr, err)
	}
	return serveOn(org, ln, "http://"+ln.Addr().String(), nil), nil
}

// serveOn serves org on ln as url; pipes is ln when it is in memory.
func serveOn(org *Org, ln net.Listener, url string, pipes *pipeListener) *Server {
	s := &Server{
		Org:   org,
		URL:   url,
		srv:   &http.Server{Handler: org.Handler(), ReadHeaderTimeout: 10 * time.Second},
		pipes: pipes,
	}
	org.setURL(s.URL)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = s.srv.Serve(ln)
	}()
	return s
}

// Close stops the server and waits for requests in flight. An in-memory
// server closes its connections at once: a client's spare connection that
// never carried a request would otherwise hold Shutdown for 5 s.
func (s *Server) Close() error {
	if s.pipes != nil {
		err := s.srv.Close()
		s.wg.Wait()
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	s.wg.Wait()
	return err
}

// The routes the org serves, as patterns of net/http and Org.Count.
const (
	RouteListApps               = "GET /api/v1/apps"
	RouteGetApp                 = "GET /api/v1/apps/{appId}"
	RouteListAppGrants          = "GET /api/v1/apps/{appId}/grants"
	RouteCreateAppGrant         = "POST /api/v1/apps/{appId}/grants"
	RouteGetAppGrant            = "GET /api/v1/apps/{appId}/grants/{grantId}"
	RouteRevokeAppGrant         = "DELETE /api/v1/apps/{appId}/grants/{grantId}"
	RouteListUsers              = "GET /api/v1/users"
	RouteGetUser                = "GET /api/v1/users/{userId}"
	RouteListUserGrants         = "GET /api/v1/users/{userId}/grants"
	RouteRevokeUserGrants       = "DELETE /api/v1/users/{userId}/grants"
	RouteGetUserGrant           = "GET /api/v1/users/{userId}/grants/{grantId}"
	RouteRevokeUserGrant        = "DELETE /api/v1/users/{userId}/grants/{grantId}"
	RouteListUserClientGrants   = "GET /api/v1/users/{userId}/clients/{clientId}/grants"
	RouteRevokeUserClientGrants = "DELETE /api/v1/users/{userId}/clients/{clientId}/grants"
)

// route is one endpoint of the API and the OAuth scope it requires.
type route struct {
	pattern string
	scope   string
	handle  func(o *Org, w http.ResponseWriter, r *http.Request)
}

func routes() []route {
	return []route{
		{RouteListApps, "okta.apps.read", (*Org).listApps},
		{RouteGetApp, "okta.apps.read", forApp((*Org).getApp)},
		{RouteListAppGrants, "okta.appGrants.read", forApp((*Org).listAppGrants)},
		{RouteCreateAppGrant, "okta.appGrants.manage", (*Org).createAppGrant},
		{RouteGetAppGrant, "okta.appGrants.read", forApp((*Org).getAppGrant)},
		{RouteRevokeAppGrant, "okta.appGrants.manage", forApp((*Org).revokeAppGrant)},
		{RouteListUsers, "okta.users.read", (*Org).listUsers},
		{RouteGetUser, "okta.users.read", forUser((*Org).getUser)},
		{RouteListUserGrants, "okta.users.read", forUser((*Org).listUserGrants)},
		{RouteRevokeUserGrants, "okta.users.manage", forUser((*Org).revokeUserGrants)},
		{RouteGetUserGrant, "okta.users.read", forUser((*Org).getUserGrant)},
		{RouteRevokeUserGrant, "okta.users.manage", forUser((*Org).revokeUserGrant)},
		{RouteListUserClientGrants, "okta.users.read", forUserClient((*Org).listUserClientGrants)},
		{RouteRevokeUserClientGrants, "okta.users.manage", forUserClient((*Org).revokeUserClientGrants)},
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
	hostile := o.hostile.enter(r.URL.Path)
	defer hostile.done()
	rec.strip = func(status int) bool {
		return hostile.stripHeaders || (hostile.stripOnError && status >= 400 && status != http.StatusTooManyRequests)
	}
	if d := o.faults.latency() + hostile.delay; d > 0 {
		sleep(r.Context(), d)
	}
	now := o.now()
	w.Header().Set("Date", now.UTC().Format(http.TimeFormat))
	if hostile.refuse {
		answerConcurrentLimit(rec, now)
		return
	}
	if !o.limits.take(w.Header(), bucketOf(r.Method, r.URL.Path), now) {
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
	if scope != "" { // the token endpoint authenticates the client itself
		cred, ok := o.authorize(rec, r, scope)
		if !ok {
			return
		}
		if needsSuperAdmin(pattern) && o.refuseWithoutSuperAdmin(rec, cred) {
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), credentialKey{}, cred))
	}
	f, faulted := o.faults.take(pattern)
	if !faulted && hostile.status != 0 {
		f, faulted = Fault{Status: hostile.status, AfterCommit: hostile.afterCommit}, true
	}
	if faulted && f.Latency > 0 {
		sleep(r.Context(), f.Latency)
	}
	if faulted && f.NoRateLimitHeaders {
		stripRateLimitHeaders(w.Header())
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

// sleep is a slow answer's delay, cut short when the client hangs up: it
// will never read the answer, and a closing server need not wait for it.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
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
	// strip says whether an answer of a status leaves out its rate-limit
	// headers (SetHostile).
	strip func(status int) bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
		if s.strip != nil && s.strip(code) {
			stripRateLimitHeaders(s.Header())
		}
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.WriteHeader(http.StatusOK)
	}
	return s.ResponseWriter.Write(b)
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
