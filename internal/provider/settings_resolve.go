// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// settings is the provider configuration with environment variables and
// defaults applied, or the diagnostics that say what to fix.
type settings struct {
	orgURL         string
	apiToken       string
	accessToken    string
	clientID       string
	privateKey     string
	privateKeyID   string
	scopes         []string
	dpop           string
	maxRetries     int
	requestTimeout int
	maxAPICapacity int
	maxConcurrent  int
	diags          diag.Diagnostics
}

// credentialKind names the way to sign in, for logs.
func (s settings) credentialKind() string {
	switch {
	case s.apiToken != "":
		return attrAPIToken
	case s.accessToken != "":
		return attrAccessToken
	}
	return "service app " + s.clientID
}

// secrets are the credentials to mask in logs.
func (s settings) secrets() []string {
	return []string{s.apiToken, s.accessToken, s.privateKey}
}

var orgNamePattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$`)
var domainPattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$`)

// resolveSettings applies environment variables and defaults to the
// provider block's settings (blockSettings).
func resolveSettings(block map[string]setting, lookup func(string) (string, bool)) settings {
	var s settings
	for _, d := range settingDefs {
		if block[d.attr].unknown {
			s.diags.AddAttributeError(path.Root(d.attr), "Unknown Okta provider setting",
				fmt.Sprintf("`%s` depends on a value known only after apply, but the provider needs it to plan. "+
					"Set it to a value known at plan time, or remove it from the provider block and set the %s "+
					"environment variable.", d.attr, d.env))
		}
	}
	if s.diags.HasError() {
		return s
	}
	v := resolvedValues(block, lookup)
	s.resolveOrg(v)
	s.resolveCredential(block, v, lookup)
	s.maxRetries = s.number(attrMaxRetries, v[attrMaxRetries])
	s.requestTimeout = s.number(attrRequestTimeout, v[attrRequestTimeout])
	s.maxAPICapacity = s.number(attrMaxAPICapacity, v[attrMaxAPICapacity])
	s.maxConcurrent = s.number(attrMaxConcurrent, v[attrMaxConcurrent])
	return s
}

func (s *settings) resolveOrg(v map[string]setting) {
	orgURL, orgName, baseURL := v[attrOrgURL], v[attrOrgName], v[attrBaseURL]
	if orgURL.set() {
		u, err := okta.ParseOrgURL(orgURL.value)
		if err != nil {
			s.diags.AddAttributeError(path.Root(attrOrgURL), "Invalid Okta org URL", fmt.Sprintf("The org URL in %s is not usable: %s.", orgURL.source, err))
			return
		}
		if orgName.inBlock {
			s.diags.AddAttributeWarning(path.Root(attrOrgName), "Ignored org_name",
				fmt.Sprintf("`org_url` is set (%s), so `org_name` and `base_url` are not used. Remove one of them.", u))
		}
		s.orgURL = u.String()
		return
	}
	if !orgName.set() {
		s.diags.AddAttributeError(path.Root(attrOrgName), "Missing Okta org",
			"Set `org_url` (or the OKTA_ORG_URL environment variable) to the org's URL, such as https://acme.okta.com, "+
				"or set `org_name` (OKTA_ORG_NAME), such as acme, and, if the org is not on okta.com, `base_url` "+
				"(OKTA_BASE_URL), such as oktapreview.com.")
		return
	}
	if !orgNamePattern.MatchString(orgName.value) {
		s.diags.AddAttributeError(path.Root(attrOrgName), "Invalid Okta org name",
			fmt.Sprintf("%s is %q, but an org name is the first label of the org's domain: acme for acme.okta.com. "+
				"To give a full URL, set `org_url` (OKTA_ORG_URL) instead.", orgName.source, orgName.value))
		return
	}
	domain := defaultBaseURL
	if baseURL.set() {
		domain = baseURL.value
	}
	if !domainPattern.MatchString(domain) {
		s.diags.AddAttributeError(path.Root(attrBaseURL), "Invalid Okta base URL",
			fmt.Sprintf("%s is %q, but base_url is the org's domain after its name, without a scheme or a path: "+
				"okta.com, oktapreview.com or okta-emea.com. To give a full URL, set `org_url` (OKTA_ORG_URL) instead.",
				baseURL.source, domain))
		return
	}
	s.orgURL = "https://" + strings.ToLower(orgName.value+"."+domain)
}

// The ways to sign in, by the settings that make them up. The service
// app's first two settings are required, the rest tune it.
var credentialWays = [][]string{
	{attrAPIToken},
	{attrAccessToken},
	{attrClientID, attrPrivateKey, attrPrivateKeyID, attrScopes, attrDPoP},
}

