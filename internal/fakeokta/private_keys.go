// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
)

// A service app signs in with a private key whose public half the org
// holds (PublicJWK). These are the private key's forms a user gives a
// client, as Okta's console and openssl write them, for tests to give.

// PrivateKeyPKCS8PEM is the key as a PKCS#8 "PRIVATE KEY" PEM block.
func PrivateKeyPKCS8PEM(key crypto.Signer) (string, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", fmt.Errorf("fakeokta: %w", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), nil
}

// PrivateKeyPKCS1PEM is an RSA key as a PKCS#1 "RSA PRIVATE KEY" PEM block.
func PrivateKeyPKCS1PEM(key *rsa.PrivateKey) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
}

// PrivateKeySEC1PEM is an EC key as a SEC 1 "EC PRIVATE KEY" PEM block.
func PrivateKeySEC1PEM(key *ecdsa.PrivateKey) (string, error) {
	der, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return "", fmt.Errorf("fakeokta: %w", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der})), nil
}

// PrivateJWK is the JWK text of an RSA or EC private key, as Okta's console
// generates it for a service app: the public members of PublicJWK, d, and
// for RSA the primes p and q.
func PrivateJWK(key crypto.Signer, kid string) (string, error) {
	j, err := PublicJWK(key, kid)
	if err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding.EncodeToString
	switch k := key.(type) {
	case *rsa.PrivateKey:
		j.D, j.P, j.Q = enc(k.D.Bytes()), enc(k.Primes[0].Bytes()), enc(k.Primes[1].Bytes())
	case *ecdsa.PrivateKey:
		d, err := k.Bytes()
		if err != nil {
			return "", fmt.Errorf("fakeokta: %w", err)
		}
		j.D = enc(d)
	default:
		return "", fmt.Errorf("fakeokta: a %T is not an RSA or EC private key", key)
	}
	b, err := json.Marshal(j)
	return string(b), err
}
