# Every grant of every app of the org:
#   terraform query -generate-config-out=grants.tf
#   terraform plan    # N to import, 0 to add, 0 to change, 0 to destroy
list "okta_app_grant" "all" {
  provider         = okta
  include_resource = true
}

# One app's grants of some scopes.
list "okta_app_grant" "pipeline" {
  provider = okta
  config {
    app_id    = "0oa1abcd2EFGH3ijk4l5"
    scope_ids = ["okta.users.read", "okta.groups.read"]
  }
}
