// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// App is what the provider needs of an Okta app: its ID, the label a
// person knows it by, and how users sign in to it.
type App struct {
	ID         string `json:"id"`
	Label      string `json:"label"`
	SignOnMode string `json:"signOnMode"`
}

// SignOnModeOIDC is the sign-on mode of OAuth 2.0 and OpenID Connect
// clients (web, single-page, native and service apps).
const SignOnModeOIDC = "OPENID_CONNECT"

// CanHoldGrants reports whether the app can hold OAuth scope grants: only
// OAuth clients can. SAML, SWA (AUTO_LOGIN), bookmark and the other
// sign-on modes, most of a real org's apps, cannot. An app whose mode is
// not known is given the benefit of the doubt.
func (a App) CanHoldGrants() bool {
	return a.SignOnMode == "" || a.SignOnMode == SignOnModeOIDC
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
