#!/usr/bin/env bash
# Runs the Playwright suite against a freshly started server built by scripts/dev/build.sh
# (release by default: only a release build catches a wasm-opt that breaks hydration).
# Usage: scripts/system/e2e.sh [release|dev] [playwright args…]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$ROOT"
mode="${1:-release}"; shift || true
bin="$CARGO_TARGET_DIR/graphjobs-$mode"
port="${E2E_PORT:-3917}"
data=$(mktemp -d "${TMPDIR:-/tmp}/graphjobs-e2e.XXXXXX")
log="$data/server.log"
# A real S3-protocol server on loopback (s3s, SigV4) for the dump → visualization journey.
cargo build --quiet -p server --example s3_loopback
"$CARGO_TARGET_DIR/debug/examples/s3_loopback" dumps >"$data/s3.out" 2>"$data/s3.log" &
s3=$!
server=""
cleanup() {
  for p in $server $s3; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 100); do [ -s "$data/s3.out" ] && break; sleep 0.1; done
read -r s3_endpoint s3_ak s3_sk <"$data/s3.out" || { echo "e2e: the S3 server did not start" >&2; cat "$data/s3.log" >&2; exit 1; }
# --compute-processes: the run form's executor choice (rerun.spec.ts) runs distributed jobs.
"$bin" serve --addr "127.0.0.1:$port" --data-dir "$data" --demo --site-root "$SITE_ROOT" \
  --compute-processes 2 \
  --obs-endpoint "$s3_endpoint" --obs-path-style true --obs-access-key "$s3_ak" --obs-secret-key "$s3_sk" \
  >"$log" 2>&1 &
server=$!
token=$("$bin" token create --project demo --data-dir "$data" | tail -n 1)
# A token for two projects, for the console's project switcher.
multi_token=$("$bin" token create --project demo --project sandbox --data-dir "$data" | tail -n 1)
# A viewer's and an operator's token, for the roles journey.
viewer_token=$("$bin" token create --project demo --role viewer --data-dir "$data" | tail -n 1)
operator_token=$("$bin" token create --project demo --role operator --data-dir "$data" | tail -n 1)
base="http://127.0.0.1:$port"
# Wait until the demo graph is imported (its job list answers 200 once the graph exists).
for _ in $(seq 1 120); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $token" "$base/ges/v1.0/demo/graphs/movie/jobs/status" || true)
  [ "$code" = 200 ] && break
  sleep 0.5
done
if [ "$code" != 200 ]; then echo "e2e: demo graph never became ready; server log:" >&2; cat "$log" >&2; exit 1; fi
cd end2end
status=0
BASE_URL="$base" GRAPHJOBS_TOKEN="$token" GRAPHJOBS_MULTI_TOKEN="$multi_token" \
  GRAPHJOBS_VIEWER_TOKEN="$viewer_token" GRAPHJOBS_OPERATOR_TOKEN="$operator_token" E2E_DATA_DIR="$data" S3_BUCKET=dumps S3_AK="$s3_ak" S3_SK="$s3_sk" \
  npx playwright test "$@" 2>&1 | tee "$data/playwright.out" || status=$?
# A panic in a server worker can cut a response short without failing a test (the browser may
# have what it needs by then); the suite fails on any.
panicked=0
grep -q "panicked at" "$log" && panicked=1 && status=1
if [ "$status" != 0 ]; then
  # The server log first and the causes last: CI keeps only the end of the output.
  echo "e2e: failed; the server log's last 60 lines:" >&2
  tail -n 60 "$log" >&2
  if [ "$panicked" = 1 ]; then
    echo "e2e: the server panicked during the suite:" >&2
    # sed, not head: an early-closing reader would end this script under pipefail.
    grep -A 12 "panicked at" "$log" | sed -n 1,60p >&2 || true
  fi
  echo "e2e: the failing tests (Playwright's report of each, then its summary):" >&2
  sed -n '/^  1) \[/,$p' "$data/playwright.out" |
    grep -v -E '^ +(attachment|test-results/|Usage:|npx playwright show-trace|─)' | sed -n 1,150p >&2 || true
fi
exit "$status"
