// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// addOktaError reports a failed Okta call: what Okta said (errorCode,
// errorSummary, causes, errorId, request ID) and what to do about it. A
// validation error whose cause names a field is put on the attribute that
// holds it, when fields maps it.
func addOktaError(diags *diag.Diagnostics, summary string, err error, fields map[string]path.Path) {
	detail := oktaErrorDetail(err)
	var apiErr *okta.APIError
	if errors.As(err, &apiErr) {
		for _, cause := range apiErr.Causes {
			field, _, _ := strings.Cut(cause, ":")
			if p, ok := fields[strings.TrimSpace(field)]; ok {
				diags.AddAttributeError(p, summary, detail)
				return
			}
		}
	}
	diags.AddError(summary, detail)
}

func oktaErrorDetail(err error) string {
	var apiErr *okta.APIError
	var reqErr *okta.RequestError
	var idErr *okta.InvalidIDError
	switch {
	case errors.As(err, &apiErr):
		return apiErrorDetail(apiErr)
	case errors.As(err, &reqErr):
		return fmt.Sprintf("No answer from Okta to %s %s after %d attempt(s): %v\n\n"+
			"Check that the org URL is right and reachable from here. If Okta is slow, raise request_timeout or max_retries.",
			reqErr.Method, reqErr.Path, reqErr.Attempts, reqErr.Err)
	case errors.As(err, &idErr):
		return idErr.Error() + "."
	}
	return err.Error()
}

func apiErrorDetail(e *okta.APIError) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Okta answered %d %s to %s %s.\n\n", e.StatusCode, http.StatusText(e.StatusCode), e.Method, e.Path)
	row := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "  %-14s %s\n", name+":", value)
		}
	}
	row("errorCode", e.ErrorCode)
	row("errorSummary", e.ErrorSummary)
	for _, c := range e.Causes {
		row("cause", c)
	}
	if e.ErrorCode == "" {
		row("body", e.Body)
	}
	row("missing scope", e.MissingScope)
	// The challenge is all Okta says to an OAuth access token it refuses
	// (invalid_token, invalid_dpop_proof...); missing scope says the rest.
	if e.MissingScope == "" {
		row("auth error", e.AuthError)
		row("description", e.AuthErrorDescription)
	}
	row("errorId", e.ErrorID)
	row("request ID", e.RequestID)
	if e.Attempts > 1 {
		row("attempts", fmt.Sprint(e.Attempts))
	}
	if hint := hintOf(e); hint != "" {
		b.WriteString("\n" + hint)
	}
	return strings.TrimRight(b.String(), "\n")
}

// hintOf is what to do about e: the client's hint, which knows how the
// provider signed in (a service app's scopes and roles), or else ours.
func hintOf(e *okta.APIError) string {
	if e.Hint != "" {
		return strings.TrimSuffix(e.Hint, ".") + "."
	}
	return hintFor(e)
}

func hintFor(e *okta.APIError) string {
	switch {
	case e.MissingScope != "":
		return fmt.Sprintf("The access token lacks the OAuth scope %s. Grant that scope to the service app, then "+
			"request a new access token.", e.MissingScope)
	case e.StatusCode == http.StatusUnauthorized:
		return "Okta refused the credential. Check that api_token (OKTA_API_TOKEN) or access_token (OKTA_ACCESS_TOKEN) " +
			"is a current token of this org: API tokens expire after 30 days unused, access tokens after an hour."
	case e.StatusCode == http.StatusForbidden:
		return fmt.Sprintf("The credential is valid but may not do this. An OAuth access token needs the scope %s; "+
			"an API token acts with its admin's roles, which must allow it.", requiredScope(e.Method, e.Path))
	case e.StatusCode == http.StatusTooManyRequests:
		return "Okta's rate limit for this endpoint was exhausted on every attempt. Other clients of the org may " +
			"share the bucket: raise max_retries, lower max_api_capacity, or run Terraform with a lower -parallelism."
	case e.StatusCode >= 500:
		return "Okta failed to answer. Try again; if it persists, give Okta support the errorId and request ID above."
	}
	return ""
}

// requiredScope names the OAuth scope an access token needs for a call.
func requiredScope(method, path string) string {
	verb := "read"
	if method != http.MethodGet {
		verb = "manage"
	}
	if strings.HasPrefix(path, "/api/v1/apps/") && strings.Contains(path, "/grants") {
		return "okta.appGrants." + verb
	}
	if strings.HasPrefix(path, "/api/v1/users") {
		return "okta.users." + verb
	}
	return "okta.apps." + verb
}

// notFoundKind is the kind of resource Okta's 404 says is missing, from the
// end of its errorSummary ("Not found: Resource not found: 00u1 (User)"):
// User, AppInstance, OAuth2ScopeConsentGrant, or "" when it does not say.
func notFoundKind(err error) string {
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) || !strings.HasSuffix(apiErr.ErrorSummary, ")") {
		return ""
	}
	i := strings.LastIndex(apiErr.ErrorSummary, "(")
	if i < 0 {
		return ""
	}
	return strings.TrimSuffix(apiErr.ErrorSummary[i+1:], ")")
}

// unknownAppDetail says that Okta has no app with the app_id a resource,
// an import, a data source or a list resource was given, and what Okta
// answered.
func unknownAppDetail(appID string, err error) string {
	return fmt.Sprintf("Okta has no app %s. app_id takes the app's ID (its OAuth client ID), like 0oa1abcd2EFGH3ijk4l5.\n\n%s", appID, oktaErrorDetail(err))
}

// userIDHelp says what user_id takes.
const userIDHelp = "user_id takes the user's Okta ID, like 00u1abcd2EFGH3ijk4l5, not a login or email address: " +
	"find it in the Admin Console (Directory > People, the user's page URL) or with GET /api/v1/users?search=profile.login eq \"...\"."

// addUserGrantsNotFound puts a 404 of a user-grant call on the attribute
// that names what is missing: user_id, client_id or grant_id.
func addUserGrantsNotFound(diags *diag.Diagnostics, err error, userID, clientID, grantID string) {
	detail := oktaErrorDetail(err)
	switch kind := notFoundKind(err); {
	case kind == "AppInstance" && clientID != "":
		diags.AddAttributeError(path.Root("client_id"), "App not found",
			fmt.Sprintf("Okta has no app with client ID %s. client_id takes the app's client ID, like 0oa1abcd2EFGH3ijk4l5.\n\n%s", clientID, detail))
	case kind == "OAuth2ScopeConsentGrant" && grantID != "":
		diags.AddAttributeError(path.Root("grant_id"), "Grant not found",
			fmt.Sprintf("User %s has no grant %s. grant_id takes a grant ID, like oag1abcd2EFGH3ijk4l5: the okta_user_grants data source lists the user's grants.\n\n%s", userID, grantID, detail))
	case kind == "User" || clientID == "" && grantID == "":
		diags.AddAttributeError(path.Root("user_id"), "User not found",
			fmt.Sprintf("Okta has no user %s. %s\n\n%s", userID, userIDHelp, detail))
	default:
		diags.AddAttributeError(path.Root("user_id"), "User, app or grant not found",
			fmt.Sprintf("Okta found no user %s, or no app with client ID %q, or no grant %q of that user (Okta's errorSummary below says which). %s\n\n%s", userID, clientID, grantID, userIDHelp, detail))
	}
}

// capitalized starts s with a capital letter, as every diagnostic does.
func capitalized(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
