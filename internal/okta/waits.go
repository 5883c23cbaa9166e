// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"context"
	"sync"
	"time"
)

// longWait is a wait for the rate limit worth telling a person about: the
// client logs each one at INFO (Config.InfoLog).
const longWait = 3 * time.Second

// WaitReport sums what the rate limit cost the requests of one operation
// (one Terraform resource or data source call): how long they waited for
// room in Okta's buckets, and how many requests were sent.
type WaitReport struct {
	mu       sync.Mutex
	waited   time.Duration
	requests int
}

type waitReportKey struct{}

// WithWaitReport returns a context whose requests add their waits to the
// returned report.
func WithWaitReport(ctx context.Context) (context.Context, *WaitReport) {
	r := &WaitReport{}
	return context.WithValue(ctx, waitReportKey{}, r), r
}

// Totals is the time spent waiting for the rate limit and the number of
// requests sent so far.
func (r *WaitReport) Totals() (time.Duration, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.waited, r.requests
}

func (r *WaitReport) add(waited time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.waited += waited
	r.requests++
}

// recordWait adds a request's wait to its operation's report and logs a
// long one at INFO, with the bucket and why it waited.
func (c *Client) recordWait(ctx context.Context, method, path, bucket string, waited time.Duration) {
	if r, ok := ctx.Value(waitReportKey{}).(*WaitReport); ok {
		r.add(waited)
	}
	if waited < c.longWait {
		return
	}
	c.infoLog(ctx, "waited for Okta's rate limit", map[string]any{
		"method": method, "path": c.secrets.redact(path), "bucket": bucket,
		"waited_s": waited.Round(100 * time.Millisecond).Seconds(),
		"why": "the bucket had no room left within max_api_capacity until its window reset (X-Rate-Limit-Reset), " +
			"or Okta answered 429: other clients of the org share it",
		"max_api_capacity": c.limiter.capacity,
	})
}

// MaxAPICapacity is the percentage of each rate-limit bucket the client
// uses.
func (c *Client) MaxAPICapacity() int { return c.limiter.capacity }
