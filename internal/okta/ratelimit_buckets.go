// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"net/http"
	"strings"
)

// bucketKey names the Okta rate-limit bucket of a request, as Okta's
// published management rate-limit table keys them (the contract's "Rate
// limits"): one bucket's headers must not steer another's requests.
//
//   - /api/v1/apps, and every /api/v1/apps/{id}/* call (grants included):
//     one bucket, 100 a minute on most orgs;
//   - /api/v1/apps/{id} itself (one app): a bucket of its own;
//   - GET and POST /api/v1/users; GET /api/v1/users/{id}; and the writes of
//     /api/v1/users/{id}: three buckets;
//   - /api/v1/users/{id}/* (user grants): unpublished, a bucket of its own
//     whose limit the headers tell;
//   - anything else: its first three path segments, learned likewise.
func bucketKey(method, path string) string {
	segments := strings.Split(strings.Trim(path, "/"), "/")
	family := func(n int) string { return "/" + strings.Join(segments[:min(n, len(segments))], "/") }
	if len(segments) < 3 || segments[0] != "api" || segments[1] != "v1" {
		return family(3)
	}
	switch {
	case segments[2] == "apps" && len(segments) == 4:
		return "/api/v1/apps/{id}"
	case segments[2] == "apps":
		return "/api/v1/apps"
	case segments[2] == "users" && len(segments) == 3:
		return "/api/v1/users"
	case segments[2] == "users" && len(segments) == 4 && method == http.MethodGet:
		return "GET /api/v1/users/{id}"
	case segments[2] == "users" && len(segments) == 4:
		return "/api/v1/users/{id}"
	case segments[2] == "users":
		return "/api/v1/users/{id}/*"
	}
	return family(3)
}
