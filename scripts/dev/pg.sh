# A throwaway PostgreSQL cluster (Debian's packages; scripts/setup.sh installs them when
# missing), sourced by the scripts that need one: `pg_start` runs initdb in a temp dir and
# starts it on 127.0.0.1 on a free port (socket in that dir) and exports
# GRAPHJOBS_TEST_PG_URL; `pg_restart` restarts it on the same port (the fault harness's
# nemesis); `pg_stop` stops it and removes the dir. initdb and pg_ctl refuse to run as root,
# so as root they run as the `postgres` user (or `nobody`).

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$PG_OS_USER" -- "$@"; else "$@"; fi
}

pg_start() {
  [ -x "${PG_BIN:-}/initdb" ] || { echo "no PostgreSQL server binaries; run scripts/setup.sh" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/graphjobs-pg.XXXXXX)
  PG_OS_USER=postgres
  if [ "$(id -u)" = 0 ]; then
    id "$PG_OS_USER" >/dev/null 2>&1 || PG_OS_USER=nobody
    chown "$PG_OS_USER" "$PG_DIR"
  fi
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U graphjobs --auth=trust --encoding=UTF8 --no-sync >/dev/null
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DIR -c fsync=off -c max_connections=200" \
    start >/dev/null
  export PG_DIR PG_PORT PG_OS_USER
  export GRAPHJOBS_TEST_PG_URL="postgres://graphjobs@127.0.0.1:$PG_PORT/postgres"
}

pg_restart() {
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -m fast restart >/dev/null
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
