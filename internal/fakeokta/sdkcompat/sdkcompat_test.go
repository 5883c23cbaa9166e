// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package sdkcompat_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/okta/okta-sdk-golang/v5/okta"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

const token = "tok"

// fake starts a demo org served on loopback, as the provider's tests do.
func fake(t *testing.T) *fakeokta.Server {
	t.Helper()
	org := fakeokta.NewOrg()
	org.AddAPIToken(token)
	srv, err := fakeokta.Start(org, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	if err := fakeokta.SeedDemo(org); err != nil {
		t.Fatal(err)
	}
	return srv
}

// client configures the SDK against the fake through its public
// configuration API only, as a program would configure it for a real org.
func client(t *testing.T, orgURL string, maxRetries int32, maxBackoff int64) *okta.APIClient {
	t.Helper()
	cfg, err := okta.NewConfiguration(
		okta.WithOrgUrl(orgURL),
		okta.WithToken(token),
		okta.WithAuthorizationMode("SSWS"),
		// The fake serves plain http on loopback.
		okta.WithTestingDisableHttpsCheck(true),
		// Every read must reach the fake: the test counts requests.
		okta.WithCache(false),
		okta.WithRequestTimeout(10),
		okta.WithRateLimitMaxRetries(maxRetries),
		okta.WithRateLimitMaxBackOff(maxBackoff),
		okta.WithHttpClientPtr(&http.Client{Timeout: 10 * time.Second}),
	)
	if err != nil {
		t.Fatal(err)
	}
	// SDK quirk, not a fake deviation: NewConfiguration keeps only
	// url.Hostname() of the org URL in cfg.Host, and prepareRequest replaces
	// every request's host with it, dropping the port. Real orgs are on
	// :443 so it never shows there; the fake listens on a random port.
	u, err := url.Parse(orgURL)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Host = u.Host
	return okta.NewAPIClient(cfg)
}

// apiError is the Okta error an SDK call failed with.
func apiError(t *testing.T, err error) (*okta.GenericOpenAPIError, okta.Error) {
	t.Helper()
	var ge *okta.GenericOpenAPIError
	if !errors.As(err, &ge) {
		t.Fatalf("error %v (%T) is not an *okta.GenericOpenAPIError", err, err)
	}
	model, ok := ge.Model().(okta.Error)
	if !ok {
		t.Fatalf("error %q has model %T, want okta.Error; body %s", ge.Error(), ge.Model(), ge.Body())
	}
	return ge, model
}

func TestApplications(t *testing.T) {
	srv := fake(t)
	c := client(t, srv.URL, 0, 0)
	ctx := context.Background()

	apps, resp, err := c.ApplicationAPI.ListApplications(ctx).Execute()
	if err != nil {
		t.Fatalf("ListApplications: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("ListApplications status %d", resp.StatusCode)
	}
	labels := map[string]string{}
	for _, a := range apps {
		oidc := a.OpenIdConnectApplication
		if oidc == nil {
			t.Fatalf("app decoded as %T, want *okta.OpenIdConnectApplication", a.GetActualInstance())
		}
		labels[oidc.GetId()] = oidc.GetLabel()
		if oidc.Name != "oidc_client" || oidc.GetSignOnMode() != "OPENID_CONNECT" || oidc.GetStatus() != "ACTIVE" {
			t.Errorf("app %s: name %q signOnMode %q status %q", oidc.GetId(), oidc.Name, oidc.GetSignOnMode(), oidc.GetStatus())
		}
		if got := oidc.Settings.OauthClient.GetApplicationType(); got != "service" {
			t.Errorf("app %s: application_type %q, want service", oidc.GetId(), got)
		}
		if got := oidc.Credentials.OauthClient.GetClientId(); got != oidc.GetId() {
			t.Errorf("app %s: client_id %q", oidc.GetId(), got)
		}
	}
	want := map[string]string{
		fakeokta.DemoPipelineAppID:    "CI pipeline",
		fakeokta.DemoReportingAppID:   "Reporting service",
		fakeokta.DemoProvisionerAppID: "User provisioner",
	}
	if fmt.Sprint(labels) != fmt.Sprint(want) {
		t.Errorf("apps %v, want %v", labels, want)
	}

	app, _, err := c.ApplicationAPI.GetApplication(ctx, fakeokta.DemoReportingAppID).Execute()
	if err != nil {
		t.Fatalf("GetApplication: %v", err)
	}
	if oidc := app.OpenIdConnectApplication; oidc == nil || oidc.GetId() != fakeokta.DemoReportingAppID || oidc.GetLabel() != "Reporting service" {
		t.Errorf("GetApplication = %#v", app.GetActualInstance())
	}

	// An unknown app: 404 decoded into the SDK's error model.
	_, resp, err = c.ApplicationAPI.GetApplication(ctx, "0oanosuchapp00000001").Execute()
	if err == nil {
		t.Fatal("GetApplication of an unknown app succeeded")
	}
	if resp == nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown app: response %v, want 404", resp)
	}
	ge, model := apiError(t, err)
	if model.GetErrorCode() != "E0000007" || !strings.Contains(model.GetErrorSummary(), "0oanosuchapp00000001") ||
		!strings.HasPrefix(model.GetErrorId(), "oae") || model.GetErrorLink() != "E0000007" {
		t.Errorf("unknown app: error %q model %+v", ge.Error(), model)
	}
}

func TestUsers(t *testing.T) {
	srv := fake(t)
	c := client(t, srv.URL, 0, 0)
	ctx := context.Background()

	users, _, err := c.UserAPI.ListUsers(ctx).Execute()
	if err != nil {
		t.Fatalf("ListUsers: %v", err)
	}
	logins := map[string]string{}
	for _, u := range users {
		logins[u.GetId()] = u.Profile.GetLogin()
		if u.GetStatus() != "ACTIVE" || u.Created == nil || u.Created.IsZero() {
			t.Errorf("user %s: status %q created %v", u.GetId(), u.GetStatus(), u.Created)
		}
	}
	if logins[fakeokta.DemoAliceID] != "alice@example.com" || logins[fakeokta.DemoBobID] != "bob@example.com" || len(users) != 3 {
		t.Errorf("users %v, want alice, bob and the admin", logins)
	}

	me, _, err := c.UserAPI.GetUser(ctx, "me").Execute()
	if err != nil {
		t.Fatalf("GetUser(me): %v", err)
	}
	if me.Profile.GetLogin() != "admin@example.com" || logins[me.GetId()] != "admin@example.com" {
		t.Errorf("me = %s %s, want the admin the API token acts as", me.GetId(), me.Profile.GetLogin())
	}
	if me.Profile.GetFirstName() != "Org" || me.Credentials.Provider.GetType() != "OKTA" {
		t.Errorf("me: first name %q provider %q", me.Profile.GetFirstName(), me.Credentials.Provider.GetType())
	}

	alice, _, err := c.UserAPI.GetUser(ctx, fakeokta.DemoAliceID).Execute()
	if err != nil {
		t.Fatalf("GetUser(alice): %v", err)
	}
	if alice.Profile.GetFirstName() != "Alice" || alice.Profile.GetEmail() != "alice@example.com" {
		t.Errorf("alice = %+v", alice.Profile)
	}
}

func TestAppGrantLifecycle(t *testing.T) {
	srv := fake(t)
	c := client(t, srv.URL, 0, 0)
	ctx := context.Background()
	grants := c.ApplicationGrantsAPI

	// The grant the demo org made in the console.
	list, resp, err := grants.ListScopeConsentGrants(ctx, fakeokta.DemoReportingAppID).Expand("scope").Execute()
	if err != nil {
		t.Fatalf("ListScopeConsentGrants: %v", err)
	}
	if len(list) != 1 || list[0].ScopeId != fakeokta.DemoReportingLogsScope || list[0].GetSource() != "ADMIN" ||
		list[0].Issuer != srv.URL || list[0].GetClientId() != fakeokta.DemoReportingAppID || list[0].GetStatus() != "ACTIVE" {
		t.Fatalf("reporting app grants = %+v", list)
	}
	if list[0].Embedded == nil || list[0].Embedded.Scope.GetId() != fakeokta.DemoReportingLogsScope {
		t.Errorf("expand=scope: _embedded %+v", list[0].Embedded)
	}
	if resp.HasNextPage() {
		t.Errorf("app grant list has a next page: %s", resp.NextPage())
	}

	// Grant a scope: Okta answers 200 with the grant.
	body := okta.NewOAuth2ScopeConsentGrant(srv.URL, "okta.users.read")
	created, resp, err := grants.GrantConsentToScope(ctx, fakeokta.DemoPipelineAppID).OAuth2ScopeConsentGrant(*body).Execute()
	if err != nil {
		t.Fatalf("GrantConsentToScope: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GrantConsentToScope status %d, want 200 as real Okta answers", resp.StatusCode)
	}
	id := created.GetId()
	if !strings.HasPrefix(id, "oag") || created.GetStatus() != "ACTIVE" || created.ScopeId != "okta.users.read" ||
		created.Issuer != srv.URL || created.GetClientId() != fakeokta.DemoPipelineAppID || created.GetSource() != "ADMIN" {
		t.Errorf("created grant = %+v", created)
	}
	if created.Created == nil || time.Since(*created.Created) > time.Minute || created.LastUpdated == nil {
		t.Errorf("created grant timestamps %v %v", created.Created, created.LastUpdated)
	}
	if created.CreatedBy.GetType() != "User" || !strings.HasPrefix(created.CreatedBy.GetId(), "00u") {
		t.Errorf("createdBy %+v", created.CreatedBy)
	}
	if created.Embedded == nil || created.Embedded.Scope.GetId() != "okta.users.read" {
		t.Errorf("POST answer lacks _embedded.scope: %+v", created.Embedded)
	}
	if created.Links == nil || !strings.HasSuffix(created.Links.Self.GetHref(), "/api/v1/apps/"+fakeokta.DemoPipelineAppID+"/grants/"+id) ||
		created.Links.App.GetTitle() != "CI pipeline" {
		t.Errorf("_links %+v", created.Links)
	}

	got, _, err := grants.GetScopeConsentGrant(ctx, fakeokta.DemoPipelineAppID, id).Expand("scope").Execute()
	if err != nil {
		t.Fatalf("GetScopeConsentGrant: %v", err)
	}
	if got.GetId() != id || got.ScopeId != "okta.users.read" || !got.Created.Equal(*created.Created) || got.Embedded.Scope.GetId() != "okta.users.read" {
		t.Errorf("got grant %+v, want %+v", got, created)
	}

	// Granting it again fails as Okta does: 400 E0000001.
	_, resp, err = grants.GrantConsentToScope(ctx, fakeokta.DemoPipelineAppID).OAuth2ScopeConsentGrant(*body).Execute()
	if err == nil {
		t.Fatal("granting a held scope again succeeded")
	}
	if _, model := apiError(t, err); resp.StatusCode != http.StatusBadRequest || model.GetErrorCode() != "E0000001" || len(model.ErrorCauses) != 1 {
		t.Errorf("duplicate grant: status %d model %+v", resp.StatusCode, model)
	}
	// An unknown scope: 400 E0000001 naming scopeId.
	bad := okta.NewOAuth2ScopeConsentGrant(srv.URL, "okta.nosuch.read")
	_, _, err = grants.GrantConsentToScope(ctx, fakeokta.DemoPipelineAppID).OAuth2ScopeConsentGrant(*bad).Execute()
	if _, model := apiError(t, err); model.GetErrorSummary() != "Api validation failed: scopeId" ||
		!strings.Contains(model.ErrorCauses[0].GetErrorSummary(), "okta.nosuch.read") {
		t.Errorf("unknown scope: model %+v", model)
	}

	list, _, err = grants.ListScopeConsentGrants(ctx, fakeokta.DemoPipelineAppID).Execute()
	if err != nil || len(list) != 1 || list[0].GetId() != id || list[0].Embedded != nil {
		t.Errorf("pipeline grants after grant = %+v, %v (want one, without _embedded)", list, err)
	}

	resp, err = grants.RevokeScopeConsentGrant(ctx, fakeokta.DemoPipelineAppID, id).Execute()
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("RevokeScopeConsentGrant: %v, %v", resp, err)
	}
	_, resp, err = grants.GetScopeConsentGrant(ctx, fakeokta.DemoPipelineAppID, id).Execute()
	if err == nil {
		t.Fatal("revoked grant still found")
	}
	if _, model := apiError(t, err); resp.StatusCode != http.StatusNotFound || model.GetErrorCode() != "E0000007" {
		t.Errorf("revoked grant: status %d model %+v", resp.StatusCode, model)
	}
	list, _, err = grants.ListScopeConsentGrants(ctx, fakeokta.DemoPipelineAppID).Execute()
	if err != nil || len(list) != 0 {
		t.Errorf("pipeline grants after revoke = %+v, %v", list, err)
	}
	if n := srv.Count(fakeokta.RouteCreateAppGrant); n != 3 {
		t.Errorf("%d grant POSTs reached the fake, want 3", n)
	}
}

