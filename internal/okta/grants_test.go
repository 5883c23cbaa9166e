// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

func TestCreateAppGrant_alreadyHeld(t *testing.T) {
	t.Parallel()
	srv, app, c := orgWithApp(t)
	before, err := srv.GrantAppScope(app.ID, "okta.users.read")
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateAppGrant(context.Background(), app.ID, usersRead(c))
	var held *okta.ScopeAlreadyGrantedError
	if !errors.As(err, &held) || held.Existing.ID != before.ID {
		t.Fatalf("got %v, want a *ScopeAlreadyGrantedError naming %s", err, before.ID)
	}
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
		t.Fatalf("the Okta error is not kept: %#v", err)
	}
}

// The grant's creation time is the org's: on an org whose clock is behind
// the machine's, the attempt's grant is still made since it began.
func TestCreateAppGrant_adoptsWhatItsOwnLostAttemptMade(t *testing.T) {
	t.Parallel()
	for name, fault := range map[string]fakeokta.Fault{
		"gateway error": {Route: fakeokta.RouteCreateAppGrant, Status: 502, AfterCommit: true},
		"lost answer":   {Route: fakeokta.RouteCreateAppGrant, Drop: true, AfterCommit: true},
	} {
		for clock, skew := range map[string]time.Duration{"same clock": 0, "org clock 10s behind": -10 * time.Second} {
			t.Run(name+", "+clock, func(t *testing.T) {
				srv, app, c := orgWithApp(t)
				srv.SetClockSkew(skew)
				srv.InjectFault(fault)
				createTheOnlyGrant(t, srv, c, app.ID)
			})
		}
	}
}

// Every attempt fails, but one took effect: the grant is ours, not an
// orphan for the next run to trip over.
func TestCreateAppGrant_adoptsWhenEveryAttemptFails(t *testing.T) {
	t.Parallel()
	srv, app, c := orgWithApp(t, func(cfg *okta.Config) { cfg.MaxRetries = 2 })
	srv.InjectFault(fakeokta.Fault{Route: fakeokta.RouteCreateAppGrant, Status: 502, AfterCommit: true, Count: 3})
	createTheOnlyGrant(t, srv, c, app.ID)
}

// A retry refused as a duplicate adopts only a grant made since the first
// attempt: a grant made in the console before is someone else's, also when
// the org's clock, ahead of the machine's, stamped it later than the
// attempt began by the machine's.
func TestCreateAppGrant_doesNotAdoptAnEarlierGrant(t *testing.T) {
	t.Parallel()
	for clock, skew := range map[string]time.Duration{"same clock": 0, "org clock 10s ahead": 10 * time.Second} {
		t.Run(clock, func(t *testing.T) {
			onFakeClock(t, func(t *testing.T) {
				srv, app, c := orgWithApp(t)
				srv.SetClockSkew(skew)
				console, err := srv.GrantAppScope(app.ID, "okta.users.read")
				if err != nil {
					t.Fatal(err)
				}
				if _, err := c.ListAppGrants(context.Background(), app.ID, false); err != nil { // learn the org's clock
					t.Fatal(err)
				}
				time.Sleep(1100 * time.Millisecond)
				srv.InjectFault(fakeokta.Fault{Route: fakeokta.RouteCreateAppGrant, Status: 502})
				_, err = c.CreateAppGrant(context.Background(), app.ID, usersRead(c))
				var held *okta.ScopeAlreadyGrantedError
				if !errors.As(err, &held) || held.Existing.ID != console.ID {
					t.Fatalf("got %v, want the console's grant %s reported, not adopted", err, console.ID)
				}
			})
		})
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
	c := newClientTo(t, proxy.URL)
	g, err := c.CreateAppGrant(context.Background(), app.ID, okta.CreateAppGrantRequest{Issuer: srv.URL, ScopeID: "okta.users.read"})
	if err != nil || g.ID == "" || g.ScopeID != "okta.users.read" || g.Scope == nil {
		t.Fatalf("got %+v, %v", g, err)
	}
}
