#!/usr/bin/env bash
# Copyright (c) The terraform-provider-okta authors
# SPDX-License-Identifier: MPL-2.0

# make testacc-org-fake: `make testacc-org` exactly as a maintainer runs it
# against a real org, against the standalone fake org started as a process
# of its own (internal/fakeokta/cmd/fakeokta), and the sweeper tested by
# leaving a grant behind on purpose: `make sweep` must revoke it, and only
# it.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
fake_pid=
cleanup() {
  if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null || true; wait "$fake_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/fakeokta" ./internal/fakeokta/cmd/fakeokta
token="testacc-org-$RANDOM$RANDOM"
"$work/fakeokta" -listen 127.0.0.1:0 -api-token "$token" -url-file "$work/url" -seed >"$work/fakeokta.log" 2>&1 &
fake_pid=$!
for _ in $(seq 100); do
  [ -s "$work/url" ] && break
  sleep 0.1
done
if [ ! -s "$work/url" ]; then
  echo "testacc-org-fake: the fake org did not start within 10 s:" >&2
  cat "$work/fakeokta.log" >&2
  exit 1
fi

export OKTA_ORG_URL
OKTA_ORG_URL=$(cat "$work/url")
export OKTA_API_TOKEN=$token
export OKTA_TEST_APP_ID=0oademo0pipeline0001 # the seeded demo's CI pipeline app
export OKTA_TEST_USER_ID=00udemo0alice0000001 # the seeded demo's Alice, who consented
export OKTA_TEST_REVOKE_USER_GRANTS=1         # the fake's grants: seeded again on the next run
# The state dir of this run alone: the real org's runs keep theirs.
export OKTA_RATE_LIMIT_STATE_DIR=$work/state
echo "testacc-org-fake: fake org at $OKTA_ORG_URL (pid $fake_pid)"

make testacc-org

# A run interrupted before its destroy leaves a grant of a swept scope on
# the test app: the sweeper revokes it, and leaves the app's other grants.
api() { curl -fsS -H "Authorization: SSWS $token" -H 'Accept: application/json' "$@"; }
held() { api "$OKTA_ORG_URL/api/v1/apps/$OKTA_TEST_APP_ID/grants" | jq -r '[.[] | select(.status == "ACTIVE") | .scopeId] | sort | join(" ")'; }
grant() {
  api -X POST -H 'Content-Type: application/json' -d "{\"issuer\": \"$OKTA_ORG_URL\", \"scopeId\": \"$1\"}" \
    "$OKTA_ORG_URL/api/v1/apps/$OKTA_TEST_APP_ID/grants" >/dev/null
}
grant okta.users.read # not the tests': the sweeper must keep it
before=$(held)
grant okta.logs.read # left behind
left=$(held)
if [ "$left" = "$before" ]; then
  echo "testacc-org-fake: leaving okta.logs.read behind on the test app did not take" >&2
  exit 1
fi
make --no-print-directory sweep
after=$(held)
if [ "$after" != "$before" ]; then
  echo "testacc-org-fake: after make sweep the test app holds [$after], want [$before] (left behind: okta.logs.read)" >&2
  exit 1
fi
echo "testacc-org-fake: make sweep revoked the grant left behind (okta.logs.read) and kept [$before]"
