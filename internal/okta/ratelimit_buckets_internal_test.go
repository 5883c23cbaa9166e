// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import "testing"

// Requests are keyed to Okta's published buckets: one app is apart from
// the apps and their grants; the users' endpoints are several buckets;
// the user-grant bucket, unpublished, is its own.
func TestBucketKey_followsOktasTable(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ method, path, want string }{
		{"GET", "/api/v1/apps", "/api/v1/apps"},
		{"GET", "/api/v1/apps/0oa1/grants", "/api/v1/apps"},
		{"POST", "/api/v1/apps/0oa1/grants", "/api/v1/apps"},
		{"DELETE", "/api/v1/apps/0oa1/grants/oag1", "/api/v1/apps"},
		{"GET", "/api/v1/apps/0oa1", "/api/v1/apps/{id}"},
		{"GET", "/api/v1/users", "/api/v1/users"},
		{"GET", "/api/v1/users/00u1", "GET /api/v1/users/{id}"},
		{"DELETE", "/api/v1/users/00u1", "/api/v1/users/{id}"},
		{"GET", "/api/v1/users/00u1/grants", "/api/v1/users/{id}/*"},
		{"DELETE", "/api/v1/users/00u1/clients/0oa1/grants", "/api/v1/users/{id}/*"},
		{"POST", "/oauth2/v1/token", "/oauth2/v1/token"},
		{"GET", "/api/v1/groups/00g1/users", "/api/v1/groups"},
	} {
		if got := bucketKey(c.method, c.path); got != c.want {
			t.Errorf("%s %s: bucket %q, want %q", c.method, c.path, got, c.want)
		}
	}
}
