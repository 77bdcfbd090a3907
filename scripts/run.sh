#!/usr/bin/env bash
# The run command: installs what is missing, builds, and serves the console and APIs on
# http://127.0.0.1:3000 with data in ./data, the demo project and its `movie` graph.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/dev/build.sh release
bin="$CARGO_TARGET_DIR/graphjobs-release"
data="${GRAPHJOBS_DATA_DIR:-$ROOT/data}"
addr="${GRAPHJOBS_ADDR:-127.0.0.1:3000}"
token=$("$bin" token create --project demo --data-dir "$data" | tail -n 1)
cat <<MSG

  graphjobs console: http://$addr/
  sign-in token (project demo): $token
  REST example: curl -H "X-Auth-Token: $token" http://$addr/ges/v1.0/demo/graphs/movie/jobs/status

MSG
exec "$bin" serve --addr "$addr" --data-dir "$data" --demo --site-root "$SITE_ROOT"
