// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"testing"
)

// Each form of a private key reads back as the same key, and its JWK
// carries the public members the org registers.
func TestPrivateKeyForms_readBackAsTheSameKey(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block := func(text, typ string) []byte {
		t.Helper()
		b, rest := pem.Decode([]byte(text))
		if b == nil || b.Type != typ || len(rest) != 0 {
			t.Fatalf("not one %q PEM block: %q", typ, text)
		}
		return b.Bytes
	}
	same := func(form string, got any, err error, want crypto.Signer) {
		t.Helper()
		eq, ok := got.(interface{ Equal(crypto.PrivateKey) bool })
		if err != nil || !ok || !eq.Equal(want) {
			t.Errorf("%s: read back %T (%v), not the key", form, got, err)
		}
	}

	pkcs1 := PrivateKeyPKCS1PEM(rsaKey)
	k1, err := x509.ParsePKCS1PrivateKey(block(pkcs1, "RSA PRIVATE KEY"))
	same("PKCS#1", k1, err, rsaKey)
	for _, key := range []crypto.Signer{rsaKey, ecKey} {
		text, err := PrivateKeyPKCS8PEM(key)
		if err != nil {
			t.Fatal(err)
		}
		k8, err := x509.ParsePKCS8PrivateKey(block(text, "PRIVATE KEY"))
		same("PKCS#8", k8, err, key)
	}
	sec1, err := PrivateKeySEC1PEM(ecKey)
	if err != nil {
		t.Fatal(err)
	}
	kec, err := x509.ParseECPrivateKey(block(sec1, "EC PRIVATE KEY"))
	same("SEC 1", kec, err, ecKey)

	for _, key := range []crypto.Signer{rsaKey, ecKey} {
		text, err := PrivateJWK(key, "k1")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal([]byte(text), &m); err != nil {
			t.Fatal(err)
		}
		pub, err := PublicJWK(key, "k1")
		if err != nil {
			t.Fatal(err)
		}
		if m["kty"] != pub.Kty || m["kid"] != "k1" || m["n"] != pub.N || m["e"] != pub.E || m["x"] != pub.X || m["y"] != pub.Y || m["crv"] != pub.Crv || m["d"] == "" {
			t.Errorf("%s JWK %s does not carry the public JWK %+v and d", pub.Kty, text, pub)
		}
		if pub.Kty == "RSA" && (m["p"] == "" || m["q"] == "") {
			t.Errorf("RSA JWK %s lacks its primes", text)
		}
	}
	if _, err := PrivateJWK(nil, "k1"); err == nil {
		t.Error("PrivateJWK(nil) gave no error")
	}
}