func (s *settings) resolveCredential(block, v map[string]setting, lookup func(string) (string, bool)) {
	var ways [][]string
	for _, way := range credentialWays {
		if slices.ContainsFunc(way, func(attr string) bool { return v[attr].set() }) {
			ways = append(ways, way)
		}
	}
	s.warnIgnoredCredentialVariables(block, lookup)
	switch {
	case len(ways) > 1:
		a, b := v[firstSet(ways[0], v)], v[firstSet(ways[1], v)]
		fix := "Remove one of them from the provider block."
		if !a.inBlock {
			fix = "Unset one of them, or set the credential in the provider block, which wins over the environment."
		}
		s.diags.AddAttributeError(path.Root(firstSet(ways[1], v)), "Conflicting Okta credentials",
			fmt.Sprintf("Two ways to sign in are set: %s and %s. Set exactly one: `api_token`, `access_token`, "+
				"or `client_id` with `private_key`. %s", a.source, b.source, fix))
	case len(ways) == 0:
		s.diags.AddAttributeError(path.Root(attrAPIToken), "Missing Okta credentials",
			"Set one way to sign in: `client_id` and `private_key` (OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY) for an "+
				"OAuth service app, as Okta recommends; `api_token` (OKTA_API_TOKEN) for an API token; or `access_token` "+
				"(OKTA_ACCESS_TOKEN) for an OAuth access token minted elsewhere.")
	case ways[0][0] == attrAPIToken:
		s.apiToken = v[attrAPIToken].value
	case ways[0][0] == attrAccessToken:
		s.accessToken = v[attrAccessToken].value
	default:
		s.resolveServiceApp(v)
	}
}

func firstSet(attrs []string, v map[string]setting) string {
	for _, a := range attrs {
		if v[a].set() {
			return a
		}
	}
	return attrs[0]
}

func (s *settings) resolveServiceApp(v map[string]setting) {
	clientID, key := v[attrClientID], v[attrPrivateKey]
	switch {
	case !clientID.set():
		s.diags.AddAttributeError(path.Root(attrClientID), "Missing client_id",
			fmt.Sprintf("%s is set, but not the service app's client ID: set `client_id` (OKTA_API_CLIENT_ID) "+
				"to the ID of the OAuth service app that holds the key, like 0oa1abcd2EFGH3ijk4l5.", v[firstSet(credentialWays[2][1:], v)].source))
		return
	case !key.set():
		s.diags.AddAttributeError(path.Root(attrPrivateKey), "Missing private_key",
			fmt.Sprintf("%s is set, but not the service app's private key: set `private_key` (OKTA_API_PRIVATE_KEY) to "+
				"the PEM or JWK text of the key whose public key is registered with the app, or to the path of a file holding it.", clientID.source))
		return
	}
	pem, err := privateKeyText(key.value)
	if err != nil {
		s.diags.AddAttributeError(path.Root(attrPrivateKey), "Unreadable private_key",
			fmt.Sprintf("%s is neither PEM or JWK key text nor the path of a file that can be read (%s). Give the key "+
				"itself (-----BEGIN PRIVATE KEY----- ... or a JWK {...}), or the path of a file holding it.", key.source, err))
		return
	}
	s.clientID, s.privateKey, s.privateKeyID = clientID.value, pem, v[attrPrivateKeyID].value
	for _, sc := range strings.Split(v[attrScopes].value, ",") {
		if sc = strings.TrimSpace(sc); sc != "" {
			s.scopes = append(s.scopes, sc)
		}
	}
	s.dpop = v[attrDPoP].value
	if s.dpop != "" && !slices.Contains(defOf(attrDPoP).oneOf, s.dpop) {
		s.diags.AddAttributeError(path.Root(attrDPoP), "Invalid OKTA_API_DPOP environment variable",
			fmt.Sprintf("%s is %q, but `dpop` is one of auto, force or off.", v[attrDPoP].source, s.dpop))
	}
}

// privateKeyText is the key itself when value looks like one, else the
// content of the file value names. Errors never hold the value: it may be
// a key in a form not recognized.
func privateKeyText(value string) (string, error) {
	if strings.Contains(value, "-----BEGIN") || strings.HasPrefix(value, "{") {
		return value, nil
	}
	p := value
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, rest)
		}
	}
	b, err := os.ReadFile(filepath.Clean(p))
	if err != nil {
		var pathErr *os.PathError
		if errors.As(err, &pathErr) {
			return "", fmt.Errorf("as a file: %w", pathErr.Err)
		}
		return "", fmt.Errorf("as a file: unreadable")
	}
	return string(b), nil
}

// warnIgnoredCredentialVariables says which credential variables of the
// environment the provider block's credential overrides: a CI job that
// sets OKTA_API_* expects them to be used.
func (s *settings) warnIgnoredCredentialVariables(block map[string]setting, lookup func(string) (string, bool)) {
	var inBlock, ignored []string
	for _, d := range settingDefs {
		if d.group != groupCredential {
			continue
		}
		if block[d.attr].set() {
			inBlock = append(inBlock, "`"+d.attr+"`")
		} else if envSetting(d.env, lookup).set() {
			ignored = append(ignored, d.env)
		}
	}
	if len(inBlock) > 0 && len(ignored) > 0 {
		s.diags.AddAttributeWarning(path.Root(strings.Trim(inBlock[0], "`")), "Ignored Okta credential environment variables",
			fmt.Sprintf("The provider block signs in with %s, so %s from the environment %s not used. Remove the "+
				"credential from the block to sign in with the environment's, or unset the variables.",
				strings.Join(inBlock, ", "), strings.Join(ignored, ", "), map[bool]string{true: "is", false: "are"}[len(ignored) == 1]))
	}
}
