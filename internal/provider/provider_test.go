// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
)

// testAccProviders runs the provider in the test process, reattached to
// the real Terraform CLI.
var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"okta": providerserver.NewProtocol6WithError(New("test")()),
}

func TestMain(m *testing.M) {
	if os.Getenv(resource.EnvTfAcc) != "" {
		// Acceptance tests must run Terraform from PATH: nothing may be
		// downloaded here.
		if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
			fmt.Fprintln(os.Stderr, "TF_ACC is set but TF_ACC_TERRAFORM_PATH is not: run `make test`, which points it at the terraform on PATH")
			os.Exit(1)
		}
	}
	if f := flag.Lookup("sweep"); f != nil {
		flag.Parse()
		if f.Value.String() != "" {
			// go test -sweep=all: the sweepers (org_test.go) run against
			// the org of OKTA_ORG_URL, and the process exits.
			resource.TestMain(m)
			return
		}
	}
	os.Exit(runWithTempStateDir(m))
}

// runWithTempStateDir keeps the rate-limit state files of the tests' fake
// orgs (one per random port) out of the user's cache directory.
func runWithTempStateDir(m *testing.M) int {
	dir, err := os.MkdirTemp("", "okta-provider-test-state-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() { _ = os.RemoveAll(dir) }()
	if err := os.Setenv(envRateLimitStateDir, dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}

// testOrg is a fake Okta org served over HTTP for one test.
type testOrg struct {
	*fakeokta.Server
	token string
}

func newTestOrg(t *testing.T) *testOrg {
	t.Helper()
	org := fakeokta.NewOrg()
	token := "test-api-token-" + strings.ToLower(strings.ReplaceAll(t.Name(), "/", "-"))
	org.AddAPIToken(token)
	srv, err := fakeokta.Start(org, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return &testOrg{Server: srv, token: token}
}

// providerBlock configures the provider for the org with its API token.
func (o *testOrg) providerBlock() string {
	return providerBlockAt(o.URL, fmt.Sprintf("api_token = %q", o.token))
}

// providerBlockAt configures the provider for the org at orgURL with
// settings, such as its credential.
func providerBlockAt(orgURL, settings string) string {
	return fmt.Sprintf(`
provider "okta" {
  org_url = %q
  %s
}
`, orgURL, settings)
}

// oktagrantsProviderBlock configures the provider under the local name
// oktagrants, as beside the official okta/okta provider.
func (o *testOrg) oktagrantsProviderBlock() string {
	return strings.Replace(o.providerBlock(), `provider "okta"`, `provider "oktagrants"`, 1)
}

func (o *testOrg) addApp(t *testing.T, label string) string {
	t.Helper()
	return o.AddApp(fakeokta.App{Label: label}).ID
}

// orgCheck is a state check of the fake org rather than of Terraform's
// state: what Terraform did must be what the org holds.
type orgCheck func() error

func (f orgCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

// stateCheck is a state check written as a function of the state.
type stateCheck func(*tfjson.State) error

func (f stateCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f(req.State)
}

// stateValues are the attribute values of a resource or data source in
// state, by address such as `okta_app_grant.this["okta.users.read"]`.
func stateValues(s *tfjson.State, address string) (map[string]any, error) {
	if s != nil && s.Values != nil && s.Values.RootModule != nil {
		for _, r := range s.Values.RootModule.Resources {
			if r.Address == address {
				return r.AttributeValues, nil
			}
		}
	}
	return nil, fmt.Errorf("%s is not in state", address)
}

// checkDestroyed is a CheckDestroy: after destroy the org holds no grant
// for the apps, nothing left behind.
func (o *testOrg) checkDestroyed(appIDs ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, appID := range appIDs {
			if err := o.appScopesAre(appID); err != nil {
				return err
			}
		}
		return nil
	}
}

// checkAppScopes checks that the org holds exactly these scopes for the
// app, each once: nothing lost, nothing left behind, nothing duplicated.
func (o *testOrg) checkAppScopes(appID string, scopes ...string) statecheck.StateCheck {
	return orgCheck(func() error { return o.appScopesAre(appID, scopes...) })
}

func (o *testOrg) appScopesAre(appID string, scopes ...string) error {
	var held []string
	for _, g := range o.AppGrants(appID) {
		switch g.Status {
		case "REVOKED":
			continue // listed, but not held
		case "ACTIVE":
			held = append(held, g.ScopeID)
		default:
			return fmt.Errorf("app %s: grant %s is %s", appID, g.ID, g.Status)
		}
	}
	slices.Sort(held)
	want := slices.Clone(scopes)
	slices.Sort(want)
	if !slices.Equal(held, want) {
		return fmt.Errorf("app %s holds scopes %v in the fake org, want %v", appID, held, want)
	}
	return nil
}

// checkStateMatchesOrg checks that a resource's grant ID is the one the
// org holds for its app and scope.
//
//nolint:unparam // any resource's address: okta_app_grant.test is the only one so far
func (o *testOrg) checkStateMatchesOrg(address, appID, scope string) statecheck.StateCheck {
	return stateCheck(func(s *tfjson.State) error { return o.stateMatchesOrg(s, address, appID, scope) })
}

func (o *testOrg) stateMatchesOrg(s *tfjson.State, address, appID, scope string) error {
	values, err := stateValues(s, address)
	if err != nil {
		return err
	}
	for _, g := range o.AppGrants(appID) {
		if g.ScopeID == scope && g.Status == "ACTIVE" {
			if g.ID != values["id"] {
				return fmt.Errorf("%s has grant ID %v in state, but the org's grant of %s is %s", address, values["id"], scope, g.ID)
			}
			return nil
		}
	}
	return fmt.Errorf("the org holds no grant of %s for app %s", scope, appID)
}

// Each bad provider block fails with an error that names the setting and
// says what to set.
func TestAccProvider_badConfiguration(t *testing.T) {
	for _, tc := range []struct{ name, block, want string }{
		{"missing org", `api_token = "x"`, `(?s)Missing Okta org.*org_url.*OKTA_ORG_URL.*org_name`},
		{"missing credential", `org_name = "acme"`, `(?s)Missing Okta credentials.*client_id.*private_key.*api_token.*OKTA_API_TOKEN.*access_token`},
		{"two credentials", "org_name = \"acme\"\napi_token = \"x\"\naccess_token = \"y\"", `(?s)Conflicting Okta credentials.*Set exactly one`},
		{"plain http to a remote org", "org_url = \"http://acme.okta.com\"\napi_token = \"x\"", `(?s)Invalid Okta org URL.*must\s+use\s+https`},
		{"a URL as org name", "org_name = \"https://acme.okta.com\"\napi_token = \"x\"", `(?s)Invalid Okta org name.*org_url`},
		{"max_retries out of range", "org_name = \"acme\"\napi_token = \"x\"\nmax_retries = -1", `(?s)max_retries.*between 0 and 100`},
		{"dpop not a mode", "org_name = \"acme\"\napi_token = \"x\"\ndpop = \"sometimes\"", `(?s)dpop.*must be one of.*"auto" "force" "off"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, failingCase("provider \"okta\" {\n"+tc.block+"\n}\n"+grantConfig("0oa1", "okta.users.read"), tc.want))
		})
	}
}

// The whole configuration comes from the environment, as in a CI pipeline.
// Not parallel: it sets process environment variables.
func TestAccProvider_configFromEnvironment(t *testing.T) {
	org, appID := newOrgWithApp(t, "env")
	t.Setenv("OKTA_ORG_URL", org.URL)
	t.Setenv("OKTA_API_TOKEN", org.token)
	t.Setenv("OKTA_MAX_RETRIES", "0")
	resource.Test(t, org.grantCase("", appID, "okta.users.read"))
}

func TestAccProvider_invalidEnvironmentSetting(t *testing.T) {
	t.Setenv("OKTA_ORG_URL", "https://acme.okta.com")
	t.Setenv("OKTA_API_TOKEN", "x")
	t.Setenv("OKTA_MAX_RETRIES", "lots")
	resource.Test(t, failingCase(grantConfig("0oa1", "okta.users.read"), `(?s)Invalid OKTA_MAX_RETRIES environment variable.*"lots"`))
}
