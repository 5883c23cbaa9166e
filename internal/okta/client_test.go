// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

const token = "client-test-token"

func startOrg(t *testing.T) *fakeokta.Server {
	t.Helper()
	org := fakeokta.NewOrg()
	org.AddAPIToken(token)
	srv, err := fakeokta.Start(org, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func newClient(t *testing.T, orgURL string, opts ...func(*okta.Config)) *okta.Client {
	t.Helper()
	cfg := okta.Config{
		OrgURL:       orgURL,
		APIToken:     token,
		MaxRetries:   3,
		UserAgent:    "terraform-provider-okta/test",
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 10 * time.Millisecond,
	}
	for _, o := range opts {
		o(&cfg)
	}
	c, err := okta.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func seedUserGrants(t *testing.T, srv *fakeokta.Server, n int) (userID, appID string) {
	t.Helper()
	app := srv.AddApp(fakeokta.App{Label: "consented"})
	user := srv.AddUser(fakeokta.User{FirstName: "Many", LastName: "Grants"})
	for i := range n {
		s := srv.AddScope(fakeokta.Scope{Name: fmt.Sprintf("custom:%d", i)})
		if _, err := srv.AddUserGrant(user.ID, app.ID, s.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	return user.ID, app.ID
}

func TestListUserGrants_readsEveryPageAtTheLargestPageSize(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	userID, _ := seedUserGrants(t, srv, 450)
	c := newClient(t, srv.URL)

	grants, err := c.ListUserGrants(context.Background(), userID, okta.ListUserGrantsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(grants) != 450 {
		t.Fatalf("got %d grants, want 450", len(grants))
	}
	seen := map[string]bool{}
	for _, g := range grants {
		if seen[g.ID] {
			t.Fatalf("grant %s listed twice", g.ID)
		}
		seen[g.ID] = true
	}
	for _, g := range srv.UserGrants(userID) {
		if !seen[g.ID] {
			t.Fatalf("grant %s is missing", g.ID)
		}
	}
	if n := srv.Count("GET /api/v1/users/{userId}/grants"); n != 3 {
		t.Fatalf("listing 450 grants took %d requests, want 3 pages of 200", n)
	}
	for _, r := range srv.Requests() {
		if !strings.Contains(r.Query, "limit=200") {
			t.Fatalf("request %s?%s does not ask for 200 a page", r.Path, r.Query)
		}
	}
}

func TestListUserGrants_pageSizeAndFilters(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	userID, appID := seedUserGrants(t, srv, 7)
	c := newClient(t, srv.URL)
	ctx := context.Background()

	all, err := c.ListUserGrants(ctx, userID, okta.ListUserGrantsOptions{PageSize: 2, ExpandScope: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 7 || srv.Count("GET /api/v1/users/{userId}/grants") != 4 {
		t.Fatalf("got %d grants in %d requests, want 7 in 4", len(all), srv.Count("GET /api/v1/users/{userId}/grants"))
	}
	if all[0].Scope == nil || !strings.HasPrefix(all[0].Scope.Name, "custom:") {
		t.Fatalf("expanded grant has scope %+v", all[0].Scope)
	}

	one, err := c.ListUserGrants(ctx, userID, okta.ListUserGrantsOptions{ScopeID: all[3].ScopeID})
	if err != nil {
		t.Fatal(err)
	}
	if len(one) != 1 || one[0].ID != all[3].ID || one[0].Scope != nil {
		t.Fatalf("scope filter gave %+v, want only %s without an embedded scope", one, all[3].ID)
	}

	byClient, err := c.ListUserClientGrants(ctx, userID, appID, okta.ListUserClientGrantsOptions{PageSize: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(byClient) != 7 {
		t.Fatalf("client list gave %d grants, want 7", len(byClient))
	}
	if _, err := c.ListUserGrants(ctx, userID, okta.ListUserGrantsOptions{PageSize: 201}); err == nil {
		t.Fatal("a page size over 200 was accepted")
	}
}

func TestAPIError_keepsWhatOktaSaid(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	app := srv.AddApp(fakeokta.App{})
	c := newClient(t, srv.URL)
	ctx := context.Background()

	_, err := c.GetAppGrant(ctx, app.ID, "oagnosuchgrant000000", false)
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("got %v, want an *okta.APIError", err)
	}
	if !okta.IsNotFound(err) || apiErr.ErrorCode != okta.CodeNotFound || !strings.Contains(apiErr.ErrorSummary, "oagnosuchgrant000000") ||
		!strings.HasPrefix(apiErr.ErrorID, "oae") || apiErr.RequestID == "" {
		t.Fatalf("decoded %+v", apiErr)
	}

	_, err = c.CreateAppGrant(ctx, app.ID, okta.CreateAppGrantRequest{Issuer: c.OrgURL(), ScopeID: "okta.unicorns.read"})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || apiErr.ErrorCode != okta.CodeValidation ||
		len(apiErr.Causes) != 1 || !strings.HasPrefix(apiErr.Causes[0], "scopeId:") {
		t.Fatalf("got %#v", err)
	}
	for _, want := range []string{"POST /api/v1/apps/" + app.ID + "/grants", "400", "E0000001", "Api validation failed: scopeId", "scopeId:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestAPIError_namesTheMissingScopeOfAnAccessToken(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	app := srv.AddApp(fakeokta.App{})
	srv.AddAccessToken("narrow", "okta.users.read")
	c := newClient(t, srv.URL, func(cfg *okta.Config) { cfg.APIToken, cfg.AccessToken = "", "narrow" })

	_, err := c.ListAppGrants(context.Background(), app.ID, false)
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 403 || apiErr.ErrorCode != okta.CodeForbidden || apiErr.MissingScope != "okta.appGrants.read" {
		t.Fatalf("got %#v", err)
	}
	if _, err := c.ListUserGrants(context.Background(), "me", okta.ListUserGrantsOptions{}); err != nil {
		t.Fatalf("a scope the token holds was refused: %v", err)
	}
}

func TestAPIError_badToken(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	c := newClient(t, srv.URL, func(cfg *okta.Config) { cfg.APIToken = "wrong" })
	_, err := c.ListAppGrants(context.Background(), "0oa1", false)
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || apiErr.ErrorCode != okta.CodeInvalidToken {
		t.Fatalf("got %#v", err)
	}
	if strings.Contains(err.Error(), "wrong") {
		t.Fatalf("error %q shows the token", err)
	}
}

func TestCheckID_rejectsWhatCouldChangeTheURL(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	c := newClient(t, srv.URL)
	ctx := context.Background()
	for _, id := range []string{"", ".", "..", "a/b", "../users", `a\b`, "a?b", "a#b", "a%2Fb", "a b", "a\nb"} {
		_, err := c.ListAppGrants(ctx, id, false)
		var idErr *okta.InvalidIDError
		if !errors.As(err, &idErr) {
			t.Errorf("app ID %q: got %v, want an *okta.InvalidIDError", id, err)
		}
		if err := c.RevokeUserGrant(ctx, "me", id); !errors.As(err, &idErr) {
			t.Errorf("grant ID %q: got %v, want an *okta.InvalidIDError", id, err)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("invalid IDs reached the org: %d requests", n)
	}
	// IDs are escaped as one segment: a login with @ works.
	u := srv.AddUser(fakeokta.User{Login: "alice+ops@example.com"})
	if _, err := c.ListUserGrants(ctx, u.Login, okta.ListUserGrantsOptions{}); err != nil {
		t.Fatal(err)
	}
}

func TestRetry_serverErrorsOnReads(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	app := srv.AddApp(fakeokta.App{})
	srv.InjectFault(fakeokta.Fault{Route: "GET /api/v1/apps/{appId}/grants", Status: 503, Count: 2})
	c := newClient(t, srv.URL)

	if _, err := c.ListAppGrants(context.Background(), app.ID, false); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("got %d requests, want 3", len(reqs))
	}
	for i, r := range reqs {
		wantCount := ""
		if i > 0 {
			wantCount = fmt.Sprint(i)
		}
		if r.RetryCount != wantCount || (i > 0 && r.RetryFor == "") {
			t.Errorf("request %d: X-Okta-Retry-Count %q, X-Okta-Retry-For %q", i, r.RetryCount, r.RetryFor)
		}
		if r.UserAgent != "terraform-provider-okta/test" {
			t.Errorf("request %d: User-Agent %q", i, r.UserAgent)
		}
	}
}

func TestRetry_givesUpAfterMaxRetries(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	app := srv.AddApp(fakeokta.App{})
	srv.InjectFault(fakeokta.Fault{Route: "GET /api/v1/apps/{appId}/grants", Status: 500, Count: 10})
	c := newClient(t, srv.URL, func(cfg *okta.Config) { cfg.MaxRetries = 2 })

	_, err := c.ListAppGrants(context.Background(), app.ID, false)
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || apiErr.Attempts != 3 {
		t.Fatalf("got %#v, want a 500 after 3 attempts", err)
	}

	none := newClient(t, srv.URL, func(cfg *okta.Config) { cfg.MaxRetries = 0 })
	srv.ResetTraffic()
	if _, err := none.ListAppGrants(context.Background(), app.ID, false); err == nil || len(srv.Requests()) != 1 {
		t.Fatalf("with max retries 0: %v after %d requests, want an error after 1", err, len(srv.Requests()))
	}
}

func TestRetry_networkErrors(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	app := srv.AddApp(fakeokta.App{})
	srv.InjectFault(fakeokta.Fault{Route: "GET /api/v1/apps/{appId}/grants", Drop: true})
	c := newClient(t, srv.URL)
	if _, err := c.ListAppGrants(context.Background(), app.ID, false); err != nil {
		t.Fatal(err)
	}

	srv.InjectFault(fakeokta.Fault{Route: "GET /api/v1/apps/{appId}/grants", Drop: true, Count: 5})
	_, err := newClient(t, srv.URL, func(cfg *okta.Config) { cfg.MaxRetries = 1 }).ListAppGrants(context.Background(), app.ID, false)
	var reqErr *okta.RequestError
	if !errors.As(err, &reqErr) || reqErr.Attempts != 2 {
		t.Fatalf("got %#v, want a *okta.RequestError after 2 attempts", err)
	}
}

func TestRetry_requestTimeoutPerAttempt(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	app := srv.AddApp(fakeokta.App{})
	srv.InjectFault(fakeokta.Fault{Route: "GET /api/v1/apps/{appId}/grants", Latency: 2 * time.Second})
	c := newClient(t, srv.URL, func(cfg *okta.Config) { cfg.RequestTimeout = 200 * time.Millisecond })
	start := time.Now()
	if _, err := c.ListAppGrants(context.Background(), app.ID, false); err != nil {
		t.Fatalf("the retry after a timed-out attempt failed: %v", err)
	}
	if d := time.Since(start); d > 1500*time.Millisecond {
		t.Fatalf("took %s: the slow attempt was not cut at the request timeout", d)
	}
}

func TestRetry_rateLimitedRequestsWaitForTheReset(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	app := srv.AddApp(fakeokta.App{})
	srv.InjectFault(fakeokta.Fault{Route: "POST /api/v1/apps/{appId}/grants", Status: 429, Count: 2})
	c := newClient(t, srv.URL)

	g, err := c.CreateAppGrant(context.Background(), app.ID, okta.CreateAppGrantRequest{Issuer: c.OrgURL(), ScopeID: "okta.users.read"})
	if err != nil {
		t.Fatal(err)
	}
	if grants := srv.AppGrants(app.ID); len(grants) != 1 || grants[0].ID != g.ID {
		t.Fatalf("the org holds %+v, want only %s", grants, g.ID)
	}
	reqs := srv.Requests()
	if srv.CountStatus(429) != 2 || len(reqs) != 3 {
		t.Fatalf("got %d requests, %d of them 429s", len(reqs), srv.CountStatus(429))
	}
	// The 429s said the reset was a second away: the retries waited for it.
	for i := 1; i < 3; i++ {
		if gap := reqs[i].At.Sub(reqs[i-1].At); gap < 900*time.Millisecond {
			t.Fatalf("retry %d went %s after a 429", i, gap)
		}
	}
}

func TestCreateAppGrant_alreadyHeld(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	app := srv.AddApp(fakeokta.App{})
	before, err := srv.GrantAppScope(app.ID, "okta.users.read")
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv.URL)
	_, err = c.CreateAppGrant(context.Background(), app.ID, okta.CreateAppGrantRequest{Issuer: c.OrgURL(), ScopeID: "okta.users.read"})
	var held *okta.ScopeAlreadyGrantedError
	if !errors.As(err, &held) || held.Existing.ID != before.ID {
		t.Fatalf("got %v, want a *ScopeAlreadyGrantedError naming %s", err, before.ID)
	}
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
		t.Fatalf("the Okta error is not kept: %#v", err)
	}
}

func TestCreateAppGrant_adoptsWhatItsOwnLostAttemptMade(t *testing.T) {
	t.Parallel()
	for name, fault := range map[string]fakeokta.Fault{
		"gateway error": {Route: "POST /api/v1/apps/{appId}/grants", Status: 502, AfterCommit: true},
		"lost answer":   {Route: "POST /api/v1/apps/{appId}/grants", Drop: true, AfterCommit: true},
	} {
		t.Run(name, func(t *testing.T) {
			srv := startOrg(t)
			app := srv.AddApp(fakeokta.App{})
			srv.InjectFault(fault)
			c := newClient(t, srv.URL)
			g, err := c.CreateAppGrant(context.Background(), app.ID, okta.CreateAppGrantRequest{Issuer: c.OrgURL(), ScopeID: "okta.users.read"})
			if err != nil {
				t.Fatal(err)
			}
			if grants := srv.AppGrants(app.ID); len(grants) != 1 || grants[0].ID != g.ID {
				t.Fatalf("the org holds %+v, want only the adopted %s", grants, g.ID)
			}
		})
	}
}

// Every attempt fails, but one took effect: the grant is ours, not an
// orphan for the next run to trip over.
func TestCreateAppGrant_adoptsWhenEveryAttemptFails(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	app := srv.AddApp(fakeokta.App{})
	srv.InjectFault(fakeokta.Fault{Route: "POST /api/v1/apps/{appId}/grants", Status: 502, AfterCommit: true, Count: 3})
	c := newClient(t, srv.URL, func(cfg *okta.Config) { cfg.MaxRetries = 2 })
	g, err := c.CreateAppGrant(context.Background(), app.ID, okta.CreateAppGrantRequest{Issuer: c.OrgURL(), ScopeID: "okta.users.read"})
	if err != nil {
		t.Fatal(err)
	}
	if grants := srv.AppGrants(app.ID); len(grants) != 1 || grants[0].ID != g.ID {
		t.Fatalf("the org holds %+v, want only the adopted %s", grants, g.ID)
	}
}

// A retry refused as a duplicate adopts only a grant made since the first
// attempt: a grant made in the console before is someone else's.
func TestCreateAppGrant_doesNotAdoptAnEarlierGrant(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	app := srv.AddApp(fakeokta.App{})
	console, err := srv.GrantAppScope(app.ID, "okta.users.read")
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv.URL)
	if _, err := c.ListAppGrants(context.Background(), app.ID, false); err != nil { // learn the org's clock
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	srv.InjectFault(fakeokta.Fault{Route: "POST /api/v1/apps/{appId}/grants", Status: 502})
	_, err = c.CreateAppGrant(context.Background(), app.ID, okta.CreateAppGrantRequest{Issuer: c.OrgURL(), ScopeID: "okta.users.read"})
	var held *okta.ScopeAlreadyGrantedError
	if !errors.As(err, &held) || held.Existing.ID != console.ID {
		t.Fatalf("got %v, want the console's grant %s reported, not adopted", err, console.ID)
	}
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	t.Parallel()
	var leaked sync.Map
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(r.Header.Get("Authorization"), true)
		_, _ = w.Write([]byte("[]"))
	}))
	defer elsewhere.Close()
	org := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer org.Close()

	_, err := newClient(t, org.URL).ListAppGrants(context.Background(), "0oa1", false)
	if !okta.HasStatus(err, http.StatusTemporaryRedirect) {
		t.Fatalf("got %v, want the redirect reported", err)
	}
	leaked.Range(func(k, _ any) bool { t.Fatalf("followed the redirect with %q", k); return false })
}

func TestPagination_relativeNextLink(t *testing.T) {
	t.Parallel()
	org := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("after") == "" {
			w.Header().Add("Link", `</api/v1/users/me/grants?after=x&limit=200>; rel="next"`)
			_, _ = w.Write([]byte(`[{"id":"oag1"}]`))
			return
		}
		_, _ = w.Write([]byte(`[{"id":"oag2"}]`))
	}))
	defer org.Close()
	grants, err := newClient(t, org.URL).ListUserGrants(context.Background(), "me", okta.ListUserGrantsOptions{})
	if err != nil || len(grants) != 2 {
		t.Fatalf("got %v, %v; want both pages", grants, err)
	}
}

func TestAPIError_bareChallengeNamesTheMissingScope(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	app := srv.AddApp(fakeokta.App{})
	srv.AddAccessToken("narrow", "okta.users.read")
	srv.SetBareAuthErrors(true)
	c := newClient(t, srv.URL, func(cfg *okta.Config) { cfg.APIToken, cfg.AccessToken = "", "narrow" })
	_, err := c.ListAppGrants(context.Background(), app.ID, false)
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 403 || apiErr.ErrorCode != "" || apiErr.MissingScope != "okta.appGrants.read" {
		t.Fatalf("got %#v", err)
	}
	if !strings.Contains(err.Error(), "lacks OAuth scope okta.appGrants.read") {
		t.Fatalf("error %q does not name the scope", err)
	}
}

func TestCreateAppGrant_accepts201(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	app := srv.AddApp(fakeokta.App{})
	// The spec's 201, which real Okta does not send, through a proxy.
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		status := rec.Code
		if r.Method == http.MethodPost && status == http.StatusOK {
			status = http.StatusCreated
		}
		w.WriteHeader(status)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	defer proxy.Close()
	c := newClient(t, proxy.URL)
	g, err := c.CreateAppGrant(context.Background(), app.ID, okta.CreateAppGrantRequest{Issuer: srv.URL, ScopeID: "okta.users.read"})
	if err != nil || g.ID == "" || g.ScopeID != "okta.users.read" || g.Scope == nil {
		t.Fatalf("got %+v, %v", g, err)
	}
}

func TestRevoke(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	userID, appID := seedUserGrants(t, srv, 3)
	app := srv.AddApp(fakeokta.App{})
	g, _ := srv.GrantAppScope(app.ID, "okta.users.read")
	c := newClient(t, srv.URL)
	ctx := context.Background()

	if err := c.RevokeAppGrant(ctx, app.ID, g.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeAppGrant(ctx, app.ID, g.ID); !okta.IsNotFound(err) {
		t.Fatalf("revoking twice: %v, want not found", err)
	}
	grants := srv.UserGrants(userID)
	if err := c.RevokeUserGrant(ctx, userID, grants[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeUserClientGrants(ctx, userID, appID); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.UserGrants(userID)); n != 0 {
		t.Fatalf("%d grants left", n)
	}
	if _, err := srv.AddUserGrant(userID, appID, grants[0].ScopeID, ""); err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeUserGrants(ctx, userID); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.UserGrants(userID)); n != 0 {
		t.Fatalf("%d grants left", n)
	}
}

func TestPagination_neverSendsTheTokenToAnotherHost(t *testing.T) {
	t.Parallel()
	var leaked sync.Map
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(r.Header.Get("Authorization"), true)
		_, _ = w.Write([]byte("[]"))
	}))
	defer elsewhere.Close()
	org := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Link", "<"+elsewhere.URL+"/api/v1/users/me/grants?after=x>; rel=\"next\"")
		_, _ = w.Write([]byte("[]"))
	}))
	defer org.Close()

	_, err := newClient(t, org.URL).ListUserGrants(context.Background(), "me", okta.ListUserGrantsOptions{})
	if err == nil || !strings.Contains(err.Error(), "refusing to follow") {
		t.Fatalf("got %v, want a refusal", err)
	}
	leaked.Range(func(k, _ any) bool { t.Fatalf("sent %q to another host", k); return false })
}

