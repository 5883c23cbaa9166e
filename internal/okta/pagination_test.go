// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

func TestListUserGrants_readsEveryPageAtTheLargestPageSize(t *testing.T) {
	t.Parallel()
	srv, c := orgClient(t)
	userID, _ := seedUserGrants(t, srv, 450)

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
	if n := srv.Count(fakeokta.RouteListUserGrants); n != 3 {
		t.Fatalf("listing 450 grants took %d requests, want 3 pages of 200", n)
	}
	for _, r := range srv.Requests() {
		if !strings.Contains(r.Query, "limit=200") {
			t.Fatalf("request %s?%s does not ask for 200 a page", r.Path, r.Query)
		}
	}
}

func TestPagination_relativeNextLink(t *testing.T) {
	t.Parallel()
	org := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("after") == "" {
			w.Header().Add("Link", `</api/v1/users/me/grants?after=x&limit=200>; rel="next"`)
			_, _ = w.Write([]byte(`[{"id":"oag1"}]`))
			return
		}
		_, _ = w.Write([]byte(`[{"id":"oag2"}]`))
	})
	grants, err := newClientTo(t, org).ListUserGrants(context.Background(), "me", okta.ListUserGrantsOptions{})
	if err != nil || len(grants) != 2 {
		t.Fatalf("got %v, %v; want both pages", grants, err)
	}
}

func TestPagination_neverSendsTheTokenToAnotherHost(t *testing.T) {
	t.Parallel()
	elsewhere := anotherHost(t)
	org := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Add("Link", "<"+elsewhere+"/api/v1/users/me/grants?after=x>; rel=\"next\"")
		_, _ = w.Write([]byte("[]"))
	})
	_, err := newClientTo(t, org).ListUserGrants(context.Background(), "me", okta.ListUserGrantsOptions{})
	if err == nil || !strings.Contains(err.Error(), "refusing to follow") {
		t.Fatalf("got %v, want a refusal", err)
	}
}

func TestListApps_allPages(t *testing.T) {
	t.Parallel()
	srv := startOrg(t)
	for i := range 205 {
		srv.AddApp(fakeokta.App{Label: fmt.Sprint("app ", i)})
	}
	apps, err := newClient(t, srv).ListApps(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(apps) != 205 || apps[204].Label != "app 204" {
		t.Fatalf("listed %d apps, the last %+v; want 205", len(apps), apps[len(apps)-1])
	}
	if n := srv.Count(fakeokta.RouteListApps); n != 2 {
		t.Fatalf("%d requests for 205 apps, want 2 pages of 200", n)
	}
}
