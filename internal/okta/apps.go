// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// App is what the provider needs of an Okta app: its ID and the label a
// person knows it by.
type App struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// ListApps lists every app of the org, across pages.
func (c *Client) ListApps(ctx context.Context) ([]App, error) {
	q := url.Values{}
	q.Set("limit", strconv.Itoa(maxPageSize)) // the fewest requests
	return listAll[App](ctx, c, request{method: http.MethodGet, path: "/api/v1/apps", query: q})
}

// GetApp reads one app.
func (c *Client) GetApp(ctx context.Context, appID string) (*App, error) {
	if err := CheckID("app ID", appID); err != nil {
		return nil, err
	}
	var a App
	if _, err := c.do(ctx, request{method: http.MethodGet, path: segmentPath("apps", appID)}, &a); err != nil {
		return nil, err
	}
	return &a, nil
}
