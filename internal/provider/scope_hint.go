// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"strings"
)

// oktaScopeResources are the resources of Okta's management API scopes
// (okta.<resource>.read and .manage). The list only suggests a spelling
// after Okta refused a scope: a name missing from it still goes to Okta,
// which adds scopes with every release.
var oktaScopeResources = []string{
	"agentPools", "apiTokens", "appGrants", "apps", "apps.features", "authenticators", "authorizationServers",
	"behaviors", "brands", "captchas", "clients", "customizations", "deviceAssurance", "devices",
	"directories", "domains", "emailDomains", "emailServers", "eventHooks", "features", "groups",
	"identitySources", "idps", "inlineHooks", "linkedObjects", "logStreams", "oauthIntegrations", "orgs",
	"policies", "principalRateLimits", "profileMappings", "pushProviders", "rateLimits", "realms",
	"riskEvents", "riskProviders", "roles", "schemas", "securityEvents", "sessions", "templates",
	"threatInsights", "trustedOrigins", "uischemas", "userTypes", "users", "workflows",
}

var oktaReadOnlyScopes = []string{"okta.logs.read", "okta.reports.read", "okta.certificates.read", "okta.users.read.self", "okta.idps.read.metadata"}

func knownOktaScopes() []string {
	scopes := append([]string(nil), oktaReadOnlyScopes...)
	for _, r := range oktaScopeResources {
		scopes = append(scopes, "okta."+r+".read", "okta."+r+".manage")
	}
	return scopes
}

// scopeSuggestion is "did you mean okta.users.read?" for a misspelt Okta
// scope name such as okta.user.read, or "" when nothing known is close.
func scopeSuggestion(scope string) string {
	if !strings.HasPrefix(scope, "okta.") {
		return ""
	}
	best, bestDistance := "", 3 // at most two edits away
	for _, known := range knownOktaScopes() {
		if known == scope {
			return ""
		}
		if d := editDistance(strings.ToLower(scope), strings.ToLower(known)); d < bestDistance {
			best, bestDistance = known, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("Did you mean %s? (%s is not an Okta scope this provider knows of; Okta's list of scopes: https://developer.okta.com/docs/api/oauth2/)", best, scope)
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
