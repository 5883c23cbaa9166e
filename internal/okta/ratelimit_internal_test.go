// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"testing/synctest"
	"time"
)

func TestBucketStore_savedStateIsOnlyAHint(t *testing.T) {
	t.Parallel()
	now := time.Now()
	store := newBucketStore(t.TempDir(), "https://acme.okta.com")
	save := func(b savedBucket) {
		data, err := json.Marshal(map[string]savedBucket{"/api/v1/apps": b})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(store.path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	fresh := savedBucket{Limit: 100, Remaining: 0, Reset: now.Add(30 * time.Second).Unix(), SavedAt: now.UnixMilli()}

	save(fresh)
	if got, _ := store.load(now); got["/api/v1/apps"].Limit != 100 {
		t.Fatalf("a fresh state was not loaded: %v", got)
	}
	for name, b := range map[string]savedBucket{
		"reset beyond a window": {Limit: 100, Reset: now.Add(time.Hour).Unix(), SavedAt: now.UnixMilli()},
		"saved long ago":        {Limit: 100, Reset: now.Add(30 * time.Second).Unix(), SavedAt: now.Add(-10 * time.Minute).UnixMilli()},
		"saved in the future":   {Limit: 100, Reset: now.Add(30 * time.Second).Unix(), SavedAt: now.Add(time.Hour).UnixMilli()},
		"window over":           {Limit: 100, Reset: now.Add(-time.Second).Unix(), SavedAt: now.UnixMilli()},
	} {
		save(b)
		if got, _ := store.load(now); len(got) != 0 {
			t.Errorf("%s: loaded %v", name, got)
		}
	}

	// A reset far ahead of our clock is fine when the saver's offset says
	// the org's clock is that far ahead.
	skewed := fresh
	skewed.Reset = now.Add(10*time.Minute + 30*time.Second).Unix()
	skewed.OffsetMillis = (10 * time.Minute).Milliseconds()
	save(skewed)
	got, offset := store.load(now)
	if len(got) != 1 || offset != 10*time.Minute {
		t.Fatalf("a skewed org's state: %v, offset %s", got, offset)
	}
}

// Answers arrive out of order: the newest count may equal one already
// written while an older one waits for the writer goroutine. The older
// must not replace it (a destroy once read "1 left" of a full bucket from
// the file and got a 429).
func TestBucketStore_anOlderSnapshotNeverReplacesANewerOne(t *testing.T) {
	t.Parallel()
	store := newBucketStore(t.TempDir(), "https://acme.okta.com")
	reset := time.Now().Add(30 * time.Second).Unix()
	full := map[string]savedBucket{"/api/v1/apps": {Limit: 6, Remaining: 0, Reset: reset}}
	oneLeft := map[string]savedBucket{"/api/v1/apps": {Limit: 6, Remaining: 1, Reset: reset}}

	store.save(1, full)
	store.save(3, full)
	store.save(2, oneLeft) // the writer goroutine's late write of snapshot 2
	got, _ := store.load(time.Now())
	if r := got["/api/v1/apps"].Remaining; r != 0 {
		t.Fatalf("the file says %d left after the newest snapshot said 0", r)
	}
}

func TestBucketStore_refusesADirectoryOthersCanWrite(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	store := newBucketStore(dir, "https://acme.okta.com")
	store.save(1, map[string]savedBucket{"/api/v1/apps": {Limit: 1, Reset: time.Now().Add(time.Minute).Unix(), SavedAt: time.Now().UnixMilli()}})
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("wrote %d files into a world-writable directory", len(entries))
	}
}

// Every known bucket's count is written down, once for as long as it
// says the same.
func TestSnapshot_savesEveryKnownBucketOnce(t *testing.T) {
	dir := t.TempDir()
	store := newBucketStore(dir, "https://acme.okta.com")
	rl := newRateLimiter(100, 0, store, nil)
	reset := time.Now().Add(time.Minute)
	rl.buckets["/api/v1/apps"] = &bucket{known: true, limit: 10, remaining: 5, resetAt: reset}
	rl.buckets["/api/v1/users"] = &bucket{unlimited: true}
	if _, snap, _ := rl.snapshotLocked(); len(snap) != 1 || snap["/api/v1/apps"].Remaining != 5 {
		t.Fatalf("want the apps bucket with 5 remaining saved, and nothing else: %v", snap)
	}
	rl.buckets["/api/v1/apps"].remaining = 0
	seq, snap, _ := rl.snapshotLocked()
	store.save(seq, snap)
	if got, _ := store.load(time.Now()); got["/api/v1/apps"].Limit != 10 {
		t.Fatalf("the bucket was not saved: %v", got)
	}
	if err := os.Remove(store.path); err != nil {
		t.Fatal(err)
	}
	seq, snap, _ = rl.snapshotLocked()
	store.save(seq, snap)
	if _, err := os.Stat(store.path); !os.IsNotExist(err) {
		t.Fatalf("an unchanged state was written again: %v", err)
	}
}

func TestSnapshot_neverSavesANegativeCount(t *testing.T) {
	t.Parallel()
	rl := newRateLimiter(100, 0, newBucketStore(t.TempDir(), "https://acme.okta.com"), nil)
	rl.buckets["/api/v1/apps"] = &bucket{known: true, limit: 10, remaining: 2, inflight: 5, resetAt: time.Now().Add(time.Minute)}
	_, snap, _ := rl.snapshotLocked()
	if snap["/api/v1/apps"].Remaining != 0 {
		t.Fatalf("saved remaining %d", snap["/api/v1/apps"].Remaining)
	}
}

func TestClockOffset_startsAgainWhenAClockSteps(t *testing.T) {
	t.Parallel()
	var c clockOffset
	local := time.Now()
	c.observe(local.Truncate(time.Second), local, local)
	// Our clock steps 10 s forward; the server's does not.
	later := local.Add(20 * time.Second)
	serverNow := later.Add(-10 * time.Second)
	c.observe(serverNow.Truncate(time.Second), later, later)
	if est := c.estimate(); est > -9*time.Second || est < -11*time.Second {
		t.Fatalf("estimate %s, want about -10s", est)
	}
}

// BenchmarkRelease is the limiter's cost per answer, with room left in the
// bucket and with the bucket full (when the state file may be written):
// run it with go test -run - -bench Release ./internal/okta.
func BenchmarkRelease(b *testing.B) {
	for _, remaining := range []string{"50", "0"} {
		b.Run("remaining="+remaining, func(b *testing.B) {
			rl := newRateLimiter(100, 0, newBucketStore(b.TempDir(), "https://acme.okta.com"), nil)
			h := http.Header{}
			h.Set("X-Rate-Limit-Limit", "100")
			h.Set("X-Rate-Limit-Remaining", remaining)
			h.Set("X-Rate-Limit-Reset", strconv.FormatInt(time.Now().Add(time.Minute).Unix(), 10))
			h.Set("Date", time.Now().UTC().Format(http.TimeFormat))
			for b.Loop() {
				rl.bucketLocked("/api/v1/apps").inflight++
				rl.release("/api/v1/apps", h, true, http.StatusOK, time.Now(), time.Now())
			}
		})
	}
	// As answers come: each says one less remains.
	b.Run("remaining=falling", func(b *testing.B) {
		rl := newRateLimiter(100, 0, newBucketStore(b.TempDir(), "https://acme.okta.com"), nil)
		b.Cleanup(rl.store.wait)
		h := http.Header{}
		h.Set("X-Rate-Limit-Limit", "1000000000")
		h.Set("X-Rate-Limit-Reset", strconv.FormatInt(time.Now().Add(time.Minute).Unix(), 10))
		h.Set("Date", time.Now().UTC().Format(http.TimeFormat))
		remaining := 1000000000
		for b.Loop() {
			remaining--
			h.Set("X-Rate-Limit-Remaining", strconv.Itoa(remaining))
			rl.bucketLocked("/api/v1/apps").inflight++
			rl.release("/api/v1/apps", h, true, http.StatusOK, time.Now(), time.Now())
		}
	})
}

// State files not written for a day and presence files not marked for a
// minute are deleted when a client starts; recent ones, presence marked
// into the future (a client waiting for a window) and other files stay.
func TestBucketStore_prunesStaleStateFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, age time.Duration) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("{}"), 0o600); err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(-age)
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stale := write("ratelimit-aaaa.json", 25*time.Hour)
	fresh := write("ratelimit-bbbb.json", time.Hour)
	other := write("notes.json", 48*time.Hour)
	ended := write("presence-cccc-0123456789ab", 2*time.Minute)
	present := write("presence-cccc-ba9876543210", 30*time.Second)
	waiting := write("presence-dddd-0123456789ab", -time.Hour)
	newBucketStore(dir, "https://acme.okta.com")
	for path, want := range map[string]bool{stale: false, fresh: true, other: true, ended: false, present: true, waiting: true} {
		if _, err := os.Stat(path); (err == nil) != want {
			t.Errorf("%s exists: %v, want %v", filepath.Base(path), err == nil, want)
		}
	}
}

