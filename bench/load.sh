#!/usr/bin/env bash
# Load test on loopback with Debian's wrk (issue #7 "Load"). Usage: bench/load.sh [seconds=60]
#  1. GET /health (a trivial axum handler in the same server) for 10 s: the ceiling.
#  2. GET job status of a finished pagerank job (a 100-row page) for 10 s: ratio to (1).
#     (1) and (2) alternate for LOAD_ROUNDS rounds (default 2): wrk shares the machine with the
#     server, so each ratio divides two figures taken next to each other, and the table shows
#     the range over the rounds.
#  3. Mixed for N seconds: 10% pagerank submissions, 5% cancels of submitted jobs, 45% status
#     polls, 40% result pages at random offsets (bench/load.lua).
# Then every job id the server answered with must exist and reach a terminal state, and no
# answer may be a 5xx. Prints a markdown table and writes bench/out/load.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$ROOT"
secs="${1:-60}"
command -v wrk >/dev/null || { echo "load: apt-get install wrk"; apt-get install -y -q wrk >/dev/null; }
cargo build --quiet --release -p server --bin graphjobs
bin="$CARGO_TARGET_DIR/release/graphjobs"
data=$(mktemp -d "${TMPDIR:-/tmp}/graphjobs-load.XXXXXX")
port="${LOAD_PORT:-3931}"
base="http://127.0.0.1:$port"
"$bin" serve --addr "127.0.0.1:$port" --data-dir "$data" --demo --queue-limit 100000 >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
token=$("$bin" token create --project demo --data-dir "$data" | tail -n 1)
api() { curl -s -H "X-Auth-Token: $token" -H 'Content-Type: application/json' "$@"; }
for _ in $(seq 1 200); do
  [ "$(api -o /dev/null -w '%{http_code}' "$base/ges/v1.0/demo/graphs/movie/jobs/status")" = 200 ] && break
  sleep 0.2
done
job=$(api -X POST "$base/ges/v1.0/demo/graphs/movie/action?action_id=execute-algorithm" \
  -d '{"algorithmName":"pagerank","parameters":{}}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobId"])')
for _ in $(seq 1 200); do
  api "$base/ges/v1.0/demo/graphs/movie/jobs/$job/status?limit=1" | grep -q '"status":"success"' && break
  sleep 0.1
done
rows=$(api "$base/ges/v1.0/demo/graphs/movie/jobs/$job/status?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["outputs"]["data_total_size"])')
threads=2 conns=32
rps() { wrk -t$threads -c$conns -d10s "$@" | awk '/Requests\/sec/ {print $2}'; }
rounds="${LOAD_ROUNDS:-2}" health="" status=""
for r in $(seq 1 "$rounds"); do
  echo "load: 1/3 trivial handler (/health), 10 s (round $r of $rounds)"
  health="$health $(rps "$base/health")"
  echo "load: 2/3 job status with a 100-row page, 10 s (round $r of $rounds)"
  status="$status $(rps -H "X-Auth-Token: $token" "$base/ges/v1.0/demo/graphs/movie/jobs/$job/status?offset=1000&limit=100")"
done
echo "load: 3/3 mixed, $secs s"
ids="$data/ids.txt"
mixed=$(GJ_TOKEN=$token GJ_PROJECT=demo GJ_JOB=$job GJ_ROWS=$rows GJ_IDS_OUT=$ids \
  wrk -t$threads -c$conns -d"${secs}s" --timeout 10s -s bench/load.lua "$base" | sed -n 's/^LOAD //p')
mkdir -p bench/out
BASE=$base TOKEN=$token IDS=$ids HEALTH=$health STATUS=$status MIXED=$mixed \
  LOAD=$(uptime | sed 's/.*load average: //') python3 - <<'EOF'
import json, os, time, urllib.request
base, token = os.environ["BASE"], os.environ["TOKEN"]
mixed = json.loads(os.environ["MIXED"])
ids = [l.strip() for l in open(os.environ["IDS"]) if l.strip()]
def status(i):
    req = urllib.request.Request(f"{base}/ges/v1.0/demo/graphs/movie/jobs/{i}/status?limit=1",
                                 headers={"X-Auth-Token": token})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.load(r)["status"]
    except urllib.error.HTTPError as e:
        return f"HTTP {e.code}"
deadline, states = time.time() + 600, {}
pending = list(ids)
while pending and time.time() < deadline:
    states.update({i: status(i) for i in pending})
    pending = [i for i in pending if states[i] in ("pending", "running")]
    if pending:
        time.sleep(1)
lost = [i for i in ids if states.get(i, "").startswith("HTTP")]
stuck = [i for i in ids if states.get(i) in ("pending", "running")]
health = [float(x) for x in os.environ["HEALTH"].split()]
stat = [float(x) for x in os.environ["STATUS"].split()]
ratio = [round(s / h, 3) for s, h in zip(stat, health)]
span = lambda xs, f: f(min(xs)) if len(xs) == 1 or f(min(xs)) == f(max(xs)) else f"{f(min(xs))}–{f(max(xs))}"
rps_text, pct = lambda x: f"{x:,.0f}", lambda x: f"{x:.0%}"
out = {"health_rps": health, "status_rps": stat, "status_over_health": ratio,
       "mixed": mixed, "jobs_checked": len(ids), "lost": len(lost), "stuck": len(stuck),
       "final_states": {s: list(states.values()).count(s) for s in set(states.values())},
       "load_average_after": os.environ["LOAD"], "machine": f"{os.cpu_count()} cores"}
json.dump(out, open("bench/out/load.json", "w"), indent=1)
print(f"""
| measure | figure |
|---|---|
| trivial handler (`/health`), req/s ({len(health)} rounds) | {span(health, rps_text)} |
| job status with a 100-row result page, req/s ({len(stat)} rounds, alternating) | {span(stat, rps_text)} ({span(ratio, pct)} of the trivial handler in the same round) |
| mixed load, req/s over {mixed['seconds']:.0f} s | {mixed['rps']:,.0f} |
| mixed load latency p50 / p99 / max, ms | {mixed['p50_ms']:.2f} / {mixed['p99_ms']:.2f} / {mixed['max_ms']:.1f} |
| jobs submitted / cancels sent | {len(ids):,} / {mixed['cancels_sent']:,} |
| 5xx answers / 429 answers / socket errors | {mixed['http_5xx']} / {mixed['http_429']} / {mixed['socket_errors']} |
| jobs lost / stuck after the run | {len(lost)} / {len(stuck)} |
""")
if lost or stuck or mixed["http_5xx"]:
    raise SystemExit(f"load: FAILED: lost {lost[:5]}, stuck {stuck[:5]}, 5xx {mixed['http_5xx']}")
EOF
