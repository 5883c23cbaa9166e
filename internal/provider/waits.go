// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// longOperationWait is how long an operation may wait for Okta's rate
// limit before a warning says why the run was slow: without TF_LOG, a
// run held back for a minute looks hung.
var longOperationWait = 10 * time.Second

// reportWaits counts the rate-limit waits of one operation (what, such as
// `okta_app_grant.x create`); the returned func adds a warning to diags when
// they add up to more than longOperationWait.
func reportWaits(ctx context.Context, client *okta.Client, what string) (context.Context, func(*diag.Diagnostics)) {
	ctx, report := okta.WithWaitReport(ctx)
	return ctx, func(diags *diag.Diagnostics) {
		waited, requests := report.Totals()
		if waited <= longOperationWait || client == nil {
			return
		}
		diags.AddWarning("Slowed down by Okta's rate limit",
			fmt.Sprintf("%s waited %s in all for room in Okta's rate limits, over %d request(s): %s. It used "+
				"max_api_capacity = %d%% of each bucket. Other clients of the org (other Terraform runs, "+
				"scripts, integrations) share its buckets. To go faster, run fewer of them at once against "+
				"this org, raise max_api_capacity if it is below 100, or ask Okta for a higher rate limit. "+
				"TF_LOG=INFO shows each wait as it begins.", what, waited.Round(100*time.Millisecond), requests,
				strings.Join(report.Reasons(), "; "), client.MaxAPICapacity()))
	}
}
