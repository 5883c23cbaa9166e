// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

func TestAPIError_keepsWhatOktaSaid(t *testing.T) {
	t.Parallel()
	_, app, c := orgWithApp(t)
	ctx := context.Background()

	_, err := c.GetAppGrant(ctx, app.ID, "oagnosuchgrant000000", false)
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("got %v, want an *okta.APIError", err)
	}
	if !okta.IsNotFound(err) || apiErr.ErrorCode != okta.CodeNotFound || !strings.Contains(apiErr.ErrorSummary, "oagnosuchgrant000000") ||
		!strings.HasPrefix(apiErr.ErrorID, "oae") || apiErr.RequestID == "" {
		t.Fatalf("decoded %+v", apiErr)
	}

	_, err = c.CreateAppGrant(ctx, app.ID, okta.CreateAppGrantRequest{Issuer: c.OrgURL(), ScopeID: "okta.unicorns.read"})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || apiErr.ErrorCode != okta.CodeValidation ||
		len(apiErr.Causes) != 1 || !strings.HasPrefix(apiErr.Causes[0], "scopeId:") {
		t.Fatalf("got %#v", err)
	}
	for _, want := range []string{"POST /api/v1/apps/" + app.ID + "/grants", "400", "E0000001", "Api validation failed: scopeId", "scopeId:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestAPIError_namesTheMissingScopeOfAnAccessToken(t *testing.T) {
	t.Parallel()
	srv, app, c := orgWithApp(t, func(cfg *okta.Config) { cfg.APIToken, cfg.AccessToken = "", "narrow" })
	srv.AddAccessToken("narrow", "okta.users.read")

	_, err := c.ListAppGrants(context.Background(), app.ID, false)
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 403 || apiErr.ErrorCode != okta.CodeForbidden || apiErr.MissingScope != "okta.appGrants.read" {
		t.Fatalf("got %#v", err)
	}
	if _, err := c.ListUserGrants(context.Background(), "me", okta.ListUserGrantsOptions{}); err != nil {
		t.Fatalf("a scope the token holds was refused: %v", err)
	}
}

func TestAPIError_badToken(t *testing.T) {
	t.Parallel()
	_, c := orgClient(t, func(cfg *okta.Config) { cfg.APIToken = "wrong" })
	_, err := c.ListAppGrants(context.Background(), "0oa1", false)
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || apiErr.ErrorCode != okta.CodeInvalidToken {
		t.Fatalf("got %#v", err)
	}
	if strings.Contains(err.Error(), "wrong") {
		t.Fatalf("error %q shows the token", err)
	}
}

func TestAPIError_bareChallengeNamesTheMissingScope(t *testing.T) {
	t.Parallel()
	srv, app, c := orgWithApp(t, func(cfg *okta.Config) { cfg.APIToken, cfg.AccessToken = "", "narrow" })
	srv.AddAccessToken("narrow", "okta.users.read")
	srv.SetBareAuthErrors(true)
	_, err := c.ListAppGrants(context.Background(), app.ID, false)
	var apiErr *okta.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 403 || apiErr.ErrorCode != "" || apiErr.MissingScope != "okta.appGrants.read" {
		t.Fatalf("got %#v", err)
	}
	if !strings.Contains(err.Error(), "lacks OAuth scope okta.appGrants.read") {
		t.Fatalf("error %q does not name the scope", err)
	}
}

// errorCauses may be strings (the spec's 409 answers) as well as objects:
// either way the causes, and the errorCode beside them, are kept.
func TestAPIError_causesAsStringsOrObjects(t *testing.T) {
	t.Parallel()
	for name, causes := range map[string]string{
		"strings": `["scopeId: already granted", "try import"]`,
		"objects": `[{"errorSummary": "scopeId: already granted"}, {"errorSummary": "try import"}]`,
		"mixed":   `["scopeId: already granted", {"errorSummary": "try import"}, 7]`,
	} {
		url := serve(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusConflict)
			_, _ = fmt.Fprintf(w, `{"errorCode":"E0000001","errorSummary":"Api validation failed: scopeId","errorId":"oae1","errorCauses":%s}`, causes)
		})
		_, err := newClientTo(t, url).ListAppGrants(context.Background(), "0oa1", false)
		var apiErr *okta.APIError
		if !errors.As(err, &apiErr) || apiErr.ErrorCode != okta.CodeValidation || apiErr.StatusCode != http.StatusConflict ||
			len(apiErr.Causes) != 2 || apiErr.Causes[0] != "scopeId: already granted" || apiErr.Causes[1] != "try import" {
			t.Errorf("causes as %s: %#v", name, err)
		}
	}
}
