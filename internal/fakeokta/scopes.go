// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import "strings"

// oktaScopeResources are the resources of Okta's management API scopes;
// each has okta.<resource>.read and okta.<resource>.manage, except the
// read-only ones. Real Okta adds to this list with every release: the
// provider must not rely on it, only the fake does.
var oktaScopeResources = []string{
	"agentPools", "apiTokens", "appGrants", "apps", "authenticators", "authorizationServers",
	"behaviors", "brands", "captchas", "customizations", "deviceAssurance", "devices",
	"directories", "domains", "emailDomains", "emailServers", "eventHooks", "features",
	"groups", "identitySources", "idps", "inlineHooks", "linkedObjects", "logStreams",
	"oauthIntegrations", "orgs", "policies", "principalRateLimits", "profileMappings",
	"pushProviders", "rateLimits", "realms", "riskEvents", "riskProviders", "roles",
	"schemas", "securityEvents", "sessions", "templates", "threatInsights", "trustedOrigins",
	"uischemas", "userTypes", "users", "workflows", "apps.features", "myAccount.email",
	"myAccount.phone", "myAccount.profile", "clients", "groups.appAssignments",
}

var readOnlyScopes = []string{"okta.logs.read", "okta.reports.read", "okta.certificates.read", "okta.users.read.self", "okta.idps.read.metadata"}

// OktaScopes is every Okta scope the fake org knows.
func OktaScopes() []Scope {
	var out []Scope
	for _, r := range oktaScopeResources {
		for _, verb := range []string{"read", "manage"} {
			out = append(out, oktaScope("okta."+r+"."+verb))
		}
	}
	for _, name := range readOnlyScopes {
		out = append(out, oktaScope(name))
	}
	return out
}

func oktaScope(name string) Scope {
	parts := strings.Split(strings.TrimPrefix(name, "okta."), ".")
	verb := parts[len(parts)-1]
	resource := strings.Join(parts[:len(parts)-1], " ")
	action := "read"
	if verb == "manage" {
		action = "manage"
	}
	return Scope{
		ID:          name,
		Name:        name,
		DisplayName: name,
		Description: "Allows the app to " + action + " " + resource + " in your Okta organization.",
	}
}

// holds reports whether a credential's scopes allow the required scope:
// a .manage scope includes its .read when manageReads.
func holds(scopes []string, required string, manageReads bool) bool {
	if scopes == nil {
		return true
	}
	for _, s := range scopes {
		if s == required || (manageReads && strings.HasSuffix(required, ".read") && s == strings.TrimSuffix(required, ".read")+".manage") {
			return true
		}
	}
	return false
}
