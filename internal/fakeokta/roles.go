// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import "net/http"

// Only the Super Administrator role may grant or revoke an app's scopes
// (the contract's "Admin roles"). Every credential's actor has it unless
// taken away: a service app added with NotSuperAdmin, or an actor given
// to SetSuperAdmin.

// SetSuperAdmin gives the actor (a user ID, or a service app's client ID)
// the Super Administrator role, or takes it away.
func (o *Org) SetSuperAdmin(actorID string, super bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.notSuperAdmin == nil {
		o.notSuperAdmin = map[string]bool{}
	}
	if super {
		delete(o.notSuperAdmin, actorID)
	} else {
		o.notSuperAdmin[actorID] = true
	}
}

// AdminUserID is the user the org's API tokens act as.
func (o *Org) AdminUserID() string { return o.ensureAdmin() }

// needsSuperAdmin reports whether a route is one only a Super
// Administrator may call.
func needsSuperAdmin(route string) bool {
	return route == RouteCreateAppGrant || route == RouteRevokeAppGrant
}

// refuseWithoutSuperAdmin answers Okta's 403 to a grant write by an actor
// without the role: reads of the same grants work.
func (o *Org) refuseWithoutSuperAdmin(w http.ResponseWriter, cred Credential) bool {
	o.mu.Lock()
	lacks := o.notSuperAdmin[cred.ActorID]
	o.mu.Unlock()
	if lacks {
		writeError(w, http.StatusForbidden, "E0000006", "You do not have permission to perform the requested action")
	}
	return lacks
}
