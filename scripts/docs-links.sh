#!/usr/bin/env bash
# Copyright (c) The terraform-provider-okta authors
# SPDX-License-Identifier: MPL-2.0
# Fails on a relative link to a .md file in the docs (make docs-links, part of
# make test): the Terraform Registry serves docs pages without the .md suffix,
# so such a link is a 404 there. Link to another page with the Registry's
# form instead:
#   https://registry.terraform.io/providers/oktagrants/okta/latest/docs/resources/app_grant
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-docs}
# ](target) where target is not absolute (no scheme, no leading /) and ends
# in .md, with or without an #anchor.
if bad=$(grep -rnE '\]\((\.{0,2}/)?[A-Za-z0-9_.-][^):]*\.md(#[^)]*)?\)' "$dir"); then
  echo "docs-links: relative .md links in $dir/ are 404s on the Terraform Registry:" >&2
  echo "$bad" >&2
  echo "docs-links: link to https://registry.terraform.io/providers/oktagrants/okta/latest/docs/<kind>/<name> instead (fix templates/ or the schema descriptions, then make docs)" >&2
  exit 1
fi
echo "docs-links: no relative .md links in $dir/"
