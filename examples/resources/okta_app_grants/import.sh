# By the app's ID: the resource then holds every scope the app has.
terraform import okta_app_grants.pipeline 0oa6mnop7QRST8uvw9x0
