// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

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
