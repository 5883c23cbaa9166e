// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	_ "crypto/sha512" // registers SHA-384 and SHA-512 for crypto.Hash.New
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// The fake verifies JWTs with its own code, apart from the client's, so
// that a bug in the client's signing is not mirrored here.

// JWK is a public JSON Web Key, as a service app's JWKS lists it.
type JWK struct {
	Kty string `json:"kty"`
	Kid string `json:"kid,omitempty"`
	Use string `json:"use,omitempty"`
	Alg string `json:"alg,omitempty"`
	Crv string `json:"crv,omitempty"`
	X   string `json:"x,omitempty"`
	Y   string `json:"y,omitempty"`
	N   string `json:"n,omitempty"`
	E   string `json:"e,omitempty"`
	// D, and for RSA the primes P and Q, are set only in a private key
	// (PrivateJWK): a JWKS of public keys must not have them.
	D string `json:"d,omitempty"`
	P string `json:"p,omitempty"`
	Q string `json:"q,omitempty"`
}

var fakeCurves = map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()}

// PublicJWK is the public JWK of an RSA or EC key (public or private),
// to register on a service app.
func PublicJWK(key any, kid string) (JWK, error) {
	if s, ok := key.(crypto.Signer); ok {
		key = s.Public()
	}
	enc := base64.RawURLEncoding.EncodeToString
	switch k := key.(type) {
	case *rsa.PublicKey:
		return JWK{Kty: "RSA", Kid: kid, N: enc(k.N.Bytes()), E: enc(big.NewInt(int64(k.E)).Bytes())}, nil
	case *ecdsa.PublicKey:
		raw, err := k.Bytes()
		if err != nil {
			return JWK{}, err
		}
		size := (len(raw) - 1) / 2
		return JWK{Kty: "EC", Kid: kid, Crv: k.Curve.Params().Name, X: enc(raw[1 : 1+size]), Y: enc(raw[1+size:])}, nil
	}
	return JWK{}, fmt.Errorf("fakeokta: a %T is not an RSA or EC key", key)
}

// ParseJWKS reads a service app's public keys: a JWKS ({"keys":[...]}),
// one JWK, or PEM public keys (PKIX "PUBLIC KEY" blocks, kid left empty).
func ParseJWKS(data []byte) ([]JWK, error) {
	text := strings.TrimSpace(string(data))
	if strings.HasPrefix(text, "-----BEGIN") {
		var keys []JWK
		rest := []byte(text)
		for {
			var block *pem.Block
			block, rest = pem.Decode(rest)
			if block == nil {
				break
			}
			pub, err := x509.ParsePKIXPublicKey(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("fakeokta: PEM block %q: %w", block.Type, err)
			}
			k, err := PublicJWK(pub, "")
			if err != nil {
				return nil, err
			}
			keys = append(keys, k)
		}
		return keys, nil
	}
	var set struct {
		Keys []JWK `json:"keys"`
	}
	if err := json.Unmarshal(data, &set); err != nil {
		return nil, fmt.Errorf("fakeokta: the JWKS is not JSON: %w", err)
	}
	if set.Keys == nil {
		var one JWK
		if err := json.Unmarshal(data, &one); err != nil || one.Kty == "" {
			return nil, errors.New(`fakeokta: the JWKS has no "keys"`)
		}
		set.Keys = []JWK{one}
	}
	for _, k := range set.Keys {
		if _, err := k.publicKey(); err != nil {
			return nil, err
		}
	}
	return set.Keys, nil
}

