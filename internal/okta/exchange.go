// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"time"
)

// One HTTP exchange with Okta, for the API and the token endpoint alike:
// a place in the rate-limit bucket (taken by the caller, which for the API
// first gets a token), the request built for this attempt, sent, its answer
// read up to maxResponseBytes, reported to the rate limiter and logged. The
// place is given back on every path. What differs, the credential and the
// body, is the caller's build function.

// exchanged is what came of one exchange: an answer, or the error that
// left it without one.
type exchanged struct {
	resp *http.Response
	body []byte
	// challenge is the answer's WWW-Authenticate challenge, parsed once.
	challenge authChallenge
	sentAt    time.Time
	// err is a failure to send or to get an answer; mayHaveArrived is set
	// when the request was sent and no answer came back: Okta may have
	// counted it, and acted on it.
	err            error
	mayHaveArrived bool
	// buildErr is a failure to build the request (a credential, a
	// signature): nothing was sent, and trying again would not help.
	buildErr error
}

// exchangeLog is how an exchange is logged: its message, and the fields
// beside the ones every exchange logs.
type exchangeLog struct {
	message string
	fields  map[string]any
}

// exchange sends the request build makes once, with the place in key's
// bucket the caller holds (waited for it), within timeout (none when 0).
func (c *Client) exchange(ctx context.Context, key string, waited waited, timeout time.Duration, build func(ctx context.Context, now time.Time) (*http.Request, error), logAs exchangeLog) exchanged {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	sent := time.Now()
	req, err := build(ctx, sent)
	if err != nil {
		c.limiter.unsent(key)
		return exchanged{buildErr: err}
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	fields := func(more map[string]any) map[string]any {
		f := map[string]any{"method": req.Method, "path": req.URL.EscapedPath()}
		for k, v := range logAs.fields {
			f[k] = v
		}
		for k, v := range more {
			f[k] = v
		}
		return f
	}
	resp, err := c.http.Do(req)
	if err != nil {
		arrived := mayHaveArrived(err)
		c.limiter.release(key, nil, arrived, 0, sent, time.Now())
		c.log(ctx, logAs.message+" failed", fields(map[string]any{"error": err.Error()}))
		return exchanged{err: err, mayHaveArrived: arrived, sentAt: sent}
	}
	defer func() { _ = resp.Body.Close() }() // the body is read in full below: nothing to report
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	received := time.Now()
	c.limiter.release(key, resp.Header, true, resp.StatusCode, sent, received)
	c.log(ctx, logAs.message, fields(map[string]any{
		"query":               req.URL.RawQuery,
		"status":              resp.StatusCode,
		"duration_ms":         received.Sub(sent).Milliseconds(),
		"rate_limit_wait_ms":  waited.total.Milliseconds(),
		"rate_limit_remains":  resp.Header.Get("X-Rate-Limit-Remaining"),
		"rate_limit_resets_s": resp.Header.Get("X-Rate-Limit-Reset"),
		"okta_request_id":     resp.Header.Get("X-Okta-Request-Id"),
	}))
	if err != nil {
		return exchanged{err: fmt.Errorf("reading the answer: %w", err), mayHaveArrived: true, sentAt: sent}
	}
	return exchanged{resp: resp, body: body, challenge: parseChallenge(resp.Header), sentAt: sent}
}

// transient reports, for the retry policy API and token requests share,
// whether an exchange's outcome is worth another attempt, and sleeps the
// backoff before one: a network error that may not recur, a 429 (the rate
// limiter holds the next attempt until the reset) or a 5xx. idempotent
// says whether the request may be sent again after an outcome that leaves
// unknown whether it took effect (a network error, a 5xx); canRetry
// whether the attempts allow another. A non-nil error is the context
// ending during the backoff.
func (c *Client) transient(ctx context.Context, x exchanged, attempt int, idempotent, canRetry bool) (bool, error) {
	if !canRetry {
		return false, nil
	}
	var wait time.Duration
	switch {
	case x.err != nil:
		// The caller reports x.err: the question here is only whether to
		// try again.
		if stopped := ctx.Err() != nil || !idempotent || permanent(x.err); stopped {
			return false, nil
		}
		wait = c.backoff(attempt, nil)
	case x.resp.StatusCode == http.StatusTooManyRequests:
		return true, nil
	case x.resp.StatusCode >= 500 && idempotent:
		wait = c.backoff(attempt, x.resp.Header)
	default:
		return false, nil
	}
	if err := sleep(ctx, wait); err != nil {
		return false, err
	}
	return true, nil
}

var (
	challengeError       = regexp.MustCompile(`error="([^"]*)"`)
	challengeDescription = regexp.MustCompile(`error_description="([^"]*)"`)
	challengeScope       = regexp.MustCompile(`scope="([^"]*)"`)
)

// authChallenge is the error of an answer's WWW-Authenticate challenge,
// such as `DPoP error="use_dpop_nonce"` or `Bearer
// error="insufficient_scope", scope="okta.users.read"`: the first
// challenge that names an error.
type authChallenge struct {
	code, description string
	// scope is the scope an insufficient_scope challenge names.
	scope string
}

func parseChallenge(h http.Header) authChallenge {
	for _, c := range h.Values("WWW-Authenticate") {
		m := challengeError.FindStringSubmatch(c)
		if m == nil {
			continue
		}
		ch := authChallenge{code: m[1]}
		if d := challengeDescription.FindStringSubmatch(c); d != nil {
			ch.description = d[1]
		}
		if s := challengeScope.FindStringSubmatch(c); s != nil && ch.code == insufficientScopeErr {
			ch.scope = s[1]
		}
		return ch
	}
	return authChallenge{}
}
