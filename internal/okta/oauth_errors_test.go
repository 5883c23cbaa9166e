// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var jwtShape = regexp.MustCompile(`eyJ[\w-]+\.[\w-]+\.`)

func assertNoSecret(t *testing.T, text string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if strings.Contains(text, s) {
			t.Errorf("a secret appears in %q", text)
		}
		// Any PEM body line of a key, or a JWT, is a leak too.
		for _, line := range strings.Split(s, "\n") {
			if len(line) > 40 && !strings.HasPrefix(line, "-----") && strings.Contains(text, line) {
				t.Errorf("a line of the private key appears in the text")
			}
		}
	}
	// A JWT is "eyJ" and two dots; "eyJ" alone turns up in random request IDs.
	if jwtShape.MatchString(text) || strings.Contains(text, "fake-at.") {
		t.Errorf("a JWT or an access token appears in %q", text)
	}
}

func oauthErr(t *testing.T, err error, code string) *okta.OAuthError {
	t.Helper()
	var oe *okta.OAuthError
	if !errors.As(err, &oe) {
		t.Fatalf("error %v (%T) is not an *okta.OAuthError", err, err)
	}
	if oe.Code != code {
		t.Errorf("code %q, want %q (%v)", oe.Code, code, err)
	}
	return oe
}

func TestSignInErrorsSayWhatToCheck(t *testing.T) {
	t.Parallel()
	key, other := testECKey(t), testECKey(t)
	rsaK := testRSAKey(t)
	two := []fakeokta.JWK{publicJWK(t, key, "k1"), publicJWK(t, rsaK, "k2")}
	cases := []struct {
		name    string
		app     fakeokta.ServiceApp
		key     string
		opts    func(*okta.Config)
		code    string
		mention string // in the hint: what to do
		field   string
	}{
		{"wrong kid", fakeokta.ServiceApp{PublicKeys: two, Scopes: appGrantScopes()}, pemSEC1(t, key), func(c *okta.Config) { c.PrivateKeyID = "nope" }, okta.OAuthInvalidClient, `private key ID "nope"`, okta.FieldPrivateKeyID},
		{"no kid, two keys", fakeokta.ServiceApp{PublicKeys: two, Scopes: appGrantScopes()}, pemSEC1(t, key), nil, okta.OAuthInvalidClient, "set the private key ID", okta.FieldPrivateKeyID},
		{"wrong key", fakeokta.ServiceApp{PublicKeys: two, Scopes: appGrantScopes()}, pemSEC1(t, other), func(c *okta.Config) { c.PrivateKeyID = "k1" }, okta.OAuthInvalidClient, "does not match the public key", okta.FieldPrivateKey},
		{"wrong client", fakeokta.ServiceApp{PublicKeys: two[:1], Scopes: appGrantScopes()}, pemSEC1(t, key), func(c *okta.Config) { c.ClientID = "0oaunknown" }, okta.OAuthInvalidClient, "Check the client ID", okta.FieldClientID},
		{"no scope granted", fakeokta.ServiceApp{PublicKeys: two[:1], Scopes: []string{"okta.users.read"}}, pemSEC1(t, key), func(c *okta.Config) { c.Scopes = []string{"okta.appGrants.manage"} }, okta.OAuthConsentRequired, "okta.appGrants.manage", okta.FieldScopes},
		{"unknown scope", fakeokta.ServiceApp{PublicKeys: two[:1], Scopes: appGrantScopes()}, pemSEC1(t, key), func(c *okta.Config) { c.Scopes = []string{"okta.nothing.read"} }, okta.OAuthInvalidScope, "okta.nothing.read", okta.FieldScopes},
		{"DPoP off, app requires it", fakeokta.ServiceApp{PublicKeys: two[:1], Scopes: appGrantScopes(), RequireDPoP: true}, pemSEC1(t, key), func(c *okta.Config) { c.DPoP = okta.DPoPOff }, okta.OAuthInvalidDPoPProof, "set the DPoP mode to force", okta.FieldDPoP},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := oauthOrg(t, tc.app)
			opts := []func(*okta.Config){}
			if tc.opts != nil {
				opts = append(opts, tc.opts)
			}
			c, logs := oauthClient(t, srv, tc.key, opts...)
			_, err := c.SignIn(context.Background())
			oe := oauthErr(t, err, tc.code)
			if !strings.Contains(err.Error(), tc.mention) {
				t.Errorf("error %q does not mention %q", err, tc.mention)
			}
			if oe.Hint == "" || !strings.Contains(oe.Hint, tc.mention) {
				t.Errorf("hint %q does not say %q", oe.Hint, tc.mention)
			}
			if oe.Field != tc.field {
				t.Errorf("field %q, want %q", oe.Field, tc.field)
			}
			// The API call fails the same way, with the same error type.
			if err := listGrants(t, c); !errors.As(err, new(*okta.OAuthError)) {
				t.Errorf("API call error %v, want the sign-in error", err)
			}
			assertNoSecret(t, err.Error()+logs.text(), tc.key)
		})
	}
}

