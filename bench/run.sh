#!/usr/bin/env bash
# Benchmark harness: graphjobs kernels against igraph, NetworKit, networkx and GAP, all measured
# in this run, on this machine, on the same graph file.
#
#   bash bench/run.sh [scale…]      # default: 18
#   BENCH_QUICK=1 bash bench/run.sh # scale 14, to check the harness
#   BENCH_RUNS=N                    # runs per kernel (default 3), also GAP's trials (-n)
#   BENCH_PROCESSES=P               # processes per kernel, graphjobs and GAP alike: a figure is
#                                   # the median of the processes' medians (bench/processes.py;
#                                   # default 5 up to scale 18, 3 up to 20, 1 above)
#   GAPBS_DIR=dir                   # GAP binaries (default ~/.cache/gapbs; bench/setup.sh builds
#                                   # them from GAPBS_SRC, a gapbs checkout, default ~/.cache/gapbs-src)
#   GAP_OWN_SCALE=S                 # GAP on its own generator graph, -g S (default 18; 0: skip)
#   BENCH_OUT=dir                   # where the JSON goes (default bench/out; elsewhere, the report too)
#   BENCH_GAP_ONLY=1                # only the GAP half, on the kron-<scale>.el/.json already in
#                                   # BENCH_OUT (to check the harness; writes no machine.json and
#                                   # no report, and the reports refuse its figures as another run)
#
# For each scale: builds the `bench` example in release, which generates the Kronecker graph,
# writes bench/out/kron-<scale>.el and times the graphjobs kernels; `import_once` imports the GES
# CSV it wrote once more in a process of its own (peak RSS, graph bytes: import-<scale>.json); then bench/reference.py times
# the Python libraries on that same file. bench/gap.py runs GAP's six kernels on that same file
# (when the GAP binaries are built; else the GAP columns read "not measured"), one GAP process
# right after each graphjobs process, so that both sides share the host's slow spells. Once per run,
# GAP also runs on its own -g graph, so its figures can be set beside published GAP figures.
# Finally bench/report.py writes bench/RESULTS.md with graphjobs ÷ GAP from this run only.
# Everything is bounded: kernels stop repeating after a time budget, each reference library
# runs under a timeout (networkx at scale 16 only) and so does each GAP process (GAP_TIMEOUT,
# default 900 s).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=${BENCH_OUT:-bench/out}
RUNS=${BENCH_RUNS:-3}
GAPBS_DIR=${GAPBS_DIR:-$HOME/.cache/gapbs}
export GAPBS_DIR
GAP_OWN_SCALE=${GAP_OWN_SCALE:-18}
GAP_ONLY=${BENCH_GAP_ONLY:-0}
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

RUN_START=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "run: scales ${SCALES[*]}, $RUNS runs per kernel, load average $LOAD_START, $(nproc) CPUs"

bash bench/setup.sh || true
if [[ "$GAP_ONLY" == 0 ]]; then
  cargo build --release -p engine --example bench --example import_once
  BIN="${CARGO_TARGET_DIR:-target}/release/examples/bench"
  IMPORT_ONCE="${CARGO_TARGET_DIR:-target}/release/examples/import_once"
fi

# Processes per kernel at scale $1 (see BENCH_PROCESSES above).
processes() {
  if [[ -n "${BENCH_PROCESSES:-}" ]]; then
    echo "$BENCH_PROCESSES"
  elif (($1 <= 18)); then
    echo 5
  elif (($1 <= 20)); then
    echo 3
  else
    echo 1
  fi
}
# The kernels the later processes time (bench.rs --kernels).
KERNELS=pagerank,bfs,wcc,sssp,triangle_count,betweenness

# GAP runs only when every binary gap.py needs is there (bench/setup.sh puts them in GAPBS_DIR).
gap_built() {
  local b
  for b in converter bfs sssp pr pr_spmv cc bc tc; do
    [[ -x "$GAPBS_DIR/$b" ]] || return 1
  done
}
if gap_built; then
  echo "run: GAP binaries in $GAPBS_DIR ($(sed -n 's/^commit=//p' "$GAPBS_DIR/VERSION" 2>/dev/null || echo 'no VERSION file'))"
else
  echo "run: no GAP binaries in $GAPBS_DIR: the GAP columns will read not measured" \
    "(build them with GAPBS_SRC=/path/to/gapbs bash bench/setup.sh)" >&2
fi

# One gap.py run, written via a temporary file so a failed run leaves no half-written JSON.
run_gap() {
  local out=$1
  shift
  if timeout 7200 python3 bench/gap.py "$@" --out "$OUT" >"$out.tmp"; then
    mv "$out.tmp" "$out"
  else
    rm -f "$out.tmp"
    echo "run: bench/gap.py $* failed; the GAP figures read not measured" >&2
  fi
}

