# Let a service app read users through the Okta API.
resource "okta_app_grant" "users_read" {
  app_id   = "0oa1abcd2EFGH3ijk4l5"
  scope_id = "okta.users.read"
}

# One resource per scope: adding or removing a scope touches only its grant.
resource "okta_app_grant" "pipeline" {
  for_each = toset(["okta.apps.read", "okta.groups.manage", "okta.users.read"])

  app_id   = "0oa6mnop7QRST8uvw9x0"
  scope_id = each.key
}
