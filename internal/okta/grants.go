// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"time"
)

// statusRevoked is the status of a grant that no longer holds.
const statusRevoked = "REVOKED"

// Grant is an OAuth 2.0 scope consent grant (OAuth2ScopeConsentGrant).
type Grant struct {
	ID          string
	Status      string
	Source      string
	Issuer      string
	ScopeID     string
	ClientID    string
	UserID      string
	Created     time.Time
	LastUpdated time.Time
	CreatedBy   *Actor
	// Scope is the embedded scope, present when the scope was expanded.
	Scope *Scope
}

// Held reports whether the grant is in force: Okta may still list a
// revoked grant.
func (g Grant) Held() bool { return g.Status != statusRevoked }

// Actor is who created a grant.
type Actor struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// Scope is a grant's scope as embedded by expand=scope.
type Scope struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	DisplayName string `json:"displayName,omitempty"`
	Description string `json:"description,omitempty"`
}

type wireGrant struct {
	ID          string     `json:"id"`
	Status      string     `json:"status"`
	Source      string     `json:"source"`
	Issuer      string     `json:"issuer"`
	ScopeID     string     `json:"scopeId"`
	ClientID    string     `json:"clientId"`
	UserID      string     `json:"userId"`
	Created     *time.Time `json:"created"`
	LastUpdated *time.Time `json:"lastUpdated"`
	CreatedBy   *Actor     `json:"createdBy"`
	Embedded    *struct {
		Scope *Scope `json:"scope"`
	} `json:"_embedded"`
}

// UnmarshalJSON reads Okta's grant object, ignoring fields it does not know.
func (g *Grant) UnmarshalJSON(data []byte) error {
	var w wireGrant
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*g = Grant{
		ID: w.ID, Status: w.Status, Source: w.Source, Issuer: w.Issuer,
		ScopeID: w.ScopeID, ClientID: w.ClientID, UserID: w.UserID, CreatedBy: w.CreatedBy,
	}
	if w.Created != nil {
		g.Created = w.Created.UTC()
	}
	if w.LastUpdated != nil {
		g.LastUpdated = w.LastUpdated.UTC()
	}
	if w.Embedded != nil {
		g.Scope = w.Embedded.Scope
	}
	return nil
}

// CreateAppGrantRequest grants an app one Okta scope.
type CreateAppGrantRequest struct {
	// Issuer is the org authorization server's issuer: the org URL.
	Issuer string `json:"issuer"`
	// ScopeID is an Okta scope name such as okta.users.read.
	ScopeID string `json:"scopeId"`
}

func expandQuery(expandScope bool) url.Values {
	q := url.Values{}
	if expandScope {
		q.Set("expand", "scope")
	}
	return q
}

// ListAppGrants lists every grant of an app. Okta does not paginate this
// list, but a Link header is followed if one comes.
func (c *Client) ListAppGrants(ctx context.Context, appID string, expandScope bool) ([]Grant, error) {
	if err := CheckID("app ID", appID); err != nil {
		return nil, err
	}
	return listAll[Grant](ctx, c, request{
		method: http.MethodGet,
		path:   segmentPath("apps", appID, "grants"),
		query:  expandQuery(expandScope),
	})
}

// GetAppGrant reads one grant of an app.
func (c *Client) GetAppGrant(ctx context.Context, appID, grantID string, expandScope bool) (*Grant, error) {
	if err := checkIDs(namedID{"app ID", appID}, namedID{"grant ID", grantID}); err != nil {
		return nil, err
	}
	var g Grant
	_, err := c.do(ctx, request{
		method: http.MethodGet,
		path:   segmentPath("apps", appID, "grants", grantID),
		query:  expandQuery(expandScope),
	}, &g)
	if err != nil {
		return nil, err
	}
	return &g, nil
}

// CreateAppGrant grants an app a scope. Okta answers 200 (the spec says
// 201; both are accepted).
//
// The request is retried after a 5xx or a network error, whose outcome is
// unknown. When an attempt may have taken effect without its answer
// reaching us, the app's grants are listed: a grant of the scope made
// since the first attempt is ours, and is returned instead of an error,
// whether a retry was refused as a duplicate or every attempt failed. A
// grant the app held before is reported as a *ScopeAlreadyGrantedError.
func (c *Client) CreateAppGrant(ctx context.Context, appID string, in CreateAppGrantRequest) (*Grant, error) {
	if err := CheckID("app ID", appID); err != nil {
		return nil, err
	}
	c.appGrants.forget(appID)
	defer c.appGrants.forget(appID)

	started := time.Now()
	var g Grant
	resp, err := c.do(ctx, request{
		method:         http.MethodPost,
		path:           segmentPath("apps", appID, "grants"),
		body:           in,
		retryAmbiguous: true,
	}, &g)
	if err == nil {
		return &g, nil
	}
	refused := HasStatus(err, http.StatusBadRequest) || HasStatus(err, http.StatusConflict)
	unknown := resp != nil && resp.ambiguous
	if !refused && !unknown {
		return nil, err
	}
	// After a Ctrl-C, an attempt that may have made the grant is still
	// looked up: one more request beats a grant in Okta the state lacks.
	listCtx := ctx
	if ctx.Err() != nil {
		var cancel context.CancelFunc
		listCtx, cancel = context.WithTimeout(context.WithoutCancel(ctx), c.attemptTimeout(http.MethodPost))
		defer cancel()
	}
	// Okta refuses a scope the app already holds with a validation error
	// whose wording is not part of the contract: look at the app's grants.
	existing, listErr := c.ListAppGrants(listCtx, appID, false)
	if listErr != nil {
		c.log(ctx, "could not list the app's grants to reconcile a failed grant", map[string]any{"app_id": appID, "error": listErr.Error()})
		return nil, err
	}
	held := findActiveGrant(existing, in.ScopeID)
	if held == nil || !SameIssuer(held.Issuer, in.Issuer) {
		return nil, err
	}
	if unknown && c.madeSince(held, started) {
		c.log(ctx, "adopting the grant an attempt made without its answer reaching us", map[string]any{
			"app_id": appID, "scope_id": in.ScopeID, "grant_id": held.ID, "attempts": resp.attempts,
		})
		return held, nil
	}
	return nil, &ScopeAlreadyGrantedError{AppID: appID, ScopeID: in.ScopeID, Existing: *held, Err: err}
}

// madeSince reports whether Okta created g no earlier than local time t.
// Okta's clock is known only within bounds, and Okta may keep creation
// times in whole seconds: a grant made in the second of t counts as made
// since, one made in an earlier second does not.
func (c *Client) madeSince(g *Grant, t time.Time) bool {
	return !g.Created.Before(c.limiter.earliestServerTime(t).Truncate(time.Second))
}

func findActiveGrant(grants []Grant, scopeID string) *Grant {
	for i := range grants {
		if grants[i].ScopeID == scopeID && grants[i].Held() {
			return &grants[i]
		}
	}
	return nil
}

// RevokeAppGrant revokes one grant of an app. A grant that is already gone
// is an error satisfying IsNotFound.
func (c *Client) RevokeAppGrant(ctx context.Context, appID, grantID string) error {
	if err := checkIDs(namedID{"app ID", appID}, namedID{"grant ID", grantID}); err != nil {
		return err
	}
	c.appGrants.forget(appID)
	defer c.appGrants.forget(appID)
	_, err := c.do(ctx, request{
		method: http.MethodDelete,
		path:   segmentPath("apps", appID, "grants", grantID),
	}, nil)
	return err
}
