// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"context"
	"regexp"
	"strings"
	"sync"
)

// redacted replaces a credential in text a server sent back.
const redacted = "[redacted]"

// minSecretLength keeps a short value (a test's "x") from being scrubbed out
// of every message: real credentials are far longer (an API token has 42
// characters).
const minSecretLength = 8

// secrets are the credentials the client has sent or will send: the API
// token or access token, and what sign-in adds (a private key, an issued
// token); jwtPattern covers client assertions and DPoP proofs. A
// misconfigured proxy or a hostile server can echo any of them back, in an
// error summary, its causes, a WWW-Authenticate challenge, a header or a
// body; everything a server says passes through redact before it reaches
// an error or a log.
type secrets struct {
	mu     sync.RWMutex
	values []string
}

// jwtPattern matches a compact JWS (a client assertion, a DPoP proof, a
// JWT access token): whatever its origin, it is a credential. It covers
// the single-use secrets, one per request, so they are not registered.
var jwtPattern = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`)

func (s *secrets) add(value string) {
	value = strings.TrimSpace(value)
	if len(value) < minSecretLength {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range s.values {
		if v == value {
			return
		}
	}
	s.values = append(s.values, value)
}

func (s *secrets) redact(text string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, v := range s.values {
		if strings.Contains(text, v) {
			text = strings.ReplaceAll(text, v, redacted)
		}
	}
	if strings.Contains(text, "eyJ") {
		text = jwtPattern.ReplaceAllString(text, redacted)
	}
	return text
}

// addSecret registers a credential the client sends, to scrub from anything
// a server says back. Safe for concurrent use.
func (c *Client) addSecret(value string) { c.secrets.add(value) }

// redactAPIError scrubs every field of e a server wrote.
func (s *secrets) redactAPIError(e *APIError) {
	e.ErrorCode = s.redact(e.ErrorCode)
	e.ErrorSummary = s.redact(e.ErrorSummary)
	e.ErrorLink = s.redact(e.ErrorLink)
	e.ErrorID = s.redact(e.ErrorID)
	e.RequestID = s.redact(e.RequestID)
	e.MissingScope = s.redact(e.MissingScope)
	e.AuthError = s.redact(e.AuthError)
	e.AuthErrorDescription = s.redact(e.AuthErrorDescription)
	e.Body = s.redact(e.Body)
	for i, cause := range e.Causes {
		e.Causes[i] = s.redact(cause)
	}
}

// redactingLog scrubs the string fields of every log line: they carry
// headers and error texts a server wrote.
func redactingLog(log LogFunc, s *secrets) LogFunc {
	if log == nil {
		return func(context.Context, string, map[string]any) {}
	}
	return func(ctx context.Context, msg string, fields map[string]any) {
		for k, v := range fields {
			if text, ok := v.(string); ok {
				fields[k] = s.redact(text)
			}
		}
		log(ctx, s.redact(msg), fields)
	}
}
