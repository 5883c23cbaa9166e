// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"strings"
	"testing"
)

func TestCheckOnly(t *testing.T) {
	for _, only := range append([]string{""}, parts...) {
		if err := checkOnly(only); err != nil {
			t.Errorf("checkOnly(%q) = %v, want nil", only, err)
		}
	}
	err := checkOnly("limitd")
	if err == nil {
		t.Fatal(`checkOnly("limitd") = nil: a misspelt -only would run nothing and exit 0`)
	}
	if want := "limited, unthrottled, runs, kinds"; !strings.Contains(err.Error(), want) {
		t.Errorf("checkOnly error %q does not list the parts (%s)", err, want)
	}
}
