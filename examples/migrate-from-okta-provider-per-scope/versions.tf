terraform {
  # removed blocks and import blocks with for_each need Terraform 1.7 or later.
  required_version = ">= 1.7"
  required_providers {
    # The official provider keeps managing apps, users and the rest, and
    # must stay installed until the move is applied: the state names it.
    # Both providers name their resources okta_*, so this one gets another
    # local name and its resources say `provider = oktagrants`.
    okta = {
      source = "okta/okta"
    }
    oktagrants = {
      source  = "oktagrants/okta"
      version = "~> 0.1"
    }
  }
}

provider "okta" {}
provider "oktagrants" {}
