#!/usr/bin/env bash
# Runs every cargo-fuzz target for a bounded time (default 60 s each), keeping the corpus in
# fuzz/corpus/<target> (committed: it is the regression suite). Usage: scripts/dev/fuzz.sh [seconds]
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 enables them on the pinned stable
# toolchain (no second toolchain to download).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$ROOT/fuzz"
secs="${1:-60}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked
export CARGO_TARGET_DIR="$GRAPHJOBS_CACHE/fuzz-target" RUSTC_BOOTSTRAP=1
cargo fuzz build -O
status=0
for target in $(cargo fuzz list); do
  mkdir -p "corpus/$target"
  echo "fuzz: $target for ${secs}s"
  if ! cargo fuzz run -O "$target" "corpus/$target" -- -max_total_time="$secs" -max_len=4096 \
      -print_final_stats=1 2>"$CARGO_TARGET_DIR/$target.log"; then
    echo "fuzz: $target FAILED; see $CARGO_TARGET_DIR/$target.log and fuzz/artifacts/$target" >&2
    tail -n 30 "$CARGO_TARGET_DIR/$target.log" >&2
    status=1
  else
    grep -E "stat::number_of_executed_units|cov:" "$CARGO_TARGET_DIR/$target.log" | tail -n 2
  fi
done
exit "$status"
