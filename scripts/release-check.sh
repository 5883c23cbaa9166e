#!/usr/bin/env bash
# Copyright (c) The terraform-provider-okta authors
# SPDX-License-Identifier: MPL-2.0
# make release-check: proves .goreleaser.yml builds the release the Terraform
# Registry expects, without publishing or signing anything.
#
# 1. `goreleaser check` validates the configuration.
# 2. `goreleaser release --snapshot` builds every target into a temp dir.
# 3. The result is checked against the Registry's layout: one
#    terraform-provider-okta_{version}_{os}_{arch}.zip per target holding
#    terraform-provider-okta_v{version}, a _SHA256SUMS file listing every zip
#    and the _manifest.json with protocol 6.0, and checksums that match.
set -euo pipefail
cd "$(dirname "$0")/.."

goreleaser=${GORELEASER:-bin/tools/goreleaser}
if [ ! -x "$goreleaser" ]; then
  echo "release-check: $goreleaser is missing: run make tools" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$goreleaser" check --config .goreleaser.yml

# The same configuration, building into the temp dir; the `go mod tidy` hook
# must not rewrite the working tree's go.mod in a check.
{
  sed '/^before:/,/^[a-z]/{/^before:/d;/^  /d}' .goreleaser.yml
  printf '\ndist: %s\n' "$work/dist"
} >"$work/goreleaser.yml"
"$goreleaser" release --snapshot --clean --skip=sign,publish --config "$work/goreleaser.yml" >"$work/goreleaser.log" 2>&1 || {
  tail -n 40 "$work/goreleaser.log" >&2
  exit 1
}

dist=$work/dist
sums=$(find "$dist" -maxdepth 1 -name 'terraform-provider-okta_*_SHA256SUMS')
if [ -z "$sums" ]; then
  echo "release-check: no _SHA256SUMS in $dist" >&2
  exit 1
fi
version=$(basename "$sums" _SHA256SUMS)
version=${version#terraform-provider-okta_}
fail() {
  echo "release-check: $*" >&2
  exit 1
}

# The release uploads terraform-registry-manifest.json under this name
# (release.extra_files), and SHA256SUMS lists it (checksum.extra_files).
manifest=terraform-provider-okta_${version}_manifest.json
grep -q '"6.0"' terraform-registry-manifest.json || fail "terraform-registry-manifest.json does not declare protocol 6.0"
grep -q " $manifest\$" "$sums" || fail "$sums does not list $manifest"
cp terraform-registry-manifest.json "$dist/$manifest"

# The targets of the scaffolding-framework template, without windows/arm.
want=(darwin_amd64 darwin_arm64 freebsd_386 freebsd_amd64 freebsd_arm freebsd_arm64
  linux_386 linux_amd64 linux_arm linux_arm64 windows_386 windows_amd64 windows_arm64)
for target in "${want[@]}"; do
  zip=terraform-provider-okta_${version}_${target}.zip
  [ -f "$dist/$zip" ] || fail "missing $zip"
  grep -q " $zip\$" "$sums" || fail "$sums does not list $zip"
  binary=terraform-provider-okta_v${version}
  [ "${target%%_*}" = windows ] && binary=$binary.exe
  unzip -Z1 "$dist/$zip" | grep -qx "$binary" || fail "$zip does not hold $binary"
done
zips=$(find "$dist" -maxdepth 1 -name '*.zip' | wc -l)
[ "$zips" -eq "${#want[@]}" ] || fail "$zips zips, want ${#want[@]}"
(cd "$dist" && sha256sum --quiet -c "$(basename "$sums")") || fail "checksums do not match"

echo "release-check: ok: $zips zips for version $version, SHA256SUMS and manifest (protocol 6.0) in the Registry's layout"
