// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import (
	"net/http"
	"strings"
	"testing"
)

// A service app's refused call says what to do about it, in the app's
// terms rather than a static token's: the provider shows APIError.Hint.
func TestHint_saysWhatAServiceAppShouldCheck(t *testing.T) {
	t.Parallel()
	c := &Client{oauth: &tokenSource{clientID: "0oasvc"}}
	for _, tc := range []struct {
		err  APIError
		want string
	}{
		{APIError{StatusCode: http.StatusForbidden, MissingScope: "okta.apps.read"}, `Grant scope okta.apps.read to service app "0oasvc"`},
		{APIError{StatusCode: http.StatusForbidden}, "admin role"},
		{APIError{StatusCode: http.StatusUnauthorized}, "even after it was renewed"},
	} {
		c.hint(&tc.err)
		if !strings.Contains(tc.err.Hint, tc.want) {
			t.Errorf("%d %q: hint %q, want it to say %q", tc.err.StatusCode, tc.err.MissingScope, tc.err.Hint, tc.want)
		}
	}
}
