// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

const oktaTime = "2006-01-02T15:04:05.000Z"

type href struct {
	Href  string `json:"href"`
	Title string `json:"title,omitempty"`
	Hints *hints `json:"hints,omitempty"`
}

type hints struct {
	Allow []string `json:"allow"`
}

type actorBody struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

type scopeBody struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	DisplayName string `json:"displayName,omitempty"`
	Description string `json:"description,omitempty"`
}

type grantBody struct {
	ID          string                `json:"id"`
	Status      string                `json:"status"`
	Created     string                `json:"created"`
	CreatedBy   actorBody             `json:"createdBy"`
	LastUpdated string                `json:"lastUpdated"`
	Issuer      string                `json:"issuer"`
	ClientID    string                `json:"clientId"`
	UserID      string                `json:"userId,omitempty"`
	ScopeID     string                `json:"scopeId"`
	Source      string                `json:"source"`
	Embedded    map[string]*scopeBody `json:"_embedded,omitempty"`
	Links       map[string]href       `json:"_links"`
}

type embed int

const (
	embedNothing embed = iota
	// embedScopeID is what a POST answers with even without expand.
	embedScopeID
	embedScope
)

func (o *Org) renderGrantLocked(g Grant, e embed) grantBody {
	b := grantBody{
		ID: g.ID, Status: g.Status, Created: g.Created.Format(oktaTime), LastUpdated: g.LastUpdated.Format(oktaTime),
		CreatedBy: actorBody{ID: g.CreatedByID, Type: g.CreatedByType},
		Issuer:    g.Issuer, ClientID: g.ClientID, UserID: g.UserID, ScopeID: g.ScopeID, Source: g.Source,
		Links: map[string]href{},
	}
	switch e {
	case embedScopeID:
		b.Embedded = map[string]*scopeBody{"scope": {ID: g.ScopeID}}
	case embedScope:
		s := o.scopes[g.ScopeID]
		b.Embedded = map[string]*scopeBody{"scope": {ID: g.ScopeID, Name: s.Name, DisplayName: s.DisplayName, Description: s.Description}}
	}
	appTitle := ""
	if a, ok := o.apps[g.ClientID]; ok {
		appTitle = a.Label
	}
	b.Links["app"] = href{Href: o.url + "/api/v1/apps/" + g.ClientID, Title: appTitle}
	b.Links["client"] = href{Href: o.url + "/oauth2/v1/clients/" + g.ClientID, Title: appTitle}
	if g.UserID == "" {
		b.Links["self"] = href{Href: o.url + "/api/v1/apps/" + g.ClientID + "/grants/" + g.ID, Hints: &hints{Allow: []string{"GET", "DELETE"}}}
		return b
	}
	b.Links["self"] = href{Href: o.url + "/api/v1/users/" + g.UserID + "/grants/" + g.ID, Hints: &hints{Allow: []string{"GET", "DELETE"}}}
	b.Links["user"] = href{Href: o.url + "/api/v1/users/" + g.UserID}
	b.Links["authorizationServer"] = href{Href: g.Issuer}
	b.Links["scope"] = href{Href: g.Issuer + "/scopes/" + g.ScopeID}
	return b
}

// appName is the name Okta gives apps of a sign-on mode made from its
// templates.
func appName(signOnMode string) string {
	switch signOnMode {
	case SignOnModeOIDC:
		return "oidc_client"
	case "BOOKMARK":
		return "bookmark"
	default:
		return "template_" + strings.ToLower(signOnMode)
	}
}

func (o *Org) renderAppLocked(a App) map[string]any {
	app := o.renderOIDCAppLocked(a)
	if a.SignOnMode == SignOnModeOIDC {
		return app
	}
	// The apps that are not OAuth clients have no OAuth settings.
	app["visibility"] = map[string]any{
		"autoSubmitToolbar": false,
		"hide":              map[string]bool{"iOS": false, "web": false},
		"appLinks":          map[string]bool{"login": true},
	}
	app["credentials"] = map[string]any{
		"userNameTemplate": map[string]string{"template": "${source.login}", "type": "BUILT_IN"},
	}
	app["settings"] = map[string]any{"app": map[string]any{}}
	return app
}

