// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

const (
	// TokenRoute is the org authorization server's token endpoint.
	TokenRoute          = "POST /oauth2/v1/token" //nolint:gosec // a route, not a credential
	clientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
	defaultTokenTTL     = time.Hour
	// maxAssertionLifetime is how far ahead a client assertion's exp may
	// be, as Okta allows.
	maxAssertionLifetime = time.Hour
	clockLeeway          = time.Minute
)

// ServiceApp is an OAuth 2.0 service app that signs in with a private key
// (private_key_jwt) on the org authorization server.
type ServiceApp struct {
	ClientID string
	Label    string
	// PublicKeys are the app's registered keys (its JWKS). A client
	// assertion names one by kid, or the app has just one.
	PublicKeys []JWK
	// Scopes are granted to the app as app grants (what okta_app_grant
	// manages): a token gets the requested ones the app holds then.
	Scopes []string
	// AllScopes lets the app have any Okta scope without grants, as the
	// demo's app does. Without it, an app with no grants gets none, as in
	// Okta (consent_required).
	AllScopes bool
	// RequireDPoP refuses tokens not bound to a DPoP key, as new API
	// service apps do by default.
	RequireDPoP bool
	// NotSuperAdmin leaves the app without the Super Administrator role:
	// it may read grants, not grant or revoke them (403 E0000006).
	NotSuperAdmin bool
}

// oauthState is the org authorization server: apps, replay caches, nonces.
type oauthState struct {
	mu   sync.Mutex
	apps map[string]*ServiceApp
	ttl  time.Duration
	// assertions are the jti of client assertions used, until they expire.
	assertions *expiringSet
	// proofs are the jti of DPoP proofs seen, until they are too old.
	proofs *expiringSet
	// nonces are the DPoP nonces handed out, until they expire; nonce is
	// the one handed out now, since nonceIssued.
	nonces      *expiringSet
	nonce       string
	nonceIssued time.Time
	issued      int
}

func newOAuthState() *oauthState {
	return &oauthState{apps: map[string]*ServiceApp{}, ttl: defaultTokenTTL, assertions: newExpiringSet(), proofs: newExpiringSet(), nonces: newExpiringSet()}
}

// AddServiceApp registers a service app (adding the app if needed) and
// grants it a.Scopes.
func (o *Org) AddServiceApp(a ServiceApp) error {
	if a.ClientID == "" || len(a.PublicKeys) == 0 {
		return errors.New("fakeokta: a service app needs a client ID and at least one public key")
	}
	for _, k := range a.PublicKeys {
		if k.D != "" {
			return fmt.Errorf("fakeokta: key %q is a private key: register the public half", k.Kid)
		}
		if _, err := k.publicKey(); err != nil {
			return err
		}
	}
	o.AddApp(App{ID: a.ClientID, Label: a.Label})
	o.SetSuperAdmin(a.ClientID, !a.NotSuperAdmin)
	for _, s := range a.Scopes {
		if _, err := o.GrantAppScope(a.ClientID, s); err != nil && !errors.Is(err, ErrAlreadyGranted) {
			return err
		}
	}
	a.PublicKeys = append([]JWK(nil), a.PublicKeys...)
	o.oauth.mu.Lock()
	defer o.oauth.mu.Unlock()
	o.oauth.apps[a.ClientID] = &a
	return nil
}

// SetTokenTTL sets how long access tokens issued from now on last.
func (o *Org) SetTokenTTL(d time.Duration) {
	o.oauth.mu.Lock()
	defer o.oauth.mu.Unlock()
	o.oauth.ttl = max(time.Second, d)
}

// ExpireTokens makes every access token the token endpoint issued
// expired, as if their lifetime had passed.
func (o *Org) ExpireTokens() {
	o.mu.Lock()
	defer o.mu.Unlock()
	past := o.now().Add(-time.Second)
	for token, c := range o.credentials {
		if c.expires() {
			c.Expires = past
			o.credentials[token] = c
		}
	}
}

// TokensIssued is how many access tokens the token endpoint issued.
func (o *Org) TokensIssued() int {
	o.oauth.mu.Lock()
	defer o.oauth.mu.Unlock()
	return o.oauth.issued
}

// TokenRequests is how many requests the token endpoint answered.
func (o *Org) TokenRequests() int { return o.Count(TokenRoute) }

// DPoPNonceChallenges is how many use_dpop_nonce answers the token
// endpoint gave.
func (o *Org) DPoPNonceChallenges() int { return o.CountOAuthError("use_dpop_nonce") }

// writeOAuthError is the token endpoint's error answer.
func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	setOAuthError(w, code)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, map[string]string{"error": code, "error_description": description})
}

