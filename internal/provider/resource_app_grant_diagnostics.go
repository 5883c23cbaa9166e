// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

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
