#!/usr/bin/env bash
# Copyright (c) The terraform-provider-okta authors
# SPDX-License-Identifier: MPL-2.0

# make lint: every source file carries the copyright and license header, as
# the HashiCorp providers' files do. The file patterns and exceptions below
# are the one list of which files. `scripts/headers.sh fix` adds it where it
# is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

holder='Copyright (c) The terraform-provider-okta authors'
spdx='SPDX-License-Identifier: MPL-2.0'
missing=()
while IFS= read -r f; do
  case "$f" in
    # .changes: changelog entries. examples: tfplugindocs copies them verbatim
    # into docs/, where a header would open every published example.
    .changes/* | examples/*) continue ;;
  esac
  grep -q "$spdx" "$f" && continue
  if [[ "${1:-}" != fix ]]; then
    missing+=("$f")
    continue
  fi
  case "$f" in
    *.go) c='//' ;;
    *) c='#' ;;
  esac
  header="$c $holder"$'\n'"$c $spdx"
  if [[ "$(head -c2 "$f")" == '#!' ]]; then
    { head -n1 "$f"; echo "$header"; tail -n +2 "$f"; } >"$f.tmp"
  else
    { echo "$header"; echo; cat "$f"; } >"$f.tmp"
  fi
  chmod --reference="$f" "$f.tmp"
  mv "$f.tmp" "$f"
done < <(git ls-files --cached --others --exclude-standard '*.go' '*.tf' '*.sh' '*.yml' '*.yaml' '*.hcl' GNUmakefile .ci/run)

if ((${#missing[@]})); then
  echo "missing the copyright header (scripts/headers.sh fix adds it):" >&2
  printf '  %s\n' "${missing[@]}" >&2
  exit 1
fi