// lone is the presence of a client alone on its machine.
var lone = presence{n: 1}

// endWindows ends n windows of b in which this client sent its whole
// share, each answered, and others spent othersSpent of the bucket.
func endWindows(rl *rateLimiter, b *bucket, n, othersSpent int) {
	for range n {
		own := rl.ownLimitLocked(b, lone)
		b.window.sent, b.window.answered = own, own
		b.remaining = max(0, b.limit-own-othersSpent)
		rl.endWindowLocked(b, lone)
	}
}

// limiterAfterA429 is a lone client's limiter of a bucket of 100 whose
// window ended in a 429 after it sent sent requests and answered were
// answered.
func limiterAfterA429(sent, answered int) (*rateLimiter, *bucket) {
	rl := newRateLimiter(100, 0, nil, nil)
	b := rl.bucketLocked("/api/v1/apps")
	b.known, b.limit = true, 100
	b.window.sent, b.window.answered, b.window.tooMany = sent, answered, true
	rl.endWindowLocked(b, lone)
	return rl, b
}

func TestShare_aLoneClientRecoversFromA429(t *testing.T) {
	t.Parallel()
	// Someone else spent the bucket once: this client got 20 of it.
	rl, b := limiterAfterA429(60, 20)
	if b.window.share != 0.2 {
		t.Fatalf("after a 429 with 20 of 100 answered the share is %.2f, want 0.20", b.window.share)
	}
	endWindows(rl, b, 6, 0)
	if b.window.share != 1 {
		t.Fatalf("6 windows alone after a 429: share %.2f, want the whole bucket back", b.window.share)
	}
}

