# Every app of the org that holds grants, one okta_app_grants each:
#   terraform query -generate-config-out=grants.tf
#   terraform plan    # N to import, 0 to add, 0 to change, 0 to destroy
list "okta_app_grants" "all" {
  provider         = okta
  include_resource = true
}

# One app.
list "okta_app_grants" "pipeline" {
  provider = okta
  config {
    app_id = "0oa6mnop7QRST8uvw9x0"
  }
}
