// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package sdkcompat_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/okta/okta-sdk-golang/v5/okta"
	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

func TestApplications(t *testing.T) {
	srv := fake(t)
	c := client(t, srv, 0, 0)
	ctx := context.Background()

	apps, resp, err := c.ApplicationAPI.ListApplications(ctx).Execute()
	if err != nil {
		t.Fatalf("ListApplications: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("ListApplications status %d", resp.StatusCode)
	}
	labels := map[string]string{}
	for _, a := range apps {
		oidc := a.OpenIdConnectApplication
		if oidc == nil {
			t.Fatalf("app decoded as %T, want *okta.OpenIdConnectApplication", a.GetActualInstance())
		}
		labels[oidc.GetId()] = oidc.GetLabel()
		if oidc.Name != "oidc_client" || oidc.GetSignOnMode() != "OPENID_CONNECT" || oidc.GetStatus() != "ACTIVE" {
			t.Errorf("app %s: name %q signOnMode %q status %q", oidc.GetId(), oidc.Name, oidc.GetSignOnMode(), oidc.GetStatus())
		}
		if got := oidc.Settings.OauthClient.GetApplicationType(); got != "service" {
			t.Errorf("app %s: application_type %q, want service", oidc.GetId(), got)
		}
		if got := oidc.Credentials.OauthClient.GetClientId(); got != oidc.GetId() {
			t.Errorf("app %s: client_id %q", oidc.GetId(), got)
		}
	}
	want := map[string]string{
		fakeokta.DemoPipelineAppID:    "CI pipeline",
		fakeokta.DemoReportingAppID:   "Reporting service",
		fakeokta.DemoProvisionerAppID: "User provisioner",
	}
	if fmt.Sprint(labels) != fmt.Sprint(want) {
		t.Errorf("apps %v, want %v", labels, want)
	}

	app, _, err := c.ApplicationAPI.GetApplication(ctx, fakeokta.DemoReportingAppID).Execute()
	if err != nil {
		t.Fatalf("GetApplication: %v", err)
	}
	if oidc := app.OpenIdConnectApplication; oidc == nil || oidc.GetId() != fakeokta.DemoReportingAppID || oidc.GetLabel() != "Reporting service" {
		t.Errorf("GetApplication = %#v", app.GetActualInstance())
	}

	// An unknown app: 404 decoded into the SDK's error model.
	_, resp, err = c.ApplicationAPI.GetApplication(ctx, "0oanosuchapp00000001").Execute()
	if err == nil {
		t.Fatal("GetApplication of an unknown app succeeded")
	}
	if resp == nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown app: response %v, want 404", resp)
	}
	ge, model := apiError(t, err)
	if model.GetErrorCode() != "E0000007" || !strings.Contains(model.GetErrorSummary(), "0oanosuchapp00000001") ||
		!strings.HasPrefix(model.GetErrorId(), "oae") || model.GetErrorLink() != "E0000007" {
		t.Errorf("unknown app: error %q model %+v", ge.Error(), model)
	}
}

