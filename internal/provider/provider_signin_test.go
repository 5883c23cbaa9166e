// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// serviceApp is an OAuth service app of a test org and its private key.
type serviceApp struct {
	org      *testOrg
	clientID string
	kid      string
	key      crypto.Signer
}

// addServiceApp registers a service app with a new key of kind "rsa" or
// "ec", holding scopes (as app grants, which okta_app_grant manages).
func (o *testOrg) addServiceApp(t *testing.T, kind string, requireDPoP bool, scopes ...string) *serviceApp {
	t.Helper()
	var key crypto.Signer
	var err error
	if kind == "ec" {
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	} else {
		key, err = rsa.GenerateKey(rand.Reader, 2048)
	}
	if err != nil {
		t.Fatal(err)
	}
	app := &serviceApp{org: o, clientID: o.addApp(t, "service app "+kind), kid: "kid-" + kind, key: key}
	jwk, err := fakeokta.PublicJWK(key, app.kid)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.AddServiceApp(fakeokta.ServiceApp{ClientID: app.clientID, PublicKeys: []fakeokta.JWK{jwk}, Scopes: scopes, RequireDPoP: requireDPoP}); err != nil {
		t.Fatal(err)
	}
	return app
}

// pkcs8PEM, pkcs1PEM and jwk are the private key in the forms
// private_key takes (the fake writes them).
func (a *serviceApp) pkcs8PEM(t *testing.T) string {
	t.Helper()
	s, err := fakeokta.PrivateKeyPKCS8PEM(a.key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (a *serviceApp) pkcs1PEM(t *testing.T) string {
	t.Helper()
	k, ok := a.key.(*rsa.PrivateKey)
	if !ok {
		t.Fatal("PKCS#1 holds RSA keys only")
	}
	return fakeokta.PrivateKeyPKCS1PEM(k)
}

func (a *serviceApp) jwk(t *testing.T) string {
	t.Helper()
	s, err := fakeokta.PrivateJWK(a.key, a.kid)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// providerBlock signs in as the service app with private_key set to key
// (text or a path) and extra settings.
func (a *serviceApp) providerBlock(key, extra string) string {
	return fmt.Sprintf(`
provider "okta" {
  org_url     = %q
  client_id   = %q
  private_key = %q
  %s
}
`, a.org.URL, a.clientID, key, extra)
}

func TestAccProvider_serviceAppSignsIn(t *testing.T) {
	keyFile := func(t *testing.T, text string) string {
		f := filepath.Join(t.TempDir(), "key.pem")
		if err := os.WriteFile(f, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return f
	}
	for _, tc := range []struct {
		name, kind string
		dpop       bool
		key        func(t *testing.T, a *serviceApp) string
	}{
		{"RSA, PKCS#8 PEM text", "rsa", false, func(t *testing.T, a *serviceApp) string { return a.pkcs8PEM(t) }},
		{"RSA, PKCS#1 PEM in a file, DPoP required", "rsa", true, func(t *testing.T, a *serviceApp) string { return keyFile(t, a.pkcs1PEM(t)) }},
		{"EC, PKCS#8 PEM in a file", "ec", false, func(t *testing.T, a *serviceApp) string { return keyFile(t, a.pkcs8PEM(t)) }},
		{"EC, JWK text, DPoP required", "ec", true, func(t *testing.T, a *serviceApp) string { return a.jwk(t) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			org := newTestOrg(t)
			app := org.addServiceApp(t, tc.kind, tc.dpop, "okta.appGrants.manage", "okta.appGrants.read", "okta.users.read")
			target := org.addApp(t, "target")
			resource.Test(t, org.grantCase(app.providerBlock(tc.key(t, app), ""), target, "okta.logs.read"))
			if tc.dpop && org.DPoPNonceChallenges() == 0 {
				t.Fatal("DPoP is required, but no nonce challenge was answered: DPoP was not used")
			}
			if n := org.CountStatus(401); n != 0 {
				t.Fatalf("%d answers were 401", n)
			}
		})
	}
}

// Every way a credential can be wrong fails terraform plan, on the setting
// to fix, before any write.
func TestAccProvider_badServiceAppCredentialFailsThePlan(t *testing.T) {
	org := newTestOrg(t)
	app := org.addServiceApp(t, "rsa", false, "okta.appGrants.manage", "okta.appGrants.read", "okta.users.read")
	other := org.addServiceApp(t, "ec", false)
	target := org.addApp(t, "target")
	for _, tc := range []struct{ name, block, want string }{
		{"wrong key", app.providerBlock(other.pkcs8PEM(t), ""), `(?s)Could not sign in to Okta.*does not match the public key.*setting to check is\s+.private_key.\s+\(OKTA_API_PRIVATE_KEY\)`},
		{"wrong kid", app.providerBlock(app.pkcs8PEM(t), `private_key_id = "kid-nope"`), `(?s)Could not sign in to Okta.*setting to check is\s+.private_key_id.\s+\(OKTA_API_PRIVATE_KEY_ID\)`},
		{"scope not granted", app.providerBlock(app.pkcs8PEM(t), `scopes = ["okta.appGrants.manage", "okta.users.manage"]`), `(?s)Scopes not granted to the service app.*without okta.users.manage`},
		{"no scope granted", app.providerBlock(app.pkcs8PEM(t), `scopes = ["okta.users.manage"]`), `(?s)Could not sign in to Okta.*consent_required.*setting to check is\s+.scopes.\s+\(OKTA_API_SCOPES\)`},
		{"unknown client", strings.Replace(app.providerBlock(app.pkcs8PEM(t), ""), app.clientID, "0oanobody00000000001", 1), `(?s)Could not sign in to Okta.*setting to check is\s+.client_id.\s+\(OKTA_API_CLIENT_ID\)`},
		{"not a key", app.providerBlock("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n", ""), `(?s)Invalid private_key`},
		{"client_id without a key", fmt.Sprintf("provider \"okta\" {\n  org_url = %q\n  client_id = %q\n}\n", org.URL, app.clientID), `(?s)Missing private_key`},
		{"two ways to sign in", app.providerBlock(app.pkcs8PEM(t), fmt.Sprintf("api_token = %q", org.token)), `(?s)Conflicting Okta credentials`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			org.ResetTraffic()
			step := failingStep(tc.block+grantConfig(target, "okta.logs.read"), tc.want)
			step.PlanOnly, step.ExpectNonEmptyPlan = true, true
			resource.Test(t, accCase(step))
			if n := org.Count(fakeokta.RouteCreateAppGrant); n != 0 {
				t.Fatalf("%d grants were requested despite the failed sign-in", n)
			}
		})
	}
}

// One terraform apply of 50 grants signs in once per provider
// configuration, whatever its parallelism; a token that expires mid-apply
// is renewed once, and the apply goes on.
func TestAccProvider_serviceAppTokensPerApply(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	app := org.addServiceApp(t, "ec", true, "okta.appGrants.manage", "okta.appGrants.read", "okta.users.read")
	target := org.addApp(t, "target")
	w := newProviderWorkdir(t)
	scopes := oktaScopeIDs(50)
	w.writeFile("main.tf", app.providerBlock(app.jwk(t), "")+requiredProviders+grantEachConfig(target, scopes))
	w.init()
	org.SetLatency(20 * time.Millisecond)
	go func() {
		// Expire every token once the apply is under way.
		for org.Count(fakeokta.RouteCreateAppGrant) < 20 {
			time.Sleep(5 * time.Millisecond)
		}
		org.ExpireTokens()
	}()
	if err := w.tf.Apply(context.Background(), tfexec.Reattach(w.reattach)); err != nil {
		t.Fatal(err)
	}
	org.requireScopes(t, target, scopes...)
	// terraform apply configures the provider for its plan and for its
	// apply: one token each, and one renewal after the expiry.
	issued := org.TokensIssued()
	t.Logf("terraform apply of 50 grants with DPoP: %d tokens issued, %d token requests (DPoP nonce challenges: %d)",
		issued, org.TokenRequests(), org.DPoPNonceChallenges())
	if issued > 3 {
		t.Fatalf("%d tokens issued for one apply: want one per provider configuration (2) and one renewal", issued)
	}
}

// A 429 from the token endpoint is waited out like any other.
func TestAccProvider_serviceAppTokenRateLimited(t *testing.T) {
	org := newTestOrg(t)
	app := org.addServiceApp(t, "rsa", false, "okta.appGrants.manage", "okta.appGrants.read", "okta.users.read")
	target := org.addApp(t, "target")
	org.InjectFault(fakeokta.Fault{Route: fakeokta.TokenRoute, Status: 429, Count: 2})
	resource.ParallelTest(t, org.grantCase(app.providerBlock(app.pkcs8PEM(t), ""), target, "okta.logs.read"))
}

// No credential reaches any log, at any level: not an API token, not a
// service app's key, client assertion, access token or DPoP proof. The
// credentials come from the environment, as in CI: a provider block's
// would be in the configuration, which the test harness logs.
// Not parallel: it sets process environment variables.
func TestAccProvider_credentialsNeverLogged(t *testing.T) {
	org := newTestOrg(t)
	app := org.addServiceApp(t, "ec", true, "okta.appGrants.manage", "okta.appGrants.read", "okta.users.read")
	target := org.addApp(t, "logs")
	keyPEM := app.pkcs8PEM(t)
	for _, tc := range []struct {
		name string
		env  map[string]string
	}{
		{"API token", map[string]string{"OKTA_API_TOKEN": org.token}},
		{"service app with DPoP", map[string]string{"OKTA_API_CLIENT_ID": app.clientID, "OKTA_API_PRIVATE_KEY": keyPEM}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logFile := filepath.Join(t.TempDir(), "tf.log")
			t.Setenv("TF_LOG", "TRACE")
			t.Setenv("TF_ACC_LOG_PATH", logFile)
			t.Setenv("OKTA_ORG_URL", org.URL)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			resource.Test(t, org.grantCase("", target, "okta.users.read"))
			logs, err := os.ReadFile(logFile)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(logs), "Okta request") {
				t.Fatalf("the trace log (%d bytes) holds none of the provider's request lines: the test checks nothing", len(logs))
			}
			keyBody := strings.Split(keyPEM, "\n")[1]
			for what, leak := range map[string]bool{
				"the API token":                          strings.Contains(string(logs), org.token),
				"a line of the private key":              strings.Contains(string(logs), keyBody),
				"an access token":                        strings.Contains(string(logs), "fake-at."),
				"a JWT (client assertion or DPoP proof)": regexp.MustCompile(`eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.`).Match(logs),
			} {
				if leak {
					t.Errorf("%s appears in the trace log", what)
				}
			}
		})
	}
}

// Okta may leave `scope` out of its token answer; the sign-in then names
// no scope missing, and a plan that sets `scopes` does not fail for it.
func TestScopesNotGrantedAreOnlyThoseOktaLeftOut(t *testing.T) {
	t.Parallel()
	s := settings{clientID: "0oaservice", scopes: []string{"okta.appGrants.manage", "okta.users.read"}}
	var diags diag.Diagnostics
	addScopesNotGranted(&diags, s, okta.SignInInfo{ServiceApp: true})
	if diags.HasError() || diags.WarningsCount() > 0 {
		t.Errorf("an answer without scopes reported %v", diags)
	}
	addScopesNotGranted(&diags, s, okta.SignInInfo{ServiceApp: true, Scopes: []string{"okta.appGrants.manage"}, NotGranted: []string{"okta.users.read"}})
	if diags.ErrorsCount() != 1 || !strings.Contains(diags[0].Detail(), "without okta.users.read:") {
		t.Errorf("a scope left out reported %v, want one error naming okta.users.read", diags)
	}
}
