// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// NewAppGrantsDataSource is the okta_app_grants data source: every scope
// an app holds.
func NewAppGrantsDataSource() datasource.DataSource {
	return newGrantsDataSource("_app_grants", appHolder,
		"Every OAuth 2.0 scope an app has been granted (admin consent grants), sorted by creation time, then ID. "+
			"Use it to adopt an app's existing grants with one `import` block and `for_each`.", nil, listAppGrants)
}

func listAppGrants(ctx context.Context, client *okta.Client, q grantQuery, diags *diag.Diagnostics) []okta.Grant {
	appID := q.holderID
	grants, err := client.ListAppGrants(ctx, appID, q.expand)
	if okta.IsNotFound(err) {
		diags.AddAttributeError(path.Root("app_id"), "App not found", unknownAppDetail(appID, err))
		return nil
	}
	if err != nil {
		addOktaError(diags, fmt.Sprintf("Could not list the grants of app %s", appID), err, nil)
	}
	return grants
}
