// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"net/url"
	"testing"
)

// Okta compares a proof's htu with the request URI after percent-decoding
// its path: htu carries the decoded path, no query and no fragment.
func TestHTU_isTheDecodedPathWithoutQuery(t *testing.T) {
	t.Parallel()
	u, err := url.Parse("https://acme.okta.com/api/v1/users/a%40b.com/grants?limit=200&after=x#f")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := htu(u), "https://acme.okta.com/api/v1/users/a@b.com/grants"; got != want {
		t.Fatalf("htu %q, want %q", got, want)
	}
}
