// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/provider"
	"github.com/oktagrants/terraform-provider-okta/internal/tfcli"
)

// bench is a fake org, the provider served in-process, and a Terraform
// working directory declaring apps x scopes grants.
type bench struct {
	org      *fakeokta.Server
	tf       *tfexec.Terraform
	reattach tfexec.ReattachInfo
	rpc      *timedProvider
	// cleanups is how many cleanups were registered before this bench:
	// close undoes only what came after.
	cleanups int
}

// newBench declares the grants with resources of kind.
func newBench(kind resourceKind, apps, scopes int) *bench {
	before := len(cleanups)
	srv, appIDs, scopeIDs := newBenchOrg(apps, scopes)

	dir, err := os.MkdirTemp("", "okta-grants-bench-")
	if err != nil {
		fatal(err)
	}
	atExit(func() { _ = os.RemoveAll(dir) })
	config := kind.config(srv.URL, appIDs, scopeIDs)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		fatal(err)
	}
	// The CLI announces the provider on its own registry host:
	// registry.opentofu.org for OpenTofu.
	providerAddress, err := tfcli.ProviderAddress("oktagrants/okta")
	if err != nil {
		fatal(err)
	}
	rpc := &timedProvider{ProviderServer: providerserver.NewProtocol6(provider.New("bench")())()}
	reattach, stopProvider, err := tfcli.Serve(providerAddress, func() tfprotov6.ProviderServer { return rpc }, tf6server.WithoutLogStderrOverride())
	if err != nil {
		fatal(err)
	}
	atExit(stopProvider)
	tf, err := tfcli.New(dir)
	if err != nil {
		fatal(err)
	}
	b := &bench{org: srv, tf: tf, reattach: tfexec.ReattachInfo{providerAddress: reattach}, rpc: rpc, cleanups: before}
	if err := tf.Init(context.Background(), tfexec.Reattach(b.reattach)); err != nil {
		fatal(err)
	}
	return b
}

// newBenchOrg serves a new fake org of apps apps, accepting the bench's API
// token, and picks the first scopes of Okta's scopes.
func newBenchOrg(apps, scopes int) (srv *fakeokta.Server, appIDs, scopeIDs []string) {
	org := fakeokta.NewOrg()
	org.AddAPIToken("bench-token")
	srv, err := fakeokta.Start(org, "127.0.0.1:0")
	if err != nil {
		fatal(err)
	}
	atExit(func() { _ = srv.Close() })
	for i := range apps {
		appIDs = append(appIDs, srv.AddApp(fakeokta.App{Label: fmt.Sprint("bench ", i)}).ID)
	}
	for _, s := range fakeokta.OktaScopes()[:scopes] {
		scopeIDs = append(scopeIDs, s.ID)
	}
	return srv, appIDs, scopeIDs
}

// close stops what newBench started: the provider, the fake org, the temp
// dir. What main set up before (the rate-limit state dir) stays for the
// next part.
func (b *bench) close() { runCleanupsAfter(b.cleanups) }

// cleanups undo, in reverse, what the bench has set up so far. fatal and
// fatalf run them before exiting, which a deferred close would not.
var cleanups []func()

func atExit(f func()) { cleanups = append(cleanups, f) }

func runCleanups() { runCleanupsAfter(0) }

// runCleanupsAfter undoes, in reverse, the cleanups registered after the
// first n.
func runCleanupsAfter(n int) {
	for i := len(cleanups) - 1; i >= n; i-- {
		cleanups[i]()
	}
	cleanups = cleanups[:n]
}

func fatalf(format string, args ...any) {
	runCleanups()
	log.Fatalf(format, args...)
}

func fatal(err error) { fatalf("%v", err) }

func (b *bench) run(name string, command func() error) phase {
	b.org.ResetTraffic()
	b.rpc.reset()
	start := time.Now()
	if err := command(); err != nil {
		b.close()
		fatalf("bench: %s: %v", name, err)
	}
	p := phase{name: name, wall: time.Since(start), requests: b.org.RouteCounts(), status: map[int]int{}, reads: b.rpc.reads()}
	for _, r := range b.org.Requests() {
		p.total++
		p.status[r.Status]++
	}
	return p
}

func hclList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// timedProvider times the provider's ReadResource calls.
type timedProvider struct {
	tfprotov6.ProviderServer
	mu    sync.Mutex
	stats rpcStats
}

type rpcStats struct {
	calls   int
	total   time.Duration
	longest time.Duration
}

func (p *timedProvider) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	start := time.Now()
	resp, err := p.ProviderServer.ReadResource(ctx, req)
	d := time.Since(start)
	p.mu.Lock()
	p.stats.calls++
	p.stats.total += d
	p.stats.longest = max(p.stats.longest, d)
	p.mu.Unlock()
	return resp, err
}

func (p *timedProvider) reset() {
	p.mu.Lock()
	p.stats = rpcStats{}
	p.mu.Unlock()
}

func (p *timedProvider) reads() rpcStats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats
}
