// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"strings"
	"testing"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// Without the Super Administrator role, reads of an app's grants work and
// grant writes are refused with 403 E0000006: the error names the role and
// where to assign it, for a service app and for an API token alike, and
// nothing is granted.
func TestSuperAdmin_grantWritesNameTheRole(t *testing.T) {
	t.Parallel()
	key := testECKey(t)
	for name, signIn := range map[string]func(t *testing.T) (*fakeokta.Server, *okta.Client, string){
		"service app": func(t *testing.T) (*fakeokta.Server, *okta.Client, string) {
			srv := oauthOrg(t, fakeokta.ServiceApp{PublicKeys: []fakeokta.JWK{publicJWK(t, key, "")}, Scopes: appGrantScopes(), NotSuperAdmin: true})
			c, _ := oauthClient(t, srv, pemSEC1(t, key), func(cfg *okta.Config) { cfg.Scopes = appGrantScopes() })
			return srv, c, svcClientID
		},
		"API token": func(t *testing.T) (*fakeokta.Server, *okta.Client, string) {
			srv, c := orgClient(t)
			srv.SetSuperAdmin(srv.AdminUserID(), false)
			return srv, c, "API token"
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, c, who := signIn(t)
			app := srv.AddApp(fakeokta.App{})
			if _, err := c.ListAppGrants(t.Context(), app.ID, false); err != nil {
				t.Fatalf("a read without the role: %v", err)
			}
			_, err := c.CreateAppGrant(t.Context(), app.ID, usersRead(c))
			if !okta.IsMissingSuperAdmin(err) {
				t.Fatalf("create without the role: %v, want a missing Super Administrator", err)
			}
			for _, want := range []string{"E0000006", "Super Administrator", "Security > Administrators", who} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the error does not say %q: %v", want, err)
				}
			}
			if held := srv.AppGrants(app.ID); len(held) != 0 {
				t.Fatalf("the app holds %d grants after a refused create", len(held))
			}
		})
	}
}

// A 403 for a missing OAuth scope carries E0000006 too: it is not taken
// for a missing role.
func TestSuperAdmin_missingScopeIsNotAMissingRole(t *testing.T) {
	t.Parallel()
	srv, app, _ := orgWithApp(t)
	srv.AddAccessToken("read-only", "okta.appGrants.read")
	c := newClient(t, srv, func(cfg *okta.Config) { cfg.APIToken, cfg.AccessToken = "", "read-only" })
	_, err := c.CreateAppGrant(t.Context(), app.ID, usersRead(c))
	if okta.IsMissingSuperAdmin(err) || strings.Contains(err.Error(), "Super Administrator") {
		t.Fatalf("a missing scope read as a missing role: %v", err)
	}
}
