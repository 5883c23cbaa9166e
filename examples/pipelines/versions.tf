terraform {
  required_version = ">= 1.7"
  required_providers {
    okta = {
      source  = "oktagrants/okta"
      version = "~> 0.1"
    }
  }
}

# OKTA_ORG_URL, OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY (and, with more
# than one key on the app, OKTA_API_PRIVATE_KEY_ID) come from the pipeline.
provider "okta" {}
