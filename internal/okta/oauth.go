// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultScopes are the Okta API scopes this client's calls need: what a
// service app requests when Config.Scopes is empty. Okta issues a token
// with those of them the app was granted.
var DefaultScopes = []string{"okta.appGrants.manage", "okta.appGrants.read", "okta.users.read"}

const (
	tokenPath           = "/oauth2/v1/token" //nolint:gosec // a path, not a credential
	clientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
	// assertionLifetime is short: an assertion is used once, at once.
	assertionLifetime = 5 * time.Minute
	// maxRenewMargin bounds how long before expiry a token is renewed.
	maxRenewMargin = time.Minute
	// maxNonceRounds bounds use_dpop_nonce answers to one token request:
	// a server that keeps asking is broken, not slow.
	maxNonceRounds = 2
)

// accessToken is a token the token endpoint issued, shared by every
// request of the client until it is renewed.
type accessToken struct {
	value  string
	dpop   bool
	scopes []string
	// notGranted are the requested scopes Okta's answer left out.
	notGranted []string
	renewAt    time.Time
}

// tokenSource signs a service app in with its private key
// (private_key_jwt, client credentials) and keeps its token. All
// goroutines share one token; one request at a time fetches a new one.
type tokenSource struct {
	c        *Client
	clientID string
	key      *signingKey
	scopes   []string
	mode     DPoPMode
	useDPoP  atomic.Bool
	dpop     dpop
	tokenURL *url.URL

	mu      sync.Mutex
	current *accessToken
	call    *tokenCall
}

// tokenCall is a token request in flight, which every caller waits for.
type tokenCall struct {
	done chan struct{}
	tok  *accessToken
	err  error
}

// newTokenSource signs in as the service app of cfg, whose client ID and
// private key staticCredential found set.
func newTokenSource(c *Client, cfg Config) (*tokenSource, error) {
	if err := CheckID("client ID", cfg.ClientID); err != nil {
		return nil, err
	}
	key, err := parsePrivateKey(cfg.PrivateKey, cfg.PrivateKeyID)
	var configErr *ConfigError
	if err != nil && !errors.As(err, &configErr) {
		err = &ConfigError{Field: FieldPrivateKey, Err: err}
	}
	if err != nil {
		return nil, err
	}
	mode, err := parseDPoPMode(cfg.DPoP)
	if err != nil {
		return nil, &ConfigError{Field: FieldDPoP, Err: err}
	}
	scopes := cfg.Scopes
	if len(scopes) == 0 {
		scopes = DefaultScopes
	}
	tokenURL, err := c.target(request{path: tokenPath})
	if err != nil {
		return nil, err
	}
	ts := &tokenSource{c: c, clientID: cfg.ClientID, key: key, scopes: append([]string(nil), scopes...), mode: mode, tokenURL: tokenURL}
	ts.useDPoP.Store(mode == DPoPForce)
	c.addSecret(cfg.PrivateKey)
	c.addSecret(strings.ReplaceAll(cfg.PrivateKey, `\n`, "\n"))
	return ts, nil
}

