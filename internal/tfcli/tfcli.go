// Package tfcli runs the real Terraform CLI against providers served from
// the calling process and reattached, as terraform-plugin-testing does:
// for the tests plugin-testing cannot express and for the benchmark.
package tfcli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Path is the terraform to run: TF_ACC_TERRAFORM_PATH, or the one on PATH.
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
// registry.terraform.io/oktagrants/okta) for Terraform to reattach to,
// until stop is called.
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
