// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"fmt"
	"strings"
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
