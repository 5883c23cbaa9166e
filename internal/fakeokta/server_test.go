// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

const testToken = "fake-test-token"

func serve(t *testing.T) *Server {
	t.Helper()
	org := NewOrg()
	org.AddAPIToken(testToken)
	srv, err := Start(org, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

type answer struct {
	status int
	header http.Header
	body   []byte
}

func call(t *testing.T, method, url, auth, body string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	b, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, resp.Header, b}
}

func (a answer) errorBody(t *testing.T) errorBody {
	t.Helper()
	var e errorBody
	if err := json.Unmarshal(a.body, &e); err != nil {
		t.Fatalf("not an Okta error body: %s", a.body)
	}
	if e.ErrorLink != e.ErrorCode || !regexp.MustCompile(`^oae\w{22}$`).MatchString(e.ErrorID) || e.ErrorCauses == nil {
		t.Fatalf("malformed Okta error body: %s", a.body)
	}
	return e
}

func TestEveryAnswerCarriesOktasHeaders(t *testing.T) {
	t.Parallel()
	srv := serve(t)
	for _, a := range []answer{
		call(t, "GET", srv.URL+"/api/v1/apps", "SSWS "+testToken, ""),
		call(t, "GET", srv.URL+"/api/v1/apps", "SSWS wrong", ""),
		call(t, "GET", srv.URL+"/api/v1/nothing", "SSWS "+testToken, ""),
	} {
		for _, h := range []string{"X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset", "Date", "X-Okta-Request-Id"} {
			if a.header.Get(h) == "" {
				t.Errorf("answer %d has no %s header", a.status, h)
			}
		}
	}
}

func TestAppGrantLifecycle(t *testing.T) {
	t.Parallel()
	srv := serve(t)
	app := srv.AddApp(App{Label: "My app"})
	auth := "SSWS " + testToken
	grants := srv.URL + "/api/v1/apps/" + app.ID + "/grants"

	created := call(t, "POST", grants, auth, `{"issuer":"`+srv.URL+`","scopeId":"okta.users.read"}`)
	if created.status != http.StatusOK {
		t.Fatalf("POST answered %d, want real Okta's 200: %s", created.status, created.body)
	}
	var g map[string]any
	_ = json.Unmarshal(created.body, &g)
	if g["clientId"] != app.ID || g["source"] != "ADMIN" || g["status"] != "ACTIVE" || g["issuer"] != srv.URL {
		t.Fatalf("POST answered %s", created.body)
	}
	if emb, _ := g["_embedded"].(map[string]any); emb == nil || emb["scope"].(map[string]any)["id"] != "okta.users.read" {
		t.Fatalf("POST answer embeds no scope: %s", created.body)
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`).MatchString(g["created"].(string)) {
		t.Fatalf("created is %v, not Okta's format", g["created"])
	}

	list := call(t, "GET", grants, auth, "")
	if list.header.Get("Link") != "" || strings.Contains(string(list.body), "_embedded") {
		t.Fatalf("the app grant list is not paginated and embeds nothing without expand: %v %s", list.header, list.body)
	}
	if expanded := call(t, "GET", grants+"?expand=scope", auth, ""); !strings.Contains(string(expanded.body), `"_embedded":{"scope"`) {
		t.Fatalf("expand=scope embeds nothing: %s", expanded.body)
	}

	dup := call(t, "POST", grants, auth, `{"issuer":"`+srv.URL+`","scopeId":"okta.users.read"}`)
	if e := dup.errorBody(t); dup.status != 400 || e.ErrorCode != "E0000001" {
		t.Fatalf("a second grant of a scope answered %d %s", dup.status, dup.body)
	}
	for body, field := range map[string]string{
		`{"issuer":"` + srv.URL + `","scopeId":"okta.nope.read"}`:        "scopeId",
		`{"issuer":"https://other.okta.com","scopeId":"okta.apps.read"}`: "issuer",
		`{"issuer":"` + srv.URL + `"}`:                                   "scopeId",
	} {
		a := call(t, "POST", grants, auth, body)
		if e := a.errorBody(t); a.status != 400 || e.ErrorSummary != "Api validation failed: "+field || !strings.HasPrefix(e.ErrorCauses[0].ErrorSummary, field+": ") {
			t.Errorf("%s answered %d %s", body, a.status, a.body)
		}
	}
	if a := call(t, "POST", grants, auth, `{not json`); a.status != 400 || a.errorBody(t).ErrorCode != "E0000003" {
		t.Errorf("a malformed body answered %d %s", a.status, a.body)
	}
	if a := call(t, "POST", srv.URL+"/api/v1/apps/0oanope/grants", auth, `{"issuer":"`+srv.URL+`","scopeId":"okta.apps.read"}`); a.status != 404 || a.errorBody(t).ErrorCode != "E0000007" {
		t.Errorf("an unknown app answered %d %s", a.status, a.body)
	}

	id := g["id"].(string)
	if a := call(t, "DELETE", grants+"/"+id, auth, ""); a.status != http.StatusNoContent {
		t.Fatalf("DELETE answered %d", a.status)
	}
	if a := call(t, "DELETE", grants+"/"+id, auth, ""); a.status != 404 {
		t.Fatalf("a second DELETE answered %d", a.status)
	}
	if a := call(t, "PUT", grants+"/"+id, auth, ""); a.status != http.StatusMethodNotAllowed {
		t.Fatalf("PUT answered %d", a.status)
	}
}

func TestUserGrantPagination(t *testing.T) {
	t.Parallel()
	srv := serve(t)
	app := srv.AddApp(App{})
	user := srv.AddUser(User{})
	for i := 0; i < 5; i++ {
		s := srv.AddScope(Scope{Name: "s"})
		if _, err := srv.AddUserGrant(user.ID, app.ID, s.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	next := srv.URL + "/api/v1/users/" + user.ID + "/grants?limit=2&expand=scope"
	var ids []string
	for pages := 0; next != ""; pages++ {
		a := call(t, "GET", next, "SSWS "+testToken, "")
		links := a.header.Values("Link")
		if len(links) == 0 || !strings.HasSuffix(links[0], `rel="self"`) {
			t.Fatalf("page %d: Link headers %q", pages, links)
		}
		var page []map[string]any
		_ = json.Unmarshal(a.body, &page)
		for _, g := range page {
			ids = append(ids, g["id"].(string))
			if g["_embedded"] == nil || g["userId"] != user.ID {
				t.Fatalf("grant %s", g)
			}
		}
		next = ""
		if len(links) == 2 {
			m := regexp.MustCompile(`^<([^>]+)>; rel="next"$`).FindStringSubmatch(links[1])
			if m == nil || strings.Contains(m[1], ids[len(ids)-1]) {
				t.Fatalf("next link %q is not an opaque cursor on its own line", links[1])
			}
			next = m[1]
		}
	}
	if len(ids) != 5 {
		t.Fatalf("paged through %v, want 5 grants", ids)
	}
}

func TestAuthentication(t *testing.T) {
	t.Parallel()
	srv := serve(t)
	srv.AddAccessToken("reader", "okta.users.read")
	url := srv.URL + "/api/v1/apps"

	if a := call(t, "GET", url, "", ""); a.status != 401 || a.errorBody(t).ErrorCode != "E0000011" {
		t.Errorf("no credential: %d %s", a.status, a.body)
	}
	if a := call(t, "GET", url, "Bearer "+testToken, ""); a.status != 401 {
		t.Errorf("an API token sent as Bearer: %d", a.status)
	}
	a := call(t, "GET", url, "Bearer reader", "")
	if a.status != 403 || a.errorBody(t).ErrorCode != "E0000006" ||
		!strings.Contains(a.header.Get("WWW-Authenticate"), `error="insufficient_scope"`) ||
		!strings.Contains(a.header.Get("WWW-Authenticate"), `scope="okta.apps.read"`) {
		t.Errorf("an access token without the scope: %d %v %s", a.status, a.header, a.body)
	}
	if a := call(t, "GET", srv.URL+"/api/v1/users/me", "Bearer reader", ""); a.status != 200 {
		t.Errorf("an access token with the scope: %d %s", a.status, a.body)
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	srv := serve(t)
	srv.SetRateLimit(BucketApps, 2, 5*time.Second)
	auth := "SSWS " + testToken
	var last answer
	for range 3 {
		last = call(t, "GET", srv.URL+"/api/v1/apps", auth, "")
	}
	if last.status != 429 || last.errorBody(t).ErrorCode != "E0000047" || last.header.Get("X-Rate-Limit-Remaining") != "0" {
		t.Fatalf("the third call in a window of 2: %d %v %s", last.status, last.header, last.body)
	}
	if a := call(t, "GET", srv.URL+"/api/v1/users", auth, ""); a.status != 200 {
		t.Fatalf("the users bucket is separate, but answered %d", a.status)
	}
	if srv.CountStatus(429) != 1 || srv.Count(RouteListApps) != 3 {
		t.Fatalf("counted %v", srv.RouteCounts())
	}
}

func TestDemoOrg(t *testing.T) {
	t.Parallel()
	srv := serve(t)
	if err := SeedDemo(srv.Org); err != nil {
		t.Fatal(err)
	}
	apps := call(t, "GET", srv.URL+"/api/v1/apps", "SSWS "+testToken, "")
	users := call(t, "GET", srv.URL+"/api/v1/users", "SSWS "+testToken, "")
	var a, u []map[string]any
	_ = json.Unmarshal(apps.body, &a)
	_ = json.Unmarshal(users.body, &u)
	if len(a) < 3 || len(u) < 2 {
		t.Fatalf("the demo org lists %d apps and %d users", len(a), len(u))
	}
	for _, id := range []string{DemoAliceID, DemoBobID} {
		if len(srv.UserGrants(id)) == 0 {
			t.Errorf("demo user %s has no END_USER grants", id)
		}
	}
}

// A scope granted twice is ErrAlreadyGranted, which AddServiceApp takes
// as the app holding it already.
func TestGrantAppScopeTwice(t *testing.T) {
	org := NewOrg()
	app := org.AddApp(App{})
	if _, err := org.GrantAppScope(app.ID, "okta.apps.read"); err != nil {
		t.Fatal(err)
	}
	if _, err := org.GrantAppScope(app.ID, "okta.apps.read"); !errors.Is(err, ErrAlreadyGranted) {
		t.Errorf("second grant: %v, want ErrAlreadyGranted", err)
	}
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err := org.AddServiceApp(ServiceApp{ClientID: app.ID, PublicKeys: []JWK{mustPublicJWK(t, key, "")}, Scopes: []string{"okta.apps.read", "okta.users.read"}}); err != nil {
		t.Errorf("AddServiceApp on an app holding one of its scopes: %v", err)
	}
	if got := len(org.AppGrants(app.ID)); got != 2 {
		t.Errorf("%d grants, want 2", got)
	}
}
