#!/usr/bin/env bash
# A local cluster of N graphjobs nodes on one machine: a throwaway PostgreSQL (scripts/dev/pg.sh)
# holding every job, graph and credential, a loopback S3 server (the s3s one the tests use)
# holding graph snapshots and results, and N `graphjobs serve` nodes on consecutive ports from
# 3000 (GRAPHJOBS_PORT to change), each with a data dir of its own that only caches. The first
# node imports the demo graph. Prints the nodes' URLs and a token, then runs until Ctrl-C,
# when everything is stopped and removed.
#
# Usage: scripts/dev/cluster.sh [N] [--console-only K] [-- COMMAND…]
#   N               nodes (default 3)
#   --console-only  the last K nodes run no jobs (`--workers 0`): they serve the API and the
#                   console only, so whatever they show was run by another node
#   -- COMMAND…     instead of waiting for Ctrl-C, run COMMAND once the cluster is up (with
#                   NODE_URLS, GRAPHJOBS_TOKEN and CLUSTER_WORK set), then stop everything;
#                   the exit status is COMMAND's (the test command runs the browser's
#                   cluster journeys so, with GRAPHJOBS_NO_BUILD=1 as it has built already)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$ROOT"
N=3; CONSOLE_ONLY=0; COMMAND=()
while [ $# -gt 0 ]; do
  case "$1" in
    --console-only) CONSOLE_ONLY="${2:-}"; shift 2 ;;
    --) shift; COMMAND=("$@"); break ;;
    *) N="$1"; shift ;;
  esac
done
PORT0="${GRAPHJOBS_PORT:-3000}"
usage="usage: scripts/dev/cluster.sh [N] [--console-only K] [-- COMMAND…]  (N nodes, 1 or more; K < N)"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "$usage" >&2; exit 2; }
[[ "$CONSOLE_ONLY" =~ ^[0-9]+$ ]] && [ "$CONSOLE_ONLY" -lt "$N" ] || { echo "$usage" >&2; exit 2; }

if [ -z "${GRAPHJOBS_NO_BUILD:-}" ]; then
  bash scripts/setup.sh
  bash scripts/dev/build.sh release
fi
cargo build --quiet -p server --example s3_loopback
bin="$CARGO_TARGET_DIR/graphjobs-release"
source scripts/dev/pg.sh

WORK=$(mktemp -d /tmp/graphjobs-cluster.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

pg_start
"$CARGO_TARGET_DIR/debug/examples/s3_loopback" graphjobs >"$WORK/s3.out" 2>"$WORK/s3.log" &
pids+=($!)
for _ in $(seq 100); do [ -s "$WORK/s3.out" ] && break; sleep 0.1; done
read -r S3_ENDPOINT S3_AK S3_SK <"$WORK/s3.out"

export GRAPHJOBS_DATABASE_URL="$GRAPHJOBS_TEST_PG_URL"
export GRAPHJOBS_OBJECT_STORE="s3://graphjobs/cluster"
export GRAPHJOBS_OBS_ENDPOINT="$S3_ENDPOINT"
export GRAPHJOBS_OBS_ACCESS_KEY="$S3_AK" GRAPHJOBS_OBS_SECRET_KEY="$S3_SK"
token=$("$bin" token create --project demo --data-dir "$WORK/node1" | tail -n 1)

# Node 1 alone first, until the demo graph is imported: its files are in node 1's data dir,
# a path no other node could read (local import paths must be seen alike by every node).
start_node() {
  local i=$1; shift
  "$bin" serve --addr "127.0.0.1:$((PORT0 + i - 1))" --data-dir "$WORK/node$i" \
    --site-root "$SITE_ROOT" "$@" >"$WORK/node$i.log" 2>&1 &
  pids+=($!)
}
wait_up() {
  for _ in $(seq 300); do curl -fsS "$1health" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "node $1 did not start; logs in $WORK" >&2; tail -n 20 "$WORK"/node*.log >&2; exit 1
}
urls=()
for i in $(seq "$N"); do urls+=("http://127.0.0.1:$((PORT0 + i - 1))/"); done
start_node 1 --demo
wait_up "${urls[0]}"
jobs_url="${urls[0]}ges/v1.0/demo/graphs/movie/jobs/status?limit=1"
for _ in $(seq 600); do
  curl -fsS -H "X-Auth-Token: $token" "$jobs_url" 2>/dev/null | grep -q '"status":"success"' && break
  sleep 0.2
done
for i in $(seq 2 "$N"); do
  if [ "$i" -gt $((N - CONSOLE_ONLY)) ]; then start_node "$i" --workers 0; else start_node "$i"; fi
done
for u in "${urls[@]}"; do wait_up "$u"; done

if [ ${#COMMAND[@]} -gt 0 ]; then
  status=0
  NODE_URLS="${urls[*]}" GRAPHJOBS_TOKEN="$token" CLUSTER_WORK="$WORK" "${COMMAND[@]}" || status=$?
  if [ "$status" != 0 ]; then
    for i in $(seq "$N"); do echo "--- node $i log (tail)" >&2; tail -n 40 "$WORK/node$i.log" >&2; done
  fi
  exit "$status"
fi

cat <<MSG

  graphjobs cluster: $N nodes on one PostgreSQL ($GRAPHJOBS_TEST_PG_URL)
  and one S3 store ($GRAPHJOBS_OBJECT_STORE on $S3_ENDPOINT)
$(for u in "${urls[@]}"; do echo "    console: $u"; done)
  sign-in token (project demo), valid on every node: $token
  logs: $WORK/node*.log     Ctrl-C stops everything.

MSG
wait -n "${pids[@]}" || true
echo "a process of the cluster exited; stopping the rest" >&2