func TestUserGrants(t *testing.T) {
	srv := fake(t)
	c := client(t, srv.URL, 0, 0)
	ctx := context.Background()
	issuer := srv.URL + "/oauth2/ausdemo0orders00001"

	plain, _, err := c.UserAPI.ListUserGrants(ctx, fakeokta.DemoAliceID).Execute()
	if err != nil {
		t.Fatalf("ListUserGrants: %v", err)
	}
	if len(plain) != 3 {
		t.Fatalf("alice has %d grants, want 3: %+v", len(plain), plain)
	}
	for _, g := range plain {
		if g.GetSource() != "END_USER" || g.GetUserId() != fakeokta.DemoAliceID || g.Issuer != issuer || g.Embedded != nil {
			t.Errorf("alice grant without expand = %+v", g)
		}
		if g.Links == nil || g.Links.AdditionalProperties["user"] == nil || g.Links.AdditionalProperties["authorizationServer"] == nil {
			t.Errorf("alice grant _links %+v", g.Links)
		}
	}

	expanded, _, err := c.UserAPI.ListUserGrants(ctx, fakeokta.DemoAliceID).Expand("scope").Execute()
	if err != nil {
		t.Fatalf("ListUserGrants expand=scope: %v", err)
	}
	names := map[string]bool{}
	for _, g := range expanded {
		if g.Embedded == nil || g.Embedded.Scope.GetId() != g.ScopeId {
			t.Fatalf("expand=scope: _embedded %+v", g.Embedded)
		}
		// The SDK models only _embedded.scope.id; Okta's name and
		// displayName land in AdditionalProperties.
		name, _ := g.Embedded.Scope.AdditionalProperties["name"].(string)
		names[name] = true
		if g.Embedded.Scope.AdditionalProperties["displayName"] == nil {
			t.Errorf("expand=scope: no displayName in %+v", g.Embedded.Scope)
		}
	}
	if !names["orders:read"] || !names["profile"] {
		t.Errorf("expanded scope names %v", names)
	}

	one, _, err := c.UserAPI.GetUserGrant(ctx, fakeokta.DemoAliceID, plain[0].GetId()).Expand("scope").Execute()
	if err != nil {
		t.Fatalf("GetUserGrant: %v", err)
	}
	if one.GetId() != plain[0].GetId() || one.ScopeId != plain[0].ScopeId || one.Embedded.Scope.GetId() != one.ScopeId {
		t.Errorf("GetUserGrant = %+v, want %+v", one, plain[0])
	}

	byClient, _, err := c.UserAPI.ListGrantsForUserAndClient(ctx, fakeokta.DemoAliceID, fakeokta.DemoReportingAppID).Execute()
	if err != nil || len(byClient) != 2 {
		t.Errorf("alice's reporting grants = %+v, %v (want 2)", byClient, err)
	}

	// Bob's grant is not Alice's.
	bobs, _, err := c.UserAPI.ListUserGrants(ctx, fakeokta.DemoBobID).Execute()
	if err != nil || len(bobs) != 1 {
		t.Fatalf("bob's grants = %+v, %v", bobs, err)
	}
	_, _, err = c.UserAPI.GetUserGrant(ctx, fakeokta.DemoAliceID, bobs[0].GetId()).Execute()
	if _, model := apiError(t, err); model.GetErrorCode() != "E0000007" {
		t.Errorf("bob's grant through alice: %+v", model)
	}

	resp, err := c.UserAPI.RevokeUserGrant(ctx, fakeokta.DemoAliceID, plain[0].GetId()).Execute()
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("RevokeUserGrant: %v, %v", resp, err)
	}
	if n := len(srv.UserGrants(fakeokta.DemoAliceID)); n != 2 {
		t.Errorf("alice has %d grants after revoking one, want 2", n)
	}
}

