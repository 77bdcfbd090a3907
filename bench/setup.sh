#!/usr/bin/env bash
# Installs the Python reference libraries for bench/reference.py, each only if it is missing.
# Offline-safe: a failed install is reported and skipped (exit 0); reference.py then fills
# that library's columns with "n/a" and says why.
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
exit 0
