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
	apps := make([]App, 0, len(o.appOrder))
	for _, id := range o.appOrder {
		apps = append(apps, *o.apps[id])
	}
	pg, ok := page(w, r, o.url, apps, func(a App) string { return a.ID }, 20, 200)
	if !ok {
		return
	}
	out := make([]map[string]any, 0, len(pg))
	for _, a := range pg {
		out = append(out, o.renderAppLocked(a))
	}
	writeJSON(w, http.StatusOK, out)
}

func (o *Org) getApp(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	a, ok := o.apps[r.PathValue("appId")]
	if !ok {
		notFound(w, r.PathValue("appId"), "AppInstance")
		return
	}
	writeJSON(w, http.StatusOK, o.renderAppLocked(*a))
}

// lookupAppLocked answers 404 for an unknown app.
func (o *Org) lookupAppLocked(w http.ResponseWriter, r *http.Request) (*App, bool) {
	a, ok := o.apps[r.PathValue("appId")]
	if !ok {
		notFound(w, r.PathValue("appId"), "AppInstance")
	}
	return a, ok
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
func (o *Org) listAppGrants(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	app, ok := o.lookupAppLocked(w, r)
	if !ok {
		return
	}
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
	if o.activeAppGrantLocked(app.ID, scope.ID) != nil {
		writeError(w, http.StatusBadRequest, "E0000001", "Api validation failed: scopeId",
			"scopeId: The scope "+scope.ID+" has already been granted to this app")
		return
	}
	cred := credentialOf(r)
	g := o.addGrantLocked(Grant{
		Source: "ADMIN", Issuer: o.url, ScopeID: scope.ID, ClientID: app.ID,
		CreatedByID: cred.ActorID, CreatedByType: cred.ActorType,
	})
	// Okta answers 200, not the 201 of its spec, and embeds the scope ID.
	writeJSON(w, http.StatusOK, o.renderGrantLocked(g, embedScopeID))
}

func (o *Org) getAppGrant(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	app, ok := o.lookupAppLocked(w, r)
	if !ok {
		return
	}
	g, ok := o.grants[r.PathValue("grantId")]
	if !ok || g.ClientID != app.ID || g.UserID != "" || o.notVisibleYetLocked(g) {
		notFound(w, r.PathValue("grantId"), "OAuth2ScopeConsentGrant")
		return
	}
	writeJSON(w, http.StatusOK, o.renderGrantLocked(*g, expandScope(r)))
}

func (o *Org) revokeAppGrant(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	app, ok := o.lookupAppLocked(w, r)
	if !ok {
		return
	}
	g, ok := o.grants[r.PathValue("grantId")]
	if !ok || g.ClientID != app.ID || g.UserID != "" {
		notFound(w, r.PathValue("grantId"), "OAuth2ScopeConsentGrant")
		return
	}
	o.deleteGrantLocked(g.ID)
	w.WriteHeader(http.StatusNoContent)
}

func (o *Org) listUsers(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	users := make([]User, 0, len(o.userOrder))
	for _, id := range o.userOrder {
		users = append(users, *o.users[id])
	}
	pg, ok := page(w, r, o.url, users, func(u User) string { return u.ID }, 200, 200)
	if !ok {
		return
	}
	out := make([]map[string]any, 0, len(pg))
	for _, u := range pg {
		out = append(out, o.renderUserLocked(u))
	}
	writeJSON(w, http.StatusOK, out)
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

func (o *Org) getUser(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	u, ok := o.lookupUserLocked(w, r)
	if !ok {
		return
	}
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
	pg, ok := page(w, r, o.url, grants, func(g Grant) string { return g.ID }, 20, 200)
	if !ok {
		return
	}
	out := make([]grantBody, 0, len(pg))
	for _, g := range pg {
		out = append(out, o.renderGrantLocked(g, expandScope(r)))
	}
	writeJSON(w, http.StatusOK, out)
}

func (o *Org) listUserGrants(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	u, ok := o.lookupUserLocked(w, r)
	if !ok {
		return
	}
	o.writeGrantPage(w, r, o.userGrantsLocked(u.ID, "", r.URL.Query().Get("scopeId")))
}

func (o *Org) listUserClientGrants(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	u, ok := o.lookupUserLocked(w, r)
	if !ok {
		return
	}
	clientID := r.PathValue("clientId")
	if _, ok := o.apps[clientID]; !ok {
		notFound(w, clientID, "AppInstance")
		return
	}
	o.writeGrantPage(w, r, o.userGrantsLocked(u.ID, clientID, ""))
}

func (o *Org) getUserGrant(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	u, ok := o.lookupUserLocked(w, r)
	if !ok {
		return
	}
	g, ok := o.grants[r.PathValue("grantId")]
	if !ok || g.UserID != u.ID || o.notVisibleYetLocked(g) {
		notFound(w, r.PathValue("grantId"), "OAuth2ScopeConsentGrant")
		return
	}
	writeJSON(w, http.StatusOK, o.renderGrantLocked(*g, expandScope(r)))
}

func (o *Org) revokeUserGrant(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	u, ok := o.lookupUserLocked(w, r)
	if !ok {
		return
	}
	g, ok := o.grants[r.PathValue("grantId")]
	if !ok || g.UserID != u.ID {
		notFound(w, r.PathValue("grantId"), "OAuth2ScopeConsentGrant")
		return
	}
	o.deleteGrantLocked(g.ID)
	w.WriteHeader(http.StatusNoContent)
}

func (o *Org) revokeUserGrants(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	u, ok := o.lookupUserLocked(w, r)
	if !ok {
		return
	}
	for _, g := range o.userGrantsLocked(u.ID, "", "") {
		o.deleteGrantLocked(g.ID)
	}
	w.WriteHeader(http.StatusNoContent)
}

func (o *Org) revokeUserClientGrants(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	u, ok := o.lookupUserLocked(w, r)
	if !ok {
		return
	}
	clientID := r.PathValue("clientId")
	if _, ok := o.apps[clientID]; !ok {
		notFound(w, clientID, "AppInstance")
		return
	}
	for _, g := range o.userGrantsLocked(u.ID, clientID, "") {
		o.deleteGrantLocked(g.ID)
	}
	w.WriteHeader(http.StatusNoContent)
}
