// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"os"
	"strings"
)

// sdkLogLevelVariables set the log levels of the plugin SDKs and of the
// provider's own logs.
var sdkLogLevelVariables = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"}

// QuietLogsUnlessAsked turns the plugin SDKs' logging off when no TF_LOG*
// variable asks for logs. Terraform drops every log line of a provider
// unless TF_LOG or TF_LOG_PROVIDER is set, but the SDKs log at TRACE by
// default and format every line as JSON all the same: measured, a quarter
// to a third of the provider's CPU per resource (BENCHMARKS.md). Any TF_LOG*
// variable leaves logging as the SDKs set it.
func QuietLogsUnlessAsked() {
	for _, kv := range os.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_LOG") && name != "TF_LOG_PATH" && value != "" {
			return
		}
	}
	for _, name := range sdkLogLevelVariables {
		_ = os.Setenv(name, "OFF")
	}
}
