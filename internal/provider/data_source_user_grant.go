// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// NewUserGrantDataSource is the okta_user_grant data source: one grant a
// user consented to.
func NewUserGrantDataSource() datasource.DataSource {
	return newGrantDataSource("_user_grant", userHolder,
		"One OAuth 2.0 scope consent grant a user has given.", findUserGrant)
}

// youngGrantRetries are the waits before asking again for a grant Okta
// says does not exist: about two seconds in all, longer than Okta takes to
// show a new grant everywhere.
var youngGrantRetries = []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second}

func findUserGrant(ctx context.Context, client *okta.Client, q grantQuery, diags *diag.Diagnostics) *okta.Grant {
	userID, grantID := q.holderID, q.grantID
	g, err := client.GetUserGrant(ctx, userID, grantID, q.expand)
	// Okta is eventually consistent: a grant made a moment ago can answer
	// 404 to a GET of its own for a short while. Ask again before saying it
	// does not exist.
	for _, wait := range youngGrantRetries {
		if notFoundKind(err) != "OAuth2ScopeConsentGrant" {
			break
		}
		tflog.Debug(ctx, "grant not found yet: asking again", map[string]any{"user_id": userID, "grant_id": grantID, "wait": wait.String()})
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
		g, err = client.GetUserGrant(ctx, userID, grantID, q.expand)
	}
	if okta.IsNotFound(err) {
		addUserGrantsNotFound(diags, err, userID, "", grantID)
		return nil
	}
	if err != nil {
		addOktaError(diags, fmt.Sprintf("Could not read grant %s of user %s", grantID, userID), err, nil)
		return nil
	}
	return g
}
