// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"os"
	"testing"
)

// Not parallel: it sets process environment variables.
func TestQuietLogsUnlessAsked(t *testing.T) {
	for _, tc := range []struct {
		name  string
		env   map[string]string
		quiet bool
	}{
		{"no TF_LOG variable", nil, true},
		{"only a log path", map[string]string{"TF_LOG_PATH": "/tmp/tf.log"}, true},
		{"TF_LOG", map[string]string{"TF_LOG": "DEBUG"}, false},
		{"TF_LOG_PROVIDER", map[string]string{"TF_LOG_PROVIDER": "TRACE"}, false},
		{"TF_LOG_SDK_FRAMEWORK", map[string]string{"TF_LOG_SDK_FRAMEWORK": "DEBUG"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, name := range append([]string{"TF_LOG", "TF_LOG_PATH", "TF_LOG_CORE"}, sdkLogLevelVariables...) {
				t.Setenv(name, "")
				_ = os.Unsetenv(name)
			}
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			QuietLogsUnlessAsked()
			for _, name := range sdkLogLevelVariables {
				got, ok := os.LookupEnv(name)
				if tc.quiet && got != "OFF" {
					t.Errorf("%s is %q, want OFF", name, got)
				}
				if !tc.quiet && ok && got == "OFF" && tc.env[name] != "OFF" {
					t.Errorf("%s was turned off although %v asks for logs", name, tc.env)
				}
			}
		})
	}
}
