// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

const svcClientID = "0oaserviceapp0000001"

var (
	rsaOnce sync.Once
	rsaKey  *rsa.PrivateKey
)

// testRSAKey is shared: making 2048-bit keys is slow.
func testRSAKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	rsaOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		rsaKey = k
	})
	return rsaKey
}

func testECKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// pemPKCS1, pemPKCS8, pemSEC1 and privateJWK are a private key in the
// forms a service app's private_key takes (the fake writes them).
func pemPKCS1(k *rsa.PrivateKey) string { return fakeokta.PrivateKeyPKCS1PEM(k) }

func pemPKCS8(t *testing.T, k crypto.Signer) string {
	t.Helper()
	return must(t)(fakeokta.PrivateKeyPKCS8PEM(k))
}

func pemSEC1(t *testing.T, k *ecdsa.PrivateKey) string {
	t.Helper()
	return must(t)(fakeokta.PrivateKeySEC1PEM(k))
}

func privateJWK(t *testing.T, k crypto.Signer, kid string) string {
	t.Helper()
	return must(t)(fakeokta.PrivateJWK(k, kid))
}

// must fails the test on an error of a key's encoding.
func must(t *testing.T) func(string, error) string {
	return func(s string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
}

// oauthOrg serves an org with a service app holding the given keys and
// scopes.
func oauthOrg(t *testing.T, app fakeokta.ServiceApp) *fakeokta.Server {
	t.Helper()
	srv := startOrg(t)
	if app.ClientID == "" {
		app.ClientID = svcClientID
	}
	if err := srv.AddServiceApp(app); err != nil {
		t.Fatal(err)
	}
	return srv
}

// keyOrg serves an org with a service app whose one public key is key's,
// holding the app grant scopes, and requiring DPoP if dpop.
func keyOrg(t *testing.T, key crypto.Signer, dpop bool) *fakeokta.Server {
	t.Helper()
	return oauthOrg(t, fakeokta.ServiceApp{PublicKeys: []fakeokta.JWK{publicJWK(t, key, "")}, Scopes: appGrantScopes(), RequireDPoP: dpop})
}

func publicJWK(t *testing.T, k crypto.Signer, kid string) fakeokta.JWK {
	t.Helper()
	j, err := fakeokta.PublicJWK(k, kid)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// logCapture keeps every log line the client writes, fields included.
type logCapture struct {
	mu    sync.Mutex
	lines []string
}

func (l *logCapture) log(_ context.Context, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf("%s %v", msg, fields))
}

func (l *logCapture) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// oauthClient signs in as the service app with key text.
func oauthClient(t *testing.T, srv *fakeokta.Server, key string, opts ...func(*okta.Config)) (*okta.Client, *logCapture) {
	t.Helper()
	logs := &logCapture{}
	cfg := okta.Config{
		OrgURL: srv.URL, HTTPClient: srv.Client(), ClientID: svcClientID, PrivateKey: key, MaxRetries: 3,
		RetryWaitMin: time.Millisecond, RetryWaitMax: 10 * time.Millisecond, Log: logs.log, InfoLog: logs.log,
	}
	for _, o := range opts {
		o(&cfg)
	}
	c, err := okta.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, logs
}

func appGrantScopes() []string { return []string{"okta.appGrants.manage", "okta.appGrants.read"} }

// listGrants is one API call that needs okta.appGrants.read.
func listGrants(t *testing.T, c *okta.Client) error {
	t.Helper()
	_, err := c.ListAppGrants(context.Background(), svcClientID, false)
	return err
}

func TestServiceAppSignsInWithEveryKeyFormat(t *testing.T) {
	t.Parallel()
	rsaK, ecK := testRSAKey(t), testECKey(t)
	cases := []struct {
		name string
		key  crypto.Signer
		text string
		kid  string
	}{
		{"RSA PKCS#1", rsaK, pemPKCS1(rsaK), ""},
		{"RSA PKCS#8", rsaK, pemPKCS8(t, rsaK), ""},
		{"RSA JWK", rsaK, privateJWK(t, rsaK, "k1"), ""},
		{"EC SEC1", ecK, pemSEC1(t, ecK), ""},
		{"EC PKCS#8", ecK, pemPKCS8(t, ecK), ""},
		{"EC JWK", ecK, privateJWK(t, ecK, "k1"), ""},
		{"flattened newlines", rsaK, strings.ReplaceAll(pemPKCS1(rsaK), "\n", `\n`), ""},
	}
	for _, tc := range cases {
		for _, dpop := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s dpop=%t", tc.name, dpop), func(t *testing.T) {
				srv := oauthOrg(t, fakeokta.ServiceApp{PublicKeys: []fakeokta.JWK{publicJWK(t, tc.key, "k1")}, Scopes: appGrantScopes(), RequireDPoP: dpop})
				c, logs := oauthClient(t, srv, tc.text)
				if err := listGrants(t, c); err != nil {
					t.Fatal(err)
				}
				if err := listGrants(t, c); err != nil {
					t.Fatal(err)
				}
				if got := srv.TokensIssued(); got != 1 {
					t.Errorf("tokens issued = %d, want 1", got)
				}
				// Auto DPoP: no proof, then the nonce round, then the token.
				want := 1
				if dpop {
					want = 3
				}
				if got := srv.TokenRequests(); got != want {
					t.Errorf("token requests = %d, want %d", got, want)
				}
				assertNoSecret(t, logs.text(), tc.text)
			})
		}
	}
}

