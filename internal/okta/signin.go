// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// staticCredential checks that cfg sets exactly one way to sign in and
// returns the Authorization header of an API token or access token; nil
// for a service app, whose tokens come later.
func staticCredential(cfg Config) (*secret, error) {
	var set []string
	if cfg.APIToken != "" {
		set = append(set, "an API token")
	}
	if cfg.AccessToken != "" {
		set = append(set, "an access token")
	}
	serviceApp := cfg.ClientID != "" || strings.TrimSpace(cfg.PrivateKey) != ""
	if serviceApp {
		set = append(set, "a service app (client ID and private key)")
	}
	switch {
	case len(set) > 1:
		return nil, fmt.Errorf("set exactly one way to sign in, got %s", strings.Join(set, " and "))
	case len(set) == 0 && cfg.PrivateKeyID != "":
		return nil, errors.New("a private key ID is set without a client ID and private key: set both, or remove the private key ID")
	case len(set) == 0:
		return nil, errors.New("a way to sign in is required: an API token, an access token, or a service app's client ID and private key")
	case serviceApp && cfg.ClientID == "":
		return nil, errors.New("a private key is set without a client ID: set the service app's client ID")
	case serviceApp && strings.TrimSpace(cfg.PrivateKey) == "":
		return nil, errors.New("a client ID is set without a private key: set the service app's private key (PEM or JWK)")
	case serviceApp:
		return nil, nil
	case cfg.PrivateKeyID != "":
		return nil, errors.New("a private key ID only applies to a service app's client ID and private key")
	case cfg.APIToken != "":
		return &secret{header: "SSWS " + cfg.APIToken}, nil
	default:
		return &secret{header: "Bearer " + cfg.AccessToken}, nil
	}
}

// SignInInfo describes a service app's sign-in.
type SignInInfo struct {
	// ServiceApp is set when the client signs in as a service app; the
	// other fields are empty otherwise.
	ServiceApp bool
	// DPoP is set when the token is bound to a DPoP key.
	DPoP bool
	// Scopes are the scopes Okta granted, which may be fewer than asked.
	Scopes []string
	// NotGranted are the requested scopes Okta left out of the token;
	// empty when Okta's answer names no scopes.
	NotGranted []string
}

// SignIn gets a token now, so that a bad key, a wrong kid or a missing
// scope fails early (at plan time) rather than at the first API call. It
// costs nothing with an API token or access token, and the token is kept
// for the calls that follow.
func (c *Client) SignIn(ctx context.Context) (SignInInfo, error) {
	if c.oauth == nil {
		return SignInInfo{}, nil
	}
	tok, err := c.oauth.token(ctx)
	if err != nil {
		return SignInInfo{}, err
	}
	return SignInInfo{
		ServiceApp: true, DPoP: tok.dpop,
		Scopes: slices.Clone(tok.scopes), NotGranted: slices.Clone(tok.notGranted),
	}, nil
}

// currentToken is the token for one attempt; nil with a static credential.
func (c *Client) currentToken(ctx context.Context) (*accessToken, error) {
	if c.oauth == nil {
		return nil, nil
	}
	return c.oauth.token(ctx)
}

// setCredential puts the credential on one attempt: the static header, or
// the token with a proof made for this attempt alone.
func (c *Client) setCredential(req *http.Request, tok *accessToken, target *url.URL) error {
	if tok == nil {
		req.Header.Set("Authorization", c.authorization.header)
		return nil
	}
	if !tok.dpop {
		req.Header.Set("Authorization", "Bearer "+tok.value)
		return nil
	}
	proof, err := c.oauth.dpop.proof(req.Method, target, tok.value, time.Now())
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "DPoP "+tok.value)
	req.Header.Set("DPoP", proof)
	return nil
}

// tokenRefused reports whether an answer to a request made with tok says
// the token is expired or invalid: worth one renewal.
func tokenRefused(tok *accessToken, resp *http.Response, ch authChallenge, body []byte) bool {
	if tok == nil || resp.StatusCode != http.StatusUnauthorized {
		return false
	}
	return ch.code == "invalid_token" || strings.Contains(string(body), CodeInvalidToken)
}

// nonceRequested reports whether the API asks DPoP proofs for a nonce
// (RFC 9449 section 9); the nonce is kept by then.
func nonceRequested(tok *accessToken, resp *http.Response, ch authChallenge) bool {
	if tok == nil || !tok.dpop || resp.Header.Get("DPoP-Nonce") == "" {
		return false
	}
	return ch.code == OAuthUseDPoPNonce
}

// hint adds what a person should do about a refused call.
func (c *Client) hint(apiErr *APIError) {
	if IsMissingSuperAdmin(apiErr) {
		apiErr.Hint = c.superAdminHint()
		return
	}
	if c.oauth == nil {
		return
	}
	switch {
	case apiErr.MissingScope != "":
		apiErr.Hint = scopeHint(c.oauth.clientID, apiErr.MissingScope)
	case apiErr.StatusCode == http.StatusForbidden:
		apiErr.Hint = roleHint(c.oauth.clientID)
	case apiErr.StatusCode == http.StatusUnauthorized:
		apiErr.Hint = refusedTokenHint(c.oauth.clientID)
	}
}

// IsMissingSuperAdmin reports whether err is Okta refusing to grant or
// revoke an app's scopes because the credential's admin lacks the Super
// Administrator role: 403 E0000006 to a grant write (reads work without
// the role), not for a missing OAuth scope, which Okta names in its
// WWW-Authenticate challenge.
func IsMissingSuperAdmin(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusForbidden && apiErr.ErrorCode == CodeForbidden &&
		apiErr.MissingScope == "" && apiErr.AuthError != insufficientScopeErr &&
		isWrite(apiErr.Method) && strings.HasPrefix(apiErr.Path, "/api/v1/apps/") && strings.Contains(apiErr.Path, "/grants")
}

// superAdminHint names the role a grant write needs, and where to assign
// it, for this client's credential.
func (c *Client) superAdminHint() string {
	const why = "Only the Super Administrator role may grant or revoke an app's scopes (reads need no role, so " +
		"terraform plan cannot tell)"
	if c.oauth != nil {
		return fmt.Sprintf("%s, and service app %q lacks it: assign it in the Admin Console under Security > "+
			"Administrators > Add administrator (or Applications > the service app > Admin roles), role Super "+
			"Administrator", why, c.oauth.clientID)
	}
	return why + ", and the admin this API token or access token acts for lacks it: assign the role to that " +
		"admin under Security > Administrators, or use a token of a Super Administrator"
}
