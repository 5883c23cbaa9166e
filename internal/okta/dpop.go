// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// DPoPMode says when the client proves possession of a key (RFC 9449).
type DPoPMode string

const (
	// DPoPAuto sends DPoP proofs once the token endpoint says the service
	// app requires them (its invalid_dpop_proof answer). The default.
	DPoPAuto DPoPMode = "auto"
	// DPoPForce sends DPoP proofs from the first token request on, which
	// saves one round trip for an app known to require DPoP.
	DPoPForce DPoPMode = "force"
	// DPoPOff never sends proofs: an app requiring DPoP cannot sign in.
	DPoPOff DPoPMode = "off"
)

func parseDPoPMode(m DPoPMode) (DPoPMode, error) {
	switch DPoPMode(strings.ToLower(string(m))) {
	case "", DPoPAuto:
		return DPoPAuto, nil
	case DPoPForce, "true", "on":
		return DPoPForce, nil
	case DPoPOff, "false":
		return DPoPOff, nil
	}
	return "", fmt.Errorf("DPoP mode %q is not one of auto, force, off", m)
}

// dpop holds the process's DPoP key and the nonces servers gave it. The
// key is ephemeral: made when first needed, never stored; the tokens
// bound to it die with the process.
type dpop struct {
	once sync.Once
	key  *signingKey
	jwk  jwk
	err  error

	mu sync.Mutex
	// asNonce is the token endpoint's (authorization server's) nonce,
	// valid for hours: keeping it saves a use_dpop_nonce round per token.
	asNonce string
	// rsNonce is the API's (resource server's) nonce, if it ever asks.
	rsNonce string
}

func (d *dpop) ensureKey() error {
	d.once.Do(func() {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			d.err = fmt.Errorf("making a DPoP key: %w", err)
			return
		}
		d.key = &signingKey{signer: k, alg: "ES256"}
		d.jwk = ecPublicJWK(&k.PublicKey)
	})
	return d.err
}

type dpopClaims struct {
	JTI   string `json:"jti"`
	HTM   string `json:"htm"`
	HTU   string `json:"htu"`
	IAT   int64  `json:"iat"`
	Nonce string `json:"nonce,omitempty"`
	ATH   string `json:"ath,omitempty"`
}

// proof makes a single-use proof for one attempt of a request: a proof is
// never reused, retries included, or Okta rejects it as replayed. token
// is the access token the request carries, empty on the token endpoint.
func (d *dpop) proof(method string, target *url.URL, token string, now time.Time) (string, error) {
	if err := d.ensureKey(); err != nil {
		return "", err
	}
	d.mu.Lock()
	nonce := d.rsNonce
	if token == "" {
		nonce = d.asNonce
	}
	d.mu.Unlock()
	claims := dpopClaims{JTI: randomID(), HTM: method, HTU: htu(target), IAT: now.Unix(), Nonce: nonce}
	if token != "" {
		sum := sha256.Sum256([]byte(token))
		claims.ATH = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	return signJWT(d.key, map[string]any{"typ": "dpop+jwt", "jwk": d.jwk}, claims)
}

// htu is the URL a proof names: without query and fragment (RFC 9449
// 4.2), and with the path percent-decoded, as Okta compares it.
func htu(u *url.URL) string {
	return u.Scheme + "://" + u.Host + u.Path
}

// rememberNonce keeps the DPoP-Nonce an answer carries, for the next
// proof to the same server.
func (d *dpop) rememberNonce(h http.Header, tokenEndpoint bool) {
	nonce := h.Get("DPoP-Nonce")
	if nonce == "" {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if tokenEndpoint {
		d.asNonce = nonce
	} else {
		d.rsNonce = nonce
	}
}
