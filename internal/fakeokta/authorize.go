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
	bare := o.bareAuthErrors.Load()
	if known && token != "" && cred.DPoPJKT != "" && bearer {
		return o.refuse(w, http.StatusBadRequest, &challenge{"DPoP", "invalid_request", "The resource request requires a DPoP proof.", ""}, true)
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
		var ch *challenge
		if bearer || isDPoP {
			ch = &challenge{challengeScheme, "invalid_token", "The token is not valid.", ""}
		}
		return o.refuse(w, http.StatusUnauthorized, ch, bare)
	}
	if cred.expires() && !o.now().Before(cred.Expires) {
		return o.refuse(w, http.StatusUnauthorized, &challenge{challengeScheme, "invalid_token", "The access token is expired.", ""}, bare)
	}
	if isDPoP {
		jkt, _, err := o.checkProof(r.Header.Get("DPoP"), r.Method, o.URL()+r.URL.Path, token)
		if err == nil && jkt != cred.DPoPJKT {
			err = errors.New("The DPoP proof key does not match the access token's key.")
		}
		if err != nil {
			return o.refuse(w, http.StatusBadRequest, &challenge{"DPoP", "invalid_dpop_proof", err.Error(), ""}, true)
		}
	}
	if !holds(cred.Scopes, scope, !o.unverified.get().ManageDoesNotImplyRead) {
		var ch *challenge
		if cred.Bearer {
			ch = &challenge{challengeScheme, "insufficient_scope", "The access token provided does not contain the required scopes.", scope}
		}
		// Tokens of the token endpoint expire: their 403 is Okta's bare one.
		return o.refuse(w, http.StatusForbidden, ch, cred.expires() || bare)
	}
	return cred, true
}

// challenge is the WWW-Authenticate challenge of a refused access token.
type challenge struct{ scheme, code, description, scope string }

// refusalBodies are Okta's error bodies for a refused credential.
var refusalBodies = map[int]struct{ code, summary string }{
	http.StatusUnauthorized: {"E0000011", "Invalid token provided"},
	http.StatusForbidden:    {"E0000006", "You do not have permission to perform the requested action"},
}

// refuse answers a credential Okta refuses. An access token gets its
// challenge (ch); bare makes that the whole answer, with no body, as Okta
// answers DPoP requests and may answer others. Otherwise Okta's error body
// follows.
func (o *Org) refuse(w http.ResponseWriter, status int, ch *challenge, bare bool) (Credential, bool) {
	if ch != nil {
		w.Header().Set("WWW-Authenticate", o.challengeText(*ch))
		setOAuthError(w, ch.code)
		if bare {
			w.WriteHeader(status)
			return Credential{}, false
		}
	}
	body := refusalBodies[status]
	writeError(w, status, body.code, body.summary)
	return Credential{}, false
}

func (o *Org) challengeText(ch challenge) string {
	var b strings.Builder
	b.WriteString(ch.scheme + " ")
	if ch.scheme == "DPoP" {
		fmt.Fprintf(&b, `algs="%s", `, dpopAlgs)
	}
	fmt.Fprintf(&b, `authorization_uri="%s/oauth2/v1/authorize", realm="%s"`, o.URL(), o.URL())
	if ch.scope != "" {
		fmt.Fprintf(&b, `, scope="%s"`, ch.scope)
	}
	fmt.Fprintf(&b, `, error="%s", error_description="%s"`, ch.code, ch.description)
	return b.String()
}

func setOAuthError(w http.ResponseWriter, code string) {
	if rec, ok := w.(*statusRecorder); ok {
		rec.oauthError = code
	}
}
