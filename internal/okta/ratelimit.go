// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rateLimiter paces the requests of one process per Okta rate-limit bucket.
// Every answer reports its bucket's limit, what remains of it and when the
// window resets; the limiter counts requests in flight against what remains
// and holds new ones back until the reset, so that a burst of concurrent
// requests spends the bucket without running into 429s.
type rateLimiter struct {
	// capacity is the percentage of each bucket this process may use,
	// leaving the rest to other clients of the same org.
	capacity int
	// guard is how long after a reported reset to wait before assuming
	// the new window is open, to absorb clock jitter between us and Okta.
	guard time.Duration

	store *bucketStore
	// peers makes the clients of one org on this machine share its
	// buckets (ratelimit_share.go).
	peers *peers

	mu      sync.Mutex
	buckets map[string]*bucket
	clock   clockOffset
	seq     uint64
	// slots caps the requests this process has in flight, over every
	// bucket (concurrency.go).
	slots slots
	// onLongWait is told of a wait of longWait or more as it begins, so
	// that a stalled run says what it waits for while it waits.
	onLongWait func(ctx context.Context, key string, w waitReason, d time.Duration)
	// changed is closed and replaced whenever a bucket changes, waking
	// every waiter to look again.
	changed chan struct{}
}

type bucket struct {
	// known is set by the first answer with rate-limit headers. Until
	// then one request at a time goes out to learn the bucket's state:
	// another process may have spent it.
	known bool
	// unlimited is set by a successful answer without rate-limit headers.
	unlimited bool
	limit     int
	remaining int
	// resetAt is the server time at which the current window ends.
	resetAt time.Time
	// assumedOpen is set once resetAt has passed: the new window is
	// assumed full until an answer from it says otherwise. Answers without
	// rate-limit headers say nothing: an assumed window that no answer
	// describes ends after windowLen like the ones Okta described.
	assumedOpen bool
	// windowLen is the shortest distance seen between two resets: the
	// bucket's window, or a multiple of it. Zero until seen: Okta's
	// windows are a minute long.
	windowLen time.Duration
	inflight  int
	// window is this client's part of the bucket (ratelimit_share.go).
	window windowShare
	// blockedUntil is the server time before which a 429 asks to send
	// nothing more. It is apart from the window: Okta also answers 429 for
	// too many concurrent requests, with a reset a moment away.
	blockedUntil time.Time
}

// newBucket is a bucket of which this client takes the whole usable part
// until a 429 or another client says otherwise.
func newBucket() *bucket { return &bucket{window: windowShare{share: 1, learning: true}} }

func newRateLimiter(capacity, maxInFlight int, store *bucketStore, peers *peers) *rateLimiter {
	if capacity <= 0 || capacity > 100 {
		capacity = 100
	}
	rl := &rateLimiter{
		capacity:   capacity,
		guard:      100 * time.Millisecond,
		store:      store,
		peers:      peers,
		buckets:    map[string]*bucket{},
		changed:    make(chan struct{}),
		slots:      newSlots(maxInFlight),
		onLongWait: func(context.Context, string, waitReason, time.Duration) {},
	}
	loaded, offset := store.load(time.Now())
	rl.clock.prior = offset
	for key, saved := range loaded {
		b := newBucket()
		b.known, b.limit, b.remaining, b.resetAt = true, saved.Limit, saved.Remaining, time.Unix(saved.Reset, 0)
		b.window.preSpent = saved.Limit - saved.Remaining
		rl.buckets[key] = b
	}
	return rl
}

// acquire waits until the bucket has room for one more request and counts
// it in flight. Every successful acquire must be followed by release. Every
// wait has a bound: a window's reset (at most maxTrustedWait away), a 429's
// retry time (idem), or the end of a request in flight, which its attempt
// timeout bounds.
func (rl *rateLimiter) acquire(ctx context.Context, key string) (waited, error) {
	var spent waited
	for {
		// Present from the first request on, probes included, so that runs
		// starting together see each other before they spend the bucket.
		// The presence files are read and written outside rl.mu: no request
		// waits for another's file system calls.
		now := time.Now()
		rl.peers.mark(now)
		p, fresh := rl.peers.lastCount(now)
		rl.mu.Lock()
		b := rl.bucketLocked(key)
		wait, v := rl.admitLocked(b, takesSlot(key), now, p, fresh)
		switch v {
		case admitted:
			b.inflight++
			b.window.sent++
			if takesSlot(key) {
				rl.slots.inFlight++
			}
			rl.mu.Unlock()
			return spent, nil
		case recount:
			rl.mu.Unlock()
			rl.peers.count(now)
			continue
		}
		changed := rl.changed
		rl.mu.Unlock()
		if v == heldForWindow || v == heldForTurn {
			// Still present when the window opens, however long it is.
			rl.peers.mark(now.Add(wait))
		}
		if wait >= longWait && !spent.told {
			spent.told = true
			rl.onLongWait(ctx, key, waitReason(v), wait)
		}

		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			spent.add(v, time.Since(now))
			return spent, ctx.Err()
		case <-timer.C:
		case <-changed:
			timer.Stop()
		}
		spent.add(v, time.Since(now))
	}
}

