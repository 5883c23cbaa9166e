// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

// Command bench measures the provider with the real Terraform CLI against
// the fake Okta org (make bench).
//
// Part 1, under a rate limit (default 50 requests per 5 s window per
// bucket): apply, re-plan and destroy A apps x S scopes (default 20 x 15 =
// 300 grants) at -parallelism=10. For each phase it prints the wall time,
// the requests by route, the 429s, the lower bound the rate limit imposes
// on that many requests (loadtest.Bound) and wall / bound.
//
// Part 2, without a rate limit but with network latency: a plan of 1,000
// grants (50 apps x 20 scopes), against the same plan without refresh
// (Terraform's own work) and the cost of one list per app.
//
// Part 3, concurrent runs: 2 and 4 provider clients granting 50 scopes
// each at once against one org (10 requests / 2 s), on one machine and on
// different machines: the 429s, the failures and wall / bound, each
// -runs-repeats times (their 429s move from one try to the next).
//
// Part 4, resource kinds: the grants of part 1 as A okta_app_grants (one
// per app) and as A x S okta_app_grant, apply, plan and destroy without a
// rate limit and under part 1's, in one table (the okta_app_grant rows
// under the limit are part 1's, when part 1 ran).
//
// Part 5, against the floor: apply, plan and destroy of A okta_app_grants
// (S scopes each) with the provider binary Terraform starts as users run
// it (dev_overrides), without a rate limit or latency, beside as many
// terraform_data resources, and as many as grants: what Terraform itself
// costs. The median of -floor-repeats runs of each phase.
//
// Parts 1 to 4 serve the provider from this process and reattach it, as
// acceptance tests do, so that its RPCs can be timed and profiled.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/loadtest"
	"github.com/oktagrants/terraform-provider-okta/internal/provider"
	"github.com/oktagrants/terraform-provider-okta/internal/tfcli"
)

func main() {
	apps := flag.Int("apps", 20, "apps under the rate limit")
	scopes := flag.Int("scopes", 15, "scopes per app under the rate limit")
	parallelism := flag.Int("parallelism", 10, "terraform -parallelism")
	limit := flag.Int("limit", 50, "requests per window per bucket")
	window := flag.Duration("window", 5*time.Second, "rate-limit window (whole seconds)")
	bigApps := flag.Int("big-apps", 50, "apps of the unthrottled plan")
	bigScopes := flag.Int("big-scopes", 20, "scopes per app of the unthrottled plan")
	latency := flag.Duration("latency", 100*time.Millisecond, "network latency of the unthrottled org")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the unthrottled refresh to this file")
	runsGrants := flag.Int("runs-grants", 50, "grants per run of the concurrent runs")
	runsLimit := flag.Int("runs-limit", 10, "requests per window of the concurrent runs")
	runsWindow := flag.Duration("runs-window", 2*time.Second, "rate-limit window of the concurrent runs (whole seconds)")
	runsRepeats := flag.Int("runs-repeats", 1, "tries of each case of the concurrent runs (part 3), each reported, then their sum")
	traceLogs := flag.Bool("trace-logs", false, "keep the plugin SDKs' TRACE logging, which a provider process turns off unless TF_LOG asks (to measure its cost)")
	floorRepeats := flag.Int("floor-repeats", 3, "runs of each phase of part 5 (floor), whose median it reports")
	only := flag.String("only", "", "run only part 1 (limited), part 2 (unthrottled), part 3 (runs), part 4 (kinds) or part 5 (floor)")
	flag.Parse()
	if err := checkOnly(*only); err != nil {
		log.Fatal(err)
	}

	// Log as the provider binary does (main.go).
	if !*traceLogs {
		provider.QuietLogsUnlessAsked()
	}
	// The provider runs in this process and logs to os.Stderr: keep its
	// logs out of the report (log keeps the real stderr).
	if devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		os.Stderr = devNull
	}
	if _, err := tfcli.Path(); err != nil {
		fatal(err)
	}
	// The provider's rate-limit state files (one per fake org port) go to
	// a temp dir, not the user's cache.
	stateDir, err := os.MkdirTemp("", "okta-grants-bench-state-")
	if err != nil {
		fatal(err)
	}
	removeStateDir := func() { _ = os.RemoveAll(stateDir) }
	defer removeStateDir() // at the end, after every phase
	atExit(removeStateDir) // on a failure
	if err := os.Setenv("OKTA_RATE_LIMIT_STATE_DIR", stateDir); err != nil {
		fatal(err)
	}
	// Part 4 reuses part 1's phases (the same okta_app_grant run under the
	// same limit) rather than spend another minute measuring them again.
	var limitedPerGrant []phase
	if *only == "" || *only == "limited" {
		limitedPerGrant = limited(*apps, *scopes, *parallelism, *limit, *window)
	}
	if *only == "" || *only == "unthrottled" {
		unthrottled(*bigApps, *bigScopes, *parallelism, *latency, *cpuProfile)
	}
	if *only == "" || *only == "runs" {
		concurrentRuns(*runsGrants, *runsLimit, *runsWindow, max(1, *runsRepeats))
	}
	if *only == "" || *only == "kinds" {
		compareKinds(*apps, *scopes, *parallelism, *limit, *window, limitedPerGrant)
	}
	if *only == "" || *only == "floor" {
		againstFloor(*apps, *scopes, *parallelism, *floorRepeats)
	}
}

// parts are the values of -only, in the order the parts run.
var parts = []string{"limited", "unthrottled", "runs", "kinds", "floor"}