func TestMissingScopeOnAnAPICallNamesIt(t *testing.T) {
	t.Parallel()
	key := testECKey(t)
	for _, dpop := range []bool{false, true} {
		srv := oauthOrg(t, fakeokta.ServiceApp{PublicKeys: []fakeokta.JWK{publicJWK(t, key, "")}, Scopes: []string{"okta.users.read"}, RequireDPoP: dpop})
		c, _ := oauthClient(t, srv, pemSEC1(t, key), func(c *okta.Config) { c.Scopes = []string{"okta.users.read", "okta.appGrants.read"} })
		err := listGrants(t, c)
		var apiErr *okta.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusForbidden || apiErr.MissingScope != "okta.appGrants.read" {
			t.Fatalf("dpop=%t: error %v, want a 403 naming okta.appGrants.read", dpop, err)
		}
		if !strings.Contains(err.Error(), "Grant scope okta.appGrants.read to service app") {
			t.Errorf("error %q says not how to grant the scope", err)
		}
	}
}

// SignIn names the requested scopes Okta left out of the token, and none
// when Okta's answer has no scope field to tell.
func TestSignInNamesScopesNotGranted(t *testing.T) {
	t.Parallel()
	key := testECKey(t)
	srv := oauthOrg(t, fakeokta.ServiceApp{PublicKeys: []fakeokta.JWK{publicJWK(t, key, "")}, Scopes: []string{"okta.users.read"}})
	orgClient := srv.Client()
	withoutScope := &http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		resp, err := orgClient.Transport.RoundTrip(r)
		if err != nil || !strings.HasSuffix(r.URL.Path, "/oauth2/v1/token") {
			return resp, err
		}
		var answer map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
			return nil, err
		}
		_ = resp.Body.Close()
		delete(answer, "scope")
		b, _ := json.Marshal(answer)
		resp.Body, resp.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
		resp.Header.Del("Content-Length")
		return resp, nil
	})}
	for _, tc := range []struct {
		name string
		http *http.Client
		want []string
	}{
		{"scope answered", orgClient, []string{"okta.appGrants.read"}},
		{"no scope field", withoutScope, nil},
	} {
		c, _ := oauthClient(t, srv, pemSEC1(t, key), func(c *okta.Config) {
			c.Scopes, c.HTTPClient = []string{"okta.users.read", "okta.appGrants.read"}, tc.http
		})
		info, err := c.SignIn(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !slices.Equal(info.NotGranted, tc.want) {
			t.Errorf("%s: not granted %q, want %q", tc.name, info.NotGranted, tc.want)
		}
	}
}