// release records the answer to a request admitted by acquire. header is
// nil when no answer came; arrived then says whether the request may
// still have reached Okta and counted.
func (rl *rateLimiter) release(key string, header http.Header, arrived bool, status int, sent, received time.Time) {
	p := rl.peers.count(time.Now()) // outside rl.mu, as in acquire
	rl.mu.Lock()
	b := rl.bucketLocked(key)
	b.inflight--
	if takesSlot(key) {
		rl.slots.answered(header, status)
	}
	if header == nil && arrived && b.known && !b.assumedOpen {
		b.remaining = max(0, b.remaining-1)
	}
	if header != nil {
		if date, err := http.ParseTime(header.Get("Date")); err == nil {
			rl.clock.observe(date, sent, received)
		}
		rl.updateLocked(b, header, status, p)
	}
	close(rl.changed)
	rl.changed = make(chan struct{})
	seq, snapshot, full := rl.snapshotLocked()
	rl.mu.Unlock()
	if full {
		// What the next process must wait out is written before this
		// answer returns.
		rl.store.save(seq, snapshot)
	} else {
		rl.store.saveSoon(seq, snapshot)
	}
}

// unsent releases a request admitted by acquire that was never sent.
func (rl *rateLimiter) unsent(key string) {
	rl.release(key, nil, false, 0, time.Time{}, time.Time{})
}

// snapshotLocked is what the next process should know of the buckets, and
// whether one of them is full:
// each known bucket's count. Terraform starts a new provider process for
// each walk: the next one waits for a full bucket's reset instead of
// probing it into a 429, and does not take what this one spent of the
// window for other clients' (ratelimit_share.go), which would start it
// at a quarter of the bucket.
func (rl *rateLimiter) snapshotLocked() (seq uint64, snapshot map[string]savedBucket, full bool) {
	if rl.store == nil {
		return 0, nil, false
	}
	out := map[string]savedBucket{}
	for key, b := range rl.buckets {
		if b.known && !b.unlimited && !b.assumedOpen {
			full = full || rl.fullLocked(b)
			out[key] = savedBucket{
				Limit: b.limit, Remaining: max(0, b.remaining-b.inflight), Reset: b.resetAt.Unix(),
				OffsetMillis: rl.clock.estimate().Milliseconds(),
			}
		}
	}
	if len(out) == 0 {
		return 0, nil, false
	}
	rl.seq++
	return rl.seq, out, full
}

// fullLocked reports whether the bucket has no room for another request.
func (rl *rateLimiter) fullLocked(b *bucket) bool {
	return b.limit-b.remaining+b.inflight >= rl.usable(b.limit)
}

func (rl *rateLimiter) bucketLocked(key string) *bucket {
	b, ok := rl.buckets[key]
	if !ok {
		b = newBucket()
		rl.buckets[key] = b
	}
	return b
}

func (rl *rateLimiter) usable(limit int) int {
	return max(1, limit*rl.capacity/100)
}

// verdict is what admitLocked decides about one more request.
type verdict int

const (
	admitted verdict = iota
	// heldFor429 waits out a 429's retry time.
	heldFor429
	// heldForWindow waits for the bucket's window to open.
	heldForWindow
	// heldForSlot waits for a request in flight to end: the process has
	// as many in flight as it may (slots).
	heldForSlot
	// heldForNews waits for an answer in flight to tell the bucket's state.
	heldForNews
	// heldForTurn waits for the time in the window of the last request of
	// this client's share (deferLastLocked).
	heldForTurn
	// recount counts the clients present, outside rl.mu, and looks again.
	recount
)

// admitLocked decides whether one more request may go at now, given the
// clients p present (a count that is not fresh is used only for a bucket
// that needs none), and if not, how long to wait before looking again.
func (rl *rateLimiter) admitLocked(b *bucket, slot bool, now time.Time, p presence, fresh bool) (time.Duration, verdict) {
	serverNow := rl.clock.serverTime(now)
	if serverNow.Before(b.blockedUntil) {
		return b.blockedUntil.Sub(serverNow), heldFor429
	}
	if slot && !rl.slots.free() {
		// A request in flight ends within its attempt timeout; its end
		// wakes every waiter. The timer only bounds a lost wake-up.
		return time.Second, heldForSlot
	}
	if b.unlimited {
		return 0, admitted
	}
	if !b.known || b.assumedOpen && b.inflight == 0 && !rl.roomLocked(b, p) {
		// Nothing known of the bucket, or the window we assumed open is
		// used up and no answer in flight can say more (answers without
		// rate-limit headers are no news): one request goes out to learn
		// the bucket's state. A probe counts no one: the runs starting
		// with it mark themselves present before its answer comes.
		if b.inflight == 0 {
			return 0, admitted
		}
		return time.Second, heldForNews
	}
	opensAt := b.resetAt.Add(rl.guard)
	windowEnds := !b.assumedOpen && !serverNow.Before(opensAt)
	// A window assumed open that no answer described ends after a window's
	// length, as the ones Okta described do.
	assumedEnds := b.assumedOpen && !serverNow.Before(opensAt.Add(b.length()))
	if !fresh && (windowEnds || assumedEnds || !rl.fullLocked(b)) {
		return 0, recount
	}
	if windowEnds || assumedEnds {
		rl.endWindowLocked(b, p)
		if assumedEnds {
			for !serverNow.Before(b.resetAt.Add(b.length()).Add(rl.guard)) {
				b.resetAt = b.resetAt.Add(b.length())
			}
		}
		b.assumedOpen = true
		b.remaining = b.limit
	}
	if rl.roomLocked(b, p) {
		if d := rl.deferLastLocked(b, p, serverNow); d > 0 {
			return d, heldForTurn
		}
		return 0, admitted
	}
	if b.assumedOpen {
		// Full as far as we know: an answer in flight will tell us more,
		// or the assumed window ends.
		return min(time.Second, opensAt.Add(b.length()).Sub(serverNow)), heldForNews
	}
	return opensAt.Sub(serverNow), heldForWindow
}

