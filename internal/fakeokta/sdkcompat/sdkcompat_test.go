// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package sdkcompat_test

import (
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/okta/okta-sdk-golang/v5/okta"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

const token = "tok"

// fake starts a demo org served on loopback, as the provider's tests do.
func fake(t *testing.T) *fakeokta.Server {
	t.Helper()
	org := fakeokta.NewOrg()
	srv, err := fakeokta.Start(org, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return demo(t, srv)
}

// fakeInMemory starts a demo org served in memory, as the client's tests
// do.
func fakeInMemory(t *testing.T) *fakeokta.Server {
	t.Helper()
	return demo(t, fakeokta.StartInMemory(fakeokta.NewOrg()))
}

func demo(t *testing.T, srv *fakeokta.Server) *fakeokta.Server {
	t.Helper()
	t.Cleanup(func() { _ = srv.Close() })
	srv.AddAPIToken(token)
	if err := fakeokta.SeedDemo(srv.Org); err != nil {
		t.Fatal(err)
	}
	return srv
}

// client configures the SDK against the fake through its public
// configuration API only, as a program would configure it for a real org.
func client(t *testing.T, srv *fakeokta.Server, maxRetries int32, maxBackoff int64) *okta.APIClient {
	t.Helper()
	orgURL := srv.URL
	hc := srv.Client()
	hc.Timeout = 10 * time.Second
	cfg, err := okta.NewConfiguration(
		okta.WithOrgUrl(orgURL),
		okta.WithToken(token),
		okta.WithAuthorizationMode("SSWS"),
		// The fake serves plain http on loopback.
		okta.WithTestingDisableHttpsCheck(true),
		// Every read must reach the fake: the test counts requests.
		okta.WithCache(false),
		okta.WithRequestTimeout(10),
		okta.WithRateLimitMaxRetries(maxRetries),
		okta.WithRateLimitMaxBackOff(maxBackoff),
		okta.WithHttpClientPtr(hc),
	)
	if err != nil {
		t.Fatal(err)
	}
	// SDK quirk, not a fake deviation: NewConfiguration keeps only
	// url.Hostname() of the org URL in cfg.Host, and prepareRequest replaces
	// every request's host with it, dropping the port. Real orgs are on
	// :443 so it never shows there; the fake listens on a random port.
	u, err := url.Parse(orgURL)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Host = u.Host
	return okta.NewAPIClient(cfg)
}

// apiError is the Okta error an SDK call failed with.
func apiError(t *testing.T, err error) (*okta.GenericOpenAPIError, okta.Error) {
	t.Helper()
	var ge *okta.GenericOpenAPIError
	if !errors.As(err, &ge) {
		t.Fatalf("error %v (%T) is not an *okta.GenericOpenAPIError", err, err)
	}
	model, ok := ge.Model().(okta.Error)
	if !ok {
		t.Fatalf("error %q has model %T, want okta.Error; body %s", ge.Error(), ge.Model(), ge.Body())
	}
	return ge, model
}
