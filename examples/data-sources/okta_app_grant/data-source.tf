# Copyright (c) The terraform-provider-okta authors
# SPDX-License-Identifier: MPL-2.0

data "okta_app_grant" "users_read" {
  app_id   = "0oa1abcd2EFGH3ijk4l5"
  grant_id = "oag1abcd2EFGH3ijk4l5"
}
