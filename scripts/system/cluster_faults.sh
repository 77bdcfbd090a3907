#!/usr/bin/env bash
# The multi-node fault harness (scripts/system/cluster_faults.py): starts a throwaway PostgreSQL and
# the loopback S3 server, runs the harness against 3 nodes of the release binary, and stops
# both again. Arguments go to the harness (--rounds, --seed, --report).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$ROOT"
source scripts/dev/pg.sh
cargo build --quiet -p server --example s3_loopback
S3_OUT=$(mktemp)
s3_pid=""
cleanup() {
  [ -n "$s3_pid" ] && kill "$s3_pid" 2>/dev/null || true
  pg_stop
  rm -f "$S3_OUT"
}
trap cleanup EXIT
pg_start
"$CARGO_TARGET_DIR/debug/examples/s3_loopback" graphjobs >"$S3_OUT" 2>/dev/null &
s3_pid=$!
for _ in $(seq 100); do [ -s "$S3_OUT" ] && break; sleep 0.1; done
read -r S3_ENDPOINT S3_AK S3_SK <"$S3_OUT"
export S3_PID="$s3_pid" S3_ENDPOINT S3_AK S3_SK PG_BIN
python3 scripts/system/cluster_faults.py "$CARGO_TARGET_DIR/graphjobs-release" "$@"
