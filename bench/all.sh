#!/usr/bin/env bash
# One command for every performance figure in README (issue 7):
#
#   bash bench/all.sh [scale…]     # Kronecker scales for the kernel tables, default 18
#
#  1. bench/run.sh: kernels against igraph, NetworKit (networkx at scale 16) and GAP, measured
#     in the same run on the same graph file when GAP is built (GAPBS_SRC=<gapbs checkout> bash
#     bench/setup.sh; else the GAP figures read "not measured"), plus GAP once on its own -g 18
#     graph; CSV import against a raw read and GAP's converter; a 10M-row result paged at offset
#     0 and at the end.
#  2. jobs_bench: the job list with 1,000,000 jobs in the store (p50/p99 per query shape, against
#     the plain COUNT/OFFSET query) and job throughput (against the store's writes alone).
#  3. bench/load.sh 60: REST load with wrk (job status against a trivial handler, mixed load).
#  4. scripts/dev/build.sh release (wasm bundle size) and bench/wasm_size.sh (a minimal Leptos app
#     built the same way, its reference), then bench/console_load.sh (first paint of the jobs
#     page with 10,000 jobs in headless Chromium, against /signin).
#  5. bench/figures.py: bench/FIGURES.md and README's table from bench/out/*.json.
# A step that fails is reported and its figures read "not measured"; the others still run.
# Takes ~25 min at scale 18 on the 2-core machine (GAP adds about a minute); run it on an otherwise
# idle machine: GAP's OpenMP threads in particular slow down badly beside other load.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$ROOT"
scales=("${@:-18}")
mkdir -p bench/out
failed=()
step() {
  local name=$1
  shift
  printf '\n\033[1m== bench/all: %s\033[0m\n' "$name"
  "$@" || { echo "bench/all: $name FAILED" >&2; failed+=("$name"); }
}
jobs_bench() {
  cargo build --quiet --release -p engine --example jobs_bench &&
    "$CARGO_TARGET_DIR/release/examples/jobs_bench" >bench/out/jobs.json.tmp &&
    mv bench/out/jobs.json.tmp bench/out/jobs.json
}
rm -f bench/out/jobs.json bench/out/load.json bench/out/console_load.json bench/out/wasm_reference.json
step "kernels (bench/run.sh ${scales[*]})" bash bench/run.sh "${scales[@]}"
step "job list and throughput (jobs_bench)" jobs_bench
step "REST load (bench/load.sh 60)" bash bench/load.sh 60
step "release build (wasm size)" bash scripts/dev/build.sh release
step "wasm reference (bench/wasm_size.sh)" bash bench/wasm_size.sh
step "console first paint (bench/console_load.sh)" bash bench/console_load.sh
step "figures (bench/figures.py)" python3 bench/figures.py --scale "${scales[@]}"
if ((${#failed[@]})); then
  echo "bench/all: failed steps: ${failed[*]}" >&2
  exit 1
fi
