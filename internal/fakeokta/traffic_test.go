// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
)

// TestTraffic_soakKeepsMemoryFlat sends 200k requests through the org's
// real handler: the heap after 200k requests is what it was after 20k
// (the recent-request window is full by then), and the counters still
// count every request.
func TestTraffic_soakKeepsMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("soak: 200k requests")
	}
	org := NewOrg()
	org.AddAPIToken("soak-token")
	app := org.AddApp(App{Label: "soak"})
	h := org.Handler()
	req := httptest.NewRequest(http.MethodGet, "/api/v1/apps/"+app.ID+"/grants", nil)
	req.Header.Set("Authorization", "SSWS soak-token")
	serve := func(n int) {
		for range n {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Fatalf("answered %d %s", rec.Code, rec.Body)
			}
		}
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}

	serve(20_000)
	at20k := heap()
	serve(180_000)
	at200k := heap()
	t.Logf("heap after 20k requests: %.1f MB, after 200k: %.1f MB", float64(at20k)/1e6, float64(at200k)/1e6)
	if at200k > at20k+4<<20 {
		t.Errorf("the heap grew from %d to %d bytes between 20k and 200k requests", at20k, at200k)
	}
	if got := org.Total(); got != 200_000 {
		t.Errorf("Total = %d, want 200000", got)
	}
	if got := org.Count(RouteListAppGrants); got != 200_000 {
		t.Errorf("Count = %d, want 200000", got)
	}
	if got := len(org.Requests()); got != recentRequests {
		t.Errorf("%d requests kept, want the last %d", got, recentRequests)
	}
}
