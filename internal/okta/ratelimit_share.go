// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"crypto/rand"
	"encoding/hex"
	"math"
	mathrand "math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Fairness between clients of one org. Okta's buckets are per org: two
// Terraform runs against one org, each pacing itself from the shared
// X-Rate-Limit-Remaining, both see a new window open with the whole bucket
// left and both spend it, and half of what they send is a 429. Each client
// therefore spends, per window, no more than its share of the usable
// bucket, on top of the global check against what Okta says remains:
//
//   - Runs on one machine find each other: every client keeps a presence
//     file beside the org's state file while it sends requests, and takes
//     1/N of the bucket for the N clients present. No lock is needed: each
//     writes only its own file, and the others only count them.
//   - Runs on different machines see only the 429s: additive increase,
//     multiplicative decrease (AIMD, as TCP shares a link among senders
//     that cannot see each other). A 429 halves the client's share (at
//     most once per window, down to a tenth), each window without one gives
//     back a tenth. Clients that start unequal converge to equal shares, and
//     the sum of the shares hovers just under the bucket: a few 429s every
//     several windows instead of one per request over the limit.

const (
	// presenceTTL is how long after its last request a client still counts
	// as present: a Terraform walk that stopped sending gives its share back
	// within it.
	presenceTTL = 1500 * time.Millisecond
	// presenceRecount is how long a count of the clients present is used.
	presenceRecount = 100 * time.Millisecond
	// presenceRefresh is how often a sending client renews its file.
	presenceRefresh = 300 * time.Millisecond
	// minShare is the least a client takes after a 429: a client must
	// keep sending to learn that the others have gone.
	minShare = 0.1
)

// peers is the presence of the clients of one org on this machine. A
// client's file's modification time is when it was last seen sending, or,
// while it waits for a window to open, when it will send again: a client
// held back for a whole window is still there when the window opens.
type peers struct {
	dir, prefix, own string

	mu        sync.Mutex
	marked    time.Time // the time last written to the file
	ownExists bool
	// counted is when n and rank were counted; they are reused for
	// presenceRecount.
	counted time.Time
	n, rank int
}

// newPeers returns the presence files of an org in dir, or nil when there
// is no state dir (then a client counts only itself).
func newPeers(dir, orgHash string) *peers {
	if dir == "" {
		return nil
	}
	id := make([]byte, 6)
	_, _ = rand.Read(id)
	prefix := "presence-" + orgHash + "-"
	return &peers{dir: dir, prefix: prefix, own: filepath.Join(dir, prefix+hex.EncodeToString(id))}
}

// mark marks this client present until at least until.
func (p *peers) mark(until time.Time) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if until.Sub(p.marked) < presenceRefresh {
		return
	}
	if !p.ownExists {
		if os.MkdirAll(p.dir, 0o700) != nil || !privateDir(p.dir) {
			return
		}
		f, err := os.OpenFile(p.own, os.O_CREATE|os.O_WRONLY, 0o600)
		if err != nil {
			return
		}
		_ = f.Close()
		p.ownExists = true
	}
	if os.Chtimes(p.own, until, until) == nil {
		p.marked = until
	}
}

// presence is how many clients of the org are present, this one
// included, and this client's rank among them (0 for a lone client).
type presence struct{ n, rank int }

