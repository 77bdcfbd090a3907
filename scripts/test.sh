#!/usr/bin/env bash
# The test command (and CI's): installs what is missing, then fmt, clippy, every crate's tests,
# and the Playwright suite against a freshly built release server.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
t0=$SECONDS
step() { printf '\n\033[1m== %s\033[0m (t=%ss)\n' "$*" "$((SECONDS - t0))"; }

step setup
bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "house rules (no file over 400 lines outside tests, no module circle in app/)"
python3 scripts/dev/house.py

step "bench harness's own tests (bench/tests: merging processes, ratios, same-run GAP files)"
python3 -m unittest discover -s bench/tests

step "clippy (native: engine, api, app+ssr, server)"
cargo clippy --quiet --all-targets -- -D warnings
step "clippy (wasm: frontend + app/hydrate)"
cargo clippy --quiet -p frontend --target wasm32-unknown-unknown -- -D warnings
if cargo tree -p frontend --target wasm32-unknown-unknown -e normal --prefix none | grep -qE '^(engine|sqlx|tokio) '; then
  echo "the wasm build must not depend on the engine, sqlx or tokio" >&2; exit 1
fi

step "cargo test (engine, api, app with ssr, server, compute: distributed groups on loopback; algorithms cross-checked against networkx; MovieLens and WordNet)"
bash scripts/data/crosscheck/setup.sh
bash scripts/data/realdata/setup.sh
# The real-data graphs and their networkx answers are derived data: cached, and made again only
# when prepare.py changed (~20 s). A failure here leaves no reference.json, which the test reports.
realdata="$GRAPHJOBS_CACHE/realdata"
if [ ! -f "$realdata/reference.json" ] ||
  [ "$(cat "$realdata/prepare.sha256" 2>/dev/null)" != "$(sha256sum scripts/data/realdata/prepare.py | cut -d' ' -f1)" ]; then
  "${PYTHON:-python3}" scripts/data/realdata/prepare.py "$realdata" || echo "WARNING: scripts/data/realdata/prepare.py failed" >&2
fi
# default-members gives app the ssr feature through server; -p app alone would run no test.
GRAPHJOBS_CROSSCHECK_REQUIRED=1 GRAPHJOBS_REALDATA_REQUIRED=1 GRAPHJOBS_REALDATA_DIR="$realdata" \
  cargo test --quiet --workspace --exclude frontend

step "job store conformance on PostgreSQL (throwaway Debian PostgreSQL cluster)"
bash scripts/system/pg_test.sh --quiet

step "release build"
bash scripts/dev/build.sh release

step "SDK interop (official Huawei Cloud Python SDKs, AK/SK, release build)"
bash scripts/system/sdk_interop.sh release

step "crash harness (SIGKILL the release binary over 20 rounds; every job accounted for)"
python3 scripts/system/crash_harness.py "$CARGO_TARGET_DIR/graphjobs-release" --rounds 20 --report "$GRAPHJOBS_CACHE/crash-report.json" >/dev/null

step "cluster faults (3 nodes on PostgreSQL and S3; kill -9, SIGSTOP past the lease, PostgreSQL restart, S3 refusing)"
bash scripts/system/cluster_faults.sh --rounds 8 --report "$GRAPHJOBS_CACHE/cluster-faults-report.json"

step "secrets scan (tokens, secret keys, obsParameters: never in the debug log, data dir or answers)"
python3 scripts/system/secrets_scan.py "$CARGO_TARGET_DIR/graphjobs-release"

step "disk faults (data dir full, then read-only under the running server: clear errors, nothing lost or corrupted)"
if [ "$(id -u)" = 0 ]; then
  python3 scripts/system/disk_faults.py "$CARGO_TARGET_DIR/graphjobs-release" --report "$GRAPHJOBS_CACHE/disk-faults-report.json"
else
  echo "skipped: mounting the small data-dir filesystem needs root"
fi

step "end-to-end (Playwright, Debian Chromium, release build)"
bash scripts/system/e2e.sh release

step "end-to-end on a cluster (2 nodes on PostgreSQL and S3, the browser on the one that runs no jobs)"
GRAPHJOBS_NO_BUILD=1 bash scripts/system/e2e_cluster.sh

step "all tests passed in $((SECONDS - t0))s"
