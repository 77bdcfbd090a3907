#!/usr/bin/env bash
# Runs the job store conformance suite, two nodes on one store (tests/cluster.rs), and the
# visualization jobs' tests (their table lives in the job store's database), against a throwaway PostgreSQL cluster (Debian's
# packages; scripts/setup.sh installs them when missing): initdb in a temp dir, listening on
# 127.0.0.1 on a free port with its socket in that dir, removed again on exit. initdb and
# pg_ctl refuse to run as root, so as root they run as the `postgres` user (or `nobody`).
# Extra arguments go to both `cargo test` runs (e.g. --quiet).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/env.sh

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "${BIN:-}/initdb" ] || { echo "pg_test: no PostgreSQL server binaries; run scripts/setup.sh" >&2; exit 1; }

TMP=$(mktemp -d /tmp/graphjobs-pg.XXXXXX)
as_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  PGUSER_OS=postgres
  id "$PGUSER_OS" >/dev/null 2>&1 || PGUSER_OS=nobody
  chown "$PGUSER_OS" "$TMP"
  as_pg() { runuser -u "$PGUSER_OS" -- "$@"; }
fi
stop() {
  as_pg "$BIN/pg_ctl" -D "$TMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap stop EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "$BIN/initdb" -D "$TMP/data" -U graphjobs --auth=trust --encoding=UTF8 --no-sync >/dev/null
as_pg "$BIN/pg_ctl" -D "$TMP/data" -l "$TMP/log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$TMP -c fsync=off -c max_connections=200" \
  start >/dev/null
echo "pg_test: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"

export GRAPHJOBS_TEST_PG_URL="postgres://graphjobs@127.0.0.1:$PORT/postgres"
cargo test -p engine --test store_conformance --test cluster "$@"
cargo test -p engine --lib "$@" -- viz::