// TestUserGrantPagination pages through a user's grants with the SDK's own
// cursor pagination: it follows the Link rel="next" header.
func TestUserGrantPagination(t *testing.T) {
	srv := fake(t)
	c := client(t, srv.URL, 0, 0)
	ctx := context.Background()

	const n, limit = 23, 5
	user := srv.AddUser(fakeokta.User{Login: "pager@example.com", FirstName: "Page", LastName: "R"})
	want := map[string]bool{}
	for i := range n {
		s := srv.AddScope(fakeokta.Scope{Name: fmt.Sprintf("scope%02d", i), DisplayName: fmt.Sprintf("Scope %d", i)})
		g, err := srv.AddUserGrant(user.ID, fakeokta.DemoReportingAppID, s.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		want[g.ID] = true
	}

	page, resp, err := c.UserAPI.ListUserGrants(ctx, user.ID).Limit(limit).Expand("scope").Execute()
	if err != nil {
		t.Fatalf("ListUserGrants page 1: %v", err)
	}
	seen := map[string]int{}
	pages := 0
	for {
		pages++
		if len(page) > limit || (resp.HasNextPage() && len(page) != limit) {
			t.Fatalf("page %d has %d grants (limit %d, next %q)", pages, len(page), limit, resp.NextPage())
		}
		for _, g := range page {
			seen[g.GetId()]++
			if g.GetUserId() != user.ID || g.Embedded == nil || g.Embedded.Scope.GetId() != g.ScopeId {
				t.Errorf("page %d: grant %+v", pages, g)
			}
		}
		if !resp.HasNextPage() {
			break
		}
		if pages > n {
			t.Fatal("pagination does not end")
		}
		page = nil
		if resp, err = resp.Next(&page); err != nil {
			t.Fatalf("Next after page %d: %v", pages, err)
		}
	}
	if wantPages := (n + limit - 1) / limit; pages != wantPages {
		t.Errorf("%d pages, want %d", pages, wantPages)
	}
	for id := range want {
		if seen[id] != 1 {
			t.Errorf("grant %s seen %d times", id, seen[id])
		}
	}
	if len(seen) != n {
		t.Errorf("saw %d distinct grants, want %d", len(seen), n)
	}
	// Every page request kept limit and expand (the SDK merges them from
	// the first request into the next link).
	for _, r := range srv.Requests() {
		if r.Route == fakeokta.RouteListUserGrants {
			q, _ := url.ParseQuery(r.Query)
			if q.Get("limit") != fmt.Sprint(limit) || q.Get("expand") != "scope" || r.Status != http.StatusOK {
				t.Errorf("page request %s?%s answered %d", r.Path, r.Query, r.Status)
			}
		}
	}
}

// TestRateLimitRetry: a 429 with X-Rate-Limit-Reset is retried by the SDK
// after Reset - Date + 1 seconds, with the X-Okta-Retry-* headers.
func TestRateLimitRetry(t *testing.T) {
	srv := fake(t)
	c := client(t, srv.URL, 2, 3)
	ctx := context.Background()
	srv.ResetTraffic()
	srv.InjectFault(fakeokta.Fault{Route: fakeokta.RouteListAppGrants, Status: http.StatusTooManyRequests})

	start := time.Now()
	list, resp, err := c.ApplicationGrantsAPI.ListScopeConsentGrants(ctx, fakeokta.DemoReportingAppID).Execute()
	elapsed := time.Since(start)
	if err != nil {
		t.Fatalf("ListScopeConsentGrants after a 429: %v", err)
	}
	if resp.StatusCode != http.StatusOK || len(list) != 1 || list[0].ScopeId != fakeokta.DemoReportingLogsScope {
		t.Errorf("after retry: status %d grants %+v", resp.StatusCode, list)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Status != http.StatusTooManyRequests || reqs[1].Status != http.StatusOK {
		t.Fatalf("requests %+v, want a 429 then a 200", reqs)
	}
	if reqs[1].RetryCount != "1" || len(reqs[1].RetryFor) != 27 || reqs[0].RetryCount != "" {
		t.Errorf("retry headers: first %q/%q, retry %q/%q", reqs[0].RetryCount, reqs[0].RetryFor, reqs[1].RetryCount, reqs[1].RetryFor)
	}
	// Reset is one second ahead of Date: the SDK waits about two seconds.
	if gap := reqs[1].At.Sub(reqs[0].At); gap < time.Second || elapsed > 5*time.Second {
		t.Errorf("retried after %v (total %v), want the wait X-Rate-Limit-Reset asks for", gap, elapsed)
	}
	if !strings.HasPrefix(reqs[0].UserAgent, "okta-sdk-golang/") {
		t.Errorf("user agent %q", reqs[0].UserAgent)
	}
}

// TestRateLimitExhausted: the bucket of /api/v1/apps/* is spent; the SDK
// retries up to its limit and gives up.
func TestRateLimitExhausted(t *testing.T) {
	srv := fake(t)
	c := client(t, srv.URL, 1, 1)
	ctx := context.Background()
	// An hour-long window so that the test never straddles a reset.
	srv.SetRateLimit(fakeokta.BucketApps, 1, time.Hour)
	srv.ResetTraffic()

	if _, _, err := c.ApplicationAPI.GetApplication(ctx, fakeokta.DemoPipelineAppID).Execute(); err != nil {
		t.Fatalf("first call: %v", err)
	}
	start := time.Now()
	_, _, err := c.ApplicationGrantsAPI.ListScopeConsentGrants(ctx, fakeokta.DemoPipelineAppID).Execute()
	elapsed := time.Since(start)
	if err == nil {
		t.Fatal("a call over the apps rate limit succeeded")
	}
	// The SDK's retry loop swallows the last 429's body: it reports
	// "too many requests", not the decoded E0000047.
	var ge *okta.GenericOpenAPIError
	if !errors.As(err, &ge) || !strings.Contains(ge.Error(), "too many requests") {
		t.Errorf("error %v (%T), want the SDK's too many requests", err, err)
	}
	var statuses []int
	for _, r := range srv.Requests()[1:] {
		statuses = append(statuses, r.Status)
	}
	if !slices.Equal(statuses, []int{429, 429}) {
		t.Errorf("statuses after the first call %v, want a 429 and its one retry", statuses)
	}
	if elapsed < time.Second || elapsed > 5*time.Second {
		t.Errorf("gave up after %v, want one MaxBackoff wait of 1s", elapsed)
	}
	if n := srv.CountStatus(http.StatusTooManyRequests); n != 2 {
		t.Errorf("%d 429s", n)
	}
	// The users bucket is separate.
	if _, _, err := c.UserAPI.GetUser(ctx, "me").Execute(); err != nil {
		t.Errorf("users call while apps are limited: %v", err)
	}
}
