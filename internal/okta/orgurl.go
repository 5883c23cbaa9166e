// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ParseOrgURL checks an org URL: https, or http only for a loopback host
// (a local test org); no path, query, fragment or user info. The result
// is normalized: lowercase host, no default port, no trailing slash.
func ParseOrgURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("the org URL is not a URL: %w", redactURLError(err))
	}
	shown := u.Redacted()
	if u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("org URL %q must be an absolute URL like https://acme.okta.com", shown)
	}
	if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("org URL %q must use https: plain http is accepted only for loopback hosts (127.0.0.0/8, ::1, localhost)", shown)
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("org URL %q must be the org's base URL only, like https://acme.okta.com, without a path, query, fragment or credentials", shown)
	}
	return &url.URL{Scheme: u.Scheme, Host: normalHost(u)}, nil
}

// redactURLError drops the URL a url.Error quotes: it may hold a password.
func redactURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// normalHost is a URL's host in lowercase, without its scheme's default port.
func normalHost(u *url.URL) string {
	host := strings.ToLower(u.Host)
	if port := u.Port(); (u.Scheme == "https" && port == "443") || (u.Scheme == "http" && port == "80") {
		host = strings.TrimSuffix(host, ":"+port)
	}
	return host
}

// SameIssuer reports whether two issuer URLs name the same authorization
// server, as Okta compares them: scheme and host in any case, with or
// without the default port and a trailing slash.
func SameIssuer(a, b string) bool {
	return canonicalIssuer(a) == canonicalIssuer(b)
}

func canonicalIssuer(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = normalHost(u)
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	return u.String()
}

// isLoopbackHost reports whether host is localhost or a loopback address.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
