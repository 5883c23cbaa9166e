// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

func TestAppGrantSnapshot_concurrentReadersShareOneRequest(t *testing.T) {
	t.Parallel()
	srv, app, c := orgWithApp(t)
	other := srv.AddApp(fakeokta.App{})
	for _, s := range []string{"okta.users.read", "okta.groups.read", "okta.apps.read"} {
		if _, err := srv.GrantAppScope(app.ID, s); err != nil {
			t.Fatal(err)
		}
	}
	srv.SetLatency(50 * time.Millisecond)
	ctx := context.Background()

	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			appID := app.ID
			if i%2 == 1 {
				appID = other.ID
			}
			if _, err := c.AppGrantSnapshot(ctx, appID); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := srv.Count(fakeokta.RouteListAppGrants); n != 2 {
		t.Fatalf("40 reads of 2 apps took %d requests, want 2", n)
	}
	grants, err := c.AppGrantSnapshot(ctx, app.ID)
	if err != nil || len(grants) != 3 {
		t.Fatalf("got %d grants, %v", len(grants), err)
	}
	if n := srv.Count(fakeokta.RouteListAppGrants); n != 2 {
		t.Fatalf("a later read listed again: %d requests", n)
	}
}

func TestAppGrantSnapshot_writesInvalidate(t *testing.T) {
	t.Parallel()
	srv, app, c := orgWithApp(t)
	other := srv.AddApp(fakeokta.App{})
	ctx := context.Background()
	lists := func() int { return srv.Count(fakeokta.RouteListAppGrants) }

	for _, id := range []string{app.ID, other.ID} {
		if _, err := c.AppGrantSnapshot(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	g, err := c.CreateAppGrant(ctx, app.ID, usersRead(c))
	if err != nil {
		t.Fatal(err)
	}
	grants, err := c.AppGrantSnapshot(ctx, app.ID)
	if err != nil || len(grants) != 1 || grants[0].ID != g.ID || lists() != 3 {
		t.Fatalf("after a grant: %+v, %v, %d lists; want the new grant from a new list", grants, err, lists())
	}
	if _, err := c.AppGrantSnapshot(ctx, other.ID); err != nil || lists() != 3 {
		t.Fatalf("a write to one app made another list again (%d lists)", lists())
	}
	if err := c.RevokeAppGrant(ctx, app.ID, g.ID); err != nil {
		t.Fatal(err)
	}
	if grants, _ := c.AppGrantSnapshot(ctx, app.ID); len(grants) != 0 || lists() != 4 {
		t.Fatalf("after a revoke: %d grants, %d lists", len(grants), lists())
	}
}

func TestAppGrantSnapshot_missingAppIsNotFound(t *testing.T) {
	t.Parallel()
	srv, c := orgClient(t)
	for range 3 {
		if _, err := c.AppGrantSnapshot(context.Background(), "0oanosuchapp00000000"); !okta.IsNotFound(err) {
			t.Fatalf("got %v, want not found", err)
		}
	}
	if n := srv.Count(fakeokta.RouteListAppGrants); n != 1 {
		t.Fatalf("a missing app was listed %d times", n)
	}
}

func TestAppGrantSnapshot_failuresAreNotKept(t *testing.T) {
	t.Parallel()
	srv, app, c := orgWithApp(t, func(cfg *okta.Config) { cfg.MaxRetries = 0 })
	srv.InjectFault(fakeokta.Fault{Route: fakeokta.RouteListAppGrants, Status: 500})
	if _, err := c.AppGrantSnapshot(context.Background(), app.ID); err == nil {
		t.Fatal("the injected 500 did not fail the read")
	}
	if _, err := c.AppGrantSnapshot(context.Background(), app.ID); err != nil {
		t.Fatalf("the failure was kept: %v", err)
	}
}
