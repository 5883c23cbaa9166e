# Every scope an app holds, however it was granted.
data "okta_app_grants" "pipeline" {
  app_id = "0oa1abcd2EFGH3ijk4l5"
}

output "pipeline_scopes" {
  value = sort([for g in data.okta_app_grants.pipeline.grants : g.scope_id])
}
