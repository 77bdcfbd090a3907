# Shared environment of the run, build and test scripts (sourced, not executed).
# The cargo target dir and the npm cache live outside the clone so repeated runs (and CI on the
# same machine) reuse them; everything in them can be rebuilt from the repo.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export GRAPHJOBS_CACHE="${GRAPHJOBS_CACHE:-$HOME/.cache/graphjobs}"
# A linked git worktree (`git worktree add`) gets a target dir of its own: cargo hashes a
# workspace crate alike in every checkout of the repo, so two checkouts sharing one target dir
# overwrite each other's crates and link the other's code. Seed a new one with
# `cp -a "$GRAPHJOBS_CACHE/target/debug" "$GRAPHJOBS_CACHE/target-<worktree dir name>/"`.
if [ -z "${CARGO_TARGET_DIR:-}" ] && [ -f "$ROOT/.git" ]; then
    export CARGO_TARGET_DIR="$GRAPHJOBS_CACHE/target-$(basename "$ROOT")"
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$GRAPHJOBS_CACHE/target}"
# No incremental state: every run builds a fresh clone's crates in full anyway, and the
# incremental dirs only grew (27 GB here after a few sessions, until the disk was full).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# npm's binaryen (wasm-opt 132) must come before any Debian wasm-opt (108 breaks hydration).
export PATH="$ROOT/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export LEPTOS_OUTPUT_NAME=console
export SITE_ROOT="$CARGO_TARGET_DIR/site"
# How every release wasm is optimised: the console's (scripts/dev/build.sh) and its size
# reference's (bench/wasm_size.sh), so the two stay built alike.
export WASM_OPT_FLAGS="-Oz --enable-bulk-memory --enable-nontrapping-float-to-int"
export CARGO_TERM_PROGRESS_WHEN=never
