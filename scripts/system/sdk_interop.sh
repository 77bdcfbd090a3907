#!/usr/bin/env bash
# Interop: the official Huawei Cloud Python SDKs (from PyPI, unmodified) against a freshly
# started graphjobs server, signing with AK/SK. Usage: scripts/system/sdk_interop.sh [release|dev]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$ROOT"
mode="${1:-release}"
bin="$CARGO_TARGET_DIR/graphjobs-$mode"
if ! python3 -c 'import huaweicloudsdkges, huaweicloudsdkbms, huaweicloudsdkcts, pytest, openapi_spec_validator' 2>/dev/null; then
  echo "sdk: pip install huaweicloudsdkges huaweicloudsdkbms huaweicloudsdkcts pytest openapi-spec-validator"
  python3 -m pip install -q --disable-pip-version-check huaweicloudsdkges huaweicloudsdkbms huaweicloudsdkcts pytest openapi-spec-validator
fi
port="${SDK_PORT:-3918}"
data=$(mktemp -d "${TMPDIR:-/tmp}/graphjobs-sdk.XXXXXX")
"$bin" serve --addr "127.0.0.1:$port" --data-dir "$data" --demo --site-root "$SITE_ROOT" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
token=$("$bin" token create --project demo --data-dir "$data" | tail -n 1)
read -r ak sk < <("$bin" keys create --project demo --data-dir "$data" | tail -n 1)
base="http://127.0.0.1:$port"
job=""
for _ in $(seq 1 120); do
  job=$(curl -s -H "X-Auth-Token: $token" "$base/v2/demo/graphs/jobs?status=success" \
        | python3 -c 'import json,sys; l=json.load(sys.stdin).get("job_list") or []; print(l[0]["job_id"] if l else "")' 2>/dev/null || true)
  [ -n "$job" ] && break
  sleep 0.5
done
[ -n "$job" ] || { echo "sdk: the demo import never succeeded" >&2; cat "$data/server.log" >&2; exit 1; }
GJ_ENDPOINT="$base" GJ_DATA_DIR="$data" GJ_PROJECT=demo GJ_AK="$ak" GJ_SK="$sk" GJ_IMPORT_JOB="$job" \
  python3 -m pytest -q -p no:cacheprovider server/tests/sdk