func TestAppGrantLifecycle(t *testing.T) {
	srv := fake(t)
	c := client(t, srv, 0, 0)
	ctx := context.Background()
	grants := c.ApplicationGrantsAPI

	// The grant the demo org made in the console.
	list, resp, err := grants.ListScopeConsentGrants(ctx, fakeokta.DemoReportingAppID).Expand("scope").Execute()
	if err != nil {
		t.Fatalf("ListScopeConsentGrants: %v", err)
	}
	if len(list) != 1 || list[0].ScopeId != fakeokta.DemoReportingLogsScope || list[0].GetSource() != "ADMIN" ||
		list[0].Issuer != srv.URL || list[0].GetClientId() != fakeokta.DemoReportingAppID || list[0].GetStatus() != "ACTIVE" {
		t.Fatalf("reporting app grants = %+v", list)
	}
	if list[0].Embedded == nil || list[0].Embedded.Scope.GetId() != fakeokta.DemoReportingLogsScope {
		t.Errorf("expand=scope: _embedded %+v", list[0].Embedded)
	}
	if resp.HasNextPage() {
		t.Errorf("app grant list has a next page: %s", resp.NextPage())
	}

	// Grant a scope: Okta answers 200 with the grant.
	body := okta.NewOAuth2ScopeConsentGrant(srv.URL, "okta.users.read")
	created, resp, err := grants.GrantConsentToScope(ctx, fakeokta.DemoPipelineAppID).OAuth2ScopeConsentGrant(*body).Execute()
	if err != nil {
		t.Fatalf("GrantConsentToScope: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GrantConsentToScope status %d, want 200 as real Okta answers", resp.StatusCode)
	}
	id := created.GetId()
	if !strings.HasPrefix(id, "oag") || created.GetStatus() != "ACTIVE" || created.ScopeId != "okta.users.read" ||
		created.Issuer != srv.URL || created.GetClientId() != fakeokta.DemoPipelineAppID || created.GetSource() != "ADMIN" {
		t.Errorf("created grant = %+v", created)
	}
	if created.Created == nil || time.Since(*created.Created) > time.Minute || created.LastUpdated == nil {
		t.Errorf("created grant timestamps %v %v", created.Created, created.LastUpdated)
	}
	if created.CreatedBy.GetType() != "User" || !strings.HasPrefix(created.CreatedBy.GetId(), "00u") {
		t.Errorf("createdBy %+v", created.CreatedBy)
	}
	if created.Embedded == nil || created.Embedded.Scope.GetId() != "okta.users.read" {
		t.Errorf("POST answer lacks _embedded.scope: %+v", created.Embedded)
	}
	if created.Links == nil || !strings.HasSuffix(created.Links.Self.GetHref(), "/api/v1/apps/"+fakeokta.DemoPipelineAppID+"/grants/"+id) ||
		created.Links.App.GetTitle() != "CI pipeline" {
		t.Errorf("_links %+v", created.Links)
	}

	got, _, err := grants.GetScopeConsentGrant(ctx, fakeokta.DemoPipelineAppID, id).Expand("scope").Execute()
	if err != nil {
		t.Fatalf("GetScopeConsentGrant: %v", err)
	}
	if got.GetId() != id || got.ScopeId != "okta.users.read" || !got.Created.Equal(*created.Created) || got.Embedded.Scope.GetId() != "okta.users.read" {
		t.Errorf("got grant %+v, want %+v", got, created)
	}

	// Granting it again fails as Okta does: 400 E0000001.
	_, resp, err = grants.GrantConsentToScope(ctx, fakeokta.DemoPipelineAppID).OAuth2ScopeConsentGrant(*body).Execute()
	if err == nil {
		t.Fatal("granting a held scope again succeeded")
	}
	if _, model := apiError(t, err); resp.StatusCode != http.StatusBadRequest || model.GetErrorCode() != "E0000001" || len(model.ErrorCauses) != 1 {
		t.Errorf("duplicate grant: status %d model %+v", resp.StatusCode, model)
	}
	// An unknown scope: 400 E0000001 naming scopeId.
	bad := okta.NewOAuth2ScopeConsentGrant(srv.URL, "okta.nosuch.read")
	_, _, err = grants.GrantConsentToScope(ctx, fakeokta.DemoPipelineAppID).OAuth2ScopeConsentGrant(*bad).Execute()
	if _, model := apiError(t, err); model.GetErrorSummary() != "Api validation failed: scopeId" ||
		!strings.Contains(model.ErrorCauses[0].GetErrorSummary(), "okta.nosuch.read") {
		t.Errorf("unknown scope: model %+v", model)
	}

	list, _, err = grants.ListScopeConsentGrants(ctx, fakeokta.DemoPipelineAppID).Execute()
	if err != nil || len(list) != 1 || list[0].GetId() != id || list[0].Embedded != nil {
		t.Errorf("pipeline grants after grant = %+v, %v (want one, without _embedded)", list, err)
	}

	resp, err = grants.RevokeScopeConsentGrant(ctx, fakeokta.DemoPipelineAppID, id).Execute()
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("RevokeScopeConsentGrant: %v, %v", resp, err)
	}
	_, resp, err = grants.GetScopeConsentGrant(ctx, fakeokta.DemoPipelineAppID, id).Execute()
	if err == nil {
		t.Fatal("revoked grant still found")
	}
	if _, model := apiError(t, err); resp.StatusCode != http.StatusNotFound || model.GetErrorCode() != "E0000007" {
		t.Errorf("revoked grant: status %d model %+v", resp.StatusCode, model)
	}
	list, _, err = grants.ListScopeConsentGrants(ctx, fakeokta.DemoPipelineAppID).Execute()
	if err != nil || len(list) != 0 {
		t.Errorf("pipeline grants after revoke = %+v, %v", list, err)
	}
	if n := srv.Count(fakeokta.RouteCreateAppGrant); n != 3 {
		t.Errorf("%d grant POSTs reached the fake, want 3", n)
	}
}