// checkOnly rejects an -only that names no part: it would run nothing and
// look like a success.
func checkOnly(only string) error {
	if only != "" && !slices.Contains(parts, only) {
		return fmt.Errorf("bench: -only %q: want one of %s", only, strings.Join(parts, ", "))
	}
	return nil
}

// phase is what one terraform command cost.
type phase struct {
	name     string
	wall     time.Duration
	requests map[string]int
	total    int
	status   map[int]int
	reads    rpcStats
}

// boundCells are p's bound and wall / bound as table cells; a phase that
// fits in the first window has no ratio.
func boundCells(p phase, limit int, window time.Duration) (bound, ratio string) {
	b := loadtest.Bound(p.total, limit, window)
	if b == 0 {
		return "0s", ""
	}
	return fmt.Sprintf("%.1fs", b.Seconds()), fmt.Sprintf("%.2f", p.wall.Seconds()/b.Seconds())
}

func limited(apps, scopes, parallelism, limit int, window time.Duration) []phase {
	fmt.Printf("== Part 1: %d apps x %d scopes = %d grants, -parallelism=%d, rate limit %d requests / %s per bucket\n\n",
		apps, scopes, apps*scopes, parallelism, limit, window)
	// Each phase starts on a new window: the bound assumes a full bucket.
	phases := kindPhases(perGrant, apps, scopes, parallelism, true, limit, window)

	fmt.Printf("%s\n\n", loadtest.BoundFormula)
	fmt.Printf("%-8s %9s %9s %6s %9s %11s  %s\n", "phase", "wall", "requests", "429s", "bound", "wall/bound", "requests by route")
	for _, p := range phases {
		bound, ratio := boundCells(p, limit, window)
		fmt.Printf("%-8s %8.1fs %9d %6d %9s %11s  %s\n", p.name, p.wall.Seconds(), p.total, p.status[429],
			bound, ratio, routes(p.requests))
	}
	naive := apps * scopes
	fmt.Printf("\nA refresh costs %d list requests for %d grants; one GET per grant would cost %d: %.0fx the requests,\n"+
		"%.0f s instead of %.0f s of waiting at Okta's usual 100 requests a minute.\n\n",
		phases[1].requests[fakeokta.RouteListAppGrants], naive, naive,
		float64(naive)/float64(max(1, phases[1].total)), float64(phases[1].total)*0.6, float64(naive)*0.6)
	return phases
}

func unthrottled(apps, scopes, parallelism int, latency time.Duration, cpuProfile string) {
	fmt.Printf("== Part 2: a plan of %d apps x %d scopes = %d grants, no rate limit, -parallelism=%d\n\n",
		apps, scopes, apps*scopes, parallelism)
	b := newBench(perGrant, apps, scopes)
	defer b.close()
	if err := b.tf.Apply(context.Background(), tfexec.Reattach(b.reattach), tfexec.Parallelism(parallelism)); err != nil {
		fatal(err)
	}
	plan := func(refresh bool) func() error {
		return func() error {
			changes, err := b.tf.Plan(context.Background(), tfexec.Reattach(b.reattach), tfexec.Parallelism(parallelism), tfexec.Refresh(refresh))
			if err == nil && changes {
				err = fmt.Errorf("the plan is not empty")
			}
			return err
		}
	}
	const runs = 3
	median := func(name string, latency time.Duration, refresh bool) phase {
		b.org.SetLatency(latency)
		var ps []phase
		for range runs {
			ps = append(ps, b.run(name, plan(refresh)))
		}
		slices.SortFunc(ps, func(a, b phase) int { return int(a.wall - b.wall) })
		return ps[len(ps)/2]
	}

	bare := median("plan -refresh=false", 0, false)
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fatal(err)
		}
	}
	instant := median("plan", 0, true)
	if cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	slow := median("plan", latency, true)

	lists := slow.requests[fakeokta.RouteListAppGrants]
	fmt.Printf("%-42s %7s %9s  %s\n", "median of 3", "wall", "requests", "provider ReadResource calls")
	for _, r := range []struct {
		label string
		p     phase
	}{
		{"plan -refresh=false (Terraform's own work)", bare},
		{"plan, Okta answering at once", instant},
		{fmt.Sprintf("plan, Okta answering in %s", latency), slow},
	} {
		fmt.Printf("%-42s %6.2fs %9d  %d calls, %s in all, %s at most\n", r.label, r.p.wall.Seconds(), r.p.total,
			r.p.reads.calls, r.p.reads.total.Round(time.Millisecond), r.p.reads.longest.Round(time.Millisecond))
	}
	serial := time.Duration(lists) * latency
	fmt.Printf("\nThe refresh costs %.2fs with instant answers (Terraform reading %d resources through the provider),\n"+
		"and %.2fs more for %d lists of %s each (%.1fs if sent one after another).\n",
		(instant.wall - bare.wall).Seconds(), apps*scopes, (slow.wall - instant.wall).Seconds(), lists, latency, serial.Seconds())
	fmt.Printf("plan / (Terraform's plan with reads + one list per app, sent one after another) = %.2f\n",
		slow.wall.Seconds()/(instant.wall+serial).Seconds())
	if cpuProfile != "" {
		fmt.Printf("CPU profile of the provider side of the instant-answer plans: go tool pprof -top %s\n", cpuProfile)
	}
}

func routes(counts map[string]int) string {
	var keys []string
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%d", k, counts[k]))
	}
	return strings.Join(parts, ", ")
}
