// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// signES256 is a minimal JWS signer for these tests.
func signES256(t testing.TB, k *ecdsa.PrivateKey, header, claims map[string]any) string {
	t.Helper()
	header["alg"] = "ES256"
	h, _ := json.Marshal(header)
	c, _ := json.Marshal(claims)
	input := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c)
	sum := sha256.Sum256([]byte(input))
	r, s, err := ecdsa.Sign(rand.Reader, k, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

type oauthFixture struct {
	t        *testing.T
	srv      *Server
	app, pop *ecdsa.PrivateKey
	popJWK   JWK
}

func newOAuthFixture(t *testing.T, requireDPoP bool) *oauthFixture {
	t.Helper()
	srv, err := Start(NewOrg(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	f := &oauthFixture{t: t, srv: srv}
	f.app, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	f.pop, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	f.popJWK, _ = PublicJWK(f.pop, "")
	pub, _ := PublicJWK(f.app, "k1")
	if err := srv.AddServiceApp(ServiceApp{ClientID: "0oafixture", PublicKeys: []JWK{pub}, Scopes: []string{"okta.apps.read"}, RequireDPoP: requireDPoP}); err != nil {
		t.Fatal(err)
	}
	return f
}

// proof is a DPoP proof by the fixture's key; edits change its header or
// claims before it is signed.
func (f *oauthFixture) proof(method, target, token, nonce string, edits ...func(header, claims map[string]any)) string {
	claims := map[string]any{"htm": method, "htu": target, "iat": f.srv.now().Unix(), "jti": randomString(20)}
	if nonce != "" {
		claims["nonce"] = nonce
	}
	if token != "" {
		sum := sha256.Sum256([]byte(token))
		claims["ath"] = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	header := map[string]any{"typ": "dpop+jwt", "jwk": f.popJWK}
	for _, edit := range edits {
		edit(header, claims)
	}
	return signES256(f.t, f.pop, header, claims)
}

// tokenRequest posts to the token endpoint with a fresh assertion; edits
// change the assertion's claims before it is signed.
func (f *oauthFixture) tokenRequest(dpopProof string, edits ...func(claims map[string]any)) (*http.Response, map[string]any) {
	now := f.srv.now().Unix()
	claims := map[string]any{
		"iss": "0oafixture", "sub": "0oafixture", "aud": f.srv.URL + "/oauth2/v1/token", "exp": now + 60, "jti": randomString(20),
	}
	for _, edit := range edits {
		edit(claims)
	}
	assertion := signES256(f.t, f.app, map[string]any{"kid": "k1"}, claims)
	form := url.Values{"grant_type": {"client_credentials"}, "scope": {"okta.apps.read"}, "client_assertion_type": {clientAssertionType}, "client_assertion": {assertion}}
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/oauth2/v1/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if dpopProof != "" {
		req.Header.Set("DPoP", dpopProof)
	}
	return f.do(req)
}

func (f *oauthFixture) do(req *http.Request) (*http.Response, map[string]any) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	raw, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		f.t.Fatal(err)
	}
	// Kept for rawBody: an answer with only a challenge has no body.
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	var body map[string]any
	_ = json.Unmarshal(raw, &body)
	return resp, body
}

func rawBody(resp *http.Response) string {
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func (f *oauthFixture) apiCall(scheme, token, proof string) *http.Response {
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/api/v1/apps?limit=5", nil)
	req.Header.Set("Authorization", scheme+" "+token)
	if proof != "" {
		req.Header.Set("DPoP", proof)
	}
	resp, _ := f.do(req)
	return resp
}

func TestDPoPAsOktaDoesIt(t *testing.T) {
	f := newOAuthFixture(t, true)
	tokenURL := f.srv.URL + "/oauth2/v1/token"
	if resp, body := f.tokenRequest(""); resp.StatusCode != 400 || body["error"] != "invalid_dpop_proof" {
		t.Fatalf("no proof: %d %v", resp.StatusCode, body)
	}
	resp, body := f.tokenRequest(f.proof("POST", tokenURL, "", ""))
	nonce := resp.Header.Get("DPoP-Nonce")
	if resp.StatusCode != 400 || body["error"] != "use_dpop_nonce" || nonce == "" {
		t.Fatalf("proof without nonce: %d %v nonce %q", resp.StatusCode, body, nonce)
	}
	resp, body = f.tokenRequest(f.proof("POST", tokenURL, "", nonce))
	if resp.StatusCode != 200 || body["token_type"] != "DPoP" {
		t.Fatalf("proof with nonce: %d %v", resp.StatusCode, body)
	}
	token := body["access_token"].(string)
	appsURL := f.srv.URL + "/api/v1/apps"

	good := f.proof("GET", appsURL, token, "")
	if resp := f.apiCall("DPoP", token, good); resp.StatusCode != 200 {
		t.Fatalf("DPoP call: %d %s", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
	}
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	otherJWK, _ := PublicJWK(other, "")
	sum := sha256.Sum256([]byte(token))
	foreign := signES256(t, other, map[string]any{"typ": "dpop+jwt", "jwk": otherJWK}, map[string]any{
		"htm": "GET", "htu": appsURL, "iat": time.Now().Unix(), "jti": "x1", "ath": base64.RawURLEncoding.EncodeToString(sum[:]),
	})
	for name, c := range map[string]struct{ scheme, proof, code string }{
		"replayed proof": {"DPoP", good, "invalid_dpop_proof"},
		"no proof":       {"DPoP", "", "invalid_dpop_proof"},
		"wrong htm":      {"DPoP", f.proof("POST", appsURL, token, ""), "invalid_dpop_proof"},
		"wrong htu":      {"DPoP", f.proof("GET", f.srv.URL+"/api/v1/users", token, ""), "invalid_dpop_proof"},
		"wrong ath":      {"DPoP", f.proof("GET", appsURL, "another", ""), "invalid_dpop_proof"},
		"another key":    {"DPoP", foreign, "invalid_dpop_proof"},
		"as Bearer":      {"Bearer", "", "invalid_request"},
		"typ JWT":        {"DPoP", f.proof("GET", appsURL, token, "", setHeader("typ", "JWT")), "invalid_dpop_proof"},
		"no iat":         {"DPoP", f.proof("GET", appsURL, token, "", setIAT(nil)), "invalid_dpop_proof"},
		"iat too old":    {"DPoP", f.proof("GET", appsURL, token, "", setIAT(f.srv.now().Add(-proofMaxAge-time.Minute).Unix())), "invalid_dpop_proof"},
		"iat ahead":      {"DPoP", f.proof("GET", appsURL, token, "", setIAT(f.srv.now().Add(2*clockLeeway).Unix())), "invalid_dpop_proof"},
	} {
		resp := f.apiCall(c.scheme, token, c.proof)
		if body := rawBody(resp); resp.StatusCode != 400 || !strings.Contains(resp.Header.Get("WWW-Authenticate"), `error="`+c.code+`"`) || body != "" {
			t.Errorf("%s: %d %s body %q, want 400 %s and no body", name, resp.StatusCode, resp.Header.Get("WWW-Authenticate"), body, c.code)
		}
	}
	f.srv.ExpireTokens()
	// Unlike the other refusals, an expired token's 401 carries E0000011.
	if resp := f.apiCall("DPoP", token, f.proof("GET", appsURL, token, "")); resp.StatusCode != 401 || !strings.Contains(resp.Header.Get("WWW-Authenticate"), "invalid_token") || !strings.Contains(rawBody(resp), `"E0000011"`) {
		t.Errorf("expired token: %d %s", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
	}
	if f.srv.TokenRequests() != 3 || f.srv.DPoPNonceChallenges() != 1 || f.srv.TokensIssued() != 1 {
		t.Errorf("counters: %d token requests, %d nonce challenges, %d issued", f.srv.TokenRequests(), f.srv.DPoPNonceChallenges(), f.srv.TokensIssued())
	}
}

func TestBearerTokenScopes(t *testing.T) {
	f := newOAuthFixture(t, false)
	resp, body := f.tokenRequest("")
	if resp.StatusCode != 200 || body["token_type"] != "Bearer" || body["scope"] != "okta.apps.read" {
		t.Fatalf("token: %d %v", resp.StatusCode, body)
	}
	token := body["access_token"].(string)
	if resp := f.apiCall("Bearer", token, ""); resp.StatusCode != 200 {
		t.Errorf("GET /api/v1/apps: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/api/v1/users", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, _ = f.do(req)
	if ch, body := resp.Header.Get("WWW-Authenticate"), rawBody(resp); resp.StatusCode != 403 || !strings.Contains(ch, `scope="okta.users.read"`) || !strings.Contains(ch, "insufficient_scope") || body != "" {
		t.Errorf("GET /api/v1/users: %d %s body %q, want 403 and no body", resp.StatusCode, ch, body)
	}
}

func setHeader(name string, v any) func(header, claims map[string]any) {
	return func(header, _ map[string]any) { header[name] = v }
}

// setIAT sets a proof's iat, or deletes it for nil.
func setIAT(v any) func(header, claims map[string]any) {
	return func(_, claims map[string]any) { setOrDelete(claims, "iat", v) }
}

func setAssertionClaim(name string, v any) func(claims map[string]any) {
	return func(claims map[string]any) { setOrDelete(claims, name, v) }
}

func setOrDelete(m map[string]any, name string, v any) {
	if v == nil {
		delete(m, name)
		return
	}
	m[name] = v
}

// TestTokenEndpointRefuses: each check of the client assertion and the
// DPoP proof on the token endpoint, with the answer Okta gives.
func TestTokenEndpointRefuses(t *testing.T) {
	f := newOAuthFixture(t, true)
	tokenURL := f.srv.URL + "/oauth2/v1/token"
	now := f.srv.now()
	resp, _ := f.tokenRequest(f.proof("POST", tokenURL, "", ""))
	nonce := resp.Header.Get("DPoP-Nonce")
	for name, c := range map[string]struct {
		proof  string
		edit   func(claims map[string]any)
		status int
		code   string
		says   string
	}{
		"audience another endpoint": {"", setAssertionClaim("aud", f.srv.URL+"/oauth2/default/v1/token"), 401, "invalid_client", "audience"},
		"no exp":                    {"", setAssertionClaim("exp", nil), 401, "invalid_client", "must have an exp"},
		"expired":                   {"", setAssertionClaim("exp", now.Add(-2*clockLeeway).Unix()), 401, "invalid_client", "is expired"},
		"exp too far ahead":         {"", setAssertionClaim("exp", now.Add(maxAssertionLifetime+2*clockLeeway).Unix()), 401, "invalid_client", "too far"},
		"nonce never handed out":    {f.proof("POST", tokenURL, "", "made-up-nonce"), nil, 400, "use_dpop_nonce", "requires nonce"},
		"proof typ JWT":             {f.proof("POST", tokenURL, "", nonce, setHeader("typ", "JWT")), nil, 400, "invalid_dpop_proof", "'typ'"},
		"proof iat too old":         {f.proof("POST", tokenURL, "", nonce, setIAT(now.Add(-proofMaxAge-time.Minute).Unix())), nil, 400, "invalid_dpop_proof", "'iat'"},
	} {
		var edits []func(map[string]any)
		if c.edit != nil {
			edits = append(edits, c.edit)
		}
		resp, body := f.tokenRequest(c.proof, edits...)
		if description, _ := body["error_description"].(string); resp.StatusCode != c.status || body["error"] != c.code || !strings.Contains(description, c.says) {
			t.Errorf("%s: %d %v, want %d %s saying %q", name, resp.StatusCode, body, c.status, c.code, c.says)
		}
	}
	if resp, body := f.tokenRequest(f.proof("POST", tokenURL, "", nonce)); resp.StatusCode != 200 {
		t.Fatalf("a good request after the refused ones: %d %v", resp.StatusCode, body)
	}
	f.srv.SetClockSkew(nonceLifetime)
	if resp, body := f.tokenRequest(f.proof("POST", tokenURL, "", nonce)); resp.StatusCode != 400 || body["error"] != "use_dpop_nonce" {
		t.Errorf("a nonce %s old: %d %v, want 400 use_dpop_nonce", nonceLifetime, resp.StatusCode, body)
	}
}

// TestServiceAppScopesWithoutGrants: an app with AllScopes (the cmd's,
// without -oauth-scopes) gets any Okta scope without grants; an app with no
// grants and no AllScopes gets none, as in Okta.
func TestServiceAppScopesWithoutGrants(t *testing.T) {
	f := newOAuthFixture(t, false)
	for _, app := range []ServiceApp{
		{ClientID: "0oaevery", AllScopes: true},
		{ClientID: "0oanone"},
	} {
		app.PublicKeys = []JWK{mustPublicJWK(t, f.app, "k1")}
		if err := f.srv.AddServiceApp(app); err != nil {
			t.Fatal(err)
		}
		resp, body := f.tokenRequest("", setAssertionClaim("iss", app.ClientID), setAssertionClaim("sub", app.ClientID))
		switch {
		case len(f.srv.AppGrants(app.ClientID)) != 0:
			t.Errorf("%s: grants %v, want none", app.ClientID, f.srv.AppGrants(app.ClientID))
		case app.AllScopes && (resp.StatusCode != 200 || body["scope"] != "okta.apps.read"):
			t.Errorf("%s: token %d %v, want okta.apps.read", app.ClientID, resp.StatusCode, body)
		case !app.AllScopes && (resp.StatusCode != 400 || body["error"] != "consent_required"):
			t.Errorf("%s: token %d %v, want 400 consent_required", app.ClientID, resp.StatusCode, body)
		}
	}
}

func mustPublicJWK(t *testing.T, key any, kid string) JWK {
	t.Helper()
	k, err := PublicJWK(key, kid)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
