// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"strings"
	"testing"
	"time"
)

func TestRateLimitBound(t *testing.T) {
	for _, c := range []struct {
		requests int
		want     time.Duration
	}{
		{0, 0},
		{20, 0}, // part 1's plan: inside the open first window
		{50, 0}, // exactly the first window's limit
		{51, 5 * time.Second},
		{300, 25 * time.Second},
		{320, 30 * time.Second}, // destroy
		{340, 30 * time.Second}, // apply
	} {
		if got := rateLimitBound(c.requests, 50, 5*time.Second); got != c.want {
			t.Errorf("rateLimitBound(%d, 50, 5s) = %s, want %s", c.requests, got, c.want)
		}
	}
}

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
