# Copyright (c) The terraform-provider-okta authors
# SPDX-License-Identifier: MPL-2.0

# By the app's ID: the resource then holds every scope the app has.
terraform import okta_app_grants.pipeline 0oa6mnop7QRST8uvw9x0
