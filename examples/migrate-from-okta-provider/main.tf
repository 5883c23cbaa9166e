# Move an app's scopes from the official provider's okta_app_oauth_api_scope
# (one resource holding a set of scopes) to this provider's okta_app_grants
# (one resource holding a set of scopes too), without revoking or granting
# anything: one moved block per app (Terraform 1.8 or later). This replaces:
#
#   resource "okta_app_oauth_api_scope" "pipeline" {
#     app_id = var.app_id
#     issuer = var.org_url
#     scopes = ["okta.apps.read", "okta.groups.read", "okta.users.read"]
#   }
#
#   terraform plan    ->  okta_app_oauth_api_scope.pipeline has moved to
#                         okta_app_grants.pipeline; Plan: 0 to add, 0 to
#                         change, 0 to destroy (the scopes are unchanged).
#   terraform apply   ->  records the move and the grants' IDs; no request
#                         to Okta grants or revokes anything.
#
# Then the moved block may stay (it documents the move) or go.

variable "app_id" {
  description = "The app whose scopes move."
  type        = string
}

moved {
  from = okta_app_oauth_api_scope.pipeline
  to   = okta_app_grants.pipeline
}

resource "okta_app_grants" "pipeline" {
  provider = oktagrants

  app_id    = var.app_id
  scope_ids = ["okta.apps.read", "okta.groups.read", "okta.users.read"]
}
