// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package okta

import "time"

// clockOffset estimates how far the server's clock is ahead of ours from
// the Date header of answers. Date has a resolution of one second, so each
// answer only bounds the offset: the server wrote Date (rounded down) at
// some moment between sending and receiving. When our clock fits every
// bound seen so far (clocks kept by NTP), it is trusted as is; otherwise
// the lowest offset consistent with the answers is used, which errs on the
// side of waiting longer.
type clockOffset struct {
	seen   bool
	lo, hi time.Duration
	// prior is the estimate before any answer: what the previous process
	// knew, or zero.
	prior time.Duration
}

func (c *clockOffset) observe(date, sent, received time.Time) {
	lo := date.Sub(received)
	hi := date.Add(time.Second).Sub(sent)
	if c.seen {
		lo, hi = max(c.lo, lo), min(c.hi, hi)
	}
	if lo > hi {
		// The bounds contradict each other: a clock was stepped. Start
		// again from this answer.
		lo, hi = date.Sub(received), date.Add(time.Second).Sub(sent)
	}
	c.seen, c.lo, c.hi = true, lo, hi
}

func (c *clockOffset) estimate() time.Duration {
	switch {
	case !c.seen:
		return c.prior
	case c.lo <= 0 && c.hi >= 0:
		return 0
	default:
		return c.lo
	}
}

// lowerBound is the least the server's clock can be ahead of ours.
func (c *clockOffset) lowerBound() time.Duration {
	if !c.seen {
		return c.prior - time.Second
	}
	return c.lo
}

func (c *clockOffset) serverTime(local time.Time) time.Time {
	return local.Add(c.estimate())
}