// count returns the clients of the org present at now. The count is a
// directory read, redone after presenceRecount: every request and every
// waiter's wake-up asks, and a run that starts or ends changes the others'
// share within a tenth of a second.
func (p *peers) count(now time.Time) presence {
	if p == nil {
		return presence{n: 1}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.freshLocked(now) {
		p.n, p.rank = p.countLocked(now)
		p.counted = now
	}
	return presence{n: p.n, rank: p.rank}
}

// lastCount returns the last count of the clients present, and whether it
// is fresh at now, without reading the directory.
func (p *peers) lastCount(now time.Time) (presence, bool) {
	if p == nil {
		return presence{n: 1}, true
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return presence{n: max(1, p.n), rank: p.rank}, p.freshLocked(now)
}

func (p *peers) freshLocked(now time.Time) bool {
	d := now.Sub(p.counted)
	return d >= 0 && d < presenceRecount
}

func (p *peers) countLocked(now time.Time) (n, rank int) {
	entries, err := os.ReadDir(p.dir)
	if err != nil {
		return 1, 0
	}
	own := filepath.Base(p.own)
	for _, e := range entries { // sorted by name: every client ranks alike
		if !strings.HasPrefix(e.Name(), p.prefix) {
			continue
		}
		if e.Name() == own {
			rank = n
			n++
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		switch age := now.Sub(fi.ModTime()); {
		case age < presenceTTL:
			n++
		case age > time.Minute:
			_ = os.Remove(filepath.Join(p.dir, e.Name())) // a client that ended
		}
	}
	return max(1, n), rank
}

// windowShare is a client's part of a bucket, learned window by window.
type windowShare struct {
	// share is the fraction of the usable bucket this client takes (before
	// dividing it among the clients on this machine).
	share float64
	// sent, answered and tooMany are this client's requests in the current
	// window, its answers other than 429, and whether one was a 429.
	sent, answered int
	tooMany        bool
	// learning is set until a window in which the client got answers has
	// ended, which measured how fast the bucket is spent beside its own
	// requests: until then it starts slowly (slowStartLimit) instead of
	// spending the whole bucket at once, which runs on other machines
	// starting with it would spend too.
	learning bool
	// baseSpent and baseSent are the bucket's spent count and this
	// client's sends at its first answer of the window.
	baseSpent, baseSent int
	based               bool
	// preSpent is what the bucket had spent of the window when this client
	// started, as the state file left by the previous process on this
	// machine says: that process's requests, not other clients'.
	preSpent int
	// crowd is how many machines' worth of clients the client last saw
	// spending the bucket: measured while learning, raised by any window
	// that shows more, lowered when the others are seen spending less.
	crowd float64
	// others is what the others were seen spending in the last windows in
	// which this client sent its whole share, oldest first: the bucket's
	// count at this client's last answer, beyond this machine's requests.
	others []int
	// lastAt is how far into the window, as a fraction of it, this
	// client's last request of a shared window goes (deferLastLocked).
	lastAt float64
}

// slowStartBurst is how many requests a learning client sends into a
// window of a bucket of usable requests before any answer; each answer
// allows one more. One request for the small buckets, where two clients'
// second requests are already a fair part of it; 2% of a big one, so that
// a lone client spends its first window at more than one request per
// round trip.
func slowStartBurst(usable int) int { return max(1, usable/50) }

// slowStartLimit is what a learning client may send in the window of a
// bucket of usable requests so far: one request more per answer, so that
// the answers, which show what the others spent meanwhile, keep up with
// what it sends.
func (w *windowShare) slowStartLimit(usable int) int {
	if !w.learning {
		return math.MaxInt
	}
	return slowStartBurst(usable) + w.answered
}

// observe learns from an answer of the current window, while learning,
// how many clients spend the bucket: what the bucket spent for each
// request of this client's so far, and, from its first answer on, how much
// faster the count falls than this client sends. The machine's share (its
// p.n clients of the n seen) follows, before any 429.
func (w *windowShare) observe(spent int, p presence) {
	if !w.learning {
		return
	}
	// What the bucket spent per request of this client's, the previous
	// process on this machine's requests (the state file's count) left
	// out. What was spent before this client's first request may be
	// another run that has ended: it is trusted down to a quarter of the
	// bucket only (firstAnswerFloor).
	all := float64(max(0, spent-w.preSpent)) / float64(max(1, w.sent))
	if !w.based {
		w.based, w.baseSpent, w.baseSent = true, spent, w.sent
	}
	dSent := w.sent - w.baseSent
	if dSent < 1 {
		w.cut(all, p, firstAnswerFloor)
		return
	}
	// What the others spent since this client's first answer, per request
	// of its own, is how many spend the bucket now: the share follows it up
	// as well as down, up to what the whole count allows.
	n := float64(spent-w.baseSpent) / float64(dSent)
	w.crowd = n / float64(p.n)
	w.share = max(minShare, min(1, float64(p.n)/max(1, n), max(firstAnswerFloor, float64(p.n)/max(1, all))))
}

// firstAnswerFloor is the least share a client's first answer can leave it.
const firstAnswerFloor = 0.25

// cut lowers the share to this machine's part of the n clients seen
// spending the bucket, no lower than floor.
func (w *windowShare) cut(n float64, p presence, floor float64) {
	w.crowd = max(w.crowd, n/float64(p.n))
	if n > 1 {
		w.share = min(w.share, max(floor, float64(p.n)/n))
	}
}

func (w *windowShare) record(status int) {
	switch status {
	case http.StatusTooManyRequests:
		w.tooMany = true
	case 0:
	default:
		w.answered++
	}
}

// othersWindows is how many windows the others' spending is remembered
// for. One answer shows only what arrived before it: a client whose
// requests came first in a window sees less than the others spent. The
// most seen in two windows is much closer to what they spend.
const othersWindows = 2

// saw records what the others were seen spending in the window that
// ended.
func (w *windowShare) saw(others int) {
	w.others = append(w.others, others)
	if len(w.others) > othersWindows {
		w.others = w.others[1:]
	}
}

// othersSpend is the most the others were seen spending in a window of
// the last othersWindows, and whether that many windows were seen.
func (w *windowShare) othersSpend() (int, bool) {
	if len(w.others) == 0 {
		return 0, false
	}
	return slices.Max(w.others), len(w.others) == othersWindows
}

// endWindowLocked learns from the window that ended what share of b to
// take in the next one, from what Okta's answers said (b still holds the
// last count of the window):
//
//   - The window that ends the learning raises the share to this
//     machine's part of what the bucket spent in it, where the answers'
//     estimates (observe) left it lower.
//   - A 429 means the clients together asked for more than the bucket: take
//     what this machine actually got (answers), the share Okta gave it.
//   - A window in which this client was held back by its share grows the
//     share into the room the others left (the most they were seen
//     spending in the last two windows): by the room divided among them
//     when they spend less than before (some have gone), else by one
//     request, by one client in 2 x crowd, so that clients that cannot see
//     each other fill the bucket together without overshooting it. Two
//     windows with nothing spent but ours double it.
func (rl *rateLimiter) endWindowLocked(b *bucket, p presence) {
	w := &b.window
	usable := float64(rl.usable(b.limit))
	// The share is this machine's: its clients split it evenly, so what
	// they got together is about this client's answers times their count.
	machine := w.answered * p.n
	switch {
	case w.tooMany:
		w.share = max(minShare, min(1, float64(machine)/usable))
		w.saw(max(0, b.limit-machine))
	case w.learning && machine > 0:
		// The whole window's count, less what the previous process on this
		// machine spent: what this machine got of it is a fair start, where
		// an answer that came before the others' requests showed fewer or
		// more clients. It only raises the share: this machine's part is
		// counted roughly (answers x clients present).
		spent := max(machine, b.limit-b.remaining-w.preSpent)
		w.saw(spent - machine)
		w.share = max(minShare, min(1, max(float64(machine)/float64(spent), w.share)))
		w.crowd = float64(spent) / float64(machine)
	case w.sent >= rl.ownLimitLocked(b, p):
		w.saw(max(0, b.limit-b.remaining-machine))
		rl.growLocked(b, machine, usable)
	}
	w.lastAt = lastAtMin + (lastAtMax-lastAtMin)*mathrand.Float64() //nolint:gosec // jitter, not a secret
	w.sent, w.answered, w.tooMany = b.inflight, 0, false
	// A window with answers ends the learning.
	w.learning = w.learning && machine == 0
	w.based = false
	w.preSpent = 0
}

// growLocked grows the share of a client held back by it into the room
// the others left in the last windows (endWindowLocked).
func (rl *rateLimiter) growLocked(b *bucket, machine int, usable float64) {
	w := &b.window
	others, full := w.othersSpend()
	if full && others == 0 {
		w.share = min(1, w.share*2)
		return
	}
	room := usable - float64(others+machine)
	seen := float64(others+machine) / float64(max(1, machine))
	if full && seen < w.crowd-0.5 {
		// Fewer clients spend the bucket than did: some have gone. Take
		// the room they left, each of those still here its part.
		w.crowd = seen
		w.share = min(1, w.share+math.Floor(max(0, room)/seen)/usable)
		return
	}
	w.crowd = max(seen, w.crowd)
	if room >= 1 && mathrand.Float64() < 1/(2*w.crowd) { //nolint:gosec // jitter, not a secret
		// One request more, by one client in 2 x crowd: all growing at
		// once would overshoot into 429s.
		w.share = min(1, w.share+1/usable)
	}
}

// lastAtMin and lastAtMax bound how far into a shared window a client's
// last request of it goes. Clients held back for a window all send when it
// opens, in an order nobody controls; the last request, sent once the
// others' have arrived, comes back with a count that shows what they
// spent, instead of a count taken before their requests. Jittered, so that
// the clients' last requests are not one burst again. It costs time only
// in a run's last window: elsewhere the request would wait for its share
// of the next window anyway.
const lastAtMin, lastAtMax = 0.15, 0.45

// deferLastLocked is how long this client's last request of a window of
// b waits, at serverNow, when it shares the bucket with clients on other
// machines (see lastAtMin); clients on this machine share through their
// presence files instead, and keep the whole share.
func (rl *rateLimiter) deferLastLocked(b *bucket, p presence, serverNow time.Time) time.Duration {
	w := &b.window
	if w.share >= 1 || w.learning {
		return 0
	}
	own := rl.ownLimitLocked(b, p)
	if own < 2 || w.sent != own-1 {
		return 0
	}
	start := b.resetAt // a window assumed open began at the last reset
	if !b.assumedOpen {
		start = b.resetAt.Add(-b.length())
	}
	return max(0, start.Add(time.Duration(w.lastAt*float64(b.length()))).Sub(serverNow))
}

// ownLimitLocked is how many requests this client may send in a window of
// b: its share of the usable bucket, divided among the clients p present
// on this machine. What does not divide evenly goes to the first by rank,
// so that together they use the whole share.
func (rl *rateLimiter) ownLimitLocked(b *bucket, p presence) int {
	total := int(float64(rl.usable(b.limit)) * b.window.share)
	limit := total / p.n
	if p.rank < total%p.n {
		limit++
	}
	return max(1, limit)
}
