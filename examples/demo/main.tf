# The demo configuration `make demo` applies to the fake Okta org. The app
# IDs are those of the demo org that `go run ./internal/fakeokta/cmd/fakeokta`
# serves; make demo sets OKTA_ORG_URL and OKTA_API_TOKEN.

terraform {
  required_providers {
    okta = {
      source  = "oktagrants/okta"
      version = "~> 0.1"
    }
  }
}

provider "okta" {}

variable "pipeline_app_id" {
  description = "The CI pipeline's service app."
  type        = string
  default     = "0oademo0pipeline0001"
}

variable "reporting_app_id" {
  description = "The reporting service's app."
  type        = string
  default     = "0oademo0reporting001"
}

# What the CI pipeline may do through the Okta API, one grant per scope.
resource "okta_app_grant" "pipeline" {
  for_each = toset(["okta.apps.read", "okta.groups.read", "okta.users.read"])

  app_id   = var.pipeline_app_id
  scope_id = each.key
}

resource "okta_app_grant" "reporting_users" {
  app_id   = var.reporting_app_id
  scope_id = "okta.users.read"
}

# Granted in the Okta console before Terraform came: make demo imports it.
resource "okta_app_grant" "reporting_logs" {
  app_id   = var.reporting_app_id
  scope_id = "okta.logs.read"
}

output "grants" {
  description = "Every grant Terraform manages, scope => grant ID, by app."
  value = {
    (var.pipeline_app_id)  = { for g in okta_app_grant.pipeline : g.scope_id => g.id }
    (var.reporting_app_id) = { for g in [okta_app_grant.reporting_users, okta_app_grant.reporting_logs] : g.scope_id => g.id }
  }
}
