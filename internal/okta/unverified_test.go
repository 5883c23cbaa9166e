// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// Where the contract marks Okta's answer as unverified, the client works
// with each plausible one: 200 or 201 for a new grant, 400 or 409 for a
// scope the app already holds.
func TestUnverified_createAndDuplicateAnswers(t *testing.T) {
	t.Parallel()
	for _, created := range []int{http.StatusOK, http.StatusCreated} {
		for _, duplicate := range []int{http.StatusBadRequest, http.StatusConflict} {
			t.Run(fmt.Sprintf("created %d, duplicate %d", created, duplicate), func(t *testing.T) {
				t.Parallel()
				srv, app, c := orgWithApp(t)
				srv.SetUnverified(fakeokta.Unverified{CreatedStatus: created, DuplicateStatus: duplicate})
				g, err := c.CreateAppGrant(t.Context(), app.ID, usersRead(c))
				if err != nil || g.ID == "" || g.ScopeID != "okta.users.read" {
					t.Fatalf("create answered %d: %+v, %v", created, g, err)
				}
				_, err = c.CreateAppGrant(t.Context(), app.ID, usersRead(c))
				var held *okta.ScopeAlreadyGrantedError
				if !errors.As(err, &held) || held.Existing.ID != g.ID {
					t.Fatalf("a duplicate answered %d: %v, want the held grant %s", duplicate, err, g.ID)
				}
				if n := srv.CountStatus(duplicate); n != 1 {
					t.Fatalf("the org answered %d %d times, want once", duplicate, n)
				}
			})
		}
	}
}

// Whether or not okta.appGrants.manage lets a token read grants, a
// service app signing in with the default scopes reads and writes them:
// it asks for the .read scope too.
func TestUnverified_manageScopeMayNotAllowReads(t *testing.T) {
	t.Parallel()
	key := testECKey(t)
	for _, manageReads := range []bool{true, false} {
		t.Run(fmt.Sprintf("manage implies read %t", manageReads), func(t *testing.T) {
			t.Parallel()
			srv := keyOrg(t, key, false)
			srv.SetUnverified(fakeokta.Unverified{ManageDoesNotImplyRead: !manageReads})
			app := srv.AddApp(fakeokta.App{})
			c, _ := oauthClient(t, srv, pemSEC1(t, key), func(cfg *okta.Config) { cfg.Scopes = appGrantScopes() })
			createTheOnlyGrant(t, srv, c, app.ID)
			if _, err := c.ListAppGrants(t.Context(), app.ID, false); err != nil {
				t.Fatal(err)
			}

			// A token with the .manage scope alone: reads work only where
			// .manage allows them, and the refusal names the .read scope.
			srv.AddAccessToken("manage-only", "okta.appGrants.manage")
			manageOnly := newClient(t, srv, func(cfg *okta.Config) { cfg.APIToken, cfg.AccessToken = "", "manage-only" })
			_, err := manageOnly.ListAppGrants(t.Context(), app.ID, false)
			var apiErr *okta.APIError
			switch {
			case manageReads && err != nil:
				t.Fatalf("read with .manage: %v", err)
			case !manageReads && (!errors.As(err, &apiErr) || apiErr.MissingScope != "okta.appGrants.read"):
				t.Fatalf("read with .manage alone: %v, want a refusal naming okta.appGrants.read", err)
			}
		})
	}
}
