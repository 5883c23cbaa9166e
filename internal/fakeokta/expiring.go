// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import "time"

// pruneEvery is how often an expiringSet drops what expired: a walk of
// the whole set on every request would cost more the busier the org is.
const pruneEvery = proofMaxAge

// expiringSet remembers strings (a jti, a nonce) until a time. The org
// authorization server guards it with oauthState.mu.
type expiringSet struct {
	until     map[string]time.Time
	lastPrune time.Time
}

func newExpiringSet() *expiringSet { return &expiringSet{until: map[string]time.Time{}} }

// holds reports whether key was added and has not expired at now.
func (s *expiringSet) holds(key string, now time.Time) bool {
	until, ok := s.until[key]
	return ok && now.Before(until)
}

// add remembers key until then, first dropping what expired if the last
// prune is pruneEvery ago (or ahead, after the org's clock went back).
func (s *expiringSet) add(key string, then, now time.Time) {
	if since := now.Sub(s.lastPrune); since >= pruneEvery || since < 0 {
		s.prune(now)
	}
	s.until[key] = then
}

func (s *expiringSet) prune(now time.Time) {
	for key, until := range s.until {
		if !now.Before(until) {
			delete(s.until, key)
		}
	}
	s.lastPrune = now
}

func (s *expiringSet) len() int { return len(s.until) }