// TestUnverifiedAnswers: the spec's 201 for a new grant and 409 for a
// held scope, which the fake answers on SetUnverified, decode in the SDK as
// the 200 and 400 do.
func TestUnverifiedAnswers(t *testing.T) {
	srv := fake(t)
	srv.SetUnverified(fakeokta.Unverified{CreatedStatus: http.StatusCreated, DuplicateStatus: http.StatusConflict})
	grants := client(t, srv, 0, 1).ApplicationGrantsAPI
	body := okta.NewOAuth2ScopeConsentGrant(srv.URL, "okta.users.read")
	created, resp, err := grants.GrantConsentToScope(context.Background(), fakeokta.DemoPipelineAppID).OAuth2ScopeConsentGrant(*body).Execute()
	if err != nil || resp.StatusCode != http.StatusCreated || !strings.HasPrefix(created.GetId(), "oag") {
		t.Fatalf("GrantConsentToScope: %v, status %v, %+v", err, resp, created)
	}
	// The SDK decodes no error model for a 409 of this endpoint (its spec
	// lists none): it reports the status, and the body is Okta's.
	_, resp, err = grants.GrantConsentToScope(context.Background(), fakeokta.DemoPipelineAppID).OAuth2ScopeConsentGrant(*body).Execute()
	var ge *okta.GenericOpenAPIError
	if !errors.As(err, &ge) || resp.StatusCode != http.StatusConflict || !strings.Contains(string(ge.Body()), `"errorCode":"E0000001"`) {
		t.Errorf("duplicate grant: %v, status %d", err, resp.StatusCode)
	}
}

// TestAppsThatCannotHoldGrants: the apps of a real org that are not OAuth
// clients (SAML, SWA, bookmarks...), mixed in the listing, decode in the
// SDK as the applications of their sign-on mode.
func TestAppsThatCannotHoldGrants(t *testing.T) {
	srv := fake(t)
	modes := []string{"SAML_2_0", "AUTO_LOGIN", "BOOKMARK", "BROWSER_PLUGIN", "WS_FEDERATION"}
	for _, m := range modes {
		srv.AddApp(fakeokta.App{SignOnMode: m})
	}
	apps, _, err := client(t, srv, 0, 0).ApplicationAPI.ListApplications(context.Background()).Execute()
	if err != nil {
		t.Fatalf("ListApplications: %v", err)
	}
	seen := map[string]string{}
	for _, a := range apps {
		instance := a.GetActualInstance()
		mode := reflect.ValueOf(instance).MethodByName("GetSignOnMode").Call(nil)[0].String()
		seen[mode] = fmt.Sprintf("%T", instance)
	}
	for mode, want := range map[string]string{
		"OPENID_CONNECT": "*okta.OpenIdConnectApplication", "SAML_2_0": "*okta.SamlApplication",
		"AUTO_LOGIN": "*okta.AutoLoginApplication", "BOOKMARK": "*okta.BookmarkApplication",
		"BROWSER_PLUGIN": "*okta.BrowserPluginApplication", "WS_FEDERATION": "*okta.WsFederationApplication",
	} {
		if seen[mode] != want {
			t.Errorf("an app of sign-on mode %s decoded as %q, want %s (all: %v)", mode, seen[mode], want, seen)
		}
	}
}

// TestGrantWritesNeedSuperAdmin: a credential whose admin lacks the Super
// Administrator role reads an app's grants and is refused 403 E0000006 on
// a grant, as Okta answers.
func TestGrantWritesNeedSuperAdmin(t *testing.T) {
	srv := fake(t)
	srv.SetSuperAdmin(srv.AdminUserID(), false)
	grants := client(t, srv, 0, 0).ApplicationGrantsAPI
	if _, _, err := grants.ListScopeConsentGrants(context.Background(), fakeokta.DemoPipelineAppID).Execute(); err != nil {
		t.Fatalf("a read without the role: %v", err)
	}
	body := okta.NewOAuth2ScopeConsentGrant(srv.URL, "okta.users.read")
	_, resp, err := grants.GrantConsentToScope(context.Background(), fakeokta.DemoPipelineAppID).OAuth2ScopeConsentGrant(*body).Execute()
	if _, model := apiError(t, err); resp.StatusCode != http.StatusForbidden || model.GetErrorCode() != "E0000006" {
		t.Errorf("a grant without the role: status %d, model %+v", resp.StatusCode, model)
	}
}
