# By the scope's name: <app_id>/<scope_id>
terraform import okta_app_grant.users_read 0oa1abcd2EFGH3ijk4l5/okta.users.read

# By the grant's ID: <app_id>/<grant_id>
terraform import okta_app_grant.users_read 0oa1abcd2EFGH3ijk4l5/oag1abcd2EFGH3ijk4l5
