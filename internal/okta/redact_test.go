// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// echoingServer plays a misconfigured proxy or a hostile endpoint: it puts
// the Authorization header it received into every piece of text it
// answers with (summary, causes, challenge, headers, a next link), and
// into a long non-JSON body across the point where errors cut it short.
func echoingServer(t *testing.T, jsonBody bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer error="insufficient_scope", scope="%s"`, auth))
		w.Header().Set("X-Okta-Request-Id", auth)
		w.Header().Set("X-Rate-Limit-Remaining", auth)
		if jsonBody {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprintf(w, `{"errorCode":"E0000006","errorSummary":"You sent %[1]s","errorLink":"%[1]s","errorId":"%[1]s","errorCauses":[{"errorSummary":"cause: %[1]s"}]}`, auth)
			return
		}
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, "<html>%s%s</html>", strings.Repeat("x", 500), auth)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRedaction_echoedCredentialReachesNeitherErrorsNorLogs(t *testing.T) {
	const secret = "00aEchoedSecretTokenValue0123456789abcdef"
	for _, tc := range []struct {
		name     string
		jsonBody bool
		config   func(*okta.Config)
	}{
		{"api token, JSON error", true, func(c *okta.Config) { c.APIToken = secret }},
		{"api token, HTML body", false, func(c *okta.Config) { c.APIToken = secret }},
		{"access token, JSON error", true, func(c *okta.Config) { c.APIToken, c.AccessToken = "", secret }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := echoingServer(t, tc.jsonBody)
			var mu sync.Mutex
			var logged strings.Builder
			c := newClientTo(t, srv.URL, tc.config, func(c *okta.Config) {
				c.Log = func(_ context.Context, msg string, fields map[string]any) {
					mu.Lock()
					defer mu.Unlock()
					fmt.Fprintf(&logged, "%s %v\n", msg, fields)
				}
			})
			_, err := c.ListAppGrants(context.Background(), "0oa1", false)
			if err == nil {
				t.Fatal("want an error")
			}
			shown := fmt.Sprintf("%v %+v %#v", err, err, err)
			if strings.Contains(shown, secret) || strings.Contains(logged.String(), secret) {
				t.Fatalf("the echoed credential leaked:\nerror: %s\nlog: %s", shown, logged.String())
			}
			if !strings.Contains(shown, "[redacted]") || !strings.Contains(logged.String(), "[redacted]") {
				t.Fatalf("want [redacted] where the server echoed the credential:\nerror: %s\nlog: %s", shown, logged.String())
			}
		})
	}
}
