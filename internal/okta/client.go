// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

// Package okta is a client for the Okta management API endpoints that manage
// OAuth 2.0 scope consent grants. It retries, follows pagination and paces
// itself under Okta's rate limits; it knows nothing about Terraform.
package okta

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

const (
	defaultRetryWaitMin = 500 * time.Millisecond
	defaultRetryWaitMax = 30 * time.Second
	maxResponseBytes    = 32 << 20
)

// Config configures a Client. Exactly one way to sign in is set: APIToken,
// AccessToken, or ClientID with PrivateKey.
type Config struct {
	// OrgURL is the org's base URL, like https://acme.okta.com.
	OrgURL string
	// APIToken is sent as "Authorization: SSWS <token>".
	APIToken string
	// AccessToken is an OAuth 2.0 access token, sent as "Authorization: Bearer <token>".
	AccessToken string
	// ClientID is the client ID of an OAuth 2.0 service app that signs in
	// with PrivateKey (private_key_jwt, client credentials). The client
	// gets its own tokens and renews them.
	ClientID string
	// PrivateKey is the service app's private key as text: PEM (PKCS#1
	// "RSA PRIVATE KEY", PKCS#8 "PRIVATE KEY", SEC 1 "EC PRIVATE KEY") or
	// JWK JSON (a key or a key set). RSA keys sign RS256, EC keys ES256
	// (P-256), ES384 or ES512. Literal "\n" sequences count as newlines.
	PrivateKey string
	// PrivateKeyID is the kid of the app's public key matching
	// PrivateKey; optional when the app has one key (or the JWK has a kid).
	PrivateKeyID string
	// Scopes are the OAuth scopes to request; empty means DefaultScopes.
	Scopes []string
	// DPoP says when to bind tokens to a key with DPoP proofs: DPoPAuto
	// (also ""), DPoPForce or DPoPOff.
	DPoP DPoPMode
	// MaxRetries is how many times a request is sent again after a 429, a
	// 5xx or a network error. Zero disables retries.
	MaxRetries int
	// RequestTimeout bounds each attempt of a request. Zero leaves only the
	// caller's context to bound it.
	RequestTimeout time.Duration
	// MaxAPICapacity is the percentage (1-100) of each rate-limit bucket
	// this client may use. Zero means 100.
	MaxAPICapacity int
	// MaxInFlight is the most requests the client has in flight at once,
	// over every endpoint; Okta's concurrent-request 429 lowers it for a
	// while. Zero means DefaultMaxInFlight.
	MaxInFlight int
	// UserAgent is sent with every request.
	UserAgent string
	// HTTPClient sends the requests; nil means a new http.Client.
	HTTPClient *http.Client
	// Log receives one line per attempt. It never sees credentials.
	Log LogFunc
	// InfoLog receives what a person running Terraform should see without
	// debug logs, such as long waits for the rate limit. Nil drops them.
	InfoLog LogFunc
	// RateLimitStateDir is where the last known state of the org's
	// rate-limit buckets is kept between processes, so that a new process
	// does not spend its first request learning that a previous one left
	// no room. Empty keeps nothing.
	RateLimitStateDir string
	// RetryWaitMin and RetryWaitMax bound the exponential backoff between
	// retries of 5xx answers and network errors. Zero means 500ms and 30s.
	RetryWaitMin, RetryWaitMax time.Duration
}

// LogFunc receives the client's debug log lines.
type LogFunc func(ctx context.Context, msg string, fields map[string]any)

// Client calls one Okta org. It is safe for concurrent use.
type Client struct {
	orgURL         *url.URL
	authorization  *secret
	http           *http.Client
	maxRetries     int
	requestTimeout time.Duration
	retryWaitMin   time.Duration
	retryWaitMax   time.Duration
	userAgent      string
	log            LogFunc
	infoLog        LogFunc
	longWait       time.Duration
	secrets        *secrets
	// oauth signs a service app in; nil with a static credential.
	oauth     *tokenSource
	limiter   *rateLimiter
	appGrants *appGrantSnapshots
}

// secret is the Authorization header. It sits behind a pointer and
// prints as [redacted], so that no formatting of the client shows it.
type secret struct{ header string }

// credential is the token alone, to scrub from text Okta sends back.
func (s *secret) credential() string {
	_, token, _ := strings.Cut(s.header, " ")
	return token
}

func (*secret) String() string   { return "[redacted]" }
func (*secret) GoString() string { return "[redacted]" }

// String describes the client without its credential.
func (c *Client) String() string { return "okta.Client{org: " + c.orgURL.String() + "}" }

// GoString describes the client without its credential.
func (c *Client) GoString() string { return c.String() }

// New checks cfg and returns a client for the org.
func New(cfg Config) (*Client, error) {
	orgURL, err := ParseOrgURL(cfg.OrgURL)
	if err != nil {
		return nil, err
	}
	auth, err := staticCredential(cfg)
	if err != nil {
		return nil, err
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("max retries must not be negative, got %d", cfg.MaxRetries)
	}
	if cfg.MaxAPICapacity < 0 || cfg.MaxAPICapacity > 100 {
		return nil, fmt.Errorf("max API capacity must be a percentage between 1 and 100, got %d", cfg.MaxAPICapacity)
	}
	if cfg.MaxInFlight < 0 {
		return nil, fmt.Errorf("max requests in flight must not be negative, got %d", cfg.MaxInFlight)
	}
	c := &Client{
		orgURL:         orgURL,
		authorization:  auth,
		http:           withoutRedirects(cfg.HTTPClient),
		maxRetries:     cfg.MaxRetries,
		requestTimeout: cfg.RequestTimeout,
		retryWaitMin:   cfg.RetryWaitMin,
		retryWaitMax:   cfg.RetryWaitMax,
		userAgent:      cfg.UserAgent,
		secrets:        &secrets{},
		limiter:        newRateLimiter(cfg.MaxAPICapacity, cfg.MaxInFlight, newBucketStore(cfg.RateLimitStateDir, orgURL.String()), newPeers(cfg.RateLimitStateDir, orgHash(orgURL.String()))),
		appGrants:      newAppGrantSnapshots(),
	}
	if c.retryWaitMin <= 0 {
		c.retryWaitMin = defaultRetryWaitMin
	}
	if c.retryWaitMax < c.retryWaitMin {
		c.retryWaitMax = max(defaultRetryWaitMax, c.retryWaitMin)
	}
	if c.userAgent == "" {
		c.userAgent = "terraform-provider-okta"
	}
	if auth != nil {
		c.addSecret(auth.credential())
	} else if c.oauth, err = newTokenSource(c, cfg); err != nil {
		return nil, err
	}
	c.log = redactingLog(cfg.Log, c.secrets)
	c.infoLog = redactingLog(cfg.InfoLog, c.secrets)
	c.longWait = longWait
	c.limiter.onLongWait = c.announceWait
	return c, nil
}

// withoutRedirects copies an HTTP client so that it never follows a
// redirect: Go would send the Authorization header along to the same host
// over plain http, or to another port. Okta's API does not redirect; a
// redirect is reported as the answer it is.
func withoutRedirects(hc *http.Client) *http.Client {
	c := &http.Client{}
	if hc != nil {
		*c = *hc
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// OrgURL is the org's base URL without a trailing slash: the issuer of
// the org authorization server, which app grants must name.
func (c *Client) OrgURL() string { return c.orgURL.String() }
