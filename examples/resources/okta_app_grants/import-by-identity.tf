# Terraform 1.12 and later: import by the resource's identity, the app.
# `terraform query` (Terraform 1.14+, the okta_app_grants list resource)
# writes these blocks for a whole org.
import {
  to = okta_app_grants.pipeline
  identity = {
    app_id = "0oa6mnop7QRST8uvw9x0"
  }
}
