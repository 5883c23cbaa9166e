// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

// WaitForStateFile returns once the rate-limit state the client has
// handed to its writer is written: a test's temp dir can go after it.
func WaitForStateFile(c *Client) { c.limiter.store.wait() }
