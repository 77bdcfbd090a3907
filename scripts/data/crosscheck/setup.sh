#!/usr/bin/env bash
# Installs networkx (pure Python, from PyPI) for the algorithm cross-check
# (engine/tests/algo_crosscheck.rs) when it is missing. Idempotent and offline-safe: when python3
# is absent or the install fails (no network), it warns and exits 0, and the cross-check test
# prints "SKIPPED: networkx not installed" instead of running.
set -uo pipefail
PY="${PYTHON:-python3}"
say() { printf '\033[1mcrosscheck setup:\033[0m %s\n' "$*"; }

if ! command -v "$PY" >/dev/null 2>&1; then
  say "WARNING: $PY not found; the algorithm cross-check will be skipped"
  exit 0
fi
if "$PY" -c 'import networkx' >/dev/null 2>&1; then
  exit 0
fi
say "pip install networkx"
# Debian's system Python refuses plain installs (PEP 668); fall back to --user, then to
# --break-system-packages (networkx is pure Python and has no dependencies).
for extra in "" "--user" "--user --break-system-packages"; do
  # shellcheck disable=SC2086
  if "$PY" -m pip install --quiet --disable-pip-version-check $extra 'networkx>=3.0' >/dev/null 2>&1; then
    "$PY" -c 'import networkx' >/dev/null 2>&1 && exit 0
  fi
done
say "WARNING: could not install networkx (offline?); the algorithm cross-check will be skipped"
exit 0
