// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Okta error codes the client and its callers act on. Only errorCode is meant
// for program logic; summaries change between Okta releases.
const (
	CodeValidation       = "E0000001"
	CodeForbidden        = "E0000006"
	CodeNotFound         = "E0000007"
	CodeInvalidToken     = "E0000011"
	maxErrorBodyExcerpt  = 512
	insufficientScopeErr = "insufficient_scope"
)

// APIError is a non-success answer from Okta. It keeps everything Okta said
// so that callers can show it to people and inspect it with errors.As.
type APIError struct {
	StatusCode   int
	Method       string
	Path         string
	ErrorCode    string
	ErrorSummary string
	ErrorLink    string
	ErrorID      string
	Causes       []string
	// RequestID is Okta's X-Okta-Request-Id, what Okta support asks for.
	RequestID string
	// MissingScope is the OAuth scope named by a WWW-Authenticate
	// insufficient_scope challenge, when Okta sent one.
	MissingScope string
	// AuthError and AuthErrorDescription are the error of a
	// WWW-Authenticate challenge (invalid_token, invalid_dpop_proof...),
	// which Okta sends instead of a body to OAuth access tokens.
	AuthError, AuthErrorDescription string
	// Hint says what a person should do, when the client knows.
	Hint string
	// Attempts is how many times the request was sent before giving up.
	Attempts int
	// Body is an excerpt of a body that was not an Okta error object.
	Body string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.ErrorCode != "" {
		fmt.Fprintf(&b, ": %s", e.ErrorCode)
	}
	if e.ErrorSummary != "" {
		fmt.Fprintf(&b, " %s", e.ErrorSummary)
	}
	if len(e.Causes) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(e.Causes, "; "))
	}
	if e.MissingScope != "" {
		fmt.Fprintf(&b, " (the credential lacks OAuth scope %s)", e.MissingScope)
	}
	if e.ErrorCode == "" && e.AuthError != "" && e.AuthError != insufficientScopeErr {
		fmt.Fprintf(&b, ": %s", e.AuthError)
		if e.AuthErrorDescription != "" {
			fmt.Fprintf(&b, " (%s)", e.AuthErrorDescription)
		}
	}
	if e.ErrorCode == "" && e.Body != "" {
		fmt.Fprintf(&b, ": %s", e.Body)
	}
	writeErrorTail(&b, e.Attempts, e.ErrorID, e.RequestID, e.Hint)
	return b.String()
}

// writeErrorTail ends the text of an error of the API or of signing in
// alike: how many attempts, the IDs to quote to Okta support, and the hint.
func writeErrorTail(b *strings.Builder, attempts int, errorID, requestID, hint string) {
	if attempts > 1 {
		fmt.Fprintf(b, " (after %d attempts)", attempts)
	}
	if errorID != "" {
		fmt.Fprintf(b, " [errorId %s]", errorID)
	}
	if requestID != "" {
		fmt.Fprintf(b, " [request %s]", requestID)
	}
	if hint != "" {
		b.WriteString(". " + hint)
	}
}

// IsNotFound reports whether err is Okta saying the resource does not exist.
func IsNotFound(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound
}

// HasStatus reports whether err is an Okta answer with the given HTTP status.
func HasStatus(err error, status int) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == status
}

type wireError struct {
	ErrorCode    string      `json:"errorCode"`
	ErrorSummary string      `json:"errorSummary"`
	ErrorLink    string      `json:"errorLink"`
	ErrorID      string      `json:"errorId"`
	ErrorCauses  []wireCause `json:"errorCauses"`
}

// wireCause is one of errorCauses: usually {"errorSummary": "..."}, but
// Okta's spec also types them as plain strings (its 409 answers). Either
// decodes; anything else is dropped rather than failing the whole body,
// and with it errorCode.
type wireCause struct{ summary string }

func (c *wireCause) UnmarshalJSON(b []byte) error {
	var text string
	if json.Unmarshal(b, &text) == nil {
		c.summary = text
		return nil
	}
	var object struct {
		ErrorSummary string `json:"errorSummary"`
	}
	if json.Unmarshal(b, &object) == nil {
		c.summary = object.ErrorSummary
	}
	return nil
}

func decodeAPIError(method, path string, resp *http.Response, ch authChallenge, body []byte) *APIError {
	apiErr := &APIError{
		StatusCode:           resp.StatusCode,
		Method:               method,
		Path:                 path,
		RequestID:            resp.Header.Get("X-Okta-Request-Id"),
		MissingScope:         ch.scope,
		AuthError:            ch.code,
		AuthErrorDescription: ch.description,
	}
	var w wireError
	if err := json.Unmarshal(body, &w); err == nil && (w.ErrorCode != "" || w.ErrorSummary != "") {
		apiErr.ErrorCode = w.ErrorCode
		apiErr.ErrorSummary = w.ErrorSummary
		apiErr.ErrorLink = w.ErrorLink
		apiErr.ErrorID = w.ErrorID
		for _, c := range w.ErrorCauses {
			if c.summary != "" {
				apiErr.Causes = append(apiErr.Causes, c.summary)
			}
		}
		return apiErr
	}
	apiErr.Body = excerpt(body)
	return apiErr
}

func excerpt(body []byte) string {
	s := strings.TrimSpace(string(body))
	if len(s) > maxErrorBodyExcerpt {
		s = s[:maxErrorBodyExcerpt] + "..."
	}
	return s
}

// ScopeAlreadyGrantedError is returned when an app already holds the scope
// it is asked to be granted. Existing is that grant, to be imported.
type ScopeAlreadyGrantedError struct {
	AppID    string
	ScopeID  string
	Existing Grant
	Err      error
}

func (e *ScopeAlreadyGrantedError) Error() string {
	return fmt.Sprintf("app %s already holds scope %s (grant %s)", e.AppID, e.ScopeID, e.Existing.ID)
}

func (e *ScopeAlreadyGrantedError) Unwrap() error { return e.Err }

// InvalidIDError is returned before any request when an ID could change the
// URL it is put in (a slash, a dot segment, a query or fragment character).
type InvalidIDError struct {
	Kind string
	ID   string
}

func (e *InvalidIDError) Error() string {
	if e.ID == "" {
		return fmt.Sprintf("%s must not be empty", e.Kind)
	}
	return fmt.Sprintf("%s %q is not a valid Okta ID: it must not contain '/', '\\', '?', '#', '%%', whitespace or control characters, and must not be '.' or '..'", e.Kind, e.ID)
}
