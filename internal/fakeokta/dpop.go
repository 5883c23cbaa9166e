// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"time"
)

const (
	dpopAlgs = "RS256 RS384 RS512 ES256 ES384 ES512"
	// proofMaxAge is how old a proof's iat may be; also how long its jti
	// is remembered against replay.
	proofMaxAge = 5 * time.Minute
	// nonceLifetime is how long a DPoP nonce is accepted: Okta's last
	// for hours.
	nonceLifetime = 4 * time.Hour
	nonceRotation = time.Hour
)

// checkProof checks a DPoP proof (RFC 9449 section 4.3) for a request
// to url with method; token is the access token of an API call, empty on
// the token endpoint. It returns the thumbprint of the proof's key and
// whether the proof carries a nonce the org handed out.
func (o *Org) checkProof(proof, method, target, token string) (string, bool, error) {
	p, err := parseJWS(proof)
	if err != nil {
		return "", false, errors.New("The DPoP proof JWT is malformed: " + err.Error() + ".")
	}
	if p.header.Typ != "dpop+jwt" {
		return "", false, errors.New("The DPoP proof JWT header has an invalid 'typ'.")
	}
	if !strings.Contains(" "+dpopAlgs+" ", " "+p.header.Alg+" ") {
		return "", false, errors.New("The DPoP proof JWT header has an unsupported 'alg'.")
	}
	var key JWK
	if len(p.header.JWK) == 0 || json.Unmarshal(p.header.JWK, &key) != nil {
		return "", false, errors.New("The DPoP proof JWT header is missing the 'jwk'.")
	}
	if key.D != "" {
		return "", false, errors.New("The DPoP proof JWT header 'jwk' must be a public key.")
	}
	pub, err := key.publicKey()
	if err != nil || !p.verify(pub) {
		return "", false, errors.New("The DPoP proof JWT signature is invalid.")
	}
	if p.str("htm") != method {
		return "", false, errors.New("The DPoP proof 'htm' does not match the request method.")
	}
	if htu, err := url.Parse(p.str("htu")); err != nil || !sameURL(htu, target) {
		return "", false, errors.New("The DPoP proof 'htu' does not match the request URL.")
	}
	now := o.now()
	iat, ok := p.num("iat")
	if !ok || time.Unix(iat, 0).Before(now.Add(-proofMaxAge)) || time.Unix(iat, 0).After(now.Add(clockLeeway)) {
		return "", false, errors.New("The DPoP proof 'iat' is missing or outside the accepted window.")
	}
	if token != "" {
		sum := sha256.Sum256([]byte(token))
		if p.str("ath") != base64.RawURLEncoding.EncodeToString(sum[:]) {
			return "", false, errors.New("The DPoP proof 'ath' does not match the access token.")
		}
	}
	jti := p.str("jti")
	if jti == "" {
		return "", false, errors.New("The DPoP proof is missing the 'jti'.")
	}
	o.oauth.mu.Lock()
	defer o.oauth.mu.Unlock()
	if o.oauth.proofs.holds(jti, now) {
		return "", false, errors.New("The DPoP proof has already been used.")
	}
	// Past this, the proof's iat is too old for it to be replayed.
	o.oauth.proofs.add(jti, now.Add(proofMaxAge+clockLeeway), now)
	return key.thumbprint(), o.oauth.nonces.holds(p.str("nonce"), now), nil
}

// sameURL compares a proof's htu with the request URL, without query and
// fragment, scheme and host in any case.
func sameURL(htu *url.URL, target string) bool {
	t, err := url.Parse(target)
	if err != nil {
		return false
	}
	return strings.EqualFold(htu.Scheme, t.Scheme) && strings.EqualFold(htu.Host, t.Host) && htu.EscapedPath() == t.EscapedPath()
}

// currentNonce is the nonce to hand out, rotated every hour.
func (o *Org) currentNonce() string {
	o.oauth.mu.Lock()
	defer o.oauth.mu.Unlock()
	now := o.now()
	if o.oauth.nonce == "" || now.Sub(o.oauth.nonceIssued) > nonceRotation {
		o.oauth.nonce, o.oauth.nonceIssued = randomString(32), now
		o.oauth.nonces.add(o.oauth.nonce, now.Add(nonceLifetime), now)
	}
	return o.oauth.nonce
}
