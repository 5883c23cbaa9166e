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
	grants, _ := readAppGrants(ctx, client, q, fmt.Sprintf("Could not list the grants of app %s", q.holderID), diags)
	return grants
}

// readAppGrants is the app's grant list for the okta_app_grant and
// okta_app_grants data sources. Without expand_scope it is the list every
// resource and data source of the app shares in this run: the apps rate
// limit is about 100 requests a minute for the whole org. ok is false
// after an error, added to diags with failure as its summary.
func readAppGrants(ctx context.Context, client *okta.Client, q grantQuery, failure string, diags *diag.Diagnostics) (grants []okta.Grant, ok bool) {
	appID := q.holderID
	var err error
	if q.expand {
		grants, err = client.ListAppGrants(ctx, appID, true)
	} else {
		grants, err = client.AppGrantSnapshot(ctx, appID)
	}
	if okta.IsNotFound(err) {
		diags.AddAttributeError(path.Root("app_id"), "App not found", unknownAppDetail(appID, err))
		return nil, false
	}
	if err != nil {
		addOktaError(diags, failure, err, nil)
		return nil, false
	}
	return grants, true
}
