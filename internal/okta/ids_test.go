// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"context"
	"errors"
	"testing"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

func TestCheckID_rejectsWhatCouldChangeTheURL(t *testing.T) {
	t.Parallel()
	srv, c := orgClient(t)
	ctx := context.Background()
	for _, id := range []string{"", ".", "..", "a/b", "../users", `a\b`, "a?b", "a#b", "a%2Fb", "a b", "a\nb"} {
		_, err := c.ListAppGrants(ctx, id, false)
		var idErr *okta.InvalidIDError
		if !errors.As(err, &idErr) {
			t.Errorf("app ID %q: got %v, want an *okta.InvalidIDError", id, err)
		}
		if err := c.RevokeUserGrant(ctx, "me", id); !errors.As(err, &idErr) {
			t.Errorf("grant ID %q: got %v, want an *okta.InvalidIDError", id, err)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("invalid IDs reached the org: %d requests", n)
	}
	// IDs are escaped as one segment: a login with @ works.
	u := srv.AddUser(fakeokta.User{Login: "alice+ops@example.com"})
	if _, err := c.ListUserGrants(ctx, u.Login, okta.ListUserGrantsOptions{}); err != nil {
		t.Fatal(err)
	}
}
