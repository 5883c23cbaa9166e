# Incident response: revoke everything a user consented to.
#   terraform apply -invoke=action.okta_revoke_user_grants.alice
action "okta_revoke_user_grants" "alice" {
  config {
    user_id = "00u1abcd2EFGH3ijk4l5"
  }
}

# Offboarding an app: revoke what a user gave its client, or only some of
# its scopes.
action "okta_revoke_user_grants" "alice_reporting_orders" {
  config {
    user_id   = "00u1abcd2EFGH3ijk4l5"
    client_id = "0oa1abcd2EFGH3ijk4l5"
    scope_ids = ["scp1abcd2EFGH3ijk4l5"]
  }
}

# Run it when something else changes, from a resource's lifecycle.
resource "terraform_data" "offboarded" {
  input = "alice left on 2026-11-30"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.okta_revoke_user_grants.alice]
    }
  }
}
