#!/usr/bin/env bash
# Installs the Python reference libraries for bench/reference.py, each only if it is missing,
# and builds the GAP Benchmark Suite for bench/gap.py from a checkout you point it to:
#
#   bash bench/setup.sh                               # Python libraries; GAP if already built
#   GAPBS_SRC=/path/to/gapbs bash bench/setup.sh      # also (re)build GAP from that checkout
#
# GAP (github.com/sbeamer/gapbs) is not part of this repository and nothing here downloads it:
# clone it yourself (e.g. `git clone https://github.com/sbeamer/gapbs ~/.cache/gapbs-src`, which is
# also where GAPBS_SRC points by default). The build runs GAP's own Makefile (`make`: g++ -O3
# -fopenmp) in that checkout and copies the binaries into GAPBS_DIR (default ~/.cache/gapbs),
# with a VERSION file naming GAP's commit, the compiler and its flags.
# Offline-safe: a failed install or build is reported and skipped (exit 0); reference.py then fills
# that library's columns with "n/a", and without GAP binaries the GAP columns read "not measured".
set -u
PY=${PYTHON:-python3}
# module name : pip package
for pair in igraph:igraph networkit:networkit networkx:networkx; do
  mod=${pair%%:*}
  pkg=${pair#*:}
  if "$PY" -c "import $mod" 2>/dev/null; then
    echo "setup: $pkg already installed ($("$PY" -c "import $mod; print($mod.__version__)" 2>/dev/null))"
    continue
  fi
  echo "setup: installing $pkg"
  if ! timeout 300 "$PY" -m pip install --quiet --only-binary=:all: "$pkg" >/tmp/bench-setup-$pkg.log 2>&1; then
    echo "setup: could not install $pkg (see /tmp/bench-setup-$pkg.log); its columns will read n/a" >&2
    tail -n 3 /tmp/bench-setup-$pkg.log >&2
  fi
done

GAPBS_DIR=${GAPBS_DIR:-$HOME/.cache/gapbs}
GAPBS_SRC=${GAPBS_SRC:-$HOME/.cache/gapbs-src}
GAP_BINARIES=(bc bfs cc pr pr_spmv sssp tc converter)
if [[ -f "$GAPBS_SRC/src/bfs.cc" && -f "$GAPBS_SRC/Makefile" ]]; then
  echo "setup: building GAP in $GAPBS_SRC into $GAPBS_DIR"
  # GAP's Makefile builds every binary next to its sources; `make` only redoes what changed.
  if make -C "$GAPBS_SRC" "${GAP_BINARIES[@]}" >/tmp/bench-setup-gapbs.log 2>&1; then
    mkdir -p "$GAPBS_DIR"
    for b in "${GAP_BINARIES[@]}"; do cp -p "$GAPBS_SRC/$b" "$GAPBS_DIR/$b"; done
    # What was built, for the reports: GAP's commit and the exact compile line (make's dry run).
    compile=$(make -s -C "$GAPBS_SRC" -n -B bfs | head -n 1)
    {
      echo "commit=$(git -C "$GAPBS_SRC" rev-parse --short HEAD 2>/dev/null || echo unknown)"
      echo "commit_date=$(git -C "$GAPBS_SRC" log -1 --format=%cs 2>/dev/null || echo unknown)"
      echo "compiler=$(${compile%% *} --version | head -n 1)"
      echo "flags=${compile% src/*}"
      echo "source=$GAPBS_SRC"
    } >"$GAPBS_DIR/VERSION"
    echo "setup: GAP $(sed -n 's/^commit=//p' "$GAPBS_DIR/VERSION") in $GAPBS_DIR"
  else
    echo "setup: could not build GAP (see /tmp/bench-setup-gapbs.log); its columns will read not measured" >&2
    tail -n 3 /tmp/bench-setup-gapbs.log >&2
  fi
elif [[ -x "$GAPBS_DIR/bfs" ]]; then
  echo "setup: GAP already built in $GAPBS_DIR ($(sed -n 's/^commit=//p' "$GAPBS_DIR/VERSION" 2>/dev/null))"
else
  echo "setup: no GAP checkout at $GAPBS_SRC and no GAP binaries in $GAPBS_DIR: the GAP columns will read" \
    "not measured (clone github.com/sbeamer/gapbs and run GAPBS_SRC=<checkout> bash bench/setup.sh)" >&2
fi
exit 0
