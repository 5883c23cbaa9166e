// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"encoding/json"
	"net/http"
	"strings"
)

func (o *Org) listApps(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	writePage(w, r, o.url, inOrder(o.appOrder, o.apps), func(a App) string { return a.ID }, 20, o.renderAppLocked)
}

// writePage answers one page of items, 200 at the most and defaultLimit
// without a limit parameter.
func writePage[T, R any](w http.ResponseWriter, r *http.Request, orgURL string, items []T, id func(T) string, defaultLimit int, render func(T) R) {
	pg, ok := page(w, r, orgURL, items, id, defaultLimit, 200)
	if !ok {
		return
	}
	out := make([]R, 0, len(pg))
	for _, it := range pg {
		out = append(out, render(it))
	}
	writeJSON(w, http.StatusOK, out)
}

// inOrder lists what byID holds in creation order.
func inOrder[T any](order []string, byID map[string]*T) []T {
	items := make([]T, 0, len(order))
	for _, k := range order {
		items = append(items, *byID[k])
	}
	return items
}

func (o *Org) getApp(w http.ResponseWriter, _ *http.Request, app *App) {
	writeJSON(w, http.StatusOK, o.renderAppLocked(*app))
}

// The endpoints below one app ({appId}) or user ({userId}, and the
// {clientId} of an app) run under the org's lock with them looked up:
// an unknown one is answered 404 before the handler runs.

func forApp(h func(o *Org, w http.ResponseWriter, r *http.Request, app *App)) func(*Org, http.ResponseWriter, *http.Request) {
	return lockedWith((*Org).lookupAppLocked, h)
}

func forUser(h func(o *Org, w http.ResponseWriter, r *http.Request, u *User)) func(*Org, http.ResponseWriter, *http.Request) {
	return lockedWith((*Org).lookupUserLocked, h)
}

func lockedWith[T any](lookup func(*Org, http.ResponseWriter, *http.Request) (*T, bool), h func(*Org, http.ResponseWriter, *http.Request, *T)) func(*Org, http.ResponseWriter, *http.Request) {
	return func(o *Org, w http.ResponseWriter, r *http.Request) {
		o.mu.Lock()
		defer o.mu.Unlock()
		if it, ok := lookup(o, w, r); ok {
			h(o, w, r, it)
		}
	}
}

func forUserClient(h func(o *Org, w http.ResponseWriter, r *http.Request, u *User, clientID string)) func(*Org, http.ResponseWriter, *http.Request) {
	return forUser(func(o *Org, w http.ResponseWriter, r *http.Request, u *User) {
		if clientID, ok := o.lookupClientLocked(w, r); ok {
			h(o, w, r, u, clientID)
		}
	})
}

// lookupAppLocked answers 404 for an unknown app.
func (o *Org) lookupAppLocked(w http.ResponseWriter, r *http.Request) (*App, bool) {
	a, ok := o.apps[r.PathValue("appId")]
	if !ok {
		notFound(w, r.PathValue("appId"), "AppInstance")
	}
	return a, ok
}

// lookupGrantLocked answers 404 for an unknown grant, and for one of
// another app or user (belongs is false): Okta does not tell them apart.
func (o *Org) lookupGrantLocked(w http.ResponseWriter, r *http.Request, belongs func(*Grant) bool) (*Grant, bool) {
	g, ok := o.grants[r.PathValue("grantId")]
	if !ok || !belongs(g) {
		notFound(w, r.PathValue("grantId"), "OAuth2ScopeConsentGrant")
		return nil, false
	}
	return g, true
}

// lookupClientLocked answers 404 for an unknown clientId.
func (o *Org) lookupClientLocked(w http.ResponseWriter, r *http.Request) (string, bool) {
	clientID := r.PathValue("clientId")
	if _, ok := o.apps[clientID]; !ok {
		notFound(w, clientID, "AppInstance")
		return "", false
	}
	return clientID, true
}

func expandScope(r *http.Request) embed {
	for _, e := range strings.Split(r.URL.Query().Get("expand"), ",") {
		if strings.TrimSpace(e) == "scope" {
			return embedScope
		}
	}
	return embedNothing
}