// Beside a client that spends the rest of the bucket, the share does not
// grow into a 429; once the other has gone, it takes the bucket back.
func TestShare_growsOnlyIntoRoomTheOthersLeave(t *testing.T) {
	t.Parallel()
	rl, b := limiterAfterA429(100, 50)
	endWindows(rl, b, 6, 50)
	if got := rl.ownLimitLocked(b, lone); got != 50 {
		t.Fatalf("6 windows beside a client spending the other half: %d requests per window, want 50", got)
	}
	endWindows(rl, b, 2, 0)
	if got := rl.ownLimitLocked(b, lone); got != 100 {
		t.Fatalf("2 windows alone: %d requests per window, want the whole bucket back", got)
	}
}

// An answer shows only the requests that arrived before it: in a window
// whose requests all go when it opens, a client whose requests came first
// sees the others spend nothing. Beside a client that spends the other
// half, seen only every other window, the share does not grow into the
// half that is not there, and the client does not take itself for alone.
func TestShare_aWindowThatShowedTheOthersLateIsNotRoom(t *testing.T) {
	t.Parallel()
	rl, b := limiterAfterA429(100, 50)
	for i := range 20 {
		endWindows(rl, b, 1, 50*(i%2))
	}
	if got := rl.ownLimitLocked(b, lone); got != 50 {
		t.Fatalf("20 windows beside a client spending the other half, seen every other window: %d requests per window, want 50", got)
	}
}

