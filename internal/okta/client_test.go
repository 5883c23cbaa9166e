// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

const token = "client-test-token"

func startOrg(t *testing.T) *fakeokta.Server {
	t.Helper()
	org := fakeokta.NewOrg()
	org.AddAPIToken(token)
	srv := fakeokta.StartInMemory(org)
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

// newClient is a client of the fake org srv, with short retry waits.
func newClient(t *testing.T, srv *fakeokta.Server, opts ...func(*okta.Config)) *okta.Client {
	t.Helper()
	return newClientTo(t, srv.URL, append([]func(*okta.Config){func(cfg *okta.Config) { cfg.HTTPClient = srv.Client() }}, opts...)...)
}

// newClientTo is a client of the server at orgURL, such as an httptest
// server playing a part of Okta.
func newClientTo(t *testing.T, orgURL string, opts ...func(*okta.Config)) *okta.Client {
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
	// Registered after any temp dir of the test, so it runs first.
	t.Cleanup(func() { okta.WaitForStateFile(c) })
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

// onFakeClock runs f in a testing/synctest bubble, on a fake clock that
// moves only when every goroutine of f waits: for the org, the client and
// net/http alike. Rate-limit windows, backoff and token lifetimes then take
// no wall time, and a loaded machine cannot stretch them. f starts its own
// org (startOrg serves it in memory, as the bubble needs).
func onFakeClock(t *testing.T, f func(t *testing.T)) {
	t.Parallel()
	synctest.Test(t, f)
}

// orgClient starts an org and returns a client of it.
func orgClient(t *testing.T, opts ...func(*okta.Config)) (*fakeokta.Server, *okta.Client) {
	t.Helper()
	srv := startOrg(t)
	return srv, newClient(t, srv, opts...)
}

// orgWithApp starts an org with one app, and returns a client of it.
func orgWithApp(t *testing.T, opts ...func(*okta.Config)) (*fakeokta.Server, fakeokta.App, *okta.Client) {
	t.Helper()
	srv, c := orgClient(t, opts...)
	return srv, srv.AddApp(fakeokta.App{}), c
}

// usersRead asks for okta.users.read, the scope the grant tests grant.
func usersRead(c *okta.Client) okta.CreateAppGrantRequest {
	return okta.CreateAppGrantRequest{Issuer: c.OrgURL(), ScopeID: "okta.users.read"}
}

// createTheOnlyGrant grants okta.users.read to the app, through whatever
// faults the org was given, and fails unless the org then holds that one
// grant: nothing lost, nothing duplicated.
func createTheOnlyGrant(t *testing.T, srv *fakeokta.Server, c *okta.Client, appID string) {
	t.Helper()
	g, err := c.CreateAppGrant(t.Context(), appID, usersRead(c))
	if err != nil {
		t.Fatal(err)
	}
	if grants := srv.AppGrants(appID); len(grants) != 1 || grants[0].ID != g.ID {
		t.Fatalf("the org holds %+v, want only %s", grants, g.ID)
	}
}

// serve starts an httptest server playing a part of Okta, and returns
// its URL.
func serve(t *testing.T, handler http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return srv.URL
}

// anotherHost is the URL of a server that is not the org: the test fails
// if any request reaches it.
func anotherHost(t *testing.T) string {
	t.Helper()
	return serve(t, func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("%s %s reached another host, with Authorization %q", r.Method, r.URL.Path, r.Header.Get("Authorization"))
		_, _ = w.Write([]byte("[]"))
	})
}
