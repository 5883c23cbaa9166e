// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"cmp"
	"context"
	"fmt"
	"slices"
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
	by       map[waitReason]time.Duration
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

// Reasons says what the waits were for, longest first, such as "41s for
// the rate-limit window to reset (...)".
func (r *WaitReport) Reasons() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	reasons := make([]waitReason, 0, len(r.by))
	for why := range r.by {
		reasons = append(reasons, why)
	}
	slices.SortFunc(reasons, func(a, b waitReason) int { return cmp.Compare(r.by[b], r.by[a]) })
	out := make([]string, 0, len(reasons))
	for _, why := range reasons {
		out = append(out, fmt.Sprintf("%s for %s", r.by[why].Round(100*time.Millisecond), why))
	}
	return out
}

func (r *WaitReport) add(w waited) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.waited += w.total
	r.requests++
	for why, d := range w.by {
		if r.by == nil {
			r.by = map[waitReason]time.Duration{}
		}
		r.by[why] += d
	}
}

// recordWait adds a request's wait to its operation's report and logs a
// long one at INFO, with the bucket and why it waited.
func (c *Client) recordWait(ctx context.Context, method, path, bucket string, w waited) {
	if r, ok := ctx.Value(waitReportKey{}).(*WaitReport); ok {
		r.add(w)
	}
	if w.total < c.longWait {
		return
	}
	c.infoLog(ctx, "waited for Okta's rate limit", map[string]any{
		"method": method, "path": c.secrets.redact(path), "bucket": bucket,
		"waited_s":         w.total.Round(100 * time.Millisecond).Seconds(),
		"why":              w.mostly().String(),
		"max_api_capacity": c.limiter.capacity,
	})
}

// announceWait says, as a long wait begins, what it waits for and for how
// long at most: without it a stalled run shows nothing until the wait ends.
func (c *Client) announceWait(ctx context.Context, bucket string, why waitReason, d time.Duration) {
	c.infoLog(ctx, "waiting for Okta's rate limit", map[string]any{
		"bucket": bucket, "for": why.String(), "at_most_s": d.Round(100 * time.Millisecond).Seconds(),
	})
}

// MaxAPICapacity is the percentage of each rate-limit bucket the client
// uses.
func (c *Client) MaxAPICapacity() int { return c.limiter.capacity }
