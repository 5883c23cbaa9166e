// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

// Package tfcli runs the real Terraform or OpenTofu CLI against providers
// served from the calling process and reattached, as terraform-plugin-testing
// does: for the tests plugin-testing cannot express and for the benchmark.
package tfcli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

const (
	// TerraformRegistry is the host Terraform gives a source address
	// without one, such as oktagrants/okta.
	TerraformRegistry = "registry.terraform.io"
	// OpenTofuRegistry is the host OpenTofu gives it.
	OpenTofuRegistry = "registry.opentofu.org"

	// envProviderHost is terraform-plugin-testing's
	// resource.EnvTfAccProviderHost: the host its acceptance tests announce
	// reattached providers under. Honouring it here keeps every test of a
	// run on one host.
	envProviderHost = "TF_ACC_PROVIDER_HOST"
)

// Path is the CLI to run: TF_ACC_TERRAFORM_PATH (Terraform or OpenTofu,
// as for terraform-plugin-testing), or the terraform on PATH.
func Path() (string, error) {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p, nil
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		return "", fmt.Errorf("terraform is not on PATH: %w", err)
	}
	return p, nil
}

// ProviderAddress is the address the CLI that Path chooses resolves a
// provider source address to, and so the one a reattached provider must be
// announced under. source is namespace/type, or an address on
// registry.terraform.io, which is taken to mean "the CLI's default
// registry": registry.terraform.io/oktagrants/okta becomes
// registry.opentofu.org/oktagrants/okta for OpenTofu.
func ProviderAddress(source string) (string, error) {
	path, err := Path()
	if err != nil {
		return "", err
	}
	host, err := ProviderHost(path)
	if err != nil {
		return "", err
	}
	nameAndType := strings.TrimPrefix(source, TerraformRegistry+"/")
	if strings.Count(nameAndType, "/") != 1 {
		return "", fmt.Errorf("provider source %q: want namespace/type or %s/namespace/type", source, TerraformRegistry)
	}
	return host + "/" + nameAndType, nil
}

// ProviderHost is the registry host the CLI at path gives source addresses
// without one: TF_ACC_PROVIDER_HOST when set, as in terraform-plugin-testing,
// otherwise OpenTofuRegistry when `path version` says OpenTofu, and
// TerraformRegistry otherwise.
func ProviderHost(path string) (string, error) {
	if h := os.Getenv(envProviderHost); h != "" {
		return h, nil
	}
	openTofu, err := IsOpenTofu(path)
	if err != nil {
		return "", err
	}
	if openTofu {
		return OpenTofuRegistry, nil
	}
	return TerraformRegistry, nil
}

var (
	versionsMu sync.Mutex
	// versions caches the first line of `version` by CLI path: every
	// test of a package asks.
	versions = map[string]string{}
)

// IsOpenTofu reports whether the CLI at path is OpenTofu. `tofu version
// -json` cannot tell (it reports "terraform_version"), so this reads the
// first line of `version`: "OpenTofu v1.12.6" or "Terraform v1.11.4".
func IsOpenTofu(path string) (bool, error) {
	line, err := Version(path)
	if err != nil {
		return false, err
	}
	return strings.HasPrefix(line, "OpenTofu "), nil
}

// Version is the first line `path version` prints, such as
// "Terraform v1.11.4" or "OpenTofu v1.12.6".
func Version(path string) (string, error) {
	versionsMu.Lock()
	defer versionsMu.Unlock()
	if line, ok := versions[path]; ok {
		return line, nil
	}
	cmd := exec.Command(path, "version")
	// No update check, and no CLI configuration of the user's: its
	// warnings would go to stderr, which is kept only for the error.
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1", "TF_CLI_CONFIG_FILE="+os.DevNull)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s version: %w: %s", path, err, strings.TrimSpace(stderr.String()))
	}
	line, _, _ := strings.Cut(stdout.String(), "\n")
	line = strings.TrimSpace(line)
	if line == "" {
		return "", fmt.Errorf("%s version printed nothing", path)
	}
	versions[path] = line
	return line, nil
}

// New returns a Terraform working in dir with an empty CLI configuration
// and nothing from the environment but PATH, HOME and TMPDIR, so that no
// setting of the user's changes a run.
func New(dir string) (*tfexec.Terraform, error) {
	path, err := Path()
	if err != nil {
		return nil, err
	}
	tf, err := tfexec.NewTerraform(dir, path)
	if err != nil {
		return nil, err
	}
	cliConfig := filepath.Join(dir, ".terraformrc")
	if err := os.WriteFile(cliConfig, nil, 0o600); err != nil {
		return nil, err
	}
	env := map[string]string{"TF_CLI_CONFIG_FILE": cliConfig, "CHECKPOINT_DISABLE": "1"}
	for _, k := range []string{"PATH", "HOME", "TMPDIR"} {
		if v, ok := os.LookupEnv(k); ok {
			env[k] = v
		}
	}
	if err := tf.SetEnv(env); err != nil {
		return nil, err
	}
	return tf, nil
}

// Serve serves a provider at addr (such as
// registry.terraform.io/oktagrants/okta: see ProviderAddress) for the CLI
// to reattach to, until stop is called.
func Serve(addr string, factory func() tfprotov6.ProviderServer, opts ...tf6server.ServeOpt) (config tfexec.ReattachConfig, stop func(), err error) {
	ctx, cancel := context.WithCancel(context.Background())
	configCh := make(chan *plugin.ReattachConfig)
	closeCh := make(chan struct{})
	errCh := make(chan error, 1)
	opts = append([]tf6server.ServeOpt{
		tf6server.WithDebug(ctx, configCh, closeCh),
		tf6server.WithGoPluginLogger(hclog.New(&hclog.LoggerOptions{Output: io.Discard})),
	}, opts...)
	go func() { errCh <- tf6server.Serve(addr, factory, opts...) }()
	select {
	case rc := <-configCh:
		return tfexec.ReattachConfig{
				Protocol:        string(rc.Protocol),
				ProtocolVersion: rc.ProtocolVersion,
				Pid:             rc.Pid,
				Test:            rc.Test,
				Addr:            tfexec.ReattachConfigAddr{Network: rc.Addr.Network(), String: rc.Addr.String()},
			}, func() {
				cancel()
				<-closeCh
			}, nil
	case err := <-errCh:
		cancel()
		return tfexec.ReattachConfig{}, nil, fmt.Errorf("serving %s: %w", addr, err)
	}
}