func (k JWK) publicKey() (crypto.PublicKey, error) {
	dec := func(v string) ([]byte, error) { return base64.RawURLEncoding.DecodeString(strings.TrimRight(v, "=")) }
	switch k.Kty {
	case "RSA":
		n, errN := dec(k.N)
		e, errE := dec(k.E)
		if errN != nil || errE != nil || len(n) == 0 || len(e) == 0 || len(e) > 4 {
			return nil, errors.New("fakeokta: the RSA JWK's n or e is not valid")
		}
		return &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}, nil
	case "EC":
		curve, ok := fakeCurves[k.Crv]
		x, errX := dec(k.X)
		y, errY := dec(k.Y)
		if !ok || errX != nil || errY != nil {
			return nil, errors.New("fakeokta: the EC JWK's crv, x or y is not valid")
		}
		size := (curve.Params().BitSize + 7) / 8
		if len(x) != size || len(y) != size {
			return nil, errors.New("fakeokta: the EC JWK's x or y has the wrong size")
		}
		return ecdsa.ParseUncompressedPublicKey(curve, append(append([]byte{4}, x...), y...))
	}
	return nil, fmt.Errorf("fakeokta: JWK kty %q is not RSA or EC", k.Kty)
}

// thumbprint is the key's RFC 7638 thumbprint: what a DPoP-bound token's
// cnf.jkt names.
func (k JWK) thumbprint() string {
	var canonical string
	if k.Kty == "EC" {
		canonical = fmt.Sprintf(`{"crv":%q,"kty":"EC","x":%q,"y":%q}`, k.Crv, k.X, k.Y)
	} else {
		canonical = fmt.Sprintf(`{"e":%q,"kty":"RSA","n":%q}`, k.E, k.N)
	}
	sum := sha256.Sum256([]byte(canonical))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// jws is a parsed compact JWS whose signature is not yet checked.
type jws struct {
	header struct {
		Alg string          `json:"alg"`
		Kid string          `json:"kid"`
		Typ string          `json:"typ"`
		JWK json.RawMessage `json:"jwk"`
	}
	claims map[string]any
	input  []byte
	sig    []byte
}

func parseJWS(s string) (*jws, error) {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return nil, errors.New("not a compact JWS")
	}
	var j jws
	h, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil || json.Unmarshal(h, &j.header) != nil {
		return nil, errors.New("the JWT header does not decode")
	}
	c, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil || json.Unmarshal(c, &j.claims) != nil {
		return nil, errors.New("the JWT claims do not decode")
	}
	if j.sig, err = base64.RawURLEncoding.DecodeString(parts[2]); err != nil {
		return nil, errors.New("the JWT signature does not decode")
	}
	j.input = []byte(parts[0] + "." + parts[1])
	return &j, nil
}

// jwsHashes are the hashes of RS256..RS512 and ES256..ES512, by the
// alg's digits.
var jwsHashes = map[string]crypto.Hash{"256": crypto.SHA256, "384": crypto.SHA384, "512": crypto.SHA512}

// verify checks the signature with pub, by the header's alg, which must
// fit the key's type.
func (j *jws) verify(pub crypto.PublicKey) bool {
	hash, ok := jwsHashes[j.header.Alg[min(2, len(j.header.Alg)):]]
	if !ok {
		return false
	}
	h := hash.New()
	h.Write(j.input)
	digest := h.Sum(nil)
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return strings.HasPrefix(j.header.Alg, "RS") && rsa.VerifyPKCS1v15(k, hash, digest, j.sig) == nil
	case *ecdsa.PublicKey:
		size := (k.Curve.Params().BitSize + 7) / 8
		if !strings.HasPrefix(j.header.Alg, "ES") || len(j.sig) != 2*size {
			return false
		}
		r, s := new(big.Int).SetBytes(j.sig[:size]), new(big.Int).SetBytes(j.sig[size:])
		return ecdsa.Verify(k, digest, r, s)
	}
	return false
}

func (j *jws) str(name string) string {
	s, _ := j.claims[name].(string)
	return s
}

func (j *jws) num(name string) (int64, bool) {
	f, ok := j.claims[name].(float64)
	return int64(f), ok
}

// hasAudience reports whether aud (a string or a list) names want.
func (j *jws) hasAudience(want string) bool {
	switch aud := j.claims["aud"].(type) {
	case string:
		return aud == want
	case []any:
		for _, a := range aud {
			if a == want {
				return true
			}
		}
	}
	return false
}