func TestDPoPForcedSavesARoundAndKeepsTheNonce(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		key := testECKey(t)
		srv := keyOrg(t, key, true)
		srv.SetTokenTTL(2 * time.Second)
		c, _ := oauthClient(t, srv, pemPKCS8(t, key), func(cfg *okta.Config) { cfg.DPoP = okta.DPoPForce })
		info, err := c.SignIn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !info.DPoP || !info.ServiceApp {
			t.Errorf("sign-in %+v, want a DPoP-bound service app token", info)
		}
		if got := srv.TokenRequests(); got != 2 {
			t.Errorf("token requests = %d, want 2 (proof without nonce, then with)", got)
		}
		// The renewal before expiry reuses the nonce: one request.
		time.Sleep(2 * time.Second)
		if err := listGrants(t, c); err != nil {
			t.Fatal(err)
		}
		if got, challenges := srv.TokenRequests(), srv.DPoPNonceChallenges(); got != 3 || challenges != 1 {
			t.Errorf("token requests = %d, nonce challenges %d, want 3 and 1", got, challenges)
		}
	})
}

func TestExpiredTokenIsRenewedOnce(t *testing.T) {
	t.Parallel()
	key := testECKey(t)
	for _, dpop := range []bool{false, true} {
		t.Run(fmt.Sprintf("dpop=%t", dpop), func(t *testing.T) {
			srv := keyOrg(t, key, dpop)
			c, _ := oauthClient(t, srv, pemSEC1(t, key))
			if err := listGrants(t, c); err != nil {
				t.Fatal(err)
			}
			srv.ExpireTokens()
			readConcurrently(t, c, svcClientID, 10, 10)
			if got := srv.TokensIssued(); got != 2 {
				t.Errorf("tokens issued = %d, want 2: ten refused requests renew once", got)
			}
		})
	}
}

func TestConcurrentRequestsShareOneTokenRequest(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		key := testRSAKey(t)
		srv := keyOrg(t, key, false)
		srv.SetLatency(50 * time.Millisecond)
		c, _ := oauthClient(t, srv, pemPKCS1(key))
		readConcurrently(t, c, svcClientID, 10, 10)
		if got := srv.TokenRequests(); got != 1 {
			t.Errorf("token requests = %d, want 1", got)
		}
	})
}

func TestTokenEndpoint429IsPacedAndRetried(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		key := testECKey(t)
		srv := keyOrg(t, key, false)
		srv.InjectFault(fakeokta.Fault{Route: fakeokta.TokenRoute, Status: 429})
		c, _ := oauthClient(t, srv, pemSEC1(t, key))
		start := time.Now()
		if err := listGrants(t, c); err != nil {
			t.Fatal(err)
		}
		if got := srv.TokenRequests(); got != 2 {
			t.Errorf("token requests = %d, want 2", got)
		}
		if waited := time.Since(start); waited < 900*time.Millisecond {
			t.Errorf("retried after %v: the 429's reset was not awaited", waited)
		}
	})
}

// Every retry carries a new proof: the fake, as Okta, refuses a proof
// whose jti it has seen, and the 503 comes after the proof is checked.
func TestRetriesUseFreshDPoPProofs(t *testing.T) {
	t.Parallel()
	key := testECKey(t)
	srv := keyOrg(t, key, true)
	srv.InjectFault(fakeokta.Fault{Route: fakeokta.RouteListAppGrants, Status: 503, Count: 2})
	c, _ := oauthClient(t, srv, pemSEC1(t, key))
	if err := listGrants(t, c); err != nil {
		t.Fatal(err)
	}
	if got := srv.Count(fakeokta.RouteListAppGrants); got != 3 {
		t.Errorf("grant list requests = %d, want 3 (two 503s, then success)", got)
	}
	if got := srv.TokensIssued(); got != 1 {
		t.Errorf("tokens issued = %d, want 1: a retry does not need a new token", got)
	}
}