// The window that ends the learning sets the share to what the client got
// of what the bucket spent in it: a fair start beside clients that began
// with it, whatever its answers' order showed of them along the way.
func TestShare_theFirstWindowSetsTheShareToWhatTheClientGot(t *testing.T) {
	t.Parallel()
	rl := newRateLimiter(100, 0, nil, nil)
	b := rl.bucketLocked("/api/v1/apps")
	b.known, b.limit = true, 100
	b.window.share = 0.1 // an early answer showed many others
	b.window.sent, b.window.answered, b.remaining = 25, 25, 0
	rl.endWindowLocked(b, lone)
	if got := rl.ownLimitLocked(b, lone); got != 25 {
		t.Fatalf("after getting 25 of the 100 spent in its first window: %d requests per window, want 25", got)
	}
	if b.window.learning {
		t.Fatal("still learning after a window with answers")
	}
}

// Until its first window with answers has ended, a client sends one
// request into a small bucket before any answer, and one more per answer:
// runs starting at once on different machines each put one request into
// a bucket of 10 before they see each other. Into a big bucket it sends
// 2% of it, so that a lone run is not held to one request per round trip.
func TestShare_theSlowStartSendsOneRequestPerAnswer(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ limit, answered, want int }{
		{10, 0, 1}, {10, 3, 4}, {500, 0, 10}, {500, 5, 15},
	} {
		rl := newRateLimiter(100, 0, nil, nil)
		b := rl.bucketLocked("/api/v1/apps")
		b.known, b.limit, b.remaining, b.resetAt = true, c.limit, c.limit, time.Now().Add(time.Minute)
		b.window.answered = c.answered
		sent := 0
		for ; rl.roomLocked(b, lone); sent++ {
			b.window.sent++
		}
		if sent != c.want {
			t.Errorf("bucket of %d, %d answers: a learning client sent %d, want %d", c.limit, c.answered, sent, c.want)
		}
	}
}

// A client that shares the bucket sends its share but the last request
// when the window opens, and the last one later in the window, when the
// others' requests have arrived: its answer then shows what they spent.
// Alone, or with its share not reached, it does not wait.
func TestShare_theLastRequestOfASharedWindowGoesLater(t *testing.T) {
	t.Parallel()
	now := time.Now()
	rl := newRateLimiter(100, 0, nil, nil)
	b := rl.bucketLocked("/api/v1/apps")
	b.known, b.limit, b.remaining = true, 100, 100
	b.windowLen = time.Minute
	b.resetAt = now.Add(55 * time.Second) // the window opened 5 s ago
	b.window = windowShare{share: 0.5, lastAt: 0.3}
	admit := func(sent int) (time.Duration, verdict) {
		b.window.sent = sent
		return rl.admitLocked(b, false, now, lone, true)
	}
	if d, v := admit(48); v != admitted {
		t.Fatalf("the 49th request of a share of 50: held %v (%v), want it sent at once", d, waitReason(v))
	}
	d, v := admit(49)
	if v != heldForTurn || d < 12*time.Second || d > 14*time.Second {
		t.Fatalf("the last request of a share of 50, 5 s into the window: held %v (%v), want about 13 s for its turn", d, waitReason(v))
	}
	b.window.share = 1
	if d, v := admit(99); v != admitted {
		t.Fatalf("the last request of a client alone: held %v (%v), want it sent at once", d, waitReason(v))
	}
}

// A client that stops sending gives its share back within 1.5 s (a
// Terraform walk that ended, a run waiting on something else): then the
// other's own limit is the whole usable bucket. Until the next refresh of
// its file is due it is still there.
func TestShare_aQuietClientGivesItsShareBackWithinPresenceTTL(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		const givesBack = 1500 * time.Millisecond
		dir := t.TempDir()
		own, quiet := newPeers(dir, "org"), newPeers(dir, "org")
		rl := newRateLimiter(100, 0, nil, own)
		b := rl.bucketLocked("/api/v1/apps")
		b.known, b.limit = true, 100
		quiet.mark(time.Now())
		limitAfter := func(d time.Duration) int {
			time.Sleep(d)
			own.mark(time.Now()) // this one keeps sending
			return rl.ownLimitLocked(b, own.count(time.Now()))
		}
		if got := limitAfter(0); got != 50 {
			t.Fatalf("beside another client: own limit %d, want 50", got)
		}
		if got := limitAfter(presenceRefresh); got != 50 {
			t.Fatalf("%v after the other's last request: own limit %d, want 50 still", presenceRefresh, got)
		}
		if got := limitAfter(givesBack - presenceRefresh); got != 100 {
			t.Fatalf("%v after the other's last request: own limit %d, want the whole bucket, 100", givesBack, got)
		}
	})
}

