// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// The bases every resource, data source, action and list resource embeds, as
// terraform-provider-aws's internal/framework does: each names its type
// and takes the client Configure hands out, so that a new one writes only
// its schema and its Read, Invoke or List.

// dataSourceBase is embedded by every data source.
type dataSourceBase struct {
	// typeName follows the provider's name: "_app_grant".
	typeName string
	client   *okta.Client
}

func (b *dataSourceBase) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.typeName
}

func (b *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// actionBase is embedded by every action.
type actionBase struct {
	typeName string
	client   *okta.Client
}

func (b *actionBase) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.typeName
}

func (b *actionBase) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	b.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// resourceBase is embedded by every resource.
type resourceBase struct {
	typeName string
	client   *okta.Client
	// walk is what the resources of this Terraform walk share.
	walk *planWalk
}

func (b *resourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.typeName
}

func (b *resourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if b.walk = walkFrom(req.ProviderData, &resp.Diagnostics); b.walk != nil {
		b.client = b.walk.client
	}
}

// listResourceBase is embedded by every list resource; typeName is the
// resource type it lists.
type listResourceBase struct {
	typeName string
	client   *okta.Client
}

func (b *listResourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.typeName
}

func (b *listResourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// Attributes the data sources share.

const (
	appIDDoc   = "The app's ID (its OAuth client ID), like `0oa1abcd2EFGH3ijk4l5`."
	userIDDoc  = "The user's ID, like `00u1abcd2EFGH3ijk4l5`. Okta documents `me` (the signed-in user) only for an active user session, not for API tokens or service apps: give the ID."
	grantIDDoc = "The grant's ID, like `oag1abcd2EFGH3ijk4l5`."
)

// idAttribute is a required or optional Okta ID.
func idAttribute(doc string, required bool) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: doc,
		Required:            required,
		Optional:            !required,
		Validators:          []validator.String{oktaIDValidator()},
	}
}

func appIDAttribute() schema.StringAttribute   { return idAttribute(appIDDoc, true) }
func userIDAttribute() schema.StringAttribute  { return idAttribute(userIDDoc, true) }
func grantIDAttribute() schema.StringAttribute { return idAttribute(grantIDDoc, true) }
