# The scopes each service app may use, applied from CI. The app IDs and
# scopes are the configuration; the credential comes from the CI's secret
# store through OKTA_API_* variables.
variable "app_id" {
  description = "The service app whose scopes this pipeline manages."
  type        = string
}

resource "okta_app_grants" "ci" {
  app_id    = var.app_id
  scope_ids = ["okta.users.read", "okta.groups.read"]
}
