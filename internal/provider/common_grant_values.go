// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// grantFields are what every grant data source reports of a grant: what
// okta_app_grants reports of each of its grants, and the grant's issuer,
// scope and expanded scope.
type grantFields struct {
	heldGrant
	Issuer  types.String `tfsdk:"issuer"`
	ScopeID types.String `tfsdk:"scope_id"`
	Scope   types.Object `tfsdk:"scope"`
}

// listedGrant is one element of a `grants` list.
type listedGrant struct {
	grantFields
	UserID types.String `tfsdk:"user_id"`
}

func newGrantFields(g okta.Grant) grantFields {
	return grantFields{
		heldGrant: newHeldGrant(g),
		Issuer:    optionalString(g.Issuer),
		ScopeID:   optionalString(g.ScopeID),
		Scope:     scopeValue(g.Scope),
	}
}

// grantDescriptions describe the attributes of a grant that okta_app_grant
// and the grant data sources share word for word. (status, source and
// client_id say more of an app grant in okta_app_grant.)
var grantDescriptions = struct {
	ID, Created, LastUpdated, CreatedBy, CreatedByID, CreatedByType string
}{
	ID:            "The grant's ID, like `oag1abcd2EFGH3ijk4l5`.",
	Created:       "When the grant was made (RFC 3339, UTC).",
	LastUpdated:   "When the grant last changed (RFC 3339, UTC).",
	CreatedBy:     "Who made the grant.",
	CreatedByID:   "The ID of the user or app that made the grant.",
	CreatedByType: "What made the grant, such as `User`.",
}

// grantAttributes describe grantFields, and the consenting user's user_id
// when withUserID is set (for lists that mix app and user grants).
func grantAttributes(withUserID bool) map[string]schema.Attribute {
	computed := func(description string) schema.Attribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	attrs := map[string]schema.Attribute{
		"id":     computed(grantDescriptions.ID),
		"status": computed("`ACTIVE` or `REVOKED`."),
		"source": computed("`ADMIN` for a scope an admin granted an app, `END_USER` for a user's consent."),
		"issuer": computed("The authorization server the grant is for: the org URL for Okta scopes, a custom " +
			"authorization server's issuer (`https://acme.okta.com/oauth2/aus...`) for its scopes."),
		"scope_id":     computed("The scope: an Okta scope name like `okta.users.read`, or a custom scope's ID like `scpCmCCV1DpxVkCaye2X`."),
		"client_id":    computed("The OAuth client (app) the grant is for."),
		"created":      computed(grantDescriptions.Created),
		"last_updated": computed(grantDescriptions.LastUpdated),
		"created_by": schema.SingleNestedAttribute{
			MarkdownDescription: grantDescriptions.CreatedBy,
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"id":   computed(grantDescriptions.CreatedByID),
				"type": computed(grantDescriptions.CreatedByType),
			},
		},
		"scope": schema.SingleNestedAttribute{
			MarkdownDescription: "The scope itself, when `expand_scope` is true; null otherwise. Okta documents only the scope's `id` in this expansion: the other attributes are filled when Okta sends them and null when it does not.",
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"id":           computed("The scope's ID."),
				"name":         computed("The scope's name, like `okta.users.read` or `orders:read`, when Okta sends it."),
				"display_name": computed("The name users see on the consent screen, when Okta sends it."),
				"description":  computed("What the scope allows, when Okta sends it."),
			},
		},
	}
	if withUserID {
		attrs["user_id"] = computed("The user who consented, for `END_USER` grants; null for app grants.")
	}
	return attrs
}

func expandScopeAttribute() schema.Attribute {
	return schema.BoolAttribute{
		MarkdownDescription: "Whether to fetch each grant's scope (`expand=scope`) into `scope`. Default: `false`.",
		Optional:            true,
	}
}

func grantsListAttribute(description string) schema.Attribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: description,
		Computed:            true,
		NestedObject:        schema.NestedAttributeObject{Attributes: grantAttributes(true)},
	}
}

// grantFieldTypes are the attribute types of grantFields.
var grantFieldTypes = withAttrTypes(heldGrantType.AttrTypes, map[string]attr.Type{
	"issuer":   types.StringType,
	"scope_id": types.StringType,
	"scope":    types.ObjectType{AttrTypes: scopeAttrTypes},
})

var listedGrantType = types.ObjectType{AttrTypes: withAttrTypes(grantFieldTypes, map[string]attr.Type{
	"user_id": types.StringType,
})}

// withAttrTypes is base with more attribute types.
func withAttrTypes(base, more map[string]attr.Type) map[string]attr.Type {
	all := maps.Clone(base)
	maps.Copy(all, more)
	return all
}

// grantsList is grants as a list value in a stable order (creation time, then ID);
// no grants is an empty list, not null.
func grantsList(ctx context.Context, grants []okta.Grant) (types.List, diag.Diagnostics) {
	sorted := slices.SortedStableFunc(slices.Values(grants), byCreation)
	items := make([]listedGrant, 0, len(sorted))
	for _, g := range sorted {
		items = append(items, listedGrant{grantFields: newGrantFields(g), UserID: optionalString(g.UserID)})
	}
	return types.ListValueFrom(ctx, listedGrantType, items)
}

// byCreation orders grants as Okta made them: by creation time, then ID.
func byCreation(a, b okta.Grant) int {
	return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
}

// heldGrant is what okta_app_grant and the grant data sources report of
// a grant beside its scope.
type heldGrant struct {
	ID          types.String `tfsdk:"id"`
	Status      types.String `tfsdk:"status"`
	Source      types.String `tfsdk:"source"`
	ClientID    types.String `tfsdk:"client_id"`
	Created     types.String `tfsdk:"created"`
	LastUpdated types.String `tfsdk:"last_updated"`
	CreatedBy   types.Object `tfsdk:"created_by"`
}

var heldGrantType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":           types.StringType,
	"status":       types.StringType,
	"source":       types.StringType,
	"client_id":    types.StringType,
	"created":      types.StringType,
	"last_updated": types.StringType,
	"created_by":   types.ObjectType{AttrTypes: actorAttrTypes},
}}

func newHeldGrant(g okta.Grant) heldGrant {
	return heldGrant{
		ID:          types.StringValue(g.ID),
		Status:      optionalString(g.Status),
		Source:      optionalString(g.Source),
		ClientID:    optionalString(g.ClientID),
		Created:     timestampValue(g.Created),
		LastUpdated: timestampValue(g.LastUpdated),
		CreatedBy:   actorValue(g.CreatedBy),
	}
}

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
