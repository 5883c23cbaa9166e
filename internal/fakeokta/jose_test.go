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
	"math/big"
	"reflect"
	"strings"
	"testing"
)

// TestParseJWKS reads each format -oauth-jwks takes: a JWKS, one JWK, and
// PEM public keys.
func TestParseJWKS(t *testing.T) {
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ec, _ := PublicJWK(ecKey, "ec1")
	rs, _ := PublicJWK(rsaKey, "rsa1")
	jwks, _ := json.Marshal(map[string][]JWK{"keys": {ec, rs}})
	one, _ := json.Marshal(ec)
	var pemKeys []byte
	for _, k := range []any{&ecKey.PublicKey, &rsaKey.PublicKey} {
		der, _ := x509.MarshalPKIXPublicKey(k)
		pemKeys = append(pemKeys, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})...)
	}
	ecNoKid, rsNoKid := ec, rs
	ecNoKid.Kid, rsNoKid.Kid = "", ""
	for name, c := range map[string]struct {
		data []byte
		want []JWK
	}{
		"JWKS":        {jwks, []JWK{ec, rs}},
		"one JWK":     {one, []JWK{ec}},
		"PEM":         {append([]byte("\n"), pemKeys...), []JWK{ecNoKid, rsNoKid}},
		"not JSON":    {[]byte("{keys"), nil},
		"no keys":     {[]byte(`{"kid":"x"}`), nil},
		"bad EC x":    {[]byte(`{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}`), nil},
		"unknown kty": {[]byte(`{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}`), nil},
		"bad PEM key": {pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte("nope")}), nil},
	} {
		got, err := ParseJWKS(c.data)
		if c.want == nil {
			if err == nil {
				t.Errorf("%s: %v, want an error", name, got)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v %v, want %v", name, got, err, c.want)
		}
	}
}

// TestVerifyEveryAlg: each alg DPoP proofs may use verifies with its own
// hash, and not with another's.
func TestVerifyEveryAlg(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	curves := map[string]elliptic.Curve{"256": elliptic.P256(), "384": elliptic.P384(), "512": elliptic.P521()}
	for _, alg := range strings.Fields(dpopAlgs) {
		hash := jwsHashes[alg[2:]]
		input := []byte("header.claims")
		h := hash.New()
		h.Write(input)
		var sig []byte
		var pub crypto.PublicKey
		if strings.HasPrefix(alg, "RS") {
			sig, err = rsa.SignPKCS1v15(rand.Reader, rsaKey, hash, h.Sum(nil))
			pub = &rsaKey.PublicKey
		} else {
			k, _ := ecdsa.GenerateKey(curves[alg[2:]], rand.Reader)
			var r, s *big.Int
			r, s, err = ecdsa.Sign(rand.Reader, k, h.Sum(nil))
			size := (k.Curve.Params().BitSize + 7) / 8
			sig = make([]byte, 2*size)
			r.FillBytes(sig[:size])
			s.FillBytes(sig[size:])
			pub = &k.PublicKey
		}
		if err != nil {
			t.Fatal(err)
		}
		j := &jws{input: input, sig: sig}
		j.header.Alg = alg
		if !j.verify(pub) {
			t.Errorf("%s: a good signature does not verify", alg)
		}
		other := map[string]string{"256": "384", "384": "512", "512": "256"}[alg[2:]]
		j.header.Alg = alg[:2] + other
		if j.verify(pub) {
			t.Errorf("%s: verifies as %s", alg, j.header.Alg)
		}
	}
}
