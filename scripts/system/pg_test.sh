#!/usr/bin/env bash
# Runs the job store conformance suite, two nodes on one store (tests/cluster.rs), and the
# visualization jobs' tests (their table lives in the job store's database), against a
# throwaway PostgreSQL cluster (scripts/dev/pg.sh), removed again on exit.
# Extra arguments go to both `cargo test` runs (e.g. --quiet).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source scripts/env.sh

source scripts/dev/pg.sh
trap pg_stop EXIT
pg_start
echo "pg_test: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
cargo test -p engine --test store_conformance --test cluster "$@"
cargo test -p engine --lib "$@" -- viz::
