// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/actionvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

var (
	_ action.ActionWithConfigure        = (*revokeUserGrantsAction)(nil)
	_ action.ActionWithConfigValidators = (*revokeUserGrantsAction)(nil)
)

// NewRevokeUserGrantsAction is the okta_revoke_user_grants action: revoke
// what a user consented to, all of it, one client's, some scopes' or one
// grant.
func NewRevokeUserGrantsAction() action.Action {
	return &revokeUserGrantsAction{actionBase{typeName: "_revoke_user_grants"}}
}

type revokeUserGrantsAction struct {
	actionBase
}

type revokeUserGrantsModel struct {
	UserID   types.String `tfsdk:"user_id"`
	ClientID types.String `tfsdk:"client_id"`
	GrantID  types.String `tfsdk:"grant_id"`
	ScopeIDs types.Set    `tfsdk:"scope_ids"`
}

func (a *revokeUserGrantsAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Revokes OAuth 2.0 scope consent grants a user gave (`END_USER` grants): all of them, " +
			"those given to one client (`client_id`), those of some scopes (`scope_ids`), or one grant (`grant_id`). " +
			"Offboarding an app revokes every user's consent for its client; incident response revokes one user's grants. " +
			"It reports each grant it revokes, and succeeds when nothing is left to revoke. Needs Terraform 1.14 or later: " +
			"`terraform apply -invoke=action.okta_revoke_user_grants.NAME`, or an `action_trigger` in a resource's `lifecycle`.",
		Attributes: map[string]schema.Attribute{
			"user_id": schema.StringAttribute{
				MarkdownDescription: "The user's ID, like `00u1abcd2EFGH3ijk4l5`.",
				Required:            true,
				Validators:          []validator.String{oktaIDValidator()},
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "Revoke only the grants the user gave this OAuth client (the app's client ID).",
				Optional:            true,
				Validators:          []validator.String{oktaIDValidator()},
			},
			"grant_id": schema.StringAttribute{
				MarkdownDescription: "Revoke only this grant, like `oag1abcd2EFGH3ijk4l5`. Conflicts with `client_id` and `scope_ids`.",
				Optional:            true,
				Validators:          []validator.String{oktaIDValidator()},
			},
			"scope_ids": schema.SetAttribute{
				MarkdownDescription: "Revoke only the grants of these scopes (with `client_id`, of these scopes for that client). " +
					"Okta has no call for this: the user's grants are listed, then each matching one revoked.",
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
				},
			},
		},
	}
}

func (a *revokeUserGrantsAction) ConfigValidators(context.Context) []action.ConfigValidator {
	return []action.ConfigValidator{
		actionvalidator.Conflicting(path.MatchRoot("grant_id"), path.MatchRoot("client_id")),
		actionvalidator.Conflicting(path.MatchRoot("grant_id"), path.MatchRoot("scope_ids")),
	}
}

