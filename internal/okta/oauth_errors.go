// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"fmt"
	"net/http"
	"strings"
)

// OAuth error codes the token endpoint answers with (RFC 6749, RFC 9449).
const (
	OAuthInvalidClient      = "invalid_client"
	OAuthInvalidScope       = "invalid_scope"
	OAuthConsentRequired    = "consent_required"
	OAuthInvalidDPoPProof   = "invalid_dpop_proof"
	OAuthUseDPoPNonce       = "use_dpop_nonce"
	oauthUnauthorizedClient = "unauthorized_client"
)

// OAuthError is the token endpoint refusing to sign the service app in.
// Inspect it with errors.As; Code is meant for program logic.
type OAuthError struct {
	StatusCode int
	// Code is the OAuth "error", like invalid_client.
	Code string
	// Description is Okta's "error_description", scrubbed of secrets.
	Description string
	ClientID    string
	KeyID       string
	Scopes      []string
	RequestID   string
	Attempts    int
	// Hint says what a person should check or change.
	Hint string
	// Field is the Config field to check (a Field* constant), or "".
	Field string
}

// The Config fields an OAuthError or a ConfigError points at, so that a
// caller can show the error on the setting that holds the field.
const (
	FieldOrgURL       = "OrgURL"
	FieldClientID     = "ClientID"
	FieldPrivateKey   = "PrivateKey"
	FieldPrivateKeyID = "PrivateKeyID"
	FieldScopes       = "Scopes"
	FieldDPoP         = "DPoP"
)

// ConfigError is a Config that New refuses, and the field to change.
type ConfigError struct {
	Field string
	Err   error
}

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

func (e *OAuthError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "signing in to Okta as service app %q failed: %d %s", e.ClientID, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Code != "" {
		fmt.Fprintf(&b, ": %s", e.Code)
	}
	if e.Description != "" {
		fmt.Fprintf(&b, " (%s)", e.Description)
	}
	writeErrorTail(&b, e.Attempts, "", e.RequestID, e.Hint)
	return b.String()
}

// oauthAdvice says what to check for an error of the token endpoint, and
// in which field of Config.
func oauthAdvice(e *OAuthError) (hint, field string) {
	desc := strings.ToLower(e.Description)
	scopes := strings.Join(e.Scopes, " ")
	switch e.Code {
	case OAuthInvalidClient:
		switch {
		case strings.Contains(desc, "kid") && e.KeyID == "":
			return "The service app has several public keys and the client assertion names none: set the private key ID (kid) to the ID Okta shows for this key under the app's Client Credentials > Public Keys", FieldPrivateKeyID
		case strings.Contains(desc, "kid"):
			return fmt.Sprintf("Check the private key ID %q: it must be the kid of a public key registered on service app %q (Client Credentials > Public Keys), or leave it empty when the app has one key", e.KeyID, e.ClientID), FieldPrivateKeyID
		case strings.Contains(desc, "signature"):
			return fmt.Sprintf("The private key does not match the public key registered on service app %q under that kid: check the private key, and register its public half on the app", e.ClientID), FieldPrivateKey
		case strings.Contains(desc, "already been used"):
			return "Okta saw this client assertion before; the client makes a new one per request, so another process may be replaying it", FieldClientID
		case strings.Contains(desc, "audience"):
			return "The client assertion's audience must be the org's token URL: check the org URL (no custom domain or path)", FieldOrgURL
		case strings.Contains(desc, "expir"):
			return "Okta judged the client assertion's expiry wrong: check this machine's clock", FieldClientID
		}
		return fmt.Sprintf("Check the client ID %q (the service app's Client ID), that the app's client authentication is \"Public key / Private key\", the private key ID, and that the app's public keys include the public half of the private key", e.ClientID), FieldClientID
	case OAuthInvalidScope:
		return fmt.Sprintf("Okta does not know one of the requested scopes (%s), or it is not an Okta API scope: request only okta.* scopes", scopes), FieldScopes
	case OAuthConsentRequired:
		return fmt.Sprintf("Service app %q holds none of the requested scopes (%s): grant them in the Admin Console (Applications > the app > Okta API Scopes > Grant), or with okta_app_grant signed in with an API token once", e.ClientID, scopes), FieldScopes
	case OAuthInvalidDPoPProof, OAuthUseDPoPNonce:
		return "Okta refused the DPoP proof: check this machine's clock, or set the DPoP mode to force", FieldDPoP
	case oauthUnauthorizedClient:
		return fmt.Sprintf("Service app %q may not use the client credentials grant: it must be an API Services app", e.ClientID), FieldClientID
	}
	return "", FieldClientID
}

// scopeHint says how a service app gets the scope an API call lacked.
func scopeHint(clientID, scope string) string {
	return fmt.Sprintf("Grant scope %s to service app %q (Admin Console: Applications > the app > Okta API Scopes, or okta_app_grant) and add it to the requested scopes", scope, clientID)
}

// refusedTokenHint is for a 401 that a new token did not cure: the client
// renews a refused token once before it reports the 401.
func refusedTokenHint(clientID string) string {
	return fmt.Sprintf("Okta refused service app %q's access token even after it was renewed: check that the app is "+
		"active in this org (Applications > the app) and that the org URL is the org the app belongs to", clientID)
}

// roleHint is for a 403 without a missing scope: the token has the scope
// but the service app lacks an admin role allowing the action.
func roleHint(clientID string) string {
	return fmt.Sprintf("Service app %q may lack an admin role that allows this (Applications > the app > Admin roles)", clientID)
}
