// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package sdkcompat_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/okta/okta-sdk-golang/v5/okta"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

// The SDK signs in with a private key (AuthorizationMode "PrivateKey"):
// client assertion without jti, parameters in the query string of the
// POST, DPoP with an RSA key when the token endpoint asks for it, the
// same assertion sent again for each DPoP round. The fake must take all
// of that as real Okta does.
func TestPrivateKeySignIn(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	keyPEM := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
	for _, dpop := range []bool{false, true} {
		t.Run(fmt.Sprintf("dpop=%t", dpop), func(t *testing.T) {
			srv := fake(t)
			jwk, err := fakeokta.PublicJWK(key, "sdk-key")
			if err != nil {
				t.Fatal(err)
			}
			if err := srv.AddServiceApp(fakeokta.ServiceApp{
				ClientID: "0oasdkprivatekey0001", PublicKeys: []fakeokta.JWK{jwk},
				Scopes: []string{"okta.appGrants.read"}, RequireDPoP: dpop,
			}); err != nil {
				t.Fatal(err)
			}
			c := privateKeyClient(t, srv.URL, "0oasdkprivatekey0001", keyPEM, "sdk-key")
			ctx := context.Background()
			for range 2 {
				grants, _, err := c.ApplicationGrantsAPI.ListScopeConsentGrants(ctx, fakeokta.DemoReportingAppID).Execute()
				if err != nil {
					t.Fatalf("ListScopeConsentGrants: %v", err)
				}
				if len(grants) != 1 || grants[0].GetScopeId() != fakeokta.DemoReportingLogsScope {
					t.Errorf("grants %+v, want the demo's %s", grants, fakeokta.DemoReportingLogsScope)
				}
			}
			if got := srv.TokensIssued(); got != 1 {
				t.Errorf("tokens issued = %d, want 1: the SDK caches its token", got)
			}
			wantRequests := 1
			if dpop {
				wantRequests = 3 // no proof, proof without nonce, proof with nonce
			}
			if got := srv.TokenRequests(); got != wantRequests {
				t.Errorf("token requests = %d, want %d", got, wantRequests)
			}
			// The token holds only okta.appGrants.read: a write is refused
			// with the scope named in the challenge.
			_, resp, err := c.ApplicationGrantsAPI.GrantConsentToScope(ctx, fakeokta.DemoPipelineAppID).
				OAuth2ScopeConsentGrant(okta.OAuth2ScopeConsentGrant{Issuer: srv.URL, ScopeId: "okta.users.read"}).Execute()
			if err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
				t.Fatalf("grant without the manage scope: err %v, want 403", err)
			}
			if got := resp.Header.Get("WWW-Authenticate"); !containsAll(got, `error="insufficient_scope"`, `scope="okta.appGrants.manage"`) {
				t.Errorf("WWW-Authenticate %q does not name the missing scope", got)
			}
			// As Okta answers an access token: the challenge and no body.
			var ge *okta.GenericOpenAPIError
			if !errors.As(err, &ge) || len(ge.Body()) != 0 {
				t.Errorf("403 error %v (%T), want a GenericOpenAPIError with an empty body", err, err)
			}
		})
	}
}

func privateKeyClient(t *testing.T, orgURL, clientID, keyPEM, kid string) *okta.APIClient {
	t.Helper()
	cfg, err := okta.NewConfiguration(
		okta.WithOrgUrl(orgURL),
		okta.WithAuthorizationMode("PrivateKey"),
		okta.WithClientId(clientID),
		okta.WithScopes([]string{"okta.appGrants.read"}),
		okta.WithPrivateKey(keyPEM),
		okta.WithPrivateKeyId(kid),
		okta.WithTestingDisableHttpsCheck(true),
		okta.WithCache(false),
		okta.WithRequestTimeout(10),
		okta.WithRateLimitMaxRetries(1),
		okta.WithHttpClientPtr(&http.Client{Timeout: 10 * time.Second}),
	)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(orgURL)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Host = u.Host // the SDK's port quirk, as in client()
	return okta.NewAPIClient(cfg)
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
