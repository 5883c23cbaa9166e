// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// bucketStore keeps the last known state of an org's rate-limit buckets in
// a file, for the next process. Terraform starts a new provider process
// for every walk (the refresh, then the apply of one `terraform destroy`)
// and for every command of a CI job: without the file, each would learn
// the bucket's state from a request the previous one may have left no room
// for, and get a 429. The file holds counts and times, nothing secret.
type bucketStore struct {
	path string

	mu      sync.Mutex
	written uint64
	last    map[string]savedBucket
	// pending is the newest snapshot saveSoon was given (pendingSeq its
	// number), which the writer goroutine, while writing, writes next.
	pending    map[string]savedBucket
	pendingSeq uint64
	writing    bool
	writers    sync.WaitGroup
}

type savedBucket struct {
	Limit     int   `json:"limit"`
	Remaining int   `json:"remaining"`
	Reset     int64 `json:"reset"`
	// SavedAt is when it was saved, on the saving process's clock, and
	// OffsetMillis how far that process found the server's clock ahead.
	SavedAt      int64 `json:"saved_at_ms"`
	OffsetMillis int64 `json:"offset_ms"`
}

// maxTrustedWait bounds what a saved state can make a process wait: Okta's
// windows are a minute long. A file from a skewed clock, a stale one or a
// planted one cannot hold requests back for longer.
const maxTrustedWait = 65 * time.Second

// newBucketStore returns the store of an org in dir, or nil when dir is
// empty.
func newBucketStore(dir, orgURL string) *bucketStore {
	if dir == "" {
		return nil
	}
	pruneStateFiles(dir, time.Now())
	return &bucketStore{path: filepath.Join(dir, "ratelimit-"+orgHash(orgURL)+".json")}
}

// orgHash names an org's files in the state dir.
func orgHash(orgURL string) string {
	sum := sha256.Sum256([]byte(orgURL))
	return hex.EncodeToString(sum[:12])
}

// staleStateFile is the age after which a state file is deleted: its
// windows ended long ago, and one file per org ever used (or per fake org
// port of a test run) would pile up.
const staleStateFile = 24 * time.Hour

// stalePresenceFile is the age after which a presence file
// (ratelimit_share.go) is deleted: its client has ended. The clients of
// its org delete it too, but an org no longer used has none.
const stalePresenceFile = time.Minute

// pruneStateFiles deletes the state files in dir not written for a day,
// and the presence files of clients that ended.
func pruneStateFiles(dir string, now time.Time) {
	if !privateDir(dir) {
		return
	}
	pruneFiles(filepath.Join(dir, "ratelimit-*.json"), now.Add(-staleStateFile))
	pruneFiles(filepath.Join(dir, "presence-*"), now.Add(-stalePresenceFile))
}

// pruneFiles deletes the regular files matching pattern last modified
// before cutoff.
func pruneFiles(pattern string, cutoff time.Time) {
	files, _ := filepath.Glob(pattern)
	for _, f := range files {
		if fi, err := os.Lstat(f); err == nil && fi.Mode().IsRegular() && fi.ModTime().Before(cutoff) {
			_ = os.Remove(f)
		}
	}
}

// load returns the saved buckets whose window has not ended at now, and
// the clock offset the saving process knew. Saved state is a hint: an
// entry saved long ago, or whose reset is further away than a window, is
// ignored.
func (s *bucketStore) load(now time.Time) (map[string]savedBucket, time.Duration) {
	if s == nil || !privateDir(filepath.Dir(s.path)) {
		return nil, 0
	}
	b, err := os.ReadFile(s.path)
	if err != nil {
		return nil, 0
	}
	var saved map[string]savedBucket
	if json.Unmarshal(b, &saved) != nil {
		return nil, 0
	}
	var offset time.Duration
	var newest int64
	for k, v := range saved {
		savedAt := time.UnixMilli(v.SavedAt)
		off := time.Duration(v.OffsetMillis) * time.Millisecond
		serverNow := now.Add(off)
		reset := time.Unix(v.Reset, 0)
		if v.Limit <= 0 || v.Remaining < 0 || savedAt.After(now) || now.Sub(savedAt) > maxTrustedWait ||
			!reset.After(serverNow) || reset.Sub(serverNow) > maxTrustedWait {
			delete(saved, k)
			continue
		}
		if v.SavedAt > newest {
			newest, offset = v.SavedAt, off
		}
	}
	return saved, offset
}

// privateDir reports whether dir is a directory only its owner can write
// to, so that no other user can plant a state file in it.
func privateDir(dir string) bool {
	fi, err := os.Lstat(dir)
	return err == nil && fi.IsDir() && fi.Mode().Perm()&0o022 == 0
}

// saveSoon has snapshot number seq written by a goroutine, coalescing the
// snapshots that come while one is written: a bucket's count changes with
// every answer, and a write costs about as much as the rest of an
// answer's handling a hundred times over. The process lives on for at
// least as long as Terraform takes to end the walk after its last answer.
func (s *bucketStore) saveSoon(seq uint64, snapshot map[string]savedBucket) {
	if s == nil || snapshot == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq <= s.pendingSeq || seq <= s.written {
		return
	}
	s.pending, s.pendingSeq = snapshot, seq
	if !s.writing {
		s.writing = true
		s.writers.Go(s.writePending)
	}
}

// wait returns once the snapshots given to saveSoon are written.
func (s *bucketStore) wait() {
	if s != nil {
		s.writers.Wait()
	}
}

func (s *bucketStore) writePending() {
	for {
		s.mu.Lock()
		snapshot, seq := s.pending, s.pendingSeq
		s.pending = nil
		if snapshot == nil {
			s.writing = false
			s.mu.Unlock()
			return
		}
		s.writeLocked(seq, snapshot)
		s.mu.Unlock()
	}
}

// save writes snapshot number seq now, unless a later one was written or
// it says what the file already says. Errors are ignored: the file only
// spares requests, it is not needed.
func (s *bucketStore) save(seq uint64, snapshot map[string]savedBucket) {
	if s == nil || snapshot == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writeLocked(seq, snapshot)
}

func (s *bucketStore) writeLocked(seq uint64, snapshot map[string]savedBucket) {
	if seq <= s.written {
		return
	}
	if maps.Equal(snapshot, s.last) {
		// The file says it already; a snapshot older than this one, still
		// pending for the writer, must not replace it.
		s.written = seq
		return
	}
	now := time.Now().UnixMilli()
	stamped := make(map[string]savedBucket, len(snapshot))
	for k, v := range snapshot {
		v.SavedAt = now
		stamped[k] = v
	}
	b, err := json.Marshal(stamped)
	if err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil || !privateDir(filepath.Dir(s.path)) {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), ".ratelimit-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), s.path) != nil {
		_ = os.Remove(tmp.Name())
		return
	}
	s.written, s.last = seq, snapshot
}
