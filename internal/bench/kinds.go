// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/loadtest"
)

// resourceKind is how a bench configuration declares its grants.
type resourceKind string

const (
	perGrant resourceKind = "okta_app_grant"
	perApp   resourceKind = "okta_app_grants"
)

func (k resourceKind) config(orgURL string, appIDs, scopeIDs []string) string {
	head := fmt.Sprintf(`
terraform {
  required_providers {
    okta = { source = "oktagrants/okta" }
  }
}
provider "okta" {
  org_url   = %q
  api_token = "bench-token"
}
`, orgURL)
	if k == perApp {
		return head + fmt.Sprintf(`
resource "okta_app_grants" "all" {
  for_each  = toset(%s)
  app_id    = each.key
  scope_ids = %s
}
`, hclList(appIDs), hclList(scopeIDs))
	}
	return head + fmt.Sprintf(`
locals {
  grants = { for p in setproduct(%s, %s) : "${p[0]}/${p[1]}" => p }
}
resource "okta_app_grant" "all" {
  for_each = local.grants
  app_id   = each.value[0]
  scope_id = each.value[1]
}
`, hclList(appIDs), hclList(scopeIDs))
}

// compareKinds is part 4: the same grants as one okta_app_grants per app
// and as one okta_app_grant per grant, without a rate limit and under one.
// limitedPerGrant, when not nil, is part 1's measurement of okta_app_grant
// under the same limit, which it reports instead of measuring it again.
func compareKinds(apps, scopes, parallelism, limit int, window time.Duration, limitedPerGrant []phase) {
	fmt.Printf("== Part 4: %d apps x %d scopes = %d grants as %d okta_app_grants and as %d okta_app_grant, -parallelism=%d\n\n",
		apps, scopes, apps*scopes, apps, apps*scopes, parallelism)
	fmt.Printf("%s\n\n", loadtest.BoundFormula)
	fmt.Printf("%-16s %-18s %-8s %8s %9s %6s %8s %11s\n", "resource", "rate limit", "phase", "wall", "requests", "429s", "bound", "wall/bound")
	for _, limited := range []bool{false, true} {
		for _, kind := range []resourceKind{perApp, perGrant} {
			label := "none"
			if limited {
				label = fmt.Sprintf("%d / %s", limit, window)
			}
			phases := limitedPerGrant
			if !limited || kind != perGrant || phases == nil {
				phases = kindPhases(kind, apps, scopes, parallelism, limited, limit, window)
			}
			for _, p := range phases {
				bound, ratio := "", ""
				if limited {
					bound, ratio = boundCells(p, limit, window)
				}
				fmt.Printf("%-16s %-18s %-8s %7.2fs %9d %6d %8s %11s\n", kind, label, p.name, p.wall.Seconds(), p.total, p.status[429], bound, ratio)
			}
		}
	}
	fmt.Println()
}

func kindPhases(kind resourceKind, apps, scopes, parallelism int, limited bool, limit int, window time.Duration) []phase {
	b := newBench(kind, apps, scopes)
	defer b.close()
	fresh := func() {}
	if limited {
		for _, bucket := range []string{fakeokta.BucketApps, fakeokta.BucketApp, fakeokta.BucketUsers, fakeokta.BucketUserGrants} {
			b.org.SetRateLimit(bucket, limit, window)
		}
		// Each phase starts on a new window, with a full bucket.
		fresh = func() { time.Sleep(time.Until(time.Now().Truncate(window).Add(window + 200*time.Millisecond))) }
	}
	var phases []phase
	fresh()
	phases = append(phases, b.run("apply", func() error {
		return b.tf.Apply(context.Background(), tfexec.Reattach(b.reattach), tfexec.Parallelism(parallelism))
	}))
	fresh()
	phases = append(phases, b.run("plan", func() error {
		changes, err := b.tf.Plan(context.Background(), tfexec.Reattach(b.reattach), tfexec.Parallelism(parallelism))
		if err == nil && changes {
			err = fmt.Errorf("the plan after apply is not empty")
		}
		return err
	}))
	fresh()
	phases = append(phases, b.run("destroy", func() error {
		return b.tf.Destroy(context.Background(), tfexec.Reattach(b.reattach), tfexec.Parallelism(parallelism))
	}))
	if left := len(b.org.Grants(func(fakeokta.Grant) bool { return true })); left != 0 {
		fatalf("bench: %s: %d grants left after destroy", kind, left)
	}
	return phases
}
