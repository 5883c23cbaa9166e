// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"context"
	"strings"
	"testing"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

func TestListUserGrants_pageSizeAndFilters(t *testing.T) {
	t.Parallel()
	srv, c := orgClient(t)
	userID, appID := seedUserGrants(t, srv, 7)
	ctx := context.Background()

	all, err := c.ListUserGrants(ctx, userID, okta.ListUserGrantsOptions{PageSize: 2, ExpandScope: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 7 || srv.Count(fakeokta.RouteListUserGrants) != 4 {
		t.Fatalf("got %d grants in %d requests, want 7 in 4", len(all), srv.Count(fakeokta.RouteListUserGrants))
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

func TestRevoke(t *testing.T) {
	t.Parallel()
	srv, c := orgClient(t)
	userID, appID := seedUserGrants(t, srv, 3)
	app := srv.AddApp(fakeokta.App{})
	g, _ := srv.GrantAppScope(app.ID, "okta.users.read")
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