func (o *Org) renderOIDCAppLocked(a App) map[string]any {
	created := "2024-01-01T00:00:00.000Z"
	return map[string]any{
		"id":          a.ID,
		"name":        appName(a.SignOnMode),
		"label":       a.Label,
		"status":      a.Status,
		"created":     created,
		"lastUpdated": created,
		"signOnMode":  a.SignOnMode,
		"features":    []string{},
		"accessibility": map[string]any{
			"selfService": false,
		},
		"visibility": map[string]any{
			"autoSubmitToolbar": false,
			"hide":              map[string]bool{"iOS": true, "web": true},
			"appLinks":          map[string]bool{"oidc_client_link": true},
		},
		"credentials": map[string]any{
			"userNameTemplate": map[string]string{"template": "${source.login}", "type": "BUILT_IN"},
			"oauthClient": map[string]any{ //nolint:gosec // an app's public settings in Okta's answer, no credential
				"autoKeyRotation":            true,
				"client_id":                  a.ID,
				"token_endpoint_auth_method": "private_key_jwt",
			},
		},
		"settings": map[string]any{
			"app": map[string]any{},
			"oauthClient": map[string]any{
				"redirect_uris":    []string{},
				"response_types":   []string{"token"},
				"grant_types":      []string{"client_credentials"},
				"application_type": "service",
				"consent_method":   "REQUIRED",
				"issuer_mode":      "DYNAMIC",
			},
		},
		"_links": map[string]any{
			"self":   href{Href: o.url + "/api/v1/apps/" + a.ID},
			"users":  href{Href: o.url + "/api/v1/apps/" + a.ID + "/users"},
			"groups": href{Href: o.url + "/api/v1/apps/" + a.ID + "/groups"},
		},
	}
}

func (o *Org) renderUserLocked(u User) map[string]any {
	created := "2024-01-01T00:00:00.000Z"
	return map[string]any{
		"id":            u.ID,
		"status":        u.Status,
		"created":       created,
		"activated":     created,
		"statusChanged": created,
		"lastLogin":     nil,
		"lastUpdated":   created,
		"type":          map[string]string{"id": "oty1defaultusertype0"},
		"profile": map[string]any{
			"firstName": u.FirstName,
			"lastName":  u.LastName,
			"login":     u.Login,
			"email":     u.Login,
		},
		"credentials": map[string]any{"provider": map[string]string{"type": "OKTA", "name": "OKTA"}},
		"_links":      map[string]any{"self": href{Href: o.url + "/api/v1/users/" + u.ID}},
	}
}

// page cuts one page out of items, in ID order, as Okta's
// cursor pagination does, and writes the self and next Link headers, one
// header line each. The after cursor is opaque to clients.
func page[T any](w http.ResponseWriter, r *http.Request, orgURL string, items []T, idOf func(T) string, defaultLimit, maxLimit int) ([]T, bool) {
	q := r.URL.Query()
	limit := defaultLimit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "E0000001", "Api validation failed: limit", "limit: must be a number between 1 and "+strconv.Itoa(maxLimit))
			return nil, false
		}
		limit = min(n, maxLimit)
	}
	items = slices.SortedStableFunc(slices.Values(items), func(a, b T) int { return strings.Compare(idOf(a), idOf(b)) })
	start := 0
	if after := q.Get("after"); after != "" {
		lastID, err := decodeCursor(after)
		if err != nil {
			writeError(w, http.StatusBadRequest, "E0000001", "Api validation failed: after", "after: the cursor is not valid")
			return nil, false
		}
		for start < len(items) && idOf(items[start]) <= lastID {
			start++
		}
	}
	end := min(len(items), start+limit)
	out := items[start:end]

	self := url.Values{}
	for k, v := range q {
		self[k] = v
	}
	self.Set("limit", strconv.Itoa(limit))
	w.Header().Add("Link", "<"+orgURL+r.URL.EscapedPath()+"?"+self.Encode()+`>; rel="self"`)
	if end < len(items) {
		next := url.Values{}
		for k, v := range self {
			next[k] = v
		}
		next.Set("after", encodeCursor(idOf(items[end-1])))
		w.Header().Add("Link", "<"+orgURL+r.URL.EscapedPath()+"?"+next.Encode()+`>; rel="next"`)
	}
	return out, true
}

func encodeCursor(id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("v1:" + id))
}

func decodeCursor(c string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < 3 || string(b[:3]) != "v1:" {
		return "", errBadCursor
	}
	return string(b[3:]), nil
}

var errBadCursor = errors.New("bad cursor")
