// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/tfcli"
)

// againstFloor is part 5: apply, plan and destroy of apps okta_app_grants
// (scopes each) with the provider as users run it, a binary Terraform
// starts for each walk (dev_overrides), against a fake org without a rate
// limit or latency; beside the same phases of as many terraform_data
// resources, and of one per grant: what Terraform itself costs (the
// floor). Each phase runs repeats times; the table gives the median.
func againstFloor(apps, scopes, parallelism, repeats int) {
	fmt.Printf("== Part 5: %d okta_app_grants (%d scopes each) against the Terraform floor, provider binary, no rate limit, -parallelism=%d, median of %d\n\n",
		apps, scopes, parallelism, repeats)
	binDir := buildProvider()
	rows := []struct {
		label string
		run   func() []phase
	}{
		{fmt.Sprintf("okta_app_grants x%d", apps), func() []phase { return grantSetPhases(binDir, apps, scopes, parallelism) }},
		{fmt.Sprintf("terraform_data x%d", apps), func() []phase { return floorPhases(apps, parallelism) }},
		{fmt.Sprintf("terraform_data x%d", apps*scopes), func() []phase { return floorPhases(apps*scopes, parallelism) }},
	}
	fmt.Printf("%-22s %-8s %8s %8s %8s %9s\n", "resources", "phase", "median", "fastest", "slowest", "requests")
	medians := map[string]time.Duration{}
	for _, row := range rows {
		var runs [][]phase
		for range repeats {
			runs = append(runs, row.run())
		}
		for i, p := range runs[0] {
			walls := make([]time.Duration, len(runs))
			for r := range runs {
				walls[r] = runs[r][i].wall
			}
			slices.Sort(walls)
			median := walls[len(walls)/2]
			medians[row.label+" "+p.name] = median
			fmt.Printf("%-22s %-8s %7.2fs %7.2fs %7.2fs %9d\n", row.label, p.name, median.Seconds(), walls[0].Seconds(), walls[len(walls)-1].Seconds(), p.total)
		}
	}
	fmt.Println()
	for _, name := range []string{"apply", "plan", "destroy"} {
		ours := medians[rows[0].label+" "+name]
		floor := medians[rows[1].label+" "+name]
		fmt.Printf("%s: okta_app_grants / floor of as many resources = %.2f\n", name, ours.Seconds()/floor.Seconds())
	}
	fmt.Println()
}

// buildProvider builds the provider binary into a temp dir, for a
// dev_overrides CLI configuration.
func buildProvider() string {
	dir, err := os.MkdirTemp("", "okta-grants-bench-bin-")
	if err != nil {
		fatal(err)
	}
	atExit(func() { _ = os.RemoveAll(dir) })
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-okta"), ".")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		fatalf("bench: building the provider (make bench runs from the repository root): %v", err)
	}
	return dir
}

// grantSetPhases applies, re-plans and destroys the okta_app_grants of a
// new fake org, with the provider binary in binDir.
func grantSetPhases(binDir string, apps, scopes, parallelism int) []phase {
	org, appIDs, scopeIDs := newBenchOrg(apps, scopes)
	config := perApp.config(org.URL, appIDs, scopeIDs)
	cliConfig := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"oktagrants/okta\" = %q\n  }\n  direct {}\n}\n", binDir)
	tf, dir := newFloorWorkdir(config)
	cliConfigFile := filepath.Join(dir, "dev.tfrc")
	if err := os.WriteFile(cliConfigFile, []byte(cliConfig), 0o600); err != nil {
		fatal(err)
	}
	// SetEnv replaces the environment rather than adding to it.
	env := map[string]string{}
	for _, kv := range os.Environ() {
		// tfexec sets TF_LOG and TF_LOG_* itself.
		if k, v, ok := strings.Cut(kv, "="); ok && !strings.HasPrefix(k, "TF_LOG") {
			env[k] = v
		}
	}
	env["TF_CLI_CONFIG_FILE"] = cliConfigFile
	if err := tf.SetEnv(env); err != nil {
		fatal(err)
	}
	phases := floorCycle(tf, parallelism, org)
	if left := len(org.Grants(func(fakeokta.Grant) bool { return true })); left != 0 {
		fatalf("bench: okta_app_grants: %d grants left after destroy", left)
	}
	_ = org.Close()
	_ = os.RemoveAll(dir)
	return phases
}

// floorPhases applies, re-plans and destroys n terraform_data resources:
// Terraform's own cost for n resources, with no provider to start.
func floorPhases(n, parallelism int) []phase {
	tf, dir := newFloorWorkdir(fmt.Sprintf(`
resource "terraform_data" "floor" {
  count = %d
  input = "resource ${count.index}"
}
`, n))
	if err := tf.Init(context.Background()); err != nil {
		fatal(err)
	}
	phases := floorCycle(tf, parallelism, nil)
	_ = os.RemoveAll(dir)
	return phases
}

func newFloorWorkdir(config string) (*tfexec.Terraform, string) {
	dir, err := os.MkdirTemp("", "okta-grants-bench-floor-")
	if err != nil {
		fatal(err)
	}
	atExit(func() { _ = os.RemoveAll(dir) })
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		fatal(err)
	}
	tf, err := tfcli.New(dir)
	if err != nil {
		fatal(err)
	}
	return tf, dir
}

// floorCycle times apply, plan (which must be empty) and destroy; org,
// when not nil, counts the requests of each.
func floorCycle(tf *tfexec.Terraform, parallelism int, org *fakeokta.Server) []phase {
	timed := func(name string, command func() error) phase {
		if org != nil {
			org.ResetTraffic()
		}
		start := time.Now()
		if err := command(); err != nil {
			fatalf("bench: %s: %v", name, err)
		}
		p := phase{name: name, wall: time.Since(start)}
		if org != nil {
			p.total = org.Total()
		}
		return p
	}
	ctx := context.Background()
	return []phase{
		timed("apply", func() error { return tf.Apply(ctx, tfexec.Parallelism(parallelism)) }),
		timed("plan", func() error {
			changes, err := tf.Plan(ctx, tfexec.Parallelism(parallelism))
			if err == nil && changes {
				err = fmt.Errorf("the plan after apply is not empty")
			}
			return err
		}),
		timed("destroy", func() error { return tf.Destroy(ctx, tfexec.Parallelism(parallelism)) }),
	}
}
