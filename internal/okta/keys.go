// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// minRSABits is the smallest RSA key Okta accepts for a service app.
const minRSABits = 2048

// signingKey is a private key and the JWS algorithm it signs with.
type signingKey struct {
	signer crypto.Signer
	alg    string
	// kid is the key ID to name in the JWT header; empty names none.
	kid string
}

// parsePrivateKey reads a service app's private key: PEM (PKCS#1, PKCS#8
// or SEC 1) or JWK JSON (a key, or a key set holding it). Its errors say
// what is wrong with the text but never quote it: it is a secret.
func parsePrivateKey(text, kid string) (*signingKey, error) {
	// Environment variables and CI secret stores often flatten newlines.
	text = strings.TrimSpace(strings.ReplaceAll(text, `\n`, "\n"))
	if text == "" {
		return nil, errors.New("the private key is empty")
	}
	if strings.HasPrefix(text, "{") {
		return parseJWKPrivateKey(text, kid)
	}
	if !strings.Contains(text, "-----BEGIN") {
		return nil, errors.New("the private key is neither PEM (-----BEGIN ... PRIVATE KEY-----) nor JWK JSON ({...})")
	}
	block, _ := pem.Decode([]byte(text))
	if block == nil {
		return nil, errors.New("the private key looks like PEM but does not decode: check that its BEGIN and END lines match and that the base64 between them is intact")
	}
	var key any
	var err error
	switch block.Type {
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(block.Bytes)
	case "ENCRYPTED PRIVATE KEY":
		return nil, errors.New("the private key is encrypted with a passphrase: give the unencrypted key (openssl pkcs8 -in key.pem -nocrypt -topk8 -out plain.pem), kept in a secret store")
	case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE":
		return nil, fmt.Errorf("the private key is a %s: give the private half; the public half is what you register on the service app", strings.ToLower(block.Type))
	default:
		return nil, fmt.Errorf("the private key's PEM type %q is not one this provider reads: use RSA PRIVATE KEY (PKCS#1), PRIVATE KEY (PKCS#8) or EC PRIVATE KEY", block.Type)
	}
	if err != nil {
		// x509's messages name the format, never the key bytes.
		return nil, fmt.Errorf("the private key's %s block does not parse: %w", block.Type, err)
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("the private key is a %T: Okta service apps use RSA or EC keys", key)
	}
	return newSigningKey(signer, kid)
}

// newSigningKey picks the algorithm by key type, as Okta expects.
func newSigningKey(signer crypto.Signer, kid string) (*signingKey, error) {
	switch k := signer.(type) {
	case *rsa.PrivateKey:
		if k.N.BitLen() < minRSABits {
			return nil, fmt.Errorf("the RSA private key has %d bits: Okta requires at least %d", k.N.BitLen(), minRSABits)
		}
		return &signingKey{signer: k, alg: "RS256", kid: kid}, nil
	case *ecdsa.PrivateKey:
		alg, ok := ecAlgs[k.Curve.Params().Name]
		if !ok {
			return nil, fmt.Errorf("the EC private key is on curve %s: Okta accepts P-256, P-384 and P-521", k.Curve.Params().Name)
		}
		return &signingKey{signer: k, alg: alg, kid: kid}, nil
	default:
		return nil, fmt.Errorf("the private key is a %T: Okta service apps use RSA or EC keys", signer)
	}
}

var ecAlgs = map[string]string{"P-256": "ES256", "P-384": "ES384", "P-521": "ES512"}

var ecCurves = map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()}

// jwk is the JSON form of a key, private members included.
type jwk struct {
	Kty string `json:"kty"`
	Kid string `json:"kid,omitempty"`
	Crv string `json:"crv,omitempty"`
	X   string `json:"x,omitempty"`
	Y   string `json:"y,omitempty"`
	D   string `json:"d,omitempty"`
	N   string `json:"n,omitempty"`
	E   string `json:"e,omitempty"`
	P   string `json:"p,omitempty"`
	Q   string `json:"q,omitempty"`
}

func parseJWKPrivateKey(text, kid string) (*signingKey, error) {
	var set struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal([]byte(text), &set); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, fmt.Errorf("the private key looks like JWK JSON but is not valid JSON (error at byte %d)", syn.Offset)
		}
		return nil, errors.New("the private key looks like JWK JSON but is not a JSON object")
	}
	raw := json.RawMessage(text)
	if set.Keys != nil {
		chosen, err := pickJWK(set.Keys, kid)
		if err != nil {
			return nil, err
		}
		raw = chosen
	}
	var k jwk
	if err := json.Unmarshal(raw, &k); err != nil {
		return nil, errors.New("the private key's JWK members are not all strings")
	}
	if kid == "" {
		kid = k.Kid
	}
	if k.D == "" {
		return nil, errors.New("the JWK has no private part (\"d\"): give the private key, not the public key registered on the app")
	}
	switch k.Kty {
	case "RSA":
		key, err := rsaFromJWK(k)
		if err != nil {
			return nil, err
		}
		return newSigningKey(key, kid)
	case "EC":
		key, err := ecFromJWK(k)
		if err != nil {
			return nil, err
		}
		return newSigningKey(key, kid)
	default:
		return nil, fmt.Errorf("the JWK has kty %q: Okta service apps use RSA or EC keys", k.Kty)
	}
}

