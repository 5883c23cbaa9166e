// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"net/url"
	"strings"
	"unicode"
)

// CheckID reports whether id can be used as one path segment without
// reaching a different URL. kind names the ID in the error ("app ID").
func CheckID(kind, id string) error {
	if id == "" || id == "." || id == ".." || strings.ContainsFunc(id, unsafeInPathSegment) {
		return &InvalidIDError{Kind: kind, ID: id}
	}
	return nil
}

func unsafeInPathSegment(r rune) bool {
	switch r {
	case '/', '\\', '?', '#', '%':
		return true
	}
	return unicode.IsSpace(r) || unicode.IsControl(r)
}

// segmentPath joins checked, escaped segments under /api/v1.
func segmentPath(segments ...string) string {
	var b strings.Builder
	b.WriteString("/api/v1")
	for _, s := range segments {
		b.WriteByte('/')
		b.WriteString(url.PathEscape(s))
	}
	return b.String()
}

type namedID struct{ kind, id string }

func checkIDs(ids ...namedID) error {
	for _, n := range ids {
		if err := CheckID(n.kind, n.id); err != nil {
			return err
		}
	}
	return nil
}
