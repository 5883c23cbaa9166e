// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// timestampLayout is how Okta writes times: RFC 3339, UTC, milliseconds.
const timestampLayout = "2006-01-02T15:04:05.000Z"

var (
	actorAttrTypes = map[string]attr.Type{
		"id":   types.StringType,
		"type": types.StringType,
	}
	scopeAttrTypes = map[string]attr.Type{
		"id":           types.StringType,
		"name":         types.StringType,
		"display_name": types.StringType,
		"description":  types.StringType,
	}
)

func timestampValue(t time.Time) types.String {
	if t.IsZero() {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(timestampLayout))
}

// optionalString is null for a field Okta left out or empty.
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func actorValue(a *okta.Actor) types.Object {
	if a == nil {
		return types.ObjectNull(actorAttrTypes)
	}
	return types.ObjectValueMust(actorAttrTypes, map[string]attr.Value{
		"id":   optionalString(a.ID),
		"type": optionalString(a.Type),
	})
}

func scopeValue(s *okta.Scope) types.Object {
	if s == nil {
		return types.ObjectNull(scopeAttrTypes)
	}
	return types.ObjectValueMust(scopeAttrTypes, map[string]attr.Value{
		"id":           optionalString(s.ID),
		"name":         optionalString(s.Name),
		"display_name": optionalString(s.DisplayName),
		"description":  optionalString(s.Description),
	})
}
