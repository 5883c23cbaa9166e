// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// grantRefusal is a grant Okta refused to okta_app_grant or okta_app_grants,
// and what the resource knows to point the user at the attribute to fix.
type grantRefusal struct {
	appID, scopeID string
	// scopeAttr holds the scope: scope_id or scope_ids.
	scopeAttr path.Path
	// fields maps the fields Okta names in validation errors to attributes.
	fields map[string]path.Path
	// alreadyGranted says what to do about a scope the app already holds.
	alreadyGranted func(*okta.ScopeAlreadyGrantedError) string
	// issuerOrigin says how the issuer sent came to be the org URL, when
	// the configuration did not name it; "" when it did.
	issuerOrigin string
}

// addTo reports err, Okta's refusal, on the attribute to change.
func (g grantRefusal) addTo(diags *diag.Diagnostics, err error) {
	summary := fmt.Sprintf("Could not grant %s to app %s", g.scopeID, g.appID)
	var held *okta.ScopeAlreadyGrantedError
	switch {
	case errors.As(err, &held):
		diags.AddAttributeError(g.scopeAttr, "Scope already granted", g.alreadyGranted(held))
	case okta.IsNotFound(err):
		diags.AddAttributeError(path.Root("app_id"), "App not found", unknownAppDetail(g.appID, err))
	case issuerRefused(err) && g.issuerOrigin != "":
		diags.AddAttributeError(path.Root("issuer"), summary, oktaErrorDetail(err)+"\n\n"+g.issuerOrigin+" Okta "+
			"accepts only its org authorization server's issuer for app grants: if the org URL is a custom domain "+
			"or another name of the org, set issuer to the org's own URL, such as https://acme.okta.com.")
	case okta.HasStatus(err, http.StatusBadRequest) && scopeSuggestion(g.scopeID) != "":
		diags.AddAttributeError(g.scopeAttr, summary, oktaErrorDetail(err)+"\n\n"+scopeSuggestion(g.scopeID))
	default:
		addOktaError(diags, summary, err, g.fields)
	}
}

// issuerRefused reports whether Okta refused the request for its issuer.
func issuerRefused(err error) bool {
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
		return false
	}
	for _, c := range apiErr.Causes {
		if strings.HasPrefix(c, "issuer") {
			return true
		}
	}
	return strings.HasSuffix(apiErr.ErrorSummary, ": issuer")
}

// defaultedIssuer reports whether the configuration leaves issuer unset.
func defaultedIssuer(ctx context.Context, req resource.CreateRequest) bool {
	var configured issuerValue
	diags := req.Config.GetAttribute(ctx, path.Root("issuer"), &configured)
	return !diags.HasError() && configured.IsNull()
}

func alreadyGrantedDetail(e *okta.ScopeAlreadyGrantedError) string {
	id := e.AppID + "/" + e.Existing.ID
	made := ""
	if !e.Existing.Created.IsZero() {
		made = ", made " + timestampValue(e.Existing.Created).ValueString()
	}
	return fmt.Sprintf("App %s already holds scope %s (grant %s%s), and Okta allows one grant per scope. If "+
		"another okta_app_grant of this configuration grants the same scope, remove one of them. Otherwise the "+
		"grant is not in this Terraform state (made in the Okta console, by another tool or configuration, or by a run "+
		"that was interrupted before it could record it): to manage it here, import it into this resource with an "+
		"import block:\n\n"+
		"  import {\n    to = okta_app_grant.<name>\n    id = %q\n  }\n\n"+
		"or on the command line:\n\n  terraform import okta_app_grant.<name> %s\n\n"+
		"(%q, by scope, works too.)",
		e.AppID, e.ScopeID, e.Existing.ID, made, id, id, e.AppID+"/"+e.ScopeID)
}
