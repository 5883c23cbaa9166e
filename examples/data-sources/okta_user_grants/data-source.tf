# Everything a user consented to, with the scopes' names and descriptions.
data "okta_user_grants" "alice" {
  user_id      = "00u1abcd2EFGH3ijk4l5"
  expand_scope = true
}

# Only what the user gave one app, for one scope.
data "okta_user_grants" "alice_reporting_profile" {
  user_id   = "00u1abcd2EFGH3ijk4l5"
  client_id = "0oa1abcd2EFGH3ijk4l5"
  scope_id  = "scpCmCCV1DpxVkCaye2X"
}

output "alice_consented_to" {
  value = [for g in data.okta_user_grants.alice.grants : "${g.client_id}: ${g.scope.name}"]
}
