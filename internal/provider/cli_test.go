// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/tfcli"
)

// cliWorkdir drives the real Terraform CLI over a copy of a configuration
// directory, with providers served by this test process and reattached,
// as plugin-testing does. It exists for configurations plugin-testing
// cannot check: its state shim rejects for_each instances, and the
// adoption examples are all about for_each.
type cliWorkdir struct {
	t        *testing.T
	dir      string
	tf       *tfexec.Terraform
	reattach tfexec.ReattachInfo
	vars     []string
}

// newCLIWorkdir serves providers (by source address, such as
// registry.terraform.io/oktagrants/okta, moved to the CLI's registry host
// by tfcli.ProviderAddress) and prepares a directory for the CLI.
func newCLIWorkdir(t *testing.T, providers map[string]func() tfprotov6.ProviderServer) *cliWorkdir {
	t.Helper()
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	w := &cliWorkdir{t: t, dir: t.TempDir(), reattach: tfexec.ReattachInfo{}}
	for source, factory := range providers {
		addr, err := tfcli.ProviderAddress(source)
		if err != nil {
			t.Fatal(err)
		}
		config, stop, err := tfcli.Serve(addr, factory, tf6server.WithLoggingSink(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(stop)
		w.reattach[addr] = config
	}
	tf, err := tfcli.New(w.dir)
	if err != nil {
		t.Fatal(err)
	}
	w.tf = tf
	return w
}

// newProviderWorkdir is a cliWorkdir with the provider under test served
// as oktagrants/okta.
func newProviderWorkdir(t *testing.T) *cliWorkdir {
	t.Helper()
	return newCLIWorkdir(t, map[string]func() tfprotov6.ProviderServer{thisProvider: providerserver.NewProtocol6(New("test")())})
}

// requiredProviders names the source of the provider a newProviderWorkdir
// serves.
const requiredProviders = `
terraform {
  required_providers {
    okta = { source = "oktagrants/okta" }
  }
}
`

// grantEachConfig declares okta_app_grant.all: a grant of each of scopes
// to the app.
func grantEachConfig(appID string, scopes []string) string {
	return fmt.Sprintf(`
resource "okta_app_grant" "all" {
  for_each = toset([%s])
  app_id   = %q
  scope_id = each.value
}
`, quoteAll(scopes), appID)
}

// oktaScopeIDs are the IDs of the first n of Okta's scopes.
func oktaScopeIDs(n int) []string {
	var ids []string
	for _, s := range fakeokta.OktaScopes()[:n] {
		ids = append(ids, s.ID)
	}
	return ids
}

// copyConfig copies the .tf files of a directory into the workdir.
func (w *cliWorkdir) copyConfig(dir string) {
	w.t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil || len(files) == 0 {
		w.t.Fatalf("no .tf files in %s: %v", dir, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			w.t.Fatal(err)
		}
		w.writeFile(filepath.Base(f), string(b))
	}
}

func (w *cliWorkdir) writeFile(name, content string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, name), []byte(content), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// configureProviders fills the empty provider blocks of the copied
// configuration, such as `provider "okta" {}`, with blocks.
func (w *cliWorkdir) configureProviders(blocks map[string]string) {
	w.t.Helper()
	files, _ := filepath.Glob(filepath.Join(w.dir, "*.tf"))
	for name, block := range blocks {
		empty := fmt.Sprintf("provider %q {}", name)
		found := false
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				w.t.Fatal(err)
			}
			if strings.Contains(string(b), empty) {
				found = true
				w.writeFile(filepath.Base(f), strings.Replace(string(b), empty, block, 1))
			}
		}
		if !found {
			w.t.Fatalf("no %s in the configuration", empty)
		}
	}
}

func (w *cliWorkdir) removeFile(name string) {
	w.t.Helper()
	if err := os.Remove(filepath.Join(w.dir, name)); err != nil {
		w.t.Fatal(err)
	}
}

func (w *cliWorkdir) init() {
	w.t.Helper()
	if err := w.tf.Init(context.Background(), tfexec.Reattach(w.reattach)); err != nil {
		w.t.Fatalf("terraform init: %v", err)
	}
}

// plan runs terraform plan into a plan file and returns it as JSON.
func (w *cliWorkdir) plan() *tfjson.Plan {
	w.t.Helper()
	opts := []tfexec.PlanOption{tfexec.Out("tfplan"), tfexec.Reattach(w.reattach)}
	for _, v := range w.vars {
		opts = append(opts, tfexec.Var(v))
	}
	if _, err := w.tf.Plan(context.Background(), opts...); err != nil {
		w.t.Fatalf("terraform plan: %v", err)
	}
	plan, err := w.tf.ShowPlanFile(context.Background(), "tfplan", tfexec.Reattach(w.reattach))
	if err != nil {
		w.t.Fatalf("terraform show: %v", err)
	}
	return plan
}

// applyPlan applies the plan file the last plan wrote.
func (w *cliWorkdir) applyPlan() {
	w.t.Helper()
	if err := w.tf.Apply(context.Background(), tfexec.DirOrPlan("tfplan"), tfexec.Reattach(w.reattach)); err != nil {
		w.t.Fatalf("terraform apply: %v", err)
	}
}

func (w *cliWorkdir) apply() {
	w.t.Helper()
	w.plan()
	w.applyPlan()
}

func (w *cliWorkdir) destroy() {
	w.t.Helper()
	opts := []tfexec.DestroyOption{tfexec.Reattach(w.reattach)}
	for _, v := range w.vars {
		opts = append(opts, tfexec.Var(v))
	}
	if err := w.tf.Destroy(context.Background(), opts...); err != nil {
		w.t.Fatalf("terraform destroy: %v", err)
	}
}
