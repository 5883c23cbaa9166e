data "okta_app_grant" "users_read" {
  app_id   = "0oa1abcd2EFGH3ijk4l5"
  grant_id = "oag1abcd2EFGH3ijk4l5"
}
