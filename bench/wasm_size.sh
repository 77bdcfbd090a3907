#!/usr/bin/env bash
# The console's wasm size against its references, minimal Leptos 0.8 apps built the same way
# (toolchain, .cargo/config.toml flags, wasm-release profile, wasm-split, wasm-bindgen, wasm-opt
# with $WASM_OPT_FLAGS from scripts/env.sh):
#   bench/leptos_islands_minimal  islands mode, as the console: the floor under every island;
#   bench/leptos_minimal          the whole app hydrated (the console's design until session 8).
# Writes bench/out/wasm_reference.json; bench/figures.py puts it next to the console's figures
# (read from the release build in $SITE_ROOT/pkg).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$ROOT"
mkdir -p bench/out
out=$(mktemp -d "${TMPDIR:-/tmp}/graphjobs-wasm-size.XXXXXX")
trap 'rm -rf "$out" "$ROOT"/bench/leptos_minimal/Cargo.lock "$ROOT"/bench/leptos_islands_minimal/Cargo.lock' EXIT
cargo build --quiet --release -p wasm-split
measure() {
  local app=$1 name; name=$(basename "$1")
  # The workspace's lockfile: the same crate versions as the console.
  cp Cargo.lock "$app/Cargo.lock"
  (cd "$app" && cargo build --quiet --lib --target wasm32-unknown-unknown --profile wasm-release)
  mkdir -p "$out/$name"
  # No split points: the splitter only drops the link-time sections, as in scripts/dev/build.sh.
  "$CARGO_TARGET_DIR/release/wasm-split" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/$name.wasm" \
    "$out/$name" "$out/$name/main.wasm" >/dev/null
  wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$out/$name" "$out/$name/main.wasm"
  wasm-opt $WASM_OPT_FLAGS "$out/$name/main_bg.wasm" -o "$out/$name/min.wasm" \
    2> >(grep -v "unknown name subsection" >&2)
  local bytes gz br
  bytes=$(stat -c %s "$out/$name/min.wasm")
  gz=$(gzip -9c "$out/$name/min.wasm" | wc -c)
  br=$(brotli -q 11 -c "$out/$name/min.wasm" | wc -c)
  echo "wasm_size: $app: $bytes bytes, $gz gzip, $br brotli" >&2
  printf '{"reference": "%s", "bytes": %d, "gzip": %d, "brotli": %d}' "$app" "$bytes" "$gz" "$br"
}
islands=$(measure bench/leptos_islands_minimal)
hydrated=$(measure bench/leptos_minimal)
printf '{"islands": %s, "hydrated": %s}\n' "$islands" "$hydrated" > bench/out/wasm_reference.json
