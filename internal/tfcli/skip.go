// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package tfcli

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// SkipOnOpenTofu is a terraform-plugin-testing version check that skips a
// test, saying why, when the CLI is OpenTofu: for a feature OpenTofu lacks
// although its version number is high enough for tfversion.SkipBelow (both
// CLIs report "terraform_version"). For a feature that only needs a newer
// CLI, tfversion.SkipBelow is enough: OpenTofu 1.12 is below 1.14, so
// list-resource and action tests skip there with its reason.
//
//	TerraformVersionChecks: []tfversion.TerraformVersionCheck{
//		tfversion.SkipBelow(tfversion.Version1_12_0),
//		tfcli.SkipOnOpenTofu("import by resource identity"),
//	},
func SkipOnOpenTofu(feature string) tfversion.TerraformVersionCheck {
	return skipOnOpenTofu{feature: feature}
}

type skipOnOpenTofu struct{ feature string }

func (s skipOnOpenTofu) CheckTerraformVersion(_ context.Context, _ tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	path, err := Path()
	if err != nil {
		resp.Error = err
		return
	}
	line, err := Version(path)
	if err != nil {
		resp.Error = err
		return
	}
	openTofu, err := IsOpenTofu(path)
	if err != nil {
		resp.Error = err
		return
	}
	if openTofu {
		resp.Skip = fmt.Sprintf("%s does not support %s: skipping test", line, s.feature)
	}
}
