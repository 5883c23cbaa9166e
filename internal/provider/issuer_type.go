// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var (
	_ basetypes.StringTypable                    = issuerType{}
	_ basetypes.StringValuableWithSemanticEquals = issuerValue{}
)

// issuerType is a string holding an issuer URL. Two spellings of the same
// issuer (https://Acme.okta.com/, https://acme.okta.com) are semantically
// equal, so that what Okta answers never shows as a change of what the
// configuration says.
type issuerType struct {
	basetypes.StringType
}

func (t issuerType) Equal(o attr.Type) bool {
	other, ok := o.(issuerType)
	return ok && t.StringType.Equal(other.StringType)
}

func (t issuerType) String() string { return "issuerType" }

func (t issuerType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return issuerValue{StringValue: in}, nil
}

func (t issuerType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return issuerValue{StringValue: s}, nil
}

func (t issuerType) ValueType(context.Context) attr.Value { return issuerValue{} }

type issuerValue struct {
	basetypes.StringValue
}

func newIssuerValue(s string) issuerValue {
	return issuerValue{StringValue: basetypes.NewStringValue(s)}
}

func (v issuerValue) Equal(o attr.Value) bool {
	other, ok := o.(issuerValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

func (v issuerValue) Type(context.Context) attr.Type { return issuerType{} }

func (v issuerValue) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := newValuable.(issuerValue)
	if !ok || v.IsNull() || v.IsUnknown() || other.IsNull() || other.IsUnknown() {
		return false, nil
	}
	return okta.SameIssuer(v.ValueString(), other.ValueString()), nil
}
