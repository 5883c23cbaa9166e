// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// settingDef is one provider setting. The provider schema, the resolution
// of block, environment and default, the diagnostics that name a setting,
// and the settings tables of README.md and the docs index (checked by
// TestSettingsTables) all come from settingDefs: a new setting is one row.
type settingDef struct {
	attr, env string
	// group resolves settings as a whole: a group named in the provider
	// block wins over the environment for all of its settings, so that an
	// org or a credential in the block is never mixed with one a CI job's
	// environment happens to carry.
	group settingGroup
	kind  settingKind
	// def is the default, as the docs show it; "" for none.
	def       string
	lo, hi    int      // the range of a number
	oneOf     []string // the values a string may take, if fixed
	sensitive bool
	// doc is the attribute's description; the environment variable and
	// the default are added to it.
	doc string
	// note is the README table's note, short.
	note string
}

type settingGroup int

const (
	groupOrg settingGroup = iota
	groupBaseURL
	groupCredential
	groupTuning
)

type settingKind int

const (
	kindString settingKind = iota
	kindNumber
	kindList // a list of strings; comma-separated in the environment
)

// Setting names, as attributes.
const (
	attrOrgName        = "org_name"
	attrBaseURL        = "base_url"
	attrOrgURL         = "org_url"
	attrAPIToken       = "api_token"
	attrAccessToken    = "access_token"
	attrClientID       = "client_id"
	attrPrivateKey     = "private_key"
	attrPrivateKeyID   = "private_key_id"
	attrScopes         = "scopes"
	attrDPoP           = "dpop"
	attrMaxRetries     = "max_retries"
	attrRequestTimeout = "request_timeout"
	attrMaxAPICapacity = "max_api_capacity"
	attrMaxConcurrent  = "max_concurrent_requests"

	defaultBaseURL = "okta.com"
)