// roomLocked reports whether b has room for one more request of this
// client in the current window.
func (rl *rateLimiter) roomLocked(b *bucket, p presence) bool {
	return !rl.fullLocked(b) && b.window.sent < min(rl.ownLimitLocked(b, p), b.window.slowStartLimit(rl.usable(b.limit)))
}

// concurrentRetry is how long a bucket rests after Okta's
// concurrent-request 429: requests in flight end within moments.
const concurrentRetry = 250 * time.Millisecond

// defaultWindow is the length of Okta's rate-limit windows.
const defaultWindow = time.Minute

// length is the bucket's window length as far as answers showed it.
func (b *bucket) length() time.Duration {
	if b.windowLen > 0 {
		return b.windowLen
	}
	return defaultWindow
}

func (rl *rateLimiter) updateLocked(b *bucket, h http.Header, status int, p presence) {
	limit, okLimit := headerInt(h, "X-Rate-Limit-Limit")
	remaining, okRemaining := headerInt(h, "X-Rate-Limit-Remaining")
	resetUnix, okReset := headerInt(h, "X-Rate-Limit-Reset")
	valid := okLimit && okRemaining && okReset && limit > 0
	serverNow := rl.clock.serverTime(time.Now())
	// No window of Okta's is longer than a minute: a reset further away
	// (a skewed clock, a proxy's header) must not hold requests for longer.
	resetAt := minTime(time.Unix(int64(resetUnix), 0), serverNow.Add(maxTrustedWait))

	if status == http.StatusTooManyRequests {
		// Send nothing more before the 429's reset, and for at least a
		// second, as Okta's SDKs do, so that a reset in the past (clock
		// skew) or missing cannot turn into a burst of 429s. The
		// concurrent-request 429 (limit 0) says nothing of the window: its
		// reset, a minute away, is not a reason to wait; fewer requests in
		// flight (slots) and a short retry are the answer.
		until := serverNow.Add(time.Second)
		if concurrentLimit(h, status) {
			until = serverNow.Add(concurrentRetry)
		}
		if valid && resetAt.After(until) {
			until = resetAt
		}
		b.blockedUntil = until.Add(rl.guard)
	}
	// Counted in the window the answer belongs to, once the switch below
	// has seen whether it opened a new one.
	defer b.window.record(status)
	if !valid {
		// Only a successful answer without rate-limit headers shows an
		// endpoint without a limit; an error page of a proxy does not.
		if !b.known && status >= 200 && status < 300 {
			b.unlimited = true
		}
		return
	}
	b.unlimited = false
	switch {
	case !b.known || resetAt.After(b.resetAt):
		if b.known {
			if d := resetAt.Sub(b.resetAt); d >= time.Second && (b.windowLen == 0 || d < b.windowLen) {
				b.windowLen = d
			}
		}
		if b.known && !b.assumedOpen {
			rl.endWindowLocked(b, p)
		}
		b.known, b.limit, b.remaining, b.resetAt, b.assumedOpen = true, limit, remaining, resetAt, false
	case resetAt.Equal(b.resetAt) && (!b.assumedOpen || status == http.StatusTooManyRequests):
		// Concurrent answers arrive out of order: the lowest count wins. A
		// 429 from a window we assumed over means our clock runs ahead.
		b.limit, b.remaining, b.assumedOpen = limit, min(b.remaining, remaining), false
	}
	if resetAt.Equal(b.resetAt) && status != http.StatusTooManyRequests {
		b.window.observe(limit-remaining, p)
	}
}

// earliestServerTime is the earliest the server's clock can have read at
// local time local.
func (rl *rateLimiter) earliestServerTime(local time.Time) time.Time {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	return local.Add(rl.clock.lowerBound())
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func headerInt(h http.Header, name string) (int, bool) {
	v, err := strconv.ParseInt(strings.TrimSpace(h.Get(name)), 10, 64)
	if err != nil || v < 0 {
		return 0, false
	}
	return int(v), true
}
