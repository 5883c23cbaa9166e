# Move an app's scopes from the official provider's okta_app_oauth_api_scope
# to one okta_app_grant per scope, without revoking or granting anything:
# Terraform forgets the old resource and imports each scope's grant. This
# replaces:
#
#   resource "okta_app_oauth_api_scope" "pipeline" {
#     app_id = var.app_id
#     issuer = var.org_url
#     scopes = ["okta.apps.read", "okta.groups.read", "okta.users.read"]
#   }
#
#   terraform plan    ->  Plan: 3 to import, 0 to add, 0 to change, 0 to destroy,
#                         and okta_app_oauth_api_scope.pipeline "will no longer
#                         be managed by Terraform" (its grants stay in Okta).
#   terraform apply   ->  one request lists the app's grants; none is written.
#
# Then delete the removed and import blocks.

variable "app_id" {
  description = "The app whose scopes move."
  type        = string
}

locals {
  scopes = toset(["okta.apps.read", "okta.groups.read", "okta.users.read"])
}

# Forget the old resource without destroying it: destroying it would revoke
# every scope it held.
removed {
  from = okta_app_oauth_api_scope.pipeline

  lifecycle {
    destroy = false
  }
}

# Adopt each scope's grant, by app ID and scope.
import {
  for_each = local.scopes
  provider = oktagrants
  to       = okta_app_grant.pipeline[each.key]
  id       = "${var.app_id}/${each.key}"
}

resource "okta_app_grant" "pipeline" {
  for_each = local.scopes
  provider = oktagrants

  app_id   = var.app_id
  scope_id = each.key
}
