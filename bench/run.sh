#!/usr/bin/env bash
# Benchmark harness: graphjobs kernels against igraph, NetworKit, networkx and the GAP figures.
#
#   bash bench/run.sh [scale…]      # default: 18
#   BENCH_QUICK=1 bash bench/run.sh # scale 14, to check the harness
#   BENCH_RUNS=N                    # runs per kernel (default 3)
#
# For each scale: builds the `bench` example in release, which generates the Kronecker graph,
# writes bench/out/kron-<scale>.el and times the graphjobs kernels; then bench/reference.py times
# the Python libraries on that same file; then bench/report.py writes bench/RESULTS.md.
# Everything is bounded: kernels stop repeating after a time budget and each reference library
# runs under a timeout (networkx at scale 16 only).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=bench/out
RUNS=${BENCH_RUNS:-3}
if [[ -n "${BENCH_QUICK:-}" && "${BENCH_QUICK}" != 0 ]]; then
  SCALES=(14)
elif (($#)); then
  SCALES=("$@")
else
  SCALES=(18)
fi
PREFIX=""
[[ -n "${BENCH_QUICK:-}" ]] && PREFIX="BENCH_QUICK=$BENCH_QUICK "
COMMAND="${PREFIX}bash bench/run.sh $*"
mkdir -p "$OUT"

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "run: scales ${SCALES[*]}, $RUNS runs per kernel, load average $LOAD_START, $(nproc) CPUs"

bash bench/setup.sh || true
cargo build --release -p engine --example bench
BIN="${CARGO_TARGET_DIR:-target}/release/examples/bench"

for s in "${SCALES[@]}"; do
  echo "run: scale $s: graphjobs"
  timeout 900 "$BIN" --scale "$s" --runs "$RUNS" --out "$OUT" >"$OUT/rust-$s.json"
  echo "run: scale $s: references"
  timeout 1200 python3 bench/reference.py --scale "$s" --runs "$RUNS" --out "$OUT" >"$OUT/reference-$s.json" \
    || echo "run: reference.py failed at scale $s; its columns read n/a" >&2
done

python3 - "$OUT/machine.json" "$COMMAND" "$LOAD_START" <<'PY'
import json, os, platform, subprocess, sys, time
def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "n/a"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")
json.dump({
    "command": sys.argv[2].strip(), "load_start": sys.argv[3],
    "load_end": " ".join(open("/proc/loadavg").read().split()[:3]),
    "date": time.strftime("%Y-%m-%d %H:%M %Z"), "commit": sh("git rev-parse --short HEAD") or "n/a",
    "nproc": os.cpu_count(), "cpu": cpu, "mem": f"{int(mem.split()[0]) / 2**20:.0f} GiB RAM" if mem != "?" else "?",
    "rustc": sh("rustc --version"), "python": "Python " + platform.python_version(),
}, open(sys.argv[1], "w"))
PY
python3 bench/report.py --out "$OUT" --machine "$OUT/machine.json" --scales "${SCALES[@]}"
