#!/usr/bin/env bash
# The largest graph this machine runs on the distributed executor with P memory-capped
# processes: for each scale, the Kronecker graph's GES CSV is imported partitioned into P parts
# (the node never holds the edges), then PageRank (20 iterations), WCC and BFS run as jobs on P
# processes, each started under an address-space limit so that all P together fit the machine.
#
#   bash bench/ceiling.sh [scale…]        # default: 24 25
#   BENCH_PROCESSES=P                     # processes and parts (default 4)
#   BENCH_MEMORY_LIMIT=bytes              # per process (default: (MemTotal - 4 GiB) / P)
#   BENCH_RUNS=N                          # runs per kernel (default 1)
#   BENCH_KEEP_GES=1                      # keep kron-<scale>-ges (scale 25: 14 GB) afterwards
#   BENCH_LOCAL=1                         # the single-node engine instead: a whole import and
#                                         # the same jobs on the local executor (no limit: the
#                                         # kernel's out-of-memory killer ends a graph too big)
#
# A job that does not fit fails with its out-of-memory reason, which the table shows. Results:
# bench/out/ceiling-<scale>.json (ceiling-local-<scale>.json); bench/DISTRIBUTED.md gets a
# ceiling section.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source scripts/env.sh
OUT=${BENCH_OUT:-bench/out}
RUNS=${BENCH_RUNS:-1}
P=${BENCH_PROCESSES:-4}
total_kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
LIMIT=${BENCH_MEMORY_LIMIT:-$(( (total_kib * 1024 - (4 << 30)) / P ))}
SCALES=("$@")
((${#SCALES[@]})) || SCALES=(24 25)
mkdir -p "$OUT"
cargo build --release -q -p engine --example bench
cargo build --release -q -p compute --bins --examples
for scale in "${SCALES[@]}"; do
  ges="$OUT/kron-$scale-ges"
  if [[ ! -f "$ges/edges.csv" || ! -f "$OUT/kron-$scale.json" ]]; then
    "$CARGO_TARGET_DIR/release/examples/bench" --scale "$scale" --out "$OUT" --ges-only
  fi
  source=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sources"][0])' "$OUT/kron-$scale.json")
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  if [[ -n "${BENCH_LOCAL:-}" ]]; then
    mode=(--local-only) result="$OUT/ceiling-local-$scale.json"
  else
    mode=(--partitioned --processes "$P" --memory-limit "$LIMIT") result="$OUT/ceiling-$scale.json"
  fi
  "$CARGO_TARGET_DIR/release/examples/bench_distributed" --ges "$ges" "${mode[@]}" \
    --runs "$RUNS" --source "$source" \
    | python3 bench/stamp.py "$scale" "$load" "$OUT/kron-$scale.json" > "$result"
  [[ -n "${BENCH_KEEP_GES:-}" ]] || rm -rf "$ges"
done
python3 bench/distributed_table.py $(ls "$OUT"/distributed-*.json "$OUT"/ceiling-*.json 2>/dev/null) \
  --write bench/DISTRIBUTED.md