// pickJWK takes the key named kid out of a key set, or its only key.
func pickJWK(keys []json.RawMessage, kid string) (json.RawMessage, error) {
	if kid == "" && len(keys) == 1 {
		return keys[0], nil
	}
	if kid == "" {
		return nil, &ConfigError{Field: FieldPrivateKeyID, Err: fmt.Errorf("the JWK set holds %d keys: set the private key ID (kid) to choose one", len(keys))}
	}
	for _, raw := range keys {
		var k jwk
		if json.Unmarshal(raw, &k) == nil && k.Kid == kid {
			return raw, nil
		}
	}
	return nil, &ConfigError{Field: FieldPrivateKeyID, Err: fmt.Errorf("the JWK set holds no key with kid %q", kid)}
}

func b64Int(name, v string) (*big.Int, error) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(v, "="))
	if err != nil || len(b) == 0 {
		return nil, fmt.Errorf("the JWK member %q is missing or not base64url", name)
	}
	return new(big.Int).SetBytes(b), nil
}

func rsaFromJWK(k jwk) (*rsa.PrivateKey, error) {
	var vals [5]*big.Int
	for i, m := range []struct{ name, v string }{{"n", k.N}, {"e", k.E}, {"d", k.D}, {"p", k.P}, {"q", k.Q}} {
		v, err := b64Int(m.name, m.v)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	if !vals[1].IsInt64() || vals[1].Int64() > 1<<31 {
		return nil, errors.New("the JWK member \"e\" is not a valid RSA exponent")
	}
	key := &rsa.PrivateKey{
		PublicKey: rsa.PublicKey{N: vals[0], E: int(vals[1].Int64())},
		D:         vals[2],
		Primes:    []*big.Int{vals[3], vals[4]},
	}
	if err := key.Validate(); err != nil {
		return nil, errors.New("the JWK's RSA members do not form a valid key pair")
	}
	key.Precompute()
	return key, nil
}

func ecFromJWK(k jwk) (*ecdsa.PrivateKey, error) {
	curve, ok := ecCurves[k.Crv]
	if !ok {
		return nil, fmt.Errorf("the JWK has crv %q: Okta accepts P-256, P-384 and P-521", k.Crv)
	}
	d, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(k.D, "="))
	if err != nil {
		return nil, errors.New("the JWK member \"d\" is not base64url")
	}
	size := (curve.Params().BitSize + 7) / 8
	if len(d) < size {
		d = append(make([]byte, size-len(d)), d...)
	}
	key, err := ecdsa.ParseRawPrivateKey(curve, d)
	if err != nil {
		return nil, errors.New("the JWK member \"d\" is not a valid private key on its curve")
	}
	// x and y must be the public half of d, or Okta would check the
	// signature against another key than the one registered.
	x, errX := b64Int("x", k.X)
	y, errY := b64Int("y", k.Y)
	if errX == nil && errY == nil {
		pub := ecPublicJWK(&key.PublicKey)
		px, _ := b64Int("x", pub.X)
		py, _ := b64Int("y", pub.Y)
		if px.Cmp(x) != 0 || py.Cmp(y) != 0 {
			return nil, errors.New("the JWK's \"x\" and \"y\" are not the public half of its \"d\"")
		}
	}
	return key, nil
}

// ecPublicJWK is the public JWK of an EC key (the DPoP proof's header).
func ecPublicJWK(pub *ecdsa.PublicKey) jwk {
	raw, _ := pub.Bytes() // 0x04 || X || Y, fixed size per curve
	size := (len(raw) - 1) / 2
	return jwk{
		Kty: "EC",
		Crv: pub.Curve.Params().Name,
		X:   base64.RawURLEncoding.EncodeToString(raw[1 : 1+size]),
		Y:   base64.RawURLEncoding.EncodeToString(raw[1+size:]),
	}
}

// signJWT builds a compact JWS: header and claims as JSON, signed with k.
func signJWT(k *signingKey, header map[string]any, claims any) (string, error) {
	header["alg"] = k.alg
	h, err := json.Marshal(header)
	if err != nil {
		return "", err
	}
	c, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	input := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c)
	sig, err := k.sign([]byte(input))
	if err != nil {
		return "", err
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig), nil
}

func (k *signingKey) sign(input []byte) ([]byte, error) {
	hash, digest := digestFor(k.alg, input)
	switch key := k.signer.(type) {
	case *rsa.PrivateKey:
		return rsa.SignPKCS1v15(rand.Reader, key, hash, digest)
	case *ecdsa.PrivateKey:
		// JWS wants r || s at the curve's size, not ASN.1.
		r, s, err := ecdsa.Sign(rand.Reader, key, digest)
		if err != nil {
			return nil, err
		}
		size := (key.Curve.Params().BitSize + 7) / 8
		sig := make([]byte, 2*size)
		r.FillBytes(sig[:size])
		s.FillBytes(sig[size:])
		return sig, nil
	default:
		return nil, fmt.Errorf("cannot sign with a %T", key)
	}
}

func digestFor(alg string, input []byte) (crypto.Hash, []byte) {
	switch alg {
	case "ES384":
		d := sha512.Sum384(input)
		return crypto.SHA384, d[:]
	case "ES512":
		d := sha512.Sum512(input)
		return crypto.SHA512, d[:]
	default:
		d := sha256.Sum256(input)
		return crypto.SHA256, d[:]
	}
}

// randomID is a unique, unguessable JWT ID.
func randomID() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