// settingDefs are the provider's settings and their environment variables:
// those the official okta/okta provider reads for the same settings, and
// OKTA_ORG_URL, OKTA_API_DPOP, OKTA_MAX_RETRIES, OKTA_REQUEST_TIMEOUT and
// OKTA_MAX_CONCURRENT_REQUESTS, which are this provider's own.
var settingDefs = []settingDef{
	{attr: attrOrgName, env: "OKTA_ORG_NAME", group: groupOrg,
		doc:  "The org's name: the first label of its domain, `acme` for `acme.okta.com`. Used with `base_url` when `org_url` is not set.",
		note: "With `base_url`, when `org_url` is not set."},
	{attr: attrBaseURL, env: "OKTA_BASE_URL", group: groupBaseURL, def: defaultBaseURL,
		doc:  "The org's domain after its name: `okta.com`, `oktapreview.com` or `okta-emea.com`.",
		note: "`oktapreview.com`, `okta-emea.com`, ..."},
	{attr: attrOrgURL, env: "OKTA_ORG_URL", group: groupOrg,
		doc: "The org's full URL, such as `https://acme.okta.com` or a custom domain. Wins over `org_name` and `base_url`. " +
			"Must be `https`, except for a loopback host (`127.0.0.0/8`, `::1`, `localhost`) such as a local test org.",
		note: "Wins over `org_name` and `base_url`."},
	{attr: attrAPIToken, env: "OKTA_API_TOKEN", group: groupCredential, sensitive: true,
		doc:  "An Okta API token, sent as `Authorization: SSWS <token>`. One of three ways to sign in.",
		note: "Sign in with an API token (SSWS)."},
	{attr: attrAccessToken, env: "OKTA_ACCESS_TOKEN", group: groupCredential, sensitive: true,
		doc: "An OAuth 2.0 access token for the Okta management API, sent as `Authorization: Bearer <token>`. It needs " +
			"`okta.appGrants.manage` to manage app grants and `okta.users.read` to read user grants. One of three ways to sign in.",
		note: "Sign in with an OAuth access token minted elsewhere."},
	{attr: attrClientID, env: "OKTA_API_CLIENT_ID", group: groupCredential,
		doc: "The client ID of an OAuth 2.0 service app that signs in with `private_key` (client credentials, " +
			"`private_key_jwt`): the way Okta recommends for automation. The provider gets its own access tokens and renews them.",
		note: "Sign in as an OAuth service app, with `private_key`."},
	{attr: attrPrivateKey, env: "OKTA_API_PRIVATE_KEY", group: groupCredential, sensitive: true,
		doc: "The service app's private key: PEM (PKCS#1 or PKCS#8, RSA or EC) or JWK text, or the path of a file " +
			"holding it. RSA keys sign RS256, EC keys ES256/384/512.",
		note: "PEM or JWK text, or a file path."},
	{attr: attrPrivateKeyID, env: "OKTA_API_PRIVATE_KEY_ID", group: groupCredential,
		doc:  "The `kid` of the service app's public key that matches `private_key`. Optional when the app has one key.",
		note: "The key's `kid`; optional with one key."},
	{attr: attrScopes, env: "OKTA_API_SCOPES", group: groupCredential, kind: kindList,
		def: strings.Join(okta.DefaultScopes, ", "),
		doc: "The OAuth scopes the service app asks for; Okta refuses a scope not granted to the app. The default " +
			"covers the resources and data sources; add `okta.apps.read` for the `okta_app_grant` list resource " +
			"across the org and `okta.users.manage` for the `okta_revoke_user_grants` action.",
		note: "Comma-separated in the environment."},
	{attr: attrDPoP, env: "OKTA_API_DPOP", group: groupCredential, def: "auto", oneOf: []string{"auto", "force", "off"},
		doc: "Whether the service app's tokens are bound to a key with DPoP proofs (RFC 9449): `auto` uses DPoP " +
			"when the app requires it (Okta says so when the provider asks for a token), `force` always, `off` never.",
		note: "`auto`, `force` or `off`."},
	{attr: attrMaxRetries, env: "OKTA_MAX_RETRIES", group: groupTuning, kind: kindNumber, def: "5", lo: 0, hi: 100,
		doc:  "How many times a request is sent again after a rate-limit answer (429), a server error (5xx) or a network error. `0` disables retries.",
		note: "`0` disables retries."},
	{attr: attrRequestTimeout, env: "OKTA_REQUEST_TIMEOUT", group: groupTuning, kind: kindNumber, def: "60", lo: 0, hi: 300,
		doc:  "Seconds each attempt of a request may take. `0` means no limit.",
		note: "Seconds per attempt. `0` means no limit."},
	{attr: attrMaxAPICapacity, env: "MAX_API_CAPACITY", group: groupTuning, kind: kindNumber, def: "100", lo: 1, hi: 100,
		doc: "The percentage of each Okta rate-limit bucket this provider may use, leaving the rest to other clients " +
			"of the org. The provider paces its requests to stay within it.",
		note: "Percent of each rate-limit bucket to use."},
	{attr: attrMaxConcurrent, env: "OKTA_MAX_CONCURRENT_REQUESTS", group: groupTuning, kind: kindNumber,
		def: strconv.Itoa(okta.DefaultMaxInFlight), lo: 1, hi: 75,
		doc: "The most requests this provider has in flight at once, over every resource of a run. Okta caps " +
			"the requests in flight per org (75 by default, 35 on some plans, 15 on free developer orgs) and " +
			"answers one more with a 429; the provider halves its own cap on such an answer and grows it back slowly. " +
			"Keep it below the org's cap minus what other clients of the org send at once.",
		note: "Requests in flight at once, for the whole run."},
}

// settingsSchema is the provider block's attributes, from settingDefs.
func settingsSchema() map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{}
	for _, d := range settingDefs {
		desc := d.doc
		if d.kind == kindNumber {
			desc += fmt.Sprintf(" From %d to %d.", d.lo, d.hi)
		}
		if d.def != "" {
			desc += " Default: `" + d.def + "`."
		}
		desc += " Environment variable: `" + d.env + "`"
		if d.kind == kindList {
			desc += " (comma-separated)"
		}
		desc += "."
		switch d.kind {
		case kindNumber:
			attrs[d.attr] = schema.Int64Attribute{MarkdownDescription: desc, Optional: true,
				Validators: []validator.Int64{int64validator.Between(int64(d.lo), int64(d.hi))}}
		case kindList:
			attrs[d.attr] = schema.ListAttribute{MarkdownDescription: desc, Optional: true, ElementType: types.StringType}
		default:
			var v []validator.String
			if d.oneOf != nil {
				v = append(v, stringvalidator.OneOf(d.oneOf...))
			}
			attrs[d.attr] = schema.StringAttribute{MarkdownDescription: desc, Optional: true, Sensitive: d.sensitive, Validators: v}
		}
	}
	return attrs
}

