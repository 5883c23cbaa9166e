// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

// Command fakeokta serves a fake Okta org with demo data on a loopback
// address, for trying the provider without a real org:
//
//	go run ./internal/fakeokta/cmd/fakeokta -listen 127.0.0.1:8080 -api-token TOKEN
//
// The API token acts as a super admin's: it holds every scope. A service
// app signing in with a private key can be added beside it or instead:
//
//	fakeokta -oauth-client-id 0oaci -oauth-jwks public.jwks.json -require-dpop
//
// The JWKS file holds the app's public keys: a JWKS, one JWK, or PEM
// "PUBLIC KEY" blocks.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:8080", "address to listen on; port 0 picks a free one")
	token := flag.String("api-token", "", "API token clients must send (Authorization: SSWS <token>); required")
	urlFile := flag.String("url-file", "", "write the org URL to this file once serving")
	seed := flag.Bool("seed", true, "seed the demo apps, users and grants")
	appsLimit := flag.Int("apps-rate-limit", 0, "requests per window for /api/v1/apps/*; 0 for no limit")
	usersLimit := flag.Int("users-rate-limit", 0, "requests per window for /api/v1/users/*; 0 for no limit")
	window := flag.Duration("rate-limit-window", time.Minute, "rate-limit window, whole seconds")
	latency := flag.Duration("latency", 0, "delay every answer, like the network to a real org")
	clientID := flag.String("oauth-client-id", "", "client ID of a service app that signs in with a private key (private_key_jwt)")
	jwksFile := flag.String("oauth-jwks", "", "file with the service app's public keys: a JWKS, one JWK, or PEM public keys")
	scopes := flag.String("oauth-scopes", "", "scopes granted to the service app, space or comma separated; empty allows every Okta scope")
	requireDPoP := flag.Bool("require-dpop", false, "the service app's tokens must be DPoP-bound, as new Okta API service apps require")
	tokenTTL := flag.Duration("token-ttl", time.Hour, "lifetime of the access tokens the token endpoint issues")
	keyOut := flag.String("oauth-key-out", "", "make a key pair for the -oauth-client-id service app, instead of -oauth-jwks, and write its private key (PEM) to this file")
	flag.Parse()

	if *token == "" && *clientID == "" {
		fmt.Fprintln(os.Stderr, "fakeokta: -api-token or -oauth-client-id is required")
		flag.Usage()
		os.Exit(2)
	}
	if (*clientID == "") != (*jwksFile == "" && *keyOut == "") || *jwksFile != "" && *keyOut != "" {
		fmt.Fprintln(os.Stderr, "fakeokta: -oauth-client-id goes with one of -oauth-jwks and -oauth-key-out")
		os.Exit(2)
	}
	if !fakeokta.IsLoopbackAddr(*listen) {
		fmt.Fprintf(os.Stderr, "fakeokta: -listen %s: serve on a loopback address only (127.0.0.1, ::1, localhost): the provider speaks plain http only to loopback hosts\n", *listen)
		os.Exit(2)
	}

	org := fakeokta.NewOrg()
	if *token != "" {
		org.AddAPIToken(*token)
	}
	org.SetTokenTTL(*tokenTTL)
	for _, b := range []string{fakeokta.BucketApps, fakeokta.BucketApp} {
		org.SetRateLimit(b, *appsLimit, *window)
	}
	for _, b := range []string{fakeokta.BucketUsers, fakeokta.BucketUserGet, fakeokta.BucketUserWrite, fakeokta.BucketUserGrants} {
		org.SetRateLimit(b, *usersLimit, *window)
	}
	org.SetLatency(*latency)
	srv, err := fakeokta.Start(org, *listen)
	if err != nil {
		log.Fatal(err)
	}
	if *seed {
		if err := fakeokta.SeedDemo(org); err != nil {
			log.Fatal(err)
		}
	}
	if *clientID != "" {
		keys, err := serviceAppKeys(*jwksFile, *keyOut)
		if err != nil {
			log.Fatal(err)
		}
		if err := addServiceApp(org, *clientID, keys, *scopes, *requireDPoP); err != nil {
			log.Fatal(err)
		}
	}
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(srv.URL+"\n"), 0o600); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("fake Okta org serving at %s\n", srv.URL)
	if *seed {
		fmt.Printf("  apps:  %s (CI pipeline), %s (Reporting service), %s (User provisioner)\n",
			fakeokta.DemoPipelineAppID, fakeokta.DemoReportingAppID, fakeokta.DemoProvisionerAppID)
		fmt.Printf("  users: %s (alice@example.com), %s (bob@example.com)\n", fakeokta.DemoAliceID, fakeokta.DemoBobID)
	}
	if *clientID != "" {
		fmt.Printf("  service app: %s (token endpoint %s/oauth2/v1/token, DPoP required: %t)\n", *clientID, srv.URL, *requireDPoP)
	}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	if err := srv.Close(); err != nil {
		log.Print(err)
	}
	fmt.Printf("fake Okta org stopped after %d requests\n", org.Total())
}

// serviceAppKeys are the public keys of the -oauth-jwks file, or of the
// key pair made for -oauth-key-out.
func serviceAppKeys(jwksFile, keyOut string) ([]fakeokta.JWK, error) {
	if keyOut != "" {
		key, err := writePrivateKey(keyOut)
		if err != nil {
			return nil, err
		}
		jwk, err := fakeokta.PublicJWK(key, "")
		return []fakeokta.JWK{jwk}, err
	}
	data, err := os.ReadFile(jwksFile)
	if err != nil {
		return nil, err
	}
	keys, err := fakeokta.ParseJWKS(data)
	if err != nil {
		return nil, fmt.Errorf("-oauth-jwks %s: %w", jwksFile, err)
	}
	return keys, nil
}

// addServiceApp registers the service app of the -oauth-* flags. It runs
// once the org is served: its grants name the org URL as issuer.
func addServiceApp(org *fakeokta.Org, clientID string, keys []fakeokta.JWK, scopes string, requireDPoP bool) error {
	app := fakeokta.ServiceApp{ClientID: clientID, Label: "Service app " + clientID, PublicKeys: keys, RequireDPoP: requireDPoP}
	app.Scopes = strings.FieldsFunc(scopes, func(r rune) bool { return r == ',' || r == ' ' })
	app.AllScopes = len(app.Scopes) == 0
	return org.AddServiceApp(app)
}

// writePrivateKey makes an EC P-256 key pair and writes its private key
// to path (PEM, PKCS#8, readable by its owner only).
func writePrivateKey(path string) (*ecdsa.PrivateKey, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	return key, os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
}
