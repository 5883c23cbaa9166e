// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Fault is a failure the org answers with instead of (or after) doing what
// it was asked.
type Fault struct {
	// Route is the pattern of the routes it applies to, such as
	// "POST /api/v1/apps/{appId}/grants"; empty applies to every route.
	Route string
	// Count is how many matching requests fail; zero means one.
	Count int
	// Status is the status to answer: 500, 502, 503 or 429.
	Status int
	// AfterCommit lets the request take effect before failing, as a
	// gateway timing out on a slow origin does.
	AfterCommit bool
	// Drop closes the connection without an answer.
	Drop bool
	// Latency delays the answer.
	Latency time.Duration
	// NoRateLimitHeaders leaves the X-Rate-Limit-* headers out, as a
	// proxy's error page would.
	NoRateLimitHeaders bool
}

type faults struct {
	mu      sync.Mutex
	pending []Fault
	delay   time.Duration
}

func (o *Org) answerFault(w *statusRecorder, f Fault) {
	if f.Drop {
		if hj, ok := w.ResponseWriter.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				w.status = -1
				return
			}
		}
	}
	switch f.Status {
	case http.StatusTooManyRequests:
		// Okta's answer to too many concurrent requests: the window is not
		// spent, the reset is a moment away.
		if !f.NoRateLimitHeaders {
			w.Header().Set("X-Rate-Limit-Remaining", "0")
			w.Header().Set("X-Rate-Limit-Reset", fmt.Sprint(o.now().Unix()+1))
		}
		writeError(w, f.Status, "E0000047", "API call exceeded rate limit due to too many requests.")
	case 0:
		writeError(w, http.StatusInternalServerError, "E0000009", "Internal Server Error")
	default:
		writeError(w, f.Status, "E0000009", "Internal Server Error")
	}
}

// InjectFault queues a fault for the next matching requests.
func (o *Org) InjectFault(f Fault) {
	if f.Count <= 0 {
		f.Count = 1
	}
	o.faults.mu.Lock()
	defer o.faults.mu.Unlock()
	o.faults.pending = append(o.faults.pending, f)
}

// SetLatency delays every answer, like the network to a real org.
func (o *Org) SetLatency(d time.Duration) {
	o.faults.mu.Lock()
	defer o.faults.mu.Unlock()
	o.faults.delay = d
}

func (f *faults) latency() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.delay
}

func (f *faults) take(pattern string) (Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.pending {
		if f.pending[i].Route != "" && f.pending[i].Route != pattern {
			continue
		}
		fault := f.pending[i]
		f.pending[i].Count--
		if f.pending[i].Count == 0 {
			f.pending = append(f.pending[:i], f.pending[i+1:]...)
		}
		return fault, true
	}
	return Fault{}, false
}