// token is the current token, fetched when there is none or it is due
// for renewal. Concurrent callers share one token request.
func (ts *tokenSource) token(ctx context.Context) (*accessToken, error) {
	ts.mu.Lock()
	if t := ts.current; t != nil && time.Now().Before(t.renewAt) {
		ts.mu.Unlock()
		return t, nil
	}
	call := ts.call
	if call == nil {
		call = &tokenCall{done: make(chan struct{})}
		ts.call = call
		// Not bound to the first caller's cancellation: the others wait
		// for the same answer. Each attempt has its own timeout.
		go ts.run(context.WithoutCancel(ctx), call)
	}
	ts.mu.Unlock()
	select {
	case <-call.done:
		return call.tok, call.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (ts *tokenSource) run(ctx context.Context, call *tokenCall) {
	tok, err := ts.fetch(ctx)
	ts.mu.Lock()
	if err == nil {
		ts.current = tok
	}
	ts.call = nil
	call.tok, call.err = tok, err
	ts.mu.Unlock()
	close(call.done)
}

// invalidate drops t after Okta refused it, unless another request has
// already replaced it: ten requests refused together renew it once.
func (ts *tokenSource) invalidate(t *accessToken) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.current == t {
		ts.current = nil
	}
}

type tokenAnswer struct {
	TokenType        string `json:"token_type"`
	AccessToken      string `json:"access_token"`
	ExpiresIn        int64  `json:"expires_in"`
	Scope            string `json:"scope"`
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

// fetch asks the token endpoint for a token, answering its DPoP
// challenges and retrying 429s, 5xx and network errors as API calls are.
func (ts *tokenSource) fetch(ctx context.Context) (*accessToken, error) {
	retries, nonceRounds, switched := 0, 0, false
	for sent := 1; ; sent++ {
		r := ts.send(ctx, sent)
		if r.buildErr != nil {
			return nil, r.buildErr
		}
		var ans tokenAnswer
		if r.err == nil {
			_ = json.Unmarshal(r.body, &ans) // an unreadable body is reported by status below
			switch status := r.resp.StatusCode; {
			case status == http.StatusOK:
				return ts.accept(ans, r.dpop, r.sentAt)
			case ans.Error == OAuthInvalidDPoPProof && !r.dpop && ts.mode == DPoPAuto && !switched:
				// The app requires DPoP: from now on every token request
				// of this client carries a proof.
				switched = true
				ts.useDPoP.Store(true)
				continue
			case ans.Error == OAuthUseDPoPNonce && r.dpop && nonceRounds < maxNonceRounds && r.resp.Header.Get("DPoP-Nonce") != "":
				nonceRounds++
				continue // rememberNonce kept it for the next proof
			}
		}
		// A token request changes nothing in the org: it may be sent again
		// whatever became of the last one.
		again, err := ts.c.transient(ctx, r.exchanged, retries+1, true, retries < ts.c.maxRetries)
		if again {
			retries++
			continue
		}
		if r.err != nil || err != nil {
			return nil, &RequestError{Method: http.MethodPost, Path: tokenPath, Attempts: sent, Err: cmp.Or(r.err, err)}
		}
		return nil, ts.oauthError(r, ans, sent)
	}
}

func (ts *tokenSource) accept(ans tokenAnswer, sentDPoP bool, sentAt time.Time) (*accessToken, error) {
	if ans.AccessToken == "" {
		return nil, errors.New("signing in to Okta: the token endpoint answered 200 without an access token")
	}
	ts.c.addSecret(ans.AccessToken)
	isDPoP := strings.EqualFold(ans.TokenType, "DPoP")
	if isDPoP && !sentDPoP {
		return nil, errors.New("signing in to Okta: the token endpoint issued a DPoP token to a request without a DPoP proof")
	}
	lifetime := time.Duration(ans.ExpiresIn) * time.Second
	if lifetime <= 0 {
		lifetime = time.Hour
	}
	// Renewed ahead of expiry, so that a request in flight and a server
	// clock slightly ahead do not meet an expired token.
	margin := min(maxRenewMargin, lifetime/10)
	scopes := strings.Fields(ans.Scope)
	var notGranted []string
	if len(scopes) > 0 {
		// An answer without `scope` names no scope: nothing to call missing.
		notGranted = missingScopes(ts.scopes, scopes)
	}
	return &accessToken{value: ans.AccessToken, dpop: isDPoP, scopes: scopes, notGranted: notGranted, renewAt: sentAt.Add(lifetime - margin)}, nil
}

func missingScopes(requested, granted []string) []string {
	var out []string
	for _, s := range requested {
		found := false
		for _, g := range granted {
			found = found || g == s
		}
		if !found {
			out = append(out, s)
		}
	}
	return out
}

func (ts *tokenSource) oauthError(r tokenAttempt, ans tokenAnswer, sent int) error {
	redact := ts.c.secrets.redact
	e := &OAuthError{
		StatusCode: r.resp.StatusCode, Code: redact(ans.Error), Description: redact(ans.ErrorDescription),
		ClientID: ts.clientID, KeyID: ts.key.kid, Scopes: ts.scopes, Attempts: sent,
		RequestID: redact(r.resp.Header.Get("X-Okta-Request-Id")),
	}
	if e.Code == "" {
		// Not an OAuth answer (a proxy's page): show what came back.
		e.Description = redact(excerpt(r.body))
	}
	e.Hint, e.Field = oauthAdvice(e)
	return e
}

// tokenAttempt is one request to the token endpoint.
type tokenAttempt struct {
	exchanged
	dpop bool
}

func (ts *tokenSource) send(ctx context.Context, n int) tokenAttempt {
	key := bucketKey(http.MethodPost, tokenPath)
	waited, err := ts.c.limiter.acquire(ctx, key)
	if err != nil {
		return tokenAttempt{exchanged: exchanged{err: err}}
	}
	useDPoP := ts.useDPoP.Load()
	build := func(ctx context.Context, now time.Time) (*http.Request, error) {
		// A new assertion and proof for every attempt: Okta refuses a jti
		// it has seen.
		assertion, err := signJWT(ts.key, assertionHeader(ts.key.kid), map[string]any{
			"iss": ts.clientID, "sub": ts.clientID, "aud": ts.tokenURL.String(),
			"iat": now.Unix(), "exp": now.Add(assertionLifetime).Unix(), "jti": randomID(),
		})
		if err != nil {
			return nil, fmt.Errorf("signing the client assertion: %w", err)
		}
		form := url.Values{
			"grant_type": {"client_credentials"}, "scope": {strings.Join(ts.scopes, " ")},
			"client_assertion_type": {clientAssertionType}, "client_assertion": {assertion},
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, ts.tokenURL.String(), strings.NewReader(form.Encode()))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if useDPoP {
			proof, err := ts.dpop.proof(http.MethodPost, ts.tokenURL, "", now)
			if err != nil {
				return nil, err
			}
			req.Header.Set("DPoP", proof)
		}
		return req, nil
	}
	x := ts.c.exchange(ctx, key, waited, ts.c.attemptTimeout(http.MethodPost), build, exchangeLog{
		message: "Okta token request",
		fields:  map[string]any{"attempt": n, "dpop": useDPoP, "client_id": ts.clientID},
	})
	if x.resp != nil {
		ts.dpop.rememberNonce(x.resp.Header, true)
	}
	return tokenAttempt{exchanged: x, dpop: useDPoP}
}

func assertionHeader(kid string) map[string]any {
	h := map[string]any{"typ": "JWT"}
	if kid != "" {
		h["kid"] = kid
	}
	return h
}
