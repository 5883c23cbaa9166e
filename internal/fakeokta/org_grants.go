// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// AddUserGrant records that a user consented to a scope for a client, as
// an END_USER grant. Issuer defaults to the org's default authorization
// server.
func (o *Org) AddUserGrant(userID, clientID, scopeID, issuer string) (Grant, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, ok := o.users[userID]; !ok {
		return Grant{}, fmt.Errorf("no user %s", userID)
	}
	if _, ok := o.apps[clientID]; !ok {
		return Grant{}, fmt.Errorf("no app %s", clientID)
	}
	if _, ok := o.scopes[scopeID]; !ok {
		return Grant{}, fmt.Errorf("no scope %s", scopeID)
	}
	if issuer == "" {
		issuer = o.url + "/oauth2/default"
	}
	g := o.addGrantLocked(Grant{
		Source: "END_USER", Issuer: issuer, ScopeID: scopeID, ClientID: clientID, UserID: userID,
		CreatedByID: userID, CreatedByType: "User",
	})
	return g, nil
}

// ErrAlreadyGranted is GrantAppScope's error for a scope the app holds.
var ErrAlreadyGranted = errors.New("already granted")

// GrantAppScope grants an app a scope behind the provider's back, as an
// admin clicking in the Okta console would.
func (o *Org) GrantAppScope(appID, scopeID string) (Grant, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, ok := o.apps[appID]; !ok {
		return Grant{}, fmt.Errorf("no app %s", appID)
	}
	if _, ok := o.scopes[scopeID]; !ok {
		return Grant{}, fmt.Errorf("no scope %s", scopeID)
	}
	if g := o.activeAppGrantLocked(appID, scopeID); g != nil {
		return Grant{}, fmt.Errorf("app %s holds %s: %w", appID, scopeID, ErrAlreadyGranted)
	}
	return o.addGrantLocked(Grant{Source: "ADMIN", Issuer: o.url, ScopeID: scopeID, ClientID: appID, CreatedByID: "00uconsoleadmin00001", CreatedByType: "User"}), nil
}

// RevokeGrant deletes a grant behind the provider's back.
func (o *Org) RevokeGrant(grantID string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, ok := o.grants[grantID]; !ok {
		return fmt.Errorf("no grant %s", grantID)
	}
	o.deleteGrantLocked(grantID)
	return nil
}

// MarkRevoked leaves a grant listed with status REVOKED, as Okta may list
// a revoked grant; the scope can then be granted again.
func (o *Org) MarkRevoked(grantID string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	g, ok := o.grants[grantID]
	if !ok {
		return fmt.Errorf("no grant %s", grantID)
	}
	g.Status = "REVOKED"
	g.LastUpdated = o.now().UTC().Truncate(time.Millisecond)
	return nil
}

// AppGrants is every grant an app holds, oldest first.
func (o *Org) AppGrants(appID string) []Grant {
	return o.Grants(func(g Grant) bool { return g.ClientID == appID && g.UserID == "" })
}

// UserGrants is every grant a user consented to, oldest first.
func (o *Org) UserGrants(userID string) []Grant {
	return o.Grants(func(g Grant) bool { return g.UserID == userID })
}

// Grants is every grant keep accepts, oldest first.
func (o *Org) Grants(keep func(Grant) bool) []Grant {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []Grant
	for _, id := range o.grantOrder {
		if g := *o.grants[id]; keep(g) {
			out = append(out, g)
		}
	}
	return out
}

func (o *Org) addGrantLocked(g Grant) Grant {
	now := o.now().UTC().Truncate(time.Millisecond)
	g.ID = o.newIDLocked("oag")
	g.Status = "ACTIVE"
	g.Created, g.LastUpdated = now, now
	o.grants[g.ID] = &g
	o.grantOrder = append(o.grantOrder, g.ID)
	return g
}

func (o *Org) deleteGrantLocked(grantID string) {
	delete(o.grants, grantID)
	o.grantOrder = slices.DeleteFunc(o.grantOrder, func(id string) bool { return id == grantID })
}

func (o *Org) activeAppGrantLocked(appID, scopeID string) *Grant {
	for _, id := range o.grantOrder {
		g := o.grants[id]
		if g.ClientID == appID && g.UserID == "" && g.ScopeID == scopeID && g.Status == "ACTIVE" {
			return g
		}
	}
	return nil
}