func (a *revokeUserGrantsAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	ctx, reportWaitsTo := reportWaits(ctx, a.client, "action.okta_revoke_user_grants")
	defer reportWaitsTo(&resp.Diagnostics)
	var m revokeUserGrantsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var scopes []string
	resp.Diagnostics.Append(m.ScopeIDs.ElementsAs(ctx, &scopes, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r := revocation{client: a.client, userID: m.UserID.ValueString(), clientID: m.ClientID.ValueString(), progress: resp.SendProgress}
	if m.GrantID.ValueString() != "" {
		r.revokeOne(ctx, m.GrantID.ValueString(), &resp.Diagnostics)
		return
	}
	r.revokeListed(ctx, scopes, &resp.Diagnostics)
}

// revocation revokes grants of one user, reporting as it goes.
type revocation struct {
	client           *okta.Client
	userID, clientID string
	progress         func(action.InvokeProgressEvent)
}

func (r revocation) say(format string, args ...any) {
	if r.progress != nil {
		r.progress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
	}
}

// revokeOne revokes one grant; a grant already gone is success.
func (r revocation) revokeOne(ctx context.Context, grantID string, diags *diag.Diagnostics) {
	err := r.client.RevokeUserGrant(ctx, r.userID, grantID)
	switch {
	case okta.IsNotFound(err) && notFoundKind(err) == "OAuth2ScopeConsentGrant":
		r.say("Grant %s of user %s: already revoked, nothing to do", grantID, r.userID)
	case okta.IsNotFound(err):
		addUserGrantsNotFound(diags, err, r.userID, "", grantID)
	case err != nil:
		addOktaError(diags, fmt.Sprintf("Could not revoke grant %s of user %s", grantID, r.userID), err, nil)
	default:
		r.say("Revoked grant %s of user %s (1 grant)", grantID, r.userID)
	}
}

// revokeListed lists the user's grants (for that client, if any) and
// revokes them: with one call when all are to go, grant by grant when
// only some scopes' are.
func (r revocation) revokeListed(ctx context.Context, scopes []string, diags *diag.Diagnostics) {
	grants, ok := userGrants(ctx, r.client, r.userID, userGrantsFilter{ClientID: r.clientID}, diags)
	if !ok {
		return
	}
	if len(scopes) > 0 {
		grants = slices.DeleteFunc(grants, func(g okta.Grant) bool { return !slices.Contains(scopes, g.ScopeID) })
	}
	what := r.describe(scopes)
	if len(grants) == 0 {
		r.say("%s: none to revoke", what)
		return
	}
	if len(scopes) > 0 {
		r.revokeEach(ctx, grants, what, diags)
		return
	}
	var err error
	if r.clientID != "" {
		err = r.client.RevokeUserClientGrants(ctx, r.userID, r.clientID)
	} else {
		err = r.client.RevokeUserGrants(ctx, r.userID)
	}
	if err != nil && !okta.IsNotFound(err) {
		addOktaError(diags, fmt.Sprintf("Could not revoke %s", what), err, nil)
		return
	}
	r.say("Revoked %s: %d grant(s): %s", what, len(grants), grantIDs(grants))
}

// revokeEach revokes grants one by one, as many at once as the rate
// limiter lets through; a grant revoked meanwhile by someone else counts
// as revoked.
func (r revocation) revokeEach(ctx context.Context, grants []okta.Grant, what string, diags *diag.Diagnostics) {
	var revoked []okta.Grant
	ops := make([]concurrentOp, len(grants))
	for i, g := range grants {
		ops[i] = func() (func(), diag.Diagnostics) {
			err := r.client.RevokeUserGrant(ctx, r.userID, g.ID)
			if err != nil && !okta.IsNotFound(err) {
				var d diag.Diagnostics
				addOktaError(&d, fmt.Sprintf("Could not revoke grant %s (%s) of user %s", g.ID, g.ScopeID, r.userID), err, nil)
				return nil, d
			}
			return func() {
				revoked = append(revoked, g)
				r.say("Revoked grant %s (%s) of user %s", g.ID, g.ScopeID, r.userID)
			}, nil
		}
	}
	diags.Append(runConcurrently(ctx, fmt.Sprintf("The run was interrupted before every grant of %s was revoked: "+
		"invoke the action again to revoke what is left.", what), ops)...)
	slices.SortFunc(revoked, func(a, b okta.Grant) int { return strings.Compare(a.ID, b.ID) })
	r.say("Revoked %s: %d of %d grant(s): %s", what, len(revoked), len(grants), grantIDs(revoked))
}

func (r revocation) describe(scopes []string) string {
	what := "the grants of user " + r.userID
	if r.clientID != "" {
		what += " to client " + r.clientID
	}
	if len(scopes) > 0 {
		what += " for " + strings.Join(scopes, ", ")
	}
	return what
}

func grantIDs(grants []okta.Grant) string {
	ids := make([]string, len(grants))
	for i, g := range grants {
		ids[i] = g.ID
	}
	return strings.Join(ids, ", ")
}
