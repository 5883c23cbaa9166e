#!/usr/bin/env bash
# Copyright (c) The terraform-provider-okta authors
# SPDX-License-Identifier: MPL-2.0
# make demo: build the provider, start a fake Okta org, and run real
# Terraform (or OpenTofu) against it: import a grant made before Terraform,
# apply the rest, show them, re-plan (nothing to do), sign in as an OAuth
# service app with a private key and DPoP instead of the API token and
# re-plan (still nothing to do), destroy as that app. Needs Go and
# Terraform or OpenTofu only; works offline; stops the fake org whatever
# happens. TERRAFORM names the CLI (make demo TERRAFORM=/path/to/tofu);
# the default is the terraform on PATH.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tf=${TERRAFORM:-terraform}
command -v "$tf" >/dev/null || { echo "demo: $tf is not an executable (set TERRAFORM to a Terraform or OpenTofu CLI)" >&2; exit 1; }
tf_name=$(basename "$tf")
command -v go >/dev/null || { echo "demo: go is not on PATH" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/okta-grants-demo.XXXXXX")
fake_pid=""
cleanup() {
  status=$?
  if [ -n "$fake_pid" ] && kill -0 "$fake_pid" 2>/dev/null; then
    kill "$fake_pid" 2>/dev/null || true
    wait "$fake_pid" 2>/dev/null || true
    echo "demo: stopped the fake Okta org"
  fi
  rm -rf "$work"
  if [ "$status" -ne 0 ]; then
    echo "demo: FAILED (exit $status)" >&2
  fi
  exit "$status"
}
trap cleanup EXIT INT TERM

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
# run prints a command as a person would type it (the CLI by its name), then runs it.
run() {
  local shown=("$@")
  [ "$1" = "$tf" ] && shown[0]=$tf_name
  printf '$ %s\n' "${shown[*]}"
  "$@"
}
# expect_empty_plan plans again and stops the demo if the plan is not empty.
expect_empty_plan() {
  local status=0
  "$tf" plan -detailed-exitcode -no-color || status=$?
  case $status in
    0) echo "demo: $1" ;;
    2) echo "demo: the re-plan wants changes: that is a bug" >&2; exit 1 ;;
    *) exit "$status" ;;
  esac
}

step "Building the provider and the fake Okta org"
mkdir -p "$work/bin" "$work/config"
(cd "$root" && go build -o "$work/bin/terraform-provider-okta" . && go build -o "$work/bin/fakeokta" ./internal/fakeokta/cmd/fakeokta)

step "Starting the fake Okta org (a demo org: 3 service apps, 2 users, one grant made in the console)"
token="demo-$(date +%s)-$RANDOM"
# The org also has a service app that requires DPoP, signing in with a key
# pair the fake makes for the demo (the second half signs in with it).
service_app=0oademo0terraform001
"$work/bin/fakeokta" -listen 127.0.0.1:0 -api-token "$token" -url-file "$work/org-url" \
  -oauth-client-id "$service_app" -oauth-key-out "$work/service-app-key.pem" -require-dpop &
fake_pid=$!
for _ in $(seq 1 100); do
  [ -s "$work/org-url" ] && break
  kill -0 "$fake_pid" 2>/dev/null || { echo "demo: the fake Okta org did not start" >&2; exit 1; }
  sleep 0.1
done
[ -s "$work/org-url" ] || { echo "demo: the fake Okta org did not start in 10s" >&2; exit 1; }

# The CLI uses the provider just built instead of the registry's. The
# override's address has no host, like the configuration's source: both
# resolve to the CLI's own registry (registry.terraform.io for Terraform,
# registry.opentofu.org for OpenTofu), so the one override serves both.
cat >"$work/terraformrc" <<EOF
provider_installation {
  dev_overrides {
    "oktagrants/okta" = "$work/bin"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
export OKTA_ORG_URL
OKTA_ORG_URL=$(cat "$work/org-url")
export OKTA_API_TOKEN="$token"
# The provider's rate-limit state file for the demo's fake org: not in the
# user's cache directory.
export OKTA_RATE_LIMIT_STATE_DIR="$work/state"
cp "$root"/examples/demo/*.tf "$work/config/"
cd "$work/config"
echo "OKTA_ORG_URL=$OKTA_ORG_URL  (OKTA_API_TOKEN is set too)"
echo "CLI: $("$tf" version | head -n 1) ($tf)"

step "Adopting the grant made in the console: import by app ID and scope name"
run "$tf" import -no-color okta_app_grant.reporting_logs 0oademo0reporting001/okta.logs.read

step "Applying examples/demo: one okta_app_grant per scope"
run "$tf" apply -auto-approve -no-color

step "The grants $tf_name now manages"
run "$tf" state list
run "$tf" output -no-color grants

step "Planning again: nothing to change"
expect_empty_plan "the plan is empty, as it should be"

step "Signing in as an OAuth service app instead (private key, DPoP required): planning again"
unset OKTA_API_TOKEN
export OKTA_API_CLIENT_ID="$service_app" OKTA_API_PRIVATE_KEY="$work/service-app-key.pem"
echo "OKTA_API_CLIENT_ID=$OKTA_API_CLIENT_ID  OKTA_API_PRIVATE_KEY=$OKTA_API_PRIVATE_KEY (a file path)"
expect_empty_plan "signed in as the service app, the plan is empty"

step "Destroying, still as the service app: every grant is revoked"
run "$tf" destroy -auto-approve -no-color

step "Done"
echo "The demo built the provider, imported 1 grant, created 4, re-planned clean with an API token and"
echo "as an OAuth service app (DPoP), and revoked all 5."
