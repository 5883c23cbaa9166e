// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// maxPages stops a server that keeps answering with a next link.
const maxPages = 10000

// listAll sends first and follows rel="next" links until the last page,
// decoding every page into one slice.
func listAll[T any](ctx context.Context, c *Client, first request) ([]T, error) {
	all := []T{}
	req := first
	seen := map[string]bool{}
	for page := 1; ; page++ {
		var items []T
		resp, err := c.do(ctx, req, &items)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		next := nextLink(resp.header)
		if next == nil {
			return all, nil
		}
		next = resp.url.ResolveReference(next)
		if seen[next.String()] || page >= maxPages {
			return nil, fmt.Errorf("okta: pagination of %s does not end: page %d links to %s again", first.path, page, c.secrets.redact(next.Redacted()))
		}
		seen[next.String()] = true
		req = request{method: http.MethodGet, link: next}
	}
}

// nextLink finds the rel="next" target among a response's Link headers,
// absolute or relative to the request.
// Okta sends one header line per link, but a comma-joined header (as a
// proxy may produce) is read too.
func nextLink(h http.Header) *url.URL {
	for _, line := range h.Values("Link") {
		for _, link := range splitLinks(line) {
			target, params, ok := parseLink(link)
			if !ok {
				continue
			}
			for _, rel := range strings.Fields(params["rel"]) {
				if strings.EqualFold(rel, "next") {
					if u, err := url.Parse(target); err == nil {
						return u
					}
				}
			}
		}
	}
	return nil
}

// splitLinks splits a Link header value on the commas between links, not
// on commas inside a <URI>.
func splitLinks(v string) []string {
	var links []string
	depth, start := 0, 0
	for i, r := range v {
		switch r {
		case '<':
			depth++
		case '>':
			depth = max(0, depth-1)
		case ',':
			if depth == 0 {
				links = append(links, v[start:i])
				start = i + 1
			}
		}
	}
	return append(links, v[start:])
}

func parseLink(link string) (string, map[string]string, bool) {
	link = strings.TrimSpace(link)
	end := strings.IndexByte(link, '>')
	if !strings.HasPrefix(link, "<") || end < 0 {
		return "", nil, false
	}
	params := map[string]string{}
	for _, p := range strings.Split(link[end+1:], ";") {
		name, value, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok {
			continue
		}
		params[strings.ToLower(strings.TrimSpace(name))] = strings.Trim(strings.TrimSpace(value), `"`)
	}
	return link[1:end], params, true
}
