// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

// Command fakeokta serves a fake Okta org with demo data on a loopback
// address, for trying the provider without a real org:
//
//	go run ./internal/fakeokta/cmd/fakeokta -listen 127.0.0.1:8080 -api-token TOKEN
//
// The API token acts as a super admin's: it holds every scope.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:8080", "address to listen on; port 0 picks a free one")
	token := flag.String("api-token", "", "API token clients must send (Authorization: SSWS <token>); required")
	urlFile := flag.String("url-file", "", "write the org URL to this file once serving")
	seed := flag.Bool("seed", true, "seed the demo apps, users and grants")
	appsLimit := flag.Int("apps-rate-limit", 0, "requests per window for /api/v1/apps/*; 0 for no limit")
	usersLimit := flag.Int("users-rate-limit", 0, "requests per window for /api/v1/users/*; 0 for no limit")
	window := flag.Duration("rate-limit-window", time.Minute, "rate-limit window, whole seconds")
	latency := flag.Duration("latency", 0, "delay every answer, like the network to a real org")
	flag.Parse()

	if *token == "" {
		fmt.Fprintln(os.Stderr, "fakeokta: -api-token is required")
		flag.Usage()
		os.Exit(2)
	}
	if !fakeokta.IsLoopbackAddr(*listen) {
		fmt.Fprintf(os.Stderr, "fakeokta: -listen %s: serve on a loopback address only (127.0.0.1, ::1, localhost): the provider speaks plain http only to loopback hosts\n", *listen)
		os.Exit(2)
	}

	org := fakeokta.NewOrg()
	org.AddAPIToken(*token)
	org.SetRateLimit(fakeokta.BucketApps, *appsLimit, *window)
	org.SetRateLimit(fakeokta.BucketUsers, *usersLimit, *window)
	org.SetLatency(*latency)
	srv, err := fakeokta.Start(org, *listen)
	if err != nil {
		log.Fatal(err)
	}
	if *seed {
		if err := fakeokta.SeedDemo(org); err != nil {
			log.Fatal(err)
		}
	}
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(srv.URL+"\n"), 0o600); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("fake Okta org serving at %s\n", srv.URL)
	if *seed {
		fmt.Printf("  apps:  %s (CI pipeline), %s (Reporting service), %s (User provisioner)\n",
			fakeokta.DemoPipelineAppID, fakeokta.DemoReportingAppID, fakeokta.DemoProvisionerAppID)
		fmt.Printf("  users: %s (alice@example.com), %s (bob@example.com)\n", fakeokta.DemoAliceID, fakeokta.DemoBobID)
	}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	if err := srv.Close(); err != nil {
		log.Print(err)
	}
	fmt.Printf("fake Okta org stopped after %d requests\n", org.Total())
}
