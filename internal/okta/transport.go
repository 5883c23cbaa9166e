// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// request is one API call, sent again as the retry policy allows.
type request struct {
	method string
	// path is the escaped path under the org URL, or empty when link is set.
	path  string
	query url.Values
	// link is an absolute URL from a Link header.
	link *url.URL
	body any
	// retryAmbiguous allows sending a non-idempotent request again after
	// an answer that leaves its outcome unknown (a 5xx or a network error).
	// The caller must reconcile what an earlier attempt may have done.
	retryAmbiguous bool
}

// response is what came of a request: its answer's headers, and whether
// an attempt may have taken effect without its answer reaching us.
type response struct {
	url      *url.URL
	header   http.Header
	attempts int
	// ambiguous is set when an earlier attempt failed in a way that may
	// have taken effect on the server.
	ambiguous bool
}

// RequestError is a request that got no answer from Okta.
type RequestError struct {
	Method   string
	Path     string
	Attempts int
	Err      error
}

func (e *RequestError) Error() string {
	attempts := ""
	if e.Attempts > 1 {
		attempts = fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	return fmt.Sprintf("%s %s: %v%s", e.Method, e.Path, e.Err, attempts)
}

func (e *RequestError) Unwrap() error { return e.Err }

func (c *Client) do(ctx context.Context, req request, out any) (*response, error) {
	target, err := c.target(req)
	if err != nil {
		return nil, err
	}
	var payload []byte
	if req.body != nil {
		if payload, err = json.Marshal(req.body); err != nil {
			return nil, fmt.Errorf("encoding %s %s: %w", req.method, target.Path, err)
		}
	}
	display := target.EscapedPath()
	if target.RawQuery != "" {
		display += "?" + target.RawQuery
	}
	// A followed pagination link is a URL the server wrote.
	display = c.secrets.redact(display)
	retryable := req.method == http.MethodGet || req.method == http.MethodDelete || req.retryAmbiguous
	ambiguous := false
	firstRequestID := ""

	// A refused token is renewed up to maxRenewals times (a token can
	// expire on the way: slow answers, short lifetimes), and a DPoP nonce
	// the API asks for is sent once, beside the retries.
	renewals, nonceSent, extra := 0, false, 0
	for attempt := 1; ; attempt++ {
		a := c.attempt(ctx, req.method, target, payload, attempt, firstRequestID)
		canRetry := attempt-extra <= c.maxRetries
		if a.signInErr != nil {
			return &response{url: target, attempts: attempt - 1, ambiguous: ambiguous}, a.signInErr
		}
		if a.err != nil {
			ambiguous = ambiguous || a.mayHaveArrived
			failed := &response{url: target, attempts: attempt, ambiguous: ambiguous}
			reqErr := &RequestError{Method: req.method, Path: display, Attempts: attempt, Err: a.err}
			if ctx.Err() != nil {
				reqErr.Err = ctx.Err()
				return failed, reqErr
			}
			again, err := c.transient(ctx, a.exchanged, attempt, retryable, canRetry)
			if err != nil {
				reqErr.Err = err
			}
			if !again {
				return failed, reqErr
			}
			continue
		}
		if firstRequestID == "" {
			firstRequestID = a.resp.Header.Get("X-Okta-Request-Id")
		}
		status := a.resp.StatusCode
		answered := &response{url: target, header: a.resp.Header, attempts: attempt, ambiguous: ambiguous}

		switch {
		case status >= 200 && status < 300:
			if out != nil && len(bytes.TrimSpace(a.body)) > 0 {
				if err := json.Unmarshal(a.body, out); err != nil {
					return nil, fmt.Errorf("%s %s: decoding the answer: %w", req.method, display, err)
				}
			}
			return answered, nil
		case renewals < maxRenewals && tokenRefused(a.token, a.resp, a.challenge, a.body):
			renewals, extra = renewals+1, extra+1
			c.oauth.invalidate(a.token)
			continue
		case !nonceSent && nonceRequested(a.token, a.resp, a.challenge):
			nonceSent, extra = true, extra+1
			continue
		}
		again, err := c.transient(ctx, a.exchanged, attempt, retryable, canRetry)
		if err != nil {
			answered.ambiguous = ambiguous || status >= 500
			return answered, &RequestError{Method: req.method, Path: display, Attempts: attempt, Err: err}
		}
		if again {
			ambiguous = ambiguous || status >= 500
			continue
		}
		if status >= 500 {
			answered.ambiguous = true
		}
		apiErr := decodeAPIError(req.method, display, a.resp, a.challenge, []byte(c.secrets.redact(string(a.body))))
		apiErr.Attempts = attempt
		c.secrets.redactAPIError(apiErr)
		c.hint(apiErr)
		return answered, apiErr
	}
}

// mayHaveArrived reports whether a sent request that got no answer may
// still have reached Okta: anything but a failure to connect.
func mayHaveArrived(err error) bool {
	var opErr *net.OpError
	var dnsErr *net.DNSError
	refused := errors.As(err, &opErr) && opErr.Op == "dial"
	return !refused && !errors.As(err, &dnsErr)
}

// permanent reports whether a network error would fail again: a
// certificate Okta's name does not match or no authority vouches for.
func permanent(err error) bool {
	var certErr *tls.CertificateVerificationError
	var hostErr x509.HostnameError
	var authErr x509.UnknownAuthorityError
	return errors.As(err, &certErr) || errors.As(err, &hostErr) || errors.As(err, &authErr)
}

// detachedWriteTimeout bounds a write that is seen through after
// cancellation when request_timeout sets no limit.
const detachedWriteTimeout = 60 * time.Second

func isWrite(method string) bool {
	return method != http.MethodGet && method != http.MethodHead
}

// attemptTimeout is how long one attempt may take: request_timeout, and
// for a write, which outlives its context, never unbounded.
func (c *Client) attemptTimeout(method string) time.Duration {
	if c.requestTimeout <= 0 && isWrite(method) {
		return detachedWriteTimeout
	}
	return c.requestTimeout
}

// maxRenewals bounds how often one request renews a refused token: a
// token Okta refuses again and again is not expiring, it is wrong.
const maxRenewals = 3

// tokenAndPlace gets the token and a place in the bucket of key. The token
// comes first: waiting for the token endpoint must not hold a place in
// the API's bucket. A token that came due for renewal during the wait for
// a place (short-lived tokens, long windows) is renewed while the place is
// held: sent, it would be refused, and giving the place back to renew it
// could repeat for as long as waits outlast tokens. Token requests take no
// slot (concurrency.go), so a place held here never blocks one. signInErr
// is a failure to get a token, err one to get a place.
func (c *Client) tokenAndPlace(ctx context.Context, key string) (tok *accessToken, w waited, signInErr, err error) {
	if tok, signInErr = c.currentToken(ctx); signInErr != nil {
		return nil, w, signInErr, nil
	}
	if w, err = c.limiter.acquire(ctx, key); err != nil {
		return nil, w, nil, err
	}
	if tok != nil && !time.Now().Before(tok.renewAt) {
		if tok, signInErr = c.currentToken(ctx); signInErr != nil {
			c.limiter.unsent(key)
			return nil, w, signInErr, nil
		}
	}
	return tok, w, nil, nil
}

type attemptResult struct {
	exchanged
	// signInErr is a failure to get a token or to use it: the request was
	// not sent.
	signInErr error
	// token is the service app's token the attempt carried.
	token *accessToken
}

// attempt sends the request once, paced by the rate limiter.
func (c *Client) attempt(ctx context.Context, method string, target *url.URL, payload []byte, n int, retryFor string) attemptResult {
	key := bucketKey(method, target.Path)
	tok, waited, signInErr, err := c.tokenAndPlace(ctx, key)
	if signInErr != nil {
		return attemptResult{signInErr: signInErr}
	}
	if err != nil {
		return attemptResult{exchanged: exchanged{err: err}}
	}
	c.recordWait(ctx, method, target.EscapedPath(), key, waited)
	if isWrite(method) {
		// Terraform cancels ctx on Ctrl-C. A write not sent yet stops
		// here; one that is sent is seen through, so that its result is
		// recorded: a grant made in Okta that the run never hears of is
		// in Okta but not in the state.
		if err := ctx.Err(); err != nil {
			c.limiter.unsent(key)
			return attemptResult{exchanged: exchanged{err: err}}
		}
		ctx = context.WithoutCancel(ctx)
	}
	build := func(ctx context.Context, _ time.Time) (*http.Request, error) {
		var body io.Reader
		if payload != nil {
			body = bytes.NewReader(payload)
		}
		req, err := http.NewRequestWithContext(ctx, method, target.String(), body)
		if err != nil {
			return nil, err
		}
		if err := c.setCredential(req, tok, target); err != nil {
			return nil, err
		}
		if payload != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		if n > 1 {
			req.Header.Set("X-Okta-Retry-Count", strconv.Itoa(n-1))
			if retryFor != "" {
				req.Header.Set("X-Okta-Retry-For", retryFor)
			}
		}
		return req, nil
	}
	x := c.exchange(ctx, key, waited, c.attemptTimeout(method), build, exchangeLog{message: "Okta request", fields: map[string]any{"attempt": n}})
	if x.buildErr != nil {
		return attemptResult{signInErr: x.buildErr}
	}
	if x.resp != nil && tok != nil && tok.dpop {
		c.oauth.dpop.rememberNonce(x.resp.Header, false)
	}
	return attemptResult{exchanged: x, token: tok}
}

func (c *Client) target(req request) (*url.URL, error) {
	if req.link != nil {
		if !strings.EqualFold(req.link.Scheme, c.orgURL.Scheme) || normalHost(req.link) != c.orgURL.Host {
			// Never send the credential to a host other than the org's.
			return nil, fmt.Errorf("okta: refusing to follow a pagination link to %s://%s, which is not the org %s", req.link.Scheme, req.link.Host, c.orgURL)
		}
		return req.link, nil
	}
	u, err := url.Parse(c.orgURL.String() + req.path)
	if err != nil {
		return nil, fmt.Errorf("okta: building the URL for %s: %w", req.path, err)
	}
	u.RawQuery = req.query.Encode()
	return u, nil
}

// backoff is the wait before retry number attempt: exponential with
// jitter, or what a Retry-After header asks for.
func (c *Client) backoff(attempt int, h http.Header) time.Duration {
	if h != nil {
		if s, err := strconv.Atoi(h.Get("Retry-After")); err == nil && s >= 0 {
			if s >= int(c.retryWaitMax/time.Second) {
				return c.retryWaitMax
			}
			return time.Duration(s) * time.Second
		}
	}
	d := c.retryWaitMin << min(attempt-1, 20)
	if d <= 0 || d > c.retryWaitMax {
		d = c.retryWaitMax
	}
	return d/2 + rand.N(d/2+1) //nolint:gosec // jitter, not a secret
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