func TestNew_checksItsConfig(t *testing.T) {
	t.Parallel()
	for name, cfg := range map[string]okta.Config{
		"no credential":    {OrgURL: "https://acme.okta.com"},
		"two credentials":  {OrgURL: "https://acme.okta.com", APIToken: "a", AccessToken: "b"},
		"plain http":       {OrgURL: "http://acme.okta.com", APIToken: "a"},
		"path":             {OrgURL: "https://acme.okta.com/api/v1", APIToken: "a"},
		"not a URL":        {OrgURL: "acme", APIToken: "a"},
		"negative retries": {OrgURL: "https://acme.okta.com", APIToken: "a", MaxRetries: -1},
		"capacity":         {OrgURL: "https://acme.okta.com", APIToken: "a", MaxAPICapacity: 101},
	} {
		if _, err := okta.New(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	for _, ok := range []string{"http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:80", "https://acme.okta.com/"} {
		c, err := okta.New(okta.Config{OrgURL: ok, APIToken: "secret-value"})
		if err != nil {
			t.Errorf("%s: %v", ok, err)
			continue
		}
		if strings.HasSuffix(c.OrgURL(), "/") {
			t.Errorf("%s: org URL %s keeps its slash", ok, c.OrgURL())
		}
		if s := fmt.Sprintf("%v %+v %#v", c, c, c); strings.Contains(s, "secret-value") {
			t.Errorf("printing the client shows the token: %s", s)
		}
	}
}

func TestListApps_allPages(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	for i := range 205 {
		srv.AddApp(fakeokta.App{Label: fmt.Sprint("app ", i)})
	}
	apps, err := newClient(t, srv.URL).ListApps(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(apps) != 205 || apps[204].Label != "app 204" {
		t.Fatalf("listed %d apps, the last %+v; want 205", len(apps), apps[len(apps)-1])
	}
	if n := srv.Count("GET /api/v1/apps"); n != 2 {
		t.Fatalf("%d requests for 205 apps, want 2 pages of 200", n)
	}
}
