// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"net/http"
	"sync"
)

// Unverified chooses among the plausible answers where the contract marks
// what Okta does as unverified ("Claims with no public evidence"), so that
// tests can prove a client works with each. The zero value is this fake's
// default choice.
type Unverified struct {
	// CreatedStatus answers a new app grant: 200 (the default, as
	// recorded answers show) or 201 (the spec's).
	CreatedStatus int
	// DuplicateStatus answers a grant of a scope the app already holds:
	// 400 (the default) or 409.
	DuplicateStatus int
	// ManageDoesNotImplyRead makes an okta.*.manage scope allow no reads:
	// a token needs the .read scope too.
	ManageDoesNotImplyRead bool
}

type unverified struct {
	mu sync.Mutex
	u  Unverified
}

// SetUnverified answers as u says from now on.
func (o *Org) SetUnverified(u Unverified) {
	o.unverified.mu.Lock()
	defer o.unverified.mu.Unlock()
	o.unverified.u = u
}

func (x *unverified) get() Unverified {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.u
}

func (u Unverified) createdStatus() int {
	if u.CreatedStatus == http.StatusCreated {
		return http.StatusCreated
	}
	return http.StatusOK
}

func (u Unverified) duplicateStatus() int {
	if u.DuplicateStatus == http.StatusConflict {
		return http.StatusConflict
	}
	return http.StatusBadRequest
}
