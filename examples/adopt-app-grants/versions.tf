terraform {
  # for_each in import blocks needs Terraform 1.7 or later.
  required_version = ">= 1.7"
  required_providers {
    okta = {
      source  = "oktagrants/okta"
      version = "~> 0.1"
    }
  }
}

# OKTA_ORG_URL and OKTA_API_TOKEN (or OKTA_ACCESS_TOKEN) come from the environment.
provider "okta" {}
