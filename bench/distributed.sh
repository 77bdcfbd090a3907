#!/usr/bin/env bash
# The distributed executor (timely, P processes on loopback) beside the single-node engine, in
# one run on one machine, on the same Kronecker graph files bench/run.sh uses.
#
#   bash bench/distributed.sh [scale…]      # default: 18
#   BENCH_PROCESSES=1,2,4                   # process counts (default 1,2,4)
#   BENCH_RUNS=N                            # runs per kernel (default 3)
#   BENCH_OUT=dir                           # where the JSON goes (default bench/out)
#
# For each scale: writes kron-<scale>-ges (the GES CSV of the engine bench's graph, with its
# sources in kron-<scale>.json) when missing, then times PageRank (20 iterations), WCC and BFS
# from the first source as jobs on the local executor and on P processes, with the peak
# resident memory of each compute process and of the node; bench/DISTRIBUTED.md gets the
# tables (with the sections of earlier runs' results still in $OUT, each naming its run). A
# 2-core machine cannot show a speed-up: they show the executor's overhead and the memory per
# process.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source scripts/env.sh
OUT=${BENCH_OUT:-bench/out}
RUNS=${BENCH_RUNS:-3}
PROCESSES=${BENCH_PROCESSES:-1,2,4}
SCALES=("$@")
((${#SCALES[@]})) || SCALES=(18)
mkdir -p "$OUT"
cargo build --release -q -p engine --example bench
cargo build --release -q -p compute --bins --examples
for scale in "${SCALES[@]}"; do
  if [[ ! -f "$OUT/kron-$scale-ges/edges.csv" || ! -f "$OUT/kron-$scale.json" ]]; then
    "$CARGO_TARGET_DIR/release/examples/bench" --scale "$scale" --out "$OUT" --ges-only
  fi
  source=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sources"][0])' "$OUT/kron-$scale.json")
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  "$CARGO_TARGET_DIR/release/examples/bench_distributed" --ges "$OUT/kron-$scale-ges" \
    --processes "$PROCESSES" --runs "$RUNS" --source "$source" \
    | python3 bench/stamp.py "$scale" "$load" "$OUT/kron-$scale.json" > "$OUT/distributed-$scale.json"
done
python3 bench/distributed_table.py "$OUT"/distributed-*.json $(ls "$OUT"/ceiling-*.json 2>/dev/null) \
  --write bench/DISTRIBUTED.md