// BenchmarkAdmit is the limiter's cost per request with clients of the
// org present on this machine (presence files in the state dir).
func BenchmarkAdmit(b *testing.B) {
	rl := limiterAmongPeers(b)
	b.ResetTimer()
	for range b.N {
		if _, err := rl.acquire(context.Background(), "/api/v1/apps"); err != nil {
			b.Fatal(err)
		}
		rl.unsent("/api/v1/apps")
	}
}

// BenchmarkAdmitParallel is BenchmarkAdmit with concurrent requests (run
// with -cpu 1,2): what they wait for each other.
func BenchmarkAdmitParallel(b *testing.B) {
	rl := limiterAmongPeers(b)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := rl.acquire(context.Background(), "/api/v1/apps"); err != nil {
				b.Error(err)
				return
			}
			rl.unsent("/api/v1/apps")
		}
	})
}

// limiterAmongPeers is a limiter of a bucket with room to spare (a
// billion a window: -benchtime 2s must not fill it), beside
// three other runs of the org.
func limiterAmongPeers(b *testing.B) *rateLimiter {
	dir := b.TempDir()
	for range 3 {
		newPeers(dir, "org").mark(time.Now().Add(time.Hour))
	}
	rl := newRateLimiter(100, 0, nil, newPeers(dir, "org"))
	h := http.Header{}
	h.Set("X-Rate-Limit-Limit", "1000000000")
	h.Set("X-Rate-Limit-Remaining", "999999999")
	h.Set("X-Rate-Limit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
	rl.release("/api/v1/apps", h, true, 200, time.Now(), time.Now())
	// Past its first window: a learning client sends one request more per
	// answer, and acquire-unsent pairs bring none (before the slow start
	// took 2% of a bucket, the benchmark stopped at its third request,
	// held for the window's reset an hour away).
	rl.buckets["/api/v1/apps"].window.learning = false
	return rl
}

// firstAnswersShare is the share a new client takes after its first two
// answers of a window of 50 whose count says spentBefore were spent before
// its requests, with the state file (if any) the previous process left.
func firstAnswersShare(t *testing.T, store *bucketStore, spentBefore int) float64 {
	t.Helper()
	rl := newRateLimiter(100, 0, store, nil)
	b := rl.bucketLocked("/api/v1/apps/{id}/grants")
	b.known, b.limit = true, 50
	for i := 1; i <= 2; i++ {
		b.window.sent = i
		b.window.observe(spentBefore+i, lone)
	}
	return b.window.share
}

// Terraform starts a new provider process for the apply walk right after
// the plan walk's: the requests the state file says the plan walk spent
// of the window are not other clients', and the new process takes the
// whole bucket. Without the file it cannot tell, and starts cautiously.
func TestShare_thePreviousProcessIsNotAnotherClient(t *testing.T) {
	t.Parallel()
	store := newBucketStore(t.TempDir(), "https://example.okta.com")
	reset := time.Now().Add(3 * time.Second).Unix()
	store.save(1, map[string]savedBucket{"/api/v1/apps/{id}/grants": {Limit: 50, Remaining: 30, Reset: reset}})
	if got := firstAnswersShare(t, store, 20); got != 1 {
		t.Errorf("after the previous process spent 20 of 50: share %.2f, want 1", got)
	}
	if got := firstAnswersShare(t, nil, 20); got >= 1 {
		t.Errorf("20 of 50 spent by no one it knows of: share %.2f, want a cautious start below 1", got)
	}
}