// setting is one setting's value and where it came from.
type setting struct {
	value string
	// source names where it came from, for messages.
	source string
	// inBlock is set for a value of the provider block.
	inBlock bool
	unknown bool
}

func (s setting) set() bool { return s.value != "" }

// blockSettings reads the provider block: every setting that is set, by
// attribute. A number is kept as its decimal text, a list as its values
// joined by commas.
func blockSettings(ctx context.Context, config tfsdk.Config) (map[string]setting, diag.Diagnostics) {
	out := map[string]setting{}
	var diags diag.Diagnostics
	for _, d := range settingDefs {
		var v interface {
			IsNull() bool
			IsUnknown() bool
		}
		var text func() string
		switch d.kind {
		case kindNumber:
			var n types.Int64
			diags.Append(config.GetAttribute(ctx, path.Root(d.attr), &n)...)
			v, text = n, func() string { return strconv.FormatInt(n.ValueInt64(), 10) }
		case kindList:
			var l []types.String
			var raw types.List
			diags.Append(config.GetAttribute(ctx, path.Root(d.attr), &raw)...)
			if !raw.IsNull() && !raw.IsUnknown() {
				diags.Append(raw.ElementsAs(ctx, &l, false)...)
			}
			v, text = raw, func() string {
				var parts []string
				for _, s := range l {
					parts = append(parts, s.ValueString())
				}
				return strings.Join(parts, ",")
			}
		default:
			var s types.String
			diags.Append(config.GetAttribute(ctx, path.Root(d.attr), &s)...)
			v, text = s, s.ValueString
		}
		switch {
		case v.IsUnknown():
			out[d.attr] = setting{unknown: true, inBlock: true}
		case !v.IsNull() && strings.TrimSpace(text()) != "":
			out[d.attr] = setting{value: strings.TrimSpace(text()), source: "`" + d.attr + "`", inBlock: true}
		}
	}
	return out, diags
}

func defOf(attr string) settingDef {
	for _, d := range settingDefs {
		if d.attr == attr {
			return d
		}
	}
	panic("no provider setting " + attr)
}

func envSetting(env string, lookup func(string) (string, bool)) setting {
	if e, ok := lookup(env); ok && strings.TrimSpace(e) != "" {
		return setting{value: strings.TrimSpace(e), source: "the " + env + " environment variable"}
	}
	return setting{}
}

// resolvedValues applies the environment to the block, group by group.
func resolvedValues(block map[string]setting, lookup func(string) (string, bool)) map[string]setting {
	blockHas := map[settingGroup]bool{}
	for _, d := range settingDefs {
		if block[d.attr].set() {
			blockHas[d.group] = true
		}
	}
	out := map[string]setting{}
	for _, d := range settingDefs {
		switch {
		case block[d.attr].set():
			out[d.attr] = block[d.attr]
		case d.group == groupTuning || !blockHas[d.group]:
			out[d.attr] = envSetting(d.env, lookup)
		}
	}
	return out
}

// number resolves a number setting: the block's, the environment's, or
// the default.
func (s *settings) number(attr string, v setting) int {
	d := defOf(attr)
	def, _ := strconv.Atoi(d.def)
	if !v.set() {
		return def
	}
	n, err := strconv.Atoi(v.value)
	if err != nil || n < d.lo || n > d.hi {
		s.diags.AddAttributeError(path.Root(attr), "Invalid "+d.env+" environment variable",
			fmt.Sprintf("%s is %q, but `%s` must be a whole number from %d to %d.", d.env, v.value, attr, d.lo, d.hi))
		return def
	}
	return n
}

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
