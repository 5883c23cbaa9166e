# Copyright (c) The terraform-provider-okta authors
# SPDX-License-Identifier: MPL-2.0

# The headers scripts/headers.sh checks (make lint), in the form of
# HashiCorp's copywrite tool, which the HashiCorp providers use.
schema_version = 1

project {
  license          = "MPL-2.0"
  copyright_holder = "The terraform-provider-okta authors"
  copyright_year   = 2026

  header_ignore = [
    ".changes/**",
    "docs/**",
    "templates/**",
    "**/*.md",
    "**/*.json",
  ]
}
