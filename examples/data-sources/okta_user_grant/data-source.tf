data "okta_user_grant" "consent" {
  user_id      = "00u1abcd2EFGH3ijk4l5"
  grant_id     = "oag1abcd2EFGH3ijk4l5"
  expand_scope = true
}
