// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// NewAppGrantDataSource is the okta_app_grant data source: one scope an
// app holds.
func NewAppGrantDataSource() datasource.DataSource {
	return newGrantDataSource("_app_grant", appHolder,
		"One OAuth 2.0 scope an app has been granted (an admin consent grant).", findAppGrant)
}

// findAppGrant reads the grant through the app's grant list, as the
// resource does: a grant made moments ago can be missing from a GET of the
// grant itself (Okta is eventually consistent).
func findAppGrant(ctx context.Context, client *okta.Client, q grantQuery, diags *diag.Diagnostics) *okta.Grant {
	appID, grantID := q.holderID, q.grantID
	grants, ok := readAppGrants(ctx, client, q, fmt.Sprintf("Could not read grant %s of app %s", grantID, appID), diags)
	if !ok {
		return nil
	}
	for _, g := range grants {
		if g.ID == grantID {
			return &g
		}
	}
	diags.AddAttributeError(path.Root("grant_id"), "Grant not found", grantNotFoundDetail(appID, grantID, grants))
	return nil
}

// grantNotFoundDetail says why grant_id matched nothing, and what to write
// when it holds a scope name instead of a grant ID.
func grantNotFoundDetail(appID, grantID string, grants []okta.Grant) string {
	detail := fmt.Sprintf("App %s holds no grant %s. grant_id takes a grant ID, like oag1abcd2EFGH3ijk4l5.", appID, grantID)
	for _, g := range grants {
		if g.ScopeID == grantID && g.Held() {
			return detail + fmt.Sprintf(" %s is a scope the app holds, as grant %s: write grant_id = %q, or find "+
				"the grant of a scope with the okta_app_grants data source (its grants, by scope_id).", grantID, g.ID, g.ID)
		}
	}
	if strings.Contains(grantID, ".") {
		detail += fmt.Sprintf(" %s looks like a scope name, which the app does not hold; the okta_app_grants data "+
			"source lists the app's grants with their scope_id and id.", grantID)
	}
	return detail
}
