# Move an app's scopes from the official provider's okta_app_oauth_api_scope
# (one resource holding a set of scopes) to this provider's okta_app_grants
# (one resource holding a set of scopes too), without revoking or granting
# anything: one removed block and one import per app. This replaces:
#
#   resource "okta_app_oauth_api_scope" "pipeline" {
#     app_id = var.app_id
#     issuer = var.org_url
#     scopes = ["okta.apps.read", "okta.groups.read", "okta.users.read"]
#   }
#
#   terraform plan    ->  Plan: 1 to import, 0 to add, 0 to change, 0 to destroy,
#                         and okta_app_oauth_api_scope.pipeline "will no longer
#                         be managed by Terraform" (its grants stay in Okta).
#   terraform apply
#
# Then delete the removed and import blocks.

variable "app_id" {
  description = "The app whose scopes move."
  type        = string
}

# Forget the old resource without destroying it: destroying it would revoke
# every scope it held.
removed {
  from = okta_app_oauth_api_scope.pipeline

  lifecycle {
    destroy = false
  }
}

# Adopt every grant of the app, by app ID.
import {
  provider = oktagrants
  to       = okta_app_grants.pipeline
  id       = var.app_id
}

resource "okta_app_grants" "pipeline" {
  provider = oktagrants

  app_id    = var.app_id
  scope_ids = ["okta.apps.read", "okta.groups.read", "okta.users.read"]
}
