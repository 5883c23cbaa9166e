# Take over every scope an app already holds, without writing grant IDs:
#
#   terraform plan    ->  Plan: N to import, 0 to add, 0 to change, 0 to destroy.
#   terraform apply   ->  the grants are now managed by Terraform; nothing is
#                         revoked or granted again.
#
# Afterwards you may replace local.held_scopes with a literal list of the
# scopes the app should hold, and delete the import block and the data source.

variable "app_id" {
  description = "The app whose existing grants Terraform takes over."
  type        = string
}

data "okta_app_grants" "existing" {
  app_id = var.app_id
}

locals {
  # scope name => grant, for every scope the app holds today.
  held_scopes = { for g in data.okta_app_grants.existing.grants : g.scope_id => g if g.status == "ACTIVE" }
}

import {
  for_each = local.held_scopes
  to       = okta_app_grant.this[each.key]
  id       = "${var.app_id}/${each.value.id}"
}

resource "okta_app_grant" "this" {
  for_each = local.held_scopes

  app_id   = var.app_id
  scope_id = each.key
}
