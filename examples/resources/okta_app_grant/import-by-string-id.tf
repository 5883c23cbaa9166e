# Terraform 1.5 and later: adopt an existing grant with an import block.
# `terraform plan -generate-config-out=grants.tf` writes the resource block.
import {
  to = okta_app_grant.users_read
  id = "0oa1abcd2EFGH3ijk4l5/okta.users.read"
}
