#!/usr/bin/env bash
# Console page load with 10,000 jobs in the store, in headless Chromium (Debian's).
# Usage: bench/console_load.sh [runs=15]   (needs `scripts/dev/build.sh release` first; no cargo here)
#  1. Starts the release server on a fresh data dir with --demo and waits for the demo import;
#     makes a second project `other` holding one job (the reference).
#  2. Restarts it with --workers 0 so submitted jobs stay queued, and submits 10,000 pagerank
#     jobs over the GES REST API (16 at a time, alpha varied: identical in-flight requests are
#     deduplicated to one job); checks the job list total.
#  3. bench/console_load.mjs: cold navigations (new context each) to /jobs, /jobs?page=500,
#     /jobs?state=queued&q=pagerank and, as the reference, /jobs of the 1-job project and
#     /signin, and /jobs again with JavaScript off (first paint without running the wasm);
#     first contentful paint, first table row in the DOM, hydration; then the same
#     documents fetched without a browser (the server alone). Prints a
#     markdown table and writes bench/out/console_load.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$ROOT"
runs="${1:-15}"
jobs=10000
bin="$CARGO_TARGET_DIR/graphjobs-release"
[ -x "$bin" ] && [ -f "$SITE_ROOT/pkg/console.wasm" ] || { echo "console_load: run scripts/dev/build.sh release first" >&2; exit 1; }
data=$(mktemp -d "${TMPDIR:-/tmp}/graphjobs-console-load.XXXXXX")
port="${CONSOLE_LOAD_PORT:-3937}"
base="http://127.0.0.1:$port"
server=""
stop() { [ -n "$server" ] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }; server=""; }
trap 'stop; rm -rf "$data"' EXIT
start() {
  "$bin" serve --addr "127.0.0.1:$port" --data-dir "$data" --site-root "$SITE_ROOT" "$@" >>"$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -sf -o /dev/null "$base/health" && return 0; sleep 0.1; done
  echo "console_load: the server did not start; log:" >&2; cat "$data/server.log" >&2; exit 1
}
started=$(date +%s)
start --demo
token=$("$bin" token create --project demo --data-dir "$data" | tail -n 1)
ref_token=$("$bin" token create --project other --data-dir "$data" | tail -n 1)
api() { curl -s -H 'Content-Type: application/json' "$@"; }
# The demo import has finished once the graph's job list answers 200 and its only job succeeded.
for _ in $(seq 1 240); do
  api -H "X-Auth-Token: $token" "$base/ges/v1.0/demo/graphs/movie/jobs/status" | grep -q '"status":"success"' && break
  sleep 0.5
done
api -H "X-Auth-Token: $token" "$base/ges/v1.0/demo/graphs/movie/jobs/status" | grep -q '"status":"success"' \
  || { echo "console_load: the demo import did not finish" >&2; tail -n 50 "$data/server.log" >&2; exit 1; }
# The reference project's one job: an import of files that do not exist (below the data dir,
# an allowed import root), which fails at once.
none="file://$data/none"
api -H "X-Auth-Token: $ref_token" -X POST "$base/ges/v1.0/other/graphs/ref/action?action_id=import-graph" \
  -d "{\"schemaPath\":\"$none/schema.xml\",\"vertexsetPath\":\"$none/v.csv\",\"edgesetPath\":\"$none/e.csv\"}" \
  | grep -q '"jobId":"[^"]' || { echo "console_load: the reference job was refused" >&2; exit 1; }
for _ in $(seq 1 50); do
  api -H "X-Auth-Token: $ref_token" "$base/v2/other/graphs/jobs?limit=5" | grep -q '"status":"failed"' && break
  sleep 0.1
done
stop
start --workers 0 --queue-limit 20000
echo "console_load: submitting $jobs pagerank jobs (workers 0, so they stay queued)"
BASE=$base TOKEN=$token JOBS=$jobs python3 - <<'EOF'
import http.client, json, os, threading, time
from concurrent.futures import ThreadPoolExecutor
host, port = os.environ["BASE"].removeprefix("http://").split(":")
token, n = os.environ["TOKEN"], int(os.environ["JOBS"])
local = threading.local()
def submit(i):
    conn = getattr(local, "conn", None) or http.client.HTTPConnection(host, int(port), timeout=30)
    local.conn = conn
    body = json.dumps({"algorithmName": "pagerank", "parameters": {"alpha": round(0.5 + i * 1e-5, 5)}})
    conn.request("POST", "/ges/v1.0/demo/graphs/movie/action?action_id=execute-algorithm", body,
                 {"X-Auth-Token": token, "Content-Type": "application/json"})
    r = conn.getresponse()
    out = json.loads(r.read())
    if r.status != 200 or not out.get("jobId"):
        raise SystemExit(f"submission {i}: HTTP {r.status} {out}")
    return out["jobId"]
t0 = time.time()
with ThreadPoolExecutor(16) as pool:
    ids = set(pool.map(submit, range(n)))
if len(ids) != n:
    raise SystemExit(f"console_load: {n} submissions gave {len(ids)} distinct jobs")
print(f"console_load: {n} jobs submitted in {time.time() - t0:.1f} s")
EOF
total=$(api -H "X-Auth-Token: $token" "$base/ges/v1.0/demo/graphs/movie/jobs/status?limit=1" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalCount"])')
ref_total=$(api -H "X-Auth-Token: $ref_token" "$base/v2/other/graphs/jobs?limit=1" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_count"])')
echo "console_load: project demo holds $total jobs ($jobs + the demo import); project other: $ref_total"
[ "$total" = $((jobs + 1)) ] && [ "$ref_total" = 1 ] || { echo "console_load: expected $((jobs + 1)) and 1 jobs" >&2; exit 1; }
mkdir -p bench/out
cd end2end
BASE=$base TOKEN=$token REF_TOKEN=$ref_token RUNS=$runs EXPECT_TOTAL="$total" \
  OUT="$ROOT/bench/out/console_load.json" node ../bench/console_load.mjs
echo "console_load: machine $(nproc) cores, load average $(uptime | sed 's/.*load average: //'), $(($(date +%s) - started)) s in all"