for s in "${SCALES[@]}"; do
  # A GAP file left by an earlier run must never stand beside this run's figures.
  rm -f "$OUT/gap-$s.json"
  if [[ "$GAP_ONLY" == 0 ]]; then
    procs=$(processes "$s")
    echo "run: scale $s: graphjobs ($procs process(es))"
    rm -f "$OUT/rust-$s.json" "$OUT"/rust-"$s".p*.json "$OUT"/gap-"$s".p*.json
    # Process p of graphjobs, then process p of GAP on the same file (the first graphjobs process
    # writes it), so that a slow spell of the host falls on both sides (bench/processes.py). The
    # later graphjobs processes time the kernels only (the first also timed the import and paging)
    # and write their copy of the same edge list elsewhere: the report refuses GAP figures read
    # from a file rewritten since.
    again="$OUT/again-$s"
    for p in $(seq 1 "$procs"); do
      if ((p == 1)); then
        timeout 900 "$BIN" --scale "$s" --runs "$RUNS" --out "$OUT" >"$OUT/rust-$s.p1.json"
      else
        timeout 900 "$BIN" --scale "$s" --runs "$RUNS" --out "$again" --kernels "$KERNELS" >"$OUT/rust-$s.p$p.json"
        rm -rf "$again"
      fi
      if gap_built; then
        echo "run: scale $s: GAP process $p of $procs on the same kron-$s.el, OMP_NUM_THREADS=$(nproc)"
        run_gap "$OUT/gap-$s.p$p.json" --scale "$s" --runs "$RUNS" --threads "$(nproc)" --processes 1
      fi
    done
    python3 bench/processes.py "$OUT/rust-$s.json" $(seq -f "$OUT/rust-$s.p%g.json" 1 "$procs")
    rm -f "$OUT"/rust-"$s".p*.json
    if gap_built; then
      # A failed GAP process left no file (run_gap): the others still make the figure.
      parts=()
      for p in $(seq 1 "$procs"); do
        [[ -f "$OUT/gap-$s.p$p.json" ]] && parts+=("$OUT/gap-$s.p$p.json")
      done
      if ((${#parts[@]})); then
        python3 bench/processes.py --gap "$OUT/gap-$s.json" "${parts[@]}"
      fi
      rm -f "$OUT"/gap-"$s".p*.json
    fi
    # The import in a process of its own, so its peak RSS is the import's (issue 21: at most 1.3×
    # the finished graph), on the GES CSV the bench just wrote and timed.
    rm -f "$OUT/import-$s.json"
    if timeout 900 "$IMPORT_ONCE" "$OUT/kron-$s-ges" >"$OUT/import-$s.json.tmp"; then
      mv "$OUT/import-$s.json.tmp" "$OUT/import-$s.json"
    else
      rm -f "$OUT/import-$s.json.tmp"
      echo "run: import_once failed at scale $s; the import memory figures read not measured" >&2
    fi
    echo "run: scale $s: references"
    timeout 1200 python3 bench/reference.py --scale "$s" --runs "$RUNS" --out "$OUT" >"$OUT/reference-$s.json" \
      || echo "run: reference.py failed at scale $s; its columns read n/a" >&2
  fi
  if gap_built && [[ "$GAP_ONLY" != 0 ]]; then
    echo "run: scale $s: GAP on the same kron-$s.el, OMP_NUM_THREADS=$(nproc)"
    run_gap "$OUT/gap-$s.json" --scale "$s" --runs "$RUNS" --threads "$(nproc)" --processes "$(processes "$s")"
  fi
done

# GAP on its own generator graph, with its benchmark/bench.mk arguments: recorded apart
# (gap-own-<scale>.json), to set this machine's GAP beside published GAP figures.
rm -f "$OUT"/gap-own-*.json
if gap_built && ((GAP_OWN_SCALE > 0)); then
  echo "run: GAP on its own Kronecker graph (-g $GAP_OWN_SCALE)"
  run_gap "$OUT/gap-own-$GAP_OWN_SCALE.json" --own "$GAP_OWN_SCALE" --threads "$(nproc)"
fi

if [[ "$GAP_ONLY" != 0 ]]; then
  echo "run: BENCH_GAP_ONLY: GAP figures in $OUT; no machine.json and no report (not a full run)"
  exit 0
fi

# What the figures were measured on, and how busy the machine was: shown with every table.
python3 - "$OUT/machine.json" "$COMMAND" "$LOAD_START" "$RUN_START" <<'PY'
import json, os, platform, subprocess, sys, time
def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "n/a"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")
gap = os.path.join(os.environ["GAPBS_DIR"], "VERSION")
gap = dict(l.rstrip("\n").split("=", 1) for l in open(gap) if "=" in l) if os.path.exists(gap) else None
json.dump({
    "command": sys.argv[2].strip(), "load_start": sys.argv[3],
    "load_end": " ".join(open("/proc/loadavg").read().split()[:3]),
    # The run's time window: bench/report.py takes GAP figures only from inside it.
    "started_unix": int(sys.argv[4]), "ended_unix": time.time(),
    "date": time.strftime("%Y-%m-%d %H:%M %Z"), "commit": sh("git rev-parse --short HEAD") or "n/a",
    "nproc": os.cpu_count(), "cpu": cpu, "mem": f"{int(mem.split()[0]) / 2**20:.0f} GiB RAM" if mem != "?" else "?",
    "rustc": sh("rustc --version"), "python": "Python " + platform.python_version(),
    "gapbs": gap, "omp_threads": len(os.sched_getaffinity(0)),
}, open(sys.argv[1], "w"))
PY
# The committed bench/RESULTS.md only from a run into bench/out (a BENCH_OUT run, such as a
# BENCH_QUICK check, keeps its report beside its figures).
results=bench/RESULTS.md
[[ "$(realpath -m "$OUT")" == "$(realpath -m bench/out)" ]] || results="$OUT/RESULTS.md"
python3 bench/report.py --out "$OUT" --machine "$OUT/machine.json" --scales "${SCALES[@]}" --results "$results"
