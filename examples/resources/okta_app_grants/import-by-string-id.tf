# Terraform 1.5 and later: adopt every grant of an app with an import block.
# The plan then revokes any scope the app holds that scope_ids leaves out.
import {
  to = okta_app_grants.pipeline
  id = "0oa6mnop7QRST8uvw9x0"
}
