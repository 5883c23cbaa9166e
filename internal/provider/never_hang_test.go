// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

// The run reported hung for 45 minutes, with the real CLI: a service app
// signing in with an EC key as PEM text and DPoP, tokens living 3 s, 5
// requests / 2 s on the apps bucket, 30 okta_app_grant over 3 apps,
// -parallelism=10, and the org's 401s to expired tokens without
// rate-limit headers. It must apply, plan clean and destroy, each well
// under a minute, and leave the org as the state says.
func TestAccNeverHang_expiredTokensWithoutRateLimitHeaders(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	app := org.addServiceApp(t, "ec", true, "okta.appGrants.manage", "okta.appGrants.read", "okta.users.read")
	var apps []string
	var config strings.Builder
	scopes := oktaScopeIDs(10)
	for i := range 3 {
		appID := org.addApp(t, fmt.Sprint("hang-", i))
		apps = append(apps, appID)
		config.WriteString(strings.Replace(grantEachConfig(appID, scopes), `"all"`, fmt.Sprintf(`"app%d"`, i), 1))
	}
	w := newProviderWorkdir(t)
	w.writeFile("main.tf", app.providerBlock(app.pkcs8PEM(t), "")+requiredProviders+config.String())
	w.init()
	org.SetTokenTTL(3 * time.Second)
	org.SetRateLimit(fakeokta.BucketApps, 5, 2*time.Second)
	org.SetHostile(fakeokta.Hostile{NoRateLimitHeadersOnErrors: true})

	const bound = time.Minute
	for _, phase := range []struct {
		name string
		run  func(context.Context) error
	}{
		{"apply", func(ctx context.Context) error {
			return w.tf.Apply(ctx, tfexec.Reattach(w.reattach), tfexec.Parallelism(10))
		}},
		{"destroy", func(ctx context.Context) error {
			return w.tf.Destroy(ctx, tfexec.Reattach(w.reattach), tfexec.Parallelism(10))
		}},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), bound)
		start := time.Now()
		err := phase.run(ctx)
		cancel()
		if err != nil {
			t.Fatalf("terraform %s, after %s (bound %s): %v", phase.name, time.Since(start).Round(time.Millisecond), bound, err)
		}
		t.Logf("terraform %s: %s, %d tokens issued so far", phase.name, time.Since(start).Round(time.Millisecond), org.TokensIssued())
		if phase.name == "apply" {
			for _, appID := range apps {
				org.requireScopes(t, appID, scopes...)
			}
			if err := onlyImports(w.plan(), 0, 0); err != nil {
				t.Fatalf("plan after the apply: %v", err)
			}
		}
	}
	for _, appID := range apps {
		org.requireScopes(t, appID)
	}
	if org.TokensIssued() < 3 {
		t.Fatalf("%d tokens issued: no token expired mid-run, which the case needs", org.TokensIssued())
	}
}
