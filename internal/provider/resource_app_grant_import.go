// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

const importIDForms = "Use one of:\n\n" +
	"  <app_id>/<scope_id>   by the scope's name: 0oa1abcd2EFGH3ijk4l5/okta.users.read\n" +
	"  <app_id>/<grant_id>   by the grant's ID:   0oa1abcd2EFGH3ijk4l5/oag1abcd2EFGH3ijk4l5"

func (r *appGrantResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, diags := importRef(ctx, req)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	appID, ref, ok := strings.Cut(id, "/")
	if !ok || strings.Contains(ref, "/") || okta.CheckID("app ID", appID) != nil || okta.CheckID("grant", ref) != nil {
		what := "an okta_app_grant import ID"
		if req.ID == "" {
			what = "an okta_app_grant identity (app_id and scope_id: Okta IDs without '/')"
		}
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%q is not %s. %s", id, what, importIDForms))
		return
	}
	grants, ok := grantsToImport(ctx, r.client, appID, fmt.Sprintf("there is no grant %q to import.", ref), &resp.Diagnostics)
	if !ok {
		return
	}
	i := slices.IndexFunc(grants, func(g okta.Grant) bool {
		return g.Held() && (g.ID == ref || g.ScopeID == ref)
	})
	if i < 0 {
		resp.Diagnostics.AddError("Grant not found", fmt.Sprintf("App %s holds no grant with the ID or scope %q. %s", appID, ref, describeGrants(grants)))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("app_id"), appID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), grants[i].ID)...)
}

// grantsToImport are the grants of the app an import names; nothing says
// what there is not to import when Okta has no such app.
func grantsToImport(ctx context.Context, client *okta.Client, appID, nothing string, diags *diag.Diagnostics) ([]okta.Grant, bool) {
	grants, err := client.AppGrantSnapshot(ctx, appID)
	if okta.IsNotFound(err) {
		diags.AddError("App not found", unknownAppDetail(appID, err)+"\n\nSo "+nothing)
		return nil, false
	}
	if err != nil {
		addOktaError(diags, fmt.Sprintf("Could not read the grants of app %s", appID), err, nil)
		return nil, false
	}
	return grants, true
}

func describeGrants(grants []okta.Grant) string {
	if len(grants) == 0 {
		return "The app holds no grants."
	}
	var lines []string
	for _, g := range grants {
		lines = append(lines, fmt.Sprintf("  %s  %s", g.ScopeID, g.ID))
	}
	slices.Sort(lines)
	return "Its grants are (scope, grant ID):\n\n" + strings.Join(lines, "\n")
}
