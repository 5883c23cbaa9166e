// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import "time"

// SetReadLag makes the org eventually consistent the way real Okta can be:
// for d after a grant is made, a GET of that one grant (of an app or of a
// user) answers 404 as if it did not exist yet, while lists show it at
// once. 0, the default, turns the lag off.
func (o *Org) SetReadLag(d time.Duration) { o.readLag.Store(int64(d)) }

// notVisibleYetLocked reports whether a GET of g falls in the read lag.
func (o *Org) notVisibleYetLocked(g *Grant) bool {
	lag := time.Duration(o.readLag.Load())
	return lag > 0 && o.now().Sub(g.Created) < lag
}