// listAppGrants answers every grant of the app on one page: Okta does not
// paginate this list and sends no Link header.
func (o *Org) listAppGrants(w http.ResponseWriter, r *http.Request, app *App) {
	out := []grantBody{}
	for _, id := range o.grantOrder {
		if g := o.grants[id]; g.ClientID == app.ID && g.UserID == "" {
			out = append(out, o.renderGrantLocked(*g, expandScope(r)))
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (o *Org) createAppGrant(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Issuer  *string `json:"issuer"`
		ScopeID *string `json:"scopeId"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "E0000003", "The request body was not well-formed.")
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	app, ok := o.lookupAppLocked(w, r)
	if !ok {
		return
	}
	switch {
	case in.ScopeID == nil || *in.ScopeID == "":
		writeError(w, http.StatusBadRequest, "E0000001", "Api validation failed: scopeId", "scopeId: The field cannot be left blank")
		return
	case in.Issuer == nil || *in.Issuer == "":
		writeError(w, http.StatusBadRequest, "E0000001", "Api validation failed: issuer", "issuer: The field cannot be left blank")
		return
	}
	scope, known := o.scopes[*in.ScopeID]
	if !known || !strings.HasPrefix(scope.ID, "okta.") {
		writeError(w, http.StatusBadRequest, "E0000001", "Api validation failed: scopeId",
			"scopeId: Invalid value specified for scope: "+*in.ScopeID)
		return
	}
	if strings.TrimSuffix(*in.Issuer, "/") != o.url {
		writeError(w, http.StatusBadRequest, "E0000001", "Api validation failed: issuer",
			"issuer: The issuer of an app grant must be the org authorization server "+o.url+", not "+*in.Issuer)
		return
	}
	unverified := o.unverified.get()
	if o.activeAppGrantLocked(app.ID, scope.ID) != nil {
		writeError(w, unverified.duplicateStatus(), "E0000001", "Api validation failed: scopeId",
			"scopeId: The scope "+scope.ID+" has already been granted to this app")
		return
	}
	cred := credentialOf(r)
	g := o.addGrantLocked(Grant{
		Source: "ADMIN", Issuer: o.url, ScopeID: scope.ID, ClientID: app.ID,
		CreatedByID: cred.ActorID, CreatedByType: cred.ActorType,
	})
	// Okta answers 200 (recorded answers; the spec says 201), and embeds
	// the scope ID.
	writeJSON(w, unverified.createdStatus(), o.renderGrantLocked(g, embedScopeID))
}

func (o *Org) getAppGrant(w http.ResponseWriter, r *http.Request, app *App) {
	g, ok := o.lookupGrantLocked(w, r, func(g *Grant) bool { return g.ClientID == app.ID && g.UserID == "" && !o.notVisibleYetLocked(g) })
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, o.renderGrantLocked(*g, expandScope(r)))
}

func (o *Org) revokeAppGrant(w http.ResponseWriter, r *http.Request, app *App) {
	g, ok := o.lookupGrantLocked(w, r, func(g *Grant) bool { return g.ClientID == app.ID && g.UserID == "" })
	if !ok {
		return
	}
	o.deleteGrantLocked(g.ID)
	w.WriteHeader(http.StatusNoContent)
}

func (o *Org) listUsers(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	writePage(w, r, o.url, inOrder(o.userOrder, o.users), func(u User) string { return u.ID }, 200, o.renderUserLocked)
}

// lookupUserLocked resolves a user ID, "me" (the caller) or a login, and
// answers 404 for an unknown user.
func (o *Org) lookupUserLocked(w http.ResponseWriter, r *http.Request) (*User, bool) {
	id := r.PathValue("userId")
	if id == "me" {
		id = credentialOf(r).ActorID
	}
	if u, ok := o.users[id]; ok {
		return u, true
	}
	for _, u := range o.users {
		if strings.EqualFold(u.Login, id) {
			return u, true
		}
	}
	notFound(w, r.PathValue("userId"), "User")
	return nil, false
}

func (o *Org) getUser(w http.ResponseWriter, r *http.Request, u *User) {
	writeJSON(w, http.StatusOK, o.renderUserLocked(*u))
}

func (o *Org) userGrantsLocked(userID, clientID, scopeID string) []Grant {
	var out []Grant
	for _, id := range o.grantOrder {
		g := o.grants[id]
		if g.UserID != userID || (clientID != "" && g.ClientID != clientID) || (scopeID != "" && g.ScopeID != scopeID) {
			continue
		}
		out = append(out, *g)
	}
	return out
}

func (o *Org) writeGrantPage(w http.ResponseWriter, r *http.Request, grants []Grant) {
	embed := expandScope(r)
	writePage(w, r, o.url, grants, func(g Grant) string { return g.ID }, 20, func(g Grant) grantBody { return o.renderGrantLocked(g, embed) })
}

func (o *Org) listUserGrants(w http.ResponseWriter, r *http.Request, u *User) {
	o.writeGrantPage(w, r, o.userGrantsLocked(u.ID, "", r.URL.Query().Get("scopeId")))
}

func (o *Org) listUserClientGrants(w http.ResponseWriter, r *http.Request, u *User, clientID string) {
	o.writeGrantPage(w, r, o.userGrantsLocked(u.ID, clientID, ""))
}

func (o *Org) getUserGrant(w http.ResponseWriter, r *http.Request, u *User) {
	g, ok := o.lookupGrantLocked(w, r, func(g *Grant) bool { return g.UserID == u.ID && !o.notVisibleYetLocked(g) })
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, o.renderGrantLocked(*g, expandScope(r)))
}

func (o *Org) revokeUserGrant(w http.ResponseWriter, r *http.Request, u *User) {
	g, ok := o.lookupGrantLocked(w, r, func(g *Grant) bool { return g.UserID == u.ID })
	if !ok {
		return
	}
	o.deleteGrantLocked(g.ID)
	w.WriteHeader(http.StatusNoContent)
}

func (o *Org) revokeUserGrants(w http.ResponseWriter, r *http.Request, u *User) {
	for _, g := range o.userGrantsLocked(u.ID, "", "") {
		o.deleteGrantLocked(g.ID)
	}
	w.WriteHeader(http.StatusNoContent)
}

func (o *Org) revokeUserClientGrants(w http.ResponseWriter, r *http.Request, u *User, clientID string) {
	for _, g := range o.userGrantsLocked(u.ID, clientID, "") {
		o.deleteGrantLocked(g.ID)
	}
	w.WriteHeader(http.StatusNoContent)
}
