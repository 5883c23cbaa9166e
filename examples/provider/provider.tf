terraform {
  required_providers {
    okta = {
      source  = "oktagrants/okta"
      version = "~> 0.1"
    }
  }
}

# Keep credentials out of configuration: in a CI pipeline, set
#   OKTA_ORG_URL=https://acme.okta.com   (or OKTA_ORG_NAME=acme, OKTA_BASE_URL=okta.com)
#   OKTA_API_TOKEN=...                    (or OKTA_ACCESS_TOKEN=...)
# and leave the provider block empty.
provider "okta" {}

# Every setting can also be given here.
provider "okta" {
  alias     = "explicit"
  org_name  = "acme"
  base_url  = "oktapreview.com"
  api_token = var.okta_api_token

  max_retries      = 5  # after 429s, 5xx and network errors; 0 disables retries
  request_timeout  = 60 # seconds per attempt; 0 means no limit
  max_api_capacity = 50 # use at most half of each rate-limit bucket
}

variable "okta_api_token" {
  type      = string
  sensitive = true
}
