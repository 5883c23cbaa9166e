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

// settingOf is the provider setting that holds a field of okta.Config.
var settingOf = map[string]string{
	okta.FieldOrgURL: attrOrgURL, okta.FieldClientID: attrClientID, okta.FieldPrivateKey: attrPrivateKey,
	okta.FieldPrivateKeyID: attrPrivateKeyID, okta.FieldScopes: attrScopes, okta.FieldDPoP: attrDPoP,
}

// addConfigError reports a configuration the Okta client refused, on the
// setting it names: a private key that does not parse, a kid a JWK set
// lacks. The client's messages never hold the key.
func addConfigError(diags *diag.Diagnostics, err error) {
	msg := capitalized(err.Error()) + "."
	var configErr *okta.ConfigError
	attr, ok := "", errors.As(err, &configErr)
	if ok {
		attr, ok = settingOf[configErr.Field]
	}
	if !ok {
		diags.AddError("Invalid Okta provider configuration", msg)
		return
	}
	if attr == attrPrivateKey {
		msg += " Set `private_key` (OKTA_API_PRIVATE_KEY) to the PEM or JWK text of the service app's private key, or the path of a file holding it."
	}
	diags.AddAttributeError(path.Root(attr), "Invalid "+attr, msg)
}

// addSignInError reports a service app's failed sign-in on the setting to
// check: Okta's OAuth error, what it means, and what to change.
func addSignInError(diags *diag.Diagnostics, err error) {
	var oauthErr *okta.OAuthError
	if !errors.As(err, &oauthErr) {
		diags.AddError("Could not sign in to Okta", oktaErrorDetail(err))
		return
	}
	attr := signInAttribute(oauthErr)
	d := defOf(attr)
	detail := fmt.Sprintf("Okta's token endpoint answered %d", oauthErr.StatusCode)
	if oauthErr.Code != "" {
		detail += " " + oauthErr.Code
	}
	if oauthErr.Description != "" {
		detail += ": " + oauthErr.Description
	}
	detail += "."
	if oauthErr.RequestID != "" {
		detail += " Request ID: " + oauthErr.RequestID + "."
	}
	if oauthErr.Hint != "" {
		detail += "\n\n" + oauthErr.Hint + "."
	}
	detail += fmt.Sprintf("\n\nThe setting to check is `%s` (%s).", attr, d.env)
	diags.AddAttributeError(path.Root(attr), fmt.Sprintf("Could not sign in to Okta as service app %s", oauthErr.ClientID), detail)
}

// signInAttribute is the setting an OAuth error points at: the client ID
// when Okta's answer does not say.
func signInAttribute(e *okta.OAuthError) string {
	if attr, ok := settingOf[e.Field]; ok {
		return attr
	}
	return attrClientID
}

// addScopesNotGranted reports the scopes Okta left out of the service app's
// token: it grants the ones the app holds and answers 403 later for the
// rest. Scopes asked for in `scopes` fail the plan; the default scopes
// only warn, since a configuration may not use them all.
func addScopesNotGranted(diags *diag.Diagnostics, s settings, signIn okta.SignInInfo) {
	if !signIn.ServiceApp {
		return
	}
	missing := signIn.NotGranted
	if len(missing) == 0 {
		return
	}
	them := "them"
	if len(missing) == 1 {
		them = "it"
	}
	detail := fmt.Sprintf("Okta signed service app %s in without %s: the app does not hold %s. Calls that need %s "+
		"will fail with 403. Grant %s to the app (Admin Console: Applications > the app > Okta API Scopes > Grant, or "+
		"okta_app_grant signed in with another credential)", s.clientID, strings.Join(missing, ", "), them, them, them)
	if len(s.scopes) == 0 {
		diags.AddAttributeWarning(path.Root(attrScopes), "Default scopes not granted to the service app",
			detail+", or set `scopes` (OKTA_API_SCOPES) to the ones this configuration needs.")
		return
	}
	diags.AddAttributeError(path.Root(attrScopes), "Scopes not granted to the service app", detail+", or remove "+them+" from `scopes`.")
}

// oktaScopeResources are the resources of Okta's management API scopes
// (okta.<resource>.read and .manage). The list only suggests a spelling
// after Okta refused a scope: a name missing from it still goes to Okta,
// which adds scopes with every release.
var oktaScopeResources = []string{
	"agentPools", "apiTokens", "appGrants", "apps", "apps.features", "authenticators", "authorizationServers",
	"behaviors", "brands", "captchas", "clients", "customizations", "deviceAssurance", "devices",
	"directories", "domains", "emailDomains", "emailServers", "eventHooks", "features", "groups",
	"identitySources", "idps", "inlineHooks", "linkedObjects", "logStreams", "oauthIntegrations", "orgs",
	"policies", "principalRateLimits", "profileMappings", "pushProviders", "rateLimits", "realms",
	"riskEvents", "riskProviders", "roles", "schemas", "securityEvents", "sessions", "templates",
	"threatInsights", "trustedOrigins", "uischemas", "userTypes", "users", "workflows",
}

var oktaReadOnlyScopes = []string{"okta.logs.read", "okta.reports.read", "okta.certificates.read", "okta.users.read.self", "okta.idps.read.metadata"}

func knownOktaScopes() []string {
	scopes := append([]string(nil), oktaReadOnlyScopes...)
	for _, r := range oktaScopeResources {
		scopes = append(scopes, "okta."+r+".read", "okta."+r+".manage")
	}
	return scopes
}

// scopeSuggestion is "did you mean okta.users.read?" for a misspelt Okta
// scope name such as okta.user.read, or "" when nothing known is close.
func scopeSuggestion(scope string) string {
	if !strings.HasPrefix(scope, "okta.") {
		return ""
	}
	best, bestDistance := "", 3 // at most two edits away
	for _, known := range knownOktaScopes() {
		if known == scope {
			return ""
		}
		if d := editDistance(strings.ToLower(scope), strings.ToLower(known)); d < bestDistance {
			best, bestDistance = known, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("Did you mean %s? (%s is not an Okta scope this provider knows of; Okta's list of scopes: https://developer.okta.com/docs/api/oauth2/)", best, scope)
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
