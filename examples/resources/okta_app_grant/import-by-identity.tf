# Terraform 1.12 and later: import by the grant's identity, the app and the
# scope. `terraform query` (Terraform 1.14+, the okta_app_grant list
# resource) writes these blocks for a whole org.
import {
  to = okta_app_grant.users_read
  identity = {
    app_id   = "0oa1abcd2EFGH3ijk4l5"
    scope_id = "okta.users.read"
  }
}