// A client assertion, once used for a token, is refused again.
func TestReplayedAssertionIsRefused(t *testing.T) {
	t.Parallel()
	key := testECKey(t)
	srv := keyOrg(t, key, false)
	// Capture the form the client sends, then send it again.
	var form url.Values
	orgClient := srv.Client()
	capture := &http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		if strings.HasSuffix(r.URL.Path, "/oauth2/v1/token") && form == nil {
			b, err := io.ReadAll(r.Body)
			if err != nil {
				return nil, err
			}
			form, _ = url.ParseQuery(string(b))
			r.Body = io.NopCloser(bytes.NewReader(b))
		}
		return orgClient.Transport.RoundTrip(r)
	})}
	c, _ := oauthClient(t, srv, pemSEC1(t, key), func(c *okta.Config) { c.HTTPClient = capture })
	if _, err := c.SignIn(context.Background()); err != nil {
		t.Fatal(err)
	}
	resp, err := orgClient.PostForm(srv.URL+"/oauth2/v1/token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusUnauthorized || srv.CountOAuthError(okta.OAuthInvalidClient) != 1 {
		t.Errorf("replay answered %d, want 401 invalid_client", resp.StatusCode)
	}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestConfigValidation(t *testing.T) {
	t.Parallel()
	key := pemPKCS1(testRSAKey(t))
	cases := []struct {
		name string
		cfg  okta.Config
		want string
	}{
		{"two ways", okta.Config{APIToken: "t0000000000", ClientID: "0oa1", PrivateKey: key}, "exactly one way"},
		{"client ID alone", okta.Config{ClientID: "0oa1"}, "without a private key"},
		{"key alone", okta.Config{PrivateKey: key}, "without a client ID"},
		{"kid alone", okta.Config{PrivateKeyID: "k1"}, "private key ID"},
		{"nothing", okta.Config{}, "required"},
		{"not a key", okta.Config{ClientID: "0oa1", PrivateKey: "hunter2-secret-value"}, "neither PEM"},
		{"bad PEM", okta.Config{ClientID: "0oa1", PrivateKey: "-----BEGIN PRIVATE KEY-----\nAAAAsecretAAAAAA\n-----END PRIVATE KEY-----"}, "does not parse"},
		{"public key", okta.Config{ClientID: "0oa1", PrivateKey: publicPEM()}, "public key"},
		{"bad JWK", okta.Config{ClientID: "0oa1", PrivateKey: `{"kty":"EC","crv":"P-256","d":"secretsecret"`}, "not valid JSON"},
		{"public JWK", okta.Config{ClientID: "0oa1", PrivateKey: `{"kty":"EC","crv":"P-256","x":"secretsecretx","y":"secretsecrety"}`}, "no private part"},
		{"bad DPoP mode", okta.Config{ClientID: "0oa1", PrivateKey: key, DPoP: "sometimes"}, "DPoP mode"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.OrgURL = "https://acme.okta.com"
			_, err := okta.New(tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one mentioning %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "MII") {
				t.Errorf("error %q echoes the key", err)
			}
		})
	}
}

// publicPEM is a public key block (truncated: only its type matters).
func publicPEM() string {
	return "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n"
}

// A hostile or broken server echoing the credential back: the token and
// the proof are scrubbed from the error and the logs.
func TestEchoedCredentialsAreRedacted(t *testing.T) {
	t.Parallel()
	key := testECKey(t)
	srv := keyOrg(t, key, true)
	orgClient := srv.Client()
	echo := &http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			body := `{"errorCode":"E0000001","errorSummary":"bad: ` + r.Header.Get("Authorization") + ` ` + r.Header.Get("DPoP") + `"}`
			return &http.Response{StatusCode: 400, Header: http.Header{"Www-Authenticate": {`DPoP error="invalid_dpop_proof", error_description="` + r.Header.Get("DPoP") + `"`}}, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
		}
		return orgClient.Transport.RoundTrip(r)
	})}
	k := pemSEC1(t, key)
	c, logs := oauthClient(t, srv, k, func(c *okta.Config) { c.HTTPClient = echo })
	err := listGrants(t, c)
	if err == nil {
		t.Fatal("want an error")
	}
	assertNoSecret(t, err.Error()+"\n"+logs.text(), k)
	if !strings.Contains(err.Error(), "[redacted]") {
		t.Errorf("error %q: the echoed credential was not replaced", err)
	}
}
