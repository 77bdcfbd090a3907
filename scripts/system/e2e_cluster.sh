#!/usr/bin/env bash
# The browser's cluster journeys (end2end/cluster/): two nodes over a throwaway PostgreSQL and
# the loopback S3 store (scripts/dev/cluster.sh 2 --console-only 1); the browser signs in to the
# second node, which runs no jobs, so every job it shows ran on the first. Set
# GRAPHJOBS_NO_BUILD=1 when the release build is already made (the test command does).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$ROOT"
GRAPHJOBS_PORT="${E2E_CLUSTER_PORT:-3931}" bash scripts/dev/cluster.sh 2 --console-only 1 -- bash -c '
  set -euo pipefail
  cd end2end
  console=${NODE_URLS##* }
  BASE_URL="${console%/}" E2E_DATA_DIR="$CLUSTER_WORK/node1" npx playwright test --config cluster.config.ts'
