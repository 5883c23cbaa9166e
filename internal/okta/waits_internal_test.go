// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

// A wait for the rate limit longer than longWait is logged at INFO with
// the bucket, how long and why; shorter ones are not.
func TestRecordWait_logsLongWaitsAtInfo(t *testing.T) {
	t.Parallel()
	// On synctest's fake clock, the wait for the next window takes no wall time.
	synctest.Test(t, func(t *testing.T) {
		org := fakeokta.NewOrg()
		org.AddAPIToken("waits-token")
		srv := fakeokta.StartInMemory(org)
		t.Cleanup(func() { _ = srv.Close() })
		app := org.AddApp(fakeokta.App{})
		org.SetRateLimit(fakeokta.BucketApps, 1, time.Second)

		var mu sync.Mutex
		var infos []string
		c, err := New(Config{OrgURL: srv.URL, HTTPClient: srv.Client(), APIToken: "waits-token", InfoLog: func(_ context.Context, msg string, fields map[string]any) {
			mu.Lock()
			defer mu.Unlock()
			infos = append(infos, msg+" bucket="+fields["bucket"].(string)+" why="+fields["why"].(string))
		}})
		if err != nil {
			t.Fatal(err)
		}
		// The second request waits for the next window: at least the limiter's
		// 100 ms guard after the reset, however close the reset was.
		c.longWait = 50 * time.Millisecond
		ctx, report := WithWaitReport(context.Background())
		for range 2 {
			if _, err := c.ListAppGrants(ctx, app.ID, false); err != nil {
				t.Fatal(err)
			}
		}
		waited, requests := report.Totals()
		if requests != 2 || waited < c.longWait {
			t.Fatalf("report: %s over %d requests, want a wait over 2", waited, requests)
		}
		if len(infos) != 1 || !strings.Contains(infos[0], "waited for Okta's rate limit bucket=/api/v1/apps why=") {
			t.Fatalf("INFO lines %q, want one about the wait", infos)
		}
	})
}
