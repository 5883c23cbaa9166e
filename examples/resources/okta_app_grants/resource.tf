# The pipeline's service app holds exactly these scopes: a scope granted in
# the Okta console shows in the next plan and is revoked by the apply.
resource "okta_app_grants" "pipeline" {
  app_id    = "0oa6mnop7QRST8uvw9x0"
  scope_ids = ["okta.apps.read", "okta.groups.manage", "okta.users.read"]
}

# Other resources can use each grant's ID, by scope.
output "users_read_grant" {
  value = okta_app_grants.pipeline.grant_ids["okta.users.read"]
}
