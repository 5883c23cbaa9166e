// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package tfcli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// fakeCLI writes an executable that prints version as `version` does, and
// makes it the CLI Path chooses.
func fakeCLI(t *testing.T, version string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cli")
	script := "#!/bin/sh\necho 'Warning: a CLI configuration problem' >&2\nprintf '" + version + "\\non linux_amd64\\n'\n"
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TF_ACC_TERRAFORM_PATH", path)
}

func TestProviderAddress_followsTheCLI(t *testing.T) {
	for _, tc := range []struct {
		version, source, want string
	}{
		{"Terraform v1.11.4", "oktagrants/okta", "registry.terraform.io/oktagrants/okta"},
		{"Terraform v1.15.9", "registry.terraform.io/okta/okta", "registry.terraform.io/okta/okta"},
		{"OpenTofu v1.12.6", "oktagrants/okta", "registry.opentofu.org/oktagrants/okta"},
		{"OpenTofu v1.12.6", "registry.terraform.io/hashicorp/okta", "registry.opentofu.org/hashicorp/okta"},
	} {
		t.Run(tc.version+" "+tc.source, func(t *testing.T) {
			t.Setenv(envProviderHost, "")
			fakeCLI(t, tc.version)
			got, err := ProviderAddress(tc.source)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("ProviderAddress(%q) with %s = %q, want %q", tc.source, tc.version, got, tc.want)
			}
		})
	}
}

// TF_ACC_PROVIDER_HOST wins, as in terraform-plugin-testing, so that the
// tests tfcli drives and the ones plugin-testing drives agree.
func TestProviderAddress_providerHostWins(t *testing.T) {
	fakeCLI(t, "Terraform v1.11.4")
	t.Setenv(envProviderHost, "registry.example.com")
	got, err := ProviderAddress("registry.terraform.io/oktagrants/okta")
	if err != nil {
		t.Fatal(err)
	}
	if want := "registry.example.com/oktagrants/okta"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestProviderAddress_badSource(t *testing.T) {
	fakeCLI(t, "Terraform v1.11.4")
	t.Setenv(envProviderHost, "")
	for _, source := range []string{"okta", "example.com/a/b/c", ""} {
		if got, err := ProviderAddress(source); err == nil {
			t.Errorf("ProviderAddress(%q) = %q, want an error", source, got)
		}
	}
}

func TestProviderHost_aCLIThatFails(t *testing.T) {
	t.Setenv(envProviderHost, "")
	path := filepath.Join(t.TempDir(), "broken")
	if err := os.WriteFile(path, []byte("#!/bin/sh\necho 'cannot start' >&2\nexit 3\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := ProviderHost(path); err == nil {
		t.Fatal("want an error from a CLI whose version command fails")
	}
}

// The CLI the acceptance tests run is recognised for what it is.
func TestAccCLI_versionTellsOpenTofuApart(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	path, err := Path()
	if err != nil {
		t.Fatal(err)
	}
	line, err := Version(path)
	if err != nil {
		t.Fatal(err)
	}
	openTofu, err := IsOpenTofu(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[bool]string{true: "OpenTofu v", false: "Terraform v"}[openTofu]; !strings.HasPrefix(line, want) {
		t.Errorf("%s version: %q, want it to start with %q", path, line, want)
	}
	t.Logf("%s: %s (OpenTofu: %v)", path, line, openTofu)
}

func TestSkipOnOpenTofu(t *testing.T) {
	for version, wantSkip := range map[string]string{
		"OpenTofu v1.12.6":  "OpenTofu v1.12.6 does not support actions: skipping test",
		"Terraform v1.15.9": "",
	} {
		t.Run(version, func(t *testing.T) {
			fakeCLI(t, version)
			var resp tfversion.CheckTerraformVersionResponse
			SkipOnOpenTofu("actions").CheckTerraformVersion(context.Background(), tfversion.CheckTerraformVersionRequest{}, &resp)
			if resp.Error != nil {
				t.Fatal(resp.Error)
			}
			if resp.Skip != wantSkip {
				t.Errorf("Skip = %q, want %q", resp.Skip, wantSkip)
			}
		})
	}
}
