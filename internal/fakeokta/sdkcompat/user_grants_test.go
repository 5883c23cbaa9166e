// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package sdkcompat_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

func TestUsers(t *testing.T) {
	srv := fake(t)
	c := client(t, srv, 0, 0)
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

func TestUserGrants(t *testing.T) {
	srv := fake(t)
	c := client(t, srv, 0, 0)
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

	const profileScope = "scpdemo0profile00001"
	byScope, _, err := c.UserAPI.ListUserGrants(ctx, fakeokta.DemoAliceID).ScopeId(profileScope).Execute()
	if err != nil || len(byScope) != 2 || byScope[0].ScopeId != profileScope || byScope[1].ScopeId != profileScope {
		t.Errorf("alice's %s grants = %+v, %v (want 2)", profileScope, byScope, err)
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

	resp, err = c.UserAPI.RevokeGrantsForUserAndClient(ctx, fakeokta.DemoAliceID, fakeokta.DemoReportingAppID).Execute()
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("RevokeGrantsForUserAndClient: %v, %v", resp, err)
	}
	if left := srv.UserGrants(fakeokta.DemoAliceID); len(left) != 1 || left[0].ClientID != fakeokta.DemoPipelineAppID {
		t.Errorf("alice's grants after revoking the reporting app's = %+v, want the pipeline's only", left)
	}

	resp, err = c.UserAPI.RevokeUserGrants(ctx, fakeokta.DemoAliceID).Execute()
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("RevokeUserGrants: %v, %v", resp, err)
	}
	if n := len(srv.UserGrants(fakeokta.DemoAliceID)); n != 0 {
		t.Errorf("alice has %d grants after revoking all, want 0", n)
	}
	if bob, apps := srv.UserGrants(fakeokta.DemoBobID), srv.AppGrants(fakeokta.DemoReportingAppID); len(bob) != 1 || len(apps) != 1 {
		t.Errorf("revoking alice's grants left bob %d and the reporting app %d, want 1 each", len(bob), len(apps))
	}
}

// TestUserGrantPagination pages through a user's grants with the SDK's own
// cursor pagination: it follows the Link rel="next" header.
func TestUserGrantPagination(t *testing.T) {
	srv := fake(t)
	c := client(t, srv, 0, 0)
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
