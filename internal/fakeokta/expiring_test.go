// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"testing"
	"time"
)

// BenchmarkCheckProof is the cost of one DPoP proof with the replay cache
// full of fresh proofs, as under load: it must not grow with the cache.
func BenchmarkCheckProof(b *testing.B) {
	for _, cached := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("cached=%d", cached), func(b *testing.B) {
			o := NewOrg()
			o.setURL("http://127.0.0.1:1")
			now := o.now()
			for i := range cached {
				o.oauth.proofs.add(fmt.Sprint("old", i), now.Add(proofMaxAge), now)
			}
			key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			jwk, _ := PublicJWK(key, "")
			target := o.URL() + "/oauth2/v1/token"
			proofs := make([]string, b.N)
			for i := range proofs {
				proofs[i] = signES256(b, key, map[string]any{"typ": "dpop+jwt", "jwk": jwk}, map[string]any{
					"htm": "POST", "htu": target, "iat": time.Now().Unix(), "jti": fmt.Sprint("new", i),
				})
			}
			b.ResetTimer()
			for i := range b.N {
				if _, _, err := o.checkProof(proofs[i], "POST", target, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestReplayCachesForgetWhatExpired: the used assertions, the seen proofs
// and the nonces handed out are dropped once they expire, not kept for
// the life of the org.
func TestReplayCachesForgetWhatExpired(t *testing.T) {
	f := newOAuthFixture(t, true)
	getToken := func() {
		t.Helper()
		tokenURL := f.srv.URL + "/oauth2/v1/token"
		resp, _ := f.tokenRequest(f.proof("POST", tokenURL, "", ""))
		nonce := resp.Header.Get("DPoP-Nonce")
		if resp, body := f.tokenRequest(f.proof("POST", tokenURL, "", nonce)); resp.StatusCode != 200 {
			t.Fatalf("token: %d %v", resp.StatusCode, body)
		}
	}
	getToken()
	f.srv.SetClockSkew(nonceLifetime + time.Minute)
	getToken()
	o := f.srv.oauth
	o.mu.Lock()
	defer o.mu.Unlock()
	if a, p, n := o.assertions.len(), o.proofs.len(), o.nonces.len(); a != 1 || p != 2 || n != 1 {
		t.Errorf("after the first token expired: %d assertions, %d proofs, %d nonces remembered, want 1, 2, 1", a, p, n)
	}
}

// TestExpiringSetPrunesAtMostOncePerInterval: adding to a set walks it
// only every pruneEvery, so that a busy org's requests cost the same as
// an idle one's.
func TestExpiringSetPrunesAtMostOncePerInterval(t *testing.T) {
	s := newExpiringSet()
	t0 := time.Unix(1_000_000, 0)
	s.add("old", t0.Add(time.Second), t0)
	s.add("new", t0.Add(time.Hour), t0.Add(2*time.Second))
	if s.len() != 2 || s.holds("old", t0.Add(2*time.Second)) || !s.holds("new", t0.Add(2*time.Second)) {
		t.Fatalf("within the interval: %v, want old kept but expired, new held", s.until)
	}
	s.add("newer", t0.Add(time.Hour), t0.Add(pruneEvery))
	if _, kept := s.until["old"]; kept || s.len() != 2 {
		t.Errorf("an interval on: %v, want old dropped", s.until)
	}
}
