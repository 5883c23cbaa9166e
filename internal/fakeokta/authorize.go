// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// authorize checks the credential (SSWS, Bearer, or DPoP with its proof)
// and that it holds scope, answering as Okta does when it does not.
func (o *Org) authorize(w http.ResponseWriter, r *http.Request, scope string) (Credential, bool) {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	o.mu.Lock()
	cred, known := o.credentials[token]
	o.mu.Unlock()
	bearer := strings.EqualFold(scheme, "Bearer")
	isDPoP := strings.EqualFold(scheme, "DPoP")
	challengeScheme := "Bearer"
	if isDPoP || (known && cred.DPoPJKT != "") {
		challengeScheme = "DPoP"
	}
	if known && token != "" && cred.DPoPJKT != "" && bearer {
		o.challenge(w, http.StatusBadRequest, "DPoP", "invalid_request", "The resource request requires a DPoP proof.", "")
		return Credential{}, false
	}
	var schemeOK bool
	switch {
	case bearer:
		schemeOK = cred.Bearer
	case isDPoP:
		schemeOK = cred.DPoPJKT != ""
	default:
		schemeOK = scheme == "SSWS" && !cred.Bearer
	}
	if !known || token == "" || !schemeOK {
		return o.refuseToken(w, bearer || isDPoP, challengeScheme, "The token is not valid.")
	}
	if !cred.Expires.IsZero() && !o.now().Before(cred.Expires) {
		return o.refuseToken(w, true, challengeScheme, "The access token is expired.")
	}
	if isDPoP {
		jkt, _, err := o.checkProof(r.Header.Get("DPoP"), r.Method, o.URL()+r.URL.Path, token)
		if err == nil && jkt != cred.DPoPJKT {
			err = errors.New("The DPoP proof key does not match the access token's key.")
		}
		if err != nil {
			o.challenge(w, http.StatusBadRequest, "DPoP", "invalid_dpop_proof", err.Error(), "")
			return Credential{}, false
		}
	}
	if !holds(cred.Scopes, scope) {
		if cred.Bearer {
			w.Header().Set("WWW-Authenticate", o.challengeText(challengeScheme, "insufficient_scope", "The access token provided does not contain the required scopes.", scope))
			setOAuthError(w, "insufficient_scope")
			if cred.Issued || o.bareAuthErrors.Load() {
				w.WriteHeader(http.StatusForbidden)
				return Credential{}, false
			}
		}
		writeError(w, http.StatusForbidden, "E0000006", "You do not have permission to perform the requested action")
		return Credential{}, false
	}
	return cred, true
}

// refuseToken is a 401 for a token that is unknown, expired or sent with
// the wrong scheme: E0000011, with a challenge for access tokens.
func (o *Org) refuseToken(w http.ResponseWriter, oauth bool, scheme, description string) (Credential, bool) {
	if oauth {
		w.Header().Set("WWW-Authenticate", o.challengeText(scheme, "invalid_token", description, ""))
		setOAuthError(w, "invalid_token")
		if o.bareAuthErrors.Load() {
			w.WriteHeader(http.StatusUnauthorized)
			return Credential{}, false
		}
	}
	writeError(w, http.StatusUnauthorized, "E0000011", "Invalid token provided")
	return Credential{}, false
}

// challenge answers with only a WWW-Authenticate challenge and no body,
// as Okta refuses DPoP requests.
func (o *Org) challenge(w http.ResponseWriter, status int, scheme, code, description, scope string) {
	w.Header().Set("WWW-Authenticate", o.challengeText(scheme, code, description, scope))
	setOAuthError(w, code)
	w.WriteHeader(status)
}

func (o *Org) challengeText(scheme, code, description, scope string) string {
	var b strings.Builder
	b.WriteString(scheme + " ")
	if scheme == "DPoP" {
		fmt.Fprintf(&b, `algs="%s", `, dpopAlgs)
	}
	fmt.Fprintf(&b, `authorization_uri="%s/oauth2/v1/authorize", realm="%s"`, o.URL(), o.URL())
	if scope != "" {
		fmt.Fprintf(&b, `, scope="%s"`, scope)
	}
	fmt.Fprintf(&b, `, error="%s", error_description="%s"`, code, description)
	return b.String()
}

func setOAuthError(w http.ResponseWriter, code string) {
	if rec, ok := w.(*statusRecorder); ok {
		rec.oauthError = code
	}
}
