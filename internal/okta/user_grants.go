// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// maxPageSize is the largest page Okta serves for user-grant and app lists.
const maxPageSize = 200

// ListUserGrantsOptions narrows a list of a user's grants.
type ListUserGrantsOptions struct {
	// ScopeID keeps only grants of this scope (Okta filters).
	ScopeID string
	// ExpandScope embeds each grant's scope.
	ExpandScope bool
	// PageSize is the number of grants per request, 1-200. Zero means 200,
	// which spends the fewest requests.
	PageSize int
}

// ListUserGrants lists every grant a user has consented to, across pages.
// userID may be "me".
func (c *Client) ListUserGrants(ctx context.Context, userID string, opts ListUserGrantsOptions) ([]Grant, error) {
	if err := CheckID("user ID", userID); err != nil {
		return nil, err
	}
	q, err := pageQuery(opts.ExpandScope, opts.PageSize)
	if err != nil {
		return nil, err
	}
	if opts.ScopeID != "" {
		q.Set("scopeId", opts.ScopeID)
	}
	return listAll[Grant](ctx, c, request{method: http.MethodGet, path: segmentPath("users", userID, "grants"), query: q})
}

// ListUserClientGrantsOptions shapes a list of a user's grants for one client.
type ListUserClientGrantsOptions struct {
	ExpandScope bool
	// PageSize is as in ListUserGrantsOptions.
	PageSize int
}

// ListUserClientGrants lists every grant a user has given one client
// (OAuth app), across pages. Okta takes no scope filter here.
func (c *Client) ListUserClientGrants(ctx context.Context, userID, clientID string, opts ListUserClientGrantsOptions) ([]Grant, error) {
	if err := checkIDs(namedID{"user ID", userID}, namedID{"client ID", clientID}); err != nil {
		return nil, err
	}
	q, err := pageQuery(opts.ExpandScope, opts.PageSize)
	if err != nil {
		return nil, err
	}
	return listAll[Grant](ctx, c, request{method: http.MethodGet, path: segmentPath("users", userID, "clients", clientID, "grants"), query: q})
}

func pageQuery(expandScope bool, pageSize int) (url.Values, error) {
	if pageSize == 0 {
		pageSize = maxPageSize
	}
	if pageSize < 1 || pageSize > maxPageSize {
		return nil, fmt.Errorf("page size must be between 1 and %d, got %d", maxPageSize, pageSize)
	}
	q := expandQuery(expandScope)
	q.Set("limit", strconv.Itoa(pageSize))
	return q, nil
}

// GetUserGrant reads one of a user's grants.
func (c *Client) GetUserGrant(ctx context.Context, userID, grantID string, expandScope bool) (*Grant, error) {
	if err := checkIDs(namedID{"user ID", userID}, namedID{"grant ID", grantID}); err != nil {
		return nil, err
	}
	var g Grant
	if _, err := c.do(ctx, request{
		method: http.MethodGet,
		path:   segmentPath("users", userID, "grants", grantID),
		query:  expandQuery(expandScope),
	}, &g); err != nil {
		return nil, err
	}
	return &g, nil
}

// RevokeUserGrant revokes one of a user's grants.
func (c *Client) RevokeUserGrant(ctx context.Context, userID, grantID string) error {
	if err := checkIDs(namedID{"user ID", userID}, namedID{"grant ID", grantID}); err != nil {
		return err
	}
	_, err := c.do(ctx, request{method: http.MethodDelete, path: segmentPath("users", userID, "grants", grantID)}, nil)
	return err
}

// RevokeUserGrants revokes every grant of a user.
func (c *Client) RevokeUserGrants(ctx context.Context, userID string) error {
	if err := CheckID("user ID", userID); err != nil {
		return err
	}
	_, err := c.do(ctx, request{method: http.MethodDelete, path: segmentPath("users", userID, "grants")}, nil)
	return err
}

// RevokeUserClientGrants revokes every grant a user has given one client.
func (c *Client) RevokeUserClientGrants(ctx context.Context, userID, clientID string) error {
	if err := checkIDs(namedID{"user ID", userID}, namedID{"client ID", clientID}); err != nil {
		return err
	}
	_, err := c.do(ctx, request{method: http.MethodDelete, path: segmentPath("users", userID, "clients", clientID, "grants")}, nil)
	return err
}