// issueToken is POST /oauth2/v1/token for the client credentials grant
// with private_key_jwt, and DPoP as Okta does it.
func (o *Org) issueToken(w http.ResponseWriter, r *http.Request) {
	// Okta reads the parameters from the form body, and from the query
	// string too, where the Okta Go SDK puts them.
	if err := r.ParseForm(); err != nil {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "The request body is not a valid form.")
		return
	}
	if r.Form.Get("grant_type") != "client_credentials" {
		writeOAuthError(w, http.StatusBadRequest, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server. Configured grant types: [client_credentials].")
		return
	}
	app, assertion, ok := o.authenticateClient(w, r)
	if !ok {
		return
	}
	jkt := ""
	if proof := r.Header.Get("DPoP"); proof != "" {
		var nonceOK bool
		var err error
		jkt, nonceOK, err = o.checkProof(proof, r.Method, o.URL()+r.URL.Path, "")
		if err != nil {
			writeOAuthError(w, http.StatusBadRequest, "invalid_dpop_proof", err.Error())
			return
		}
		if !nonceOK {
			w.Header().Set("DPoP-Nonce", o.currentNonce())
			writeOAuthError(w, http.StatusBadRequest, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.")
			return
		}
	} else if app.RequireDPoP {
		writeOAuthError(w, http.StatusBadRequest, "invalid_dpop_proof", "The DPoP proof JWT header is missing.")
		return
	}
	granted, ok := o.grantScopes(w, app, strings.Fields(r.Form.Get("scope")))
	if !ok {
		return
	}
	// The assertion is spent only by a token: Okta's SDKs send the same
	// assertion again to answer a DPoP challenge.
	if jti := assertion.str("jti"); jti != "" {
		exp, _ := assertion.num("exp")
		o.oauth.mu.Lock()
		o.oauth.assertions.add(jti, time.Unix(exp, 0).Add(clockLeeway), o.now())
		o.oauth.mu.Unlock()
	}
	o.oauth.mu.Lock()
	ttl := o.oauth.ttl
	o.oauth.issued++
	o.oauth.mu.Unlock()
	token := "fake-at." + randomString(48)
	o.AddCredential(Credential{
		Token: token, Bearer: true, Scopes: granted, ActorID: app.ClientID, ActorType: "PublicClientApp",
		Expires: o.now().Add(ttl), DPoPJKT: jkt,
	})
	tokenType := "Bearer"
	if jkt != "" {
		tokenType = "DPoP"
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusOK, map[string]any{
		"token_type": tokenType, "expires_in": int64(ttl / time.Second), "access_token": token, "scope": strings.Join(granted, " "),
	})
}

// authenticateClient checks the client assertion (private_key_jwt).
func (o *Org) authenticateClient(w http.ResponseWriter, r *http.Request) (*ServiceApp, *jws, bool) {
	fail := func(description string) (*ServiceApp, *jws, bool) {
		writeOAuthError(w, http.StatusUnauthorized, "invalid_client", description)
		return nil, nil, false
	}
	if r.Form.Get("client_assertion_type") != clientAssertionType {
		return fail("The client_assertion_type is missing or invalid: only private_key_jwt client authentication is enabled for this client.")
	}
	a, err := parseJWS(r.Form.Get("client_assertion"))
	if err != nil {
		return fail("The client_assertion is not a valid JWT: " + err.Error() + ".")
	}
	iss, sub := a.str("iss"), a.str("sub")
	o.oauth.mu.Lock()
	app, known := o.oauth.apps[iss]
	o.oauth.mu.Unlock()
	if id := r.Form.Get("client_id"); !known || sub != iss || (id != "" && id != iss) {
		return fail("Invalid value for 'client_id' parameter.")
	}
	var key *JWK
	for i, k := range app.PublicKeys {
		if (a.header.Kid == "" && len(app.PublicKeys) == 1) || (a.header.Kid != "" && k.Kid == a.header.Kid) {
			key = &app.PublicKeys[i]
		}
	}
	if key == nil {
		return fail("The client_assertion JWT kid is invalid.")
	}
	pub, _ := key.publicKey() // checked when the app was added
	if !a.verify(pub) {
		return fail("The client_assertion signature is invalid.")
	}
	if !a.hasAudience(o.URL() + "/oauth2/v1/token") {
		return fail("The audience claim for client_assertion must be the endpoint invoked for the request.")
	}
	now := o.now()
	exp, ok := a.num("exp")
	switch {
	case !ok:
		return fail("The client_assertion token must have an exp claim.")
	case time.Unix(exp, 0).Before(now.Add(-clockLeeway)):
		return fail("The client_assertion token is expired.")
	case time.Unix(exp, 0).After(now.Add(maxAssertionLifetime + clockLeeway)):
		return fail("The client_assertion token has an expiration too far into the future.")
	}
	if jti := a.str("jti"); jti != "" {
		o.oauth.mu.Lock()
		used := o.oauth.assertions.holds(jti, now)
		o.oauth.mu.Unlock()
		if used {
			return fail("The client_assertion token has already been used.")
		}
	}
	return app, a, true
}

// grantScopes is what Okta grants of the requested scopes: those the app
// holds. None held is consent_required; an unknown one invalid_scope.
func (o *Org) grantScopes(w http.ResponseWriter, app *ServiceApp, requested []string) ([]string, bool) {
	if len(requested) == 0 {
		writeOAuthError(w, http.StatusBadRequest, "invalid_scope", "The authorization server resource does not have any configured default scopes, 'scope' must be provided.")
		return nil, false
	}
	var granted []string
	o.mu.Lock()
	for _, s := range requested {
		if _, known := o.scopes[s]; !known || !strings.HasPrefix(s, "okta.") {
			o.mu.Unlock()
			writeOAuthError(w, http.StatusBadRequest, "invalid_scope", "One or more scopes are not configured for the authorization server resource.")
			return nil, false
		}
		if app.AllScopes || o.activeAppGrantLocked(app.ClientID, s) != nil {
			granted = append(granted, s)
		}
	}
	o.mu.Unlock()
	if len(granted) == 0 {
		writeOAuthError(w, http.StatusBadRequest, "consent_required", "You are not allowed any of the requested scopes.")
		return nil, false
	}
	return granted, true
}
