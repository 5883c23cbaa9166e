// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The rate-limit buckets of the endpoints the org serves, as Okta's
// published management rate-limit table has them.
const (
	// BucketApps meters /api/v1/apps and every /api/v1/apps/{id}/* call,
	// grants included: 100 a minute on most orgs.
	BucketApps = "/api/v1/apps"
	// BucketApp meters /api/v1/apps/{id}, one app, apart.
	BucketApp = "/api/v1/apps/{id}"
	// BucketUsers meters GET and POST /api/v1/users.
	BucketUsers = "/api/v1/users"
	// BucketUserGet meters GET /api/v1/users/{id}.
	BucketUserGet = "GET /api/v1/users/{id}"
	// BucketUserWrite meters POST, PUT and DELETE /api/v1/users/{id}.
	BucketUserWrite = "/api/v1/users/{id}"
	// BucketUserGrants meters /api/v1/users/{id}/*, the user grants: Okta
	// publishes no limit for it.
	BucketUserGrants = "/api/v1/users/{id}/*"
)

// A bucket without a limit set still answers with rate-limit headers, for
// a limit no test reaches.
const (
	unlimited       = 1_000_000
	unlimitedWindow = time.Minute
)

type rateLimits struct {
	mu      sync.Mutex
	buckets map[string]*limitBucket
}

type limitBucket struct {
	limit     int
	window    time.Duration
	windowEnd time.Time
	used      int
}

func newRateLimits() *rateLimits {
	return &rateLimits{buckets: map[string]*limitBucket{}}
}

// SetRateLimit allows limit requests per window in a bucket (BucketApps,
// BucketApp, BucketUsers...). Windows are whole seconds aligned on the Unix epoch, as
// the seconds of X-Rate-Limit-Reset require. A limit of zero lifts it.
func (o *Org) SetRateLimit(bucket string, limit int, window time.Duration) {
	window = max(time.Second, window.Truncate(time.Second))
	o.limits.mu.Lock()
	defer o.limits.mu.Unlock()
	if limit <= 0 {
		delete(o.limits.buckets, bucket)
		return
	}
	o.limits.buckets[bucket] = &limitBucket{limit: limit, window: window}
}

// bucketOf names the bucket of a request, as Okta's table does; other
// paths by their first three segments.
func bucketOf(method, path string) string {
	segments := strings.Split(strings.Trim(path, "/"), "/")
	if len(segments) >= 3 && segments[0] == "api" && segments[1] == "v1" {
		switch {
		case segments[2] == "apps" && len(segments) == 4:
			return BucketApp
		case segments[2] == "apps":
			return BucketApps
		case segments[2] == "users" && len(segments) == 3:
			return BucketUsers
		case segments[2] == "users" && len(segments) == 4 && method == http.MethodGet:
			return BucketUserGet
		case segments[2] == "users" && len(segments) == 4:
			return BucketUserWrite
		case segments[2] == "users":
			return BucketUserGrants
		}
	}
	return "/" + strings.Join(segments[:min(3, len(segments))], "/")
}

// take counts one request against its bucket and sets the rate-limit
// headers. It reports false when the bucket is spent for this window.
func (l *rateLimits) take(h http.Header, bucket string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[bucket]
	if !ok {
		b = &limitBucket{limit: unlimited, window: unlimitedWindow}
		l.buckets[bucket] = b
	}
	if !now.Before(b.windowEnd) {
		seconds := int64(b.window / time.Second)
		start := now.Unix() / seconds * seconds
		b.windowEnd = time.Unix(start+seconds, 0)
		b.used = 0
	}
	allowed := b.used < b.limit
	if allowed {
		b.used++
	}
	h.Set("X-Rate-Limit-Limit", strconv.Itoa(b.limit))
	h.Set("X-Rate-Limit-Remaining", strconv.Itoa(b.limit-b.used))
	h.Set("X-Rate-Limit-Reset", strconv.FormatInt(b.windowEnd.Unix(), 10))
	return allowed
}
