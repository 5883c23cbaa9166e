// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
)

// appGrantSnapshots shares one list of an app's grants among every reader
// of that app, until the next write to the app through this client. Okta
// meters every /api/v1/apps/* call against one bucket of about 100 a
// minute, so reading N grants of an app must cost one request, not N.
type appGrantSnapshots struct {
	mu    sync.Mutex
	byApp map[string]*snapshot
}

type snapshot struct {
	done   chan struct{}
	grants []Grant
	err    error
}

func newAppGrantSnapshots() *appGrantSnapshots {
	return &appGrantSnapshots{byApp: map[string]*snapshot{}}
}

// AppGrantSnapshot returns every grant of an app (without expanded scopes)
// from a list shared by all callers: concurrent callers wait for one
// request, later callers reuse its answer, and any write to the app
// through this client makes the next caller list again. An app that does
// not exist is an error satisfying IsNotFound.
func (c *Client) AppGrantSnapshot(ctx context.Context, appID string) ([]Grant, error) {
	if err := CheckID("app ID", appID); err != nil {
		return nil, err
	}
	return c.appGrants.get(ctx, appID, func(ctx context.Context) ([]Grant, error) {
		return c.ListAppGrants(ctx, appID, false)
	})
}

func (s *appGrantSnapshots) get(ctx context.Context, appID string, list func(context.Context) ([]Grant, error)) ([]Grant, error) {
	for {
		s.mu.Lock()
		snap, ok := s.byApp[appID]
		if !ok {
			snap = &snapshot{done: make(chan struct{})}
			s.byApp[appID] = snap
			s.mu.Unlock()
			return s.fill(ctx, appID, snap, list)
		}
		s.mu.Unlock()

		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-snap.done:
		}
		if isContextError(snap.err) && ctx.Err() == nil {
			continue // the caller that listed gave up; this one has not
		}
		return slices.Clone(snap.grants), snap.err
	}
}

func (s *appGrantSnapshots) fill(ctx context.Context, appID string, snap *snapshot, list func(context.Context) ([]Grant, error)) ([]Grant, error) {
	defer close(snap.done)
	snap.grants, snap.err = list(ctx)
	// A missing app stays missing for the rest of the run; any other
	// failure is for the callers waiting now, not for later ones.
	if snap.err != nil && !HasStatus(snap.err, http.StatusNotFound) {
		s.forgetIf(appID, snap)
	}
	return slices.Clone(snap.grants), snap.err
}

// forget drops what was read of an app, so that the next reader lists it
// again. A list already in flight still answers its own waiters.
func (s *appGrantSnapshots) forget(appID string) {
	s.mu.Lock()
	delete(s.byApp, appID)
	s.mu.Unlock()
}

func (s *appGrantSnapshots) forgetIf(appID string, snap *snapshot) {
	s.mu.Lock()
	if s.byApp[appID] == snap {
		delete(s.byApp, appID)
	}
	s.mu.Unlock()
}

func isContextError(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
