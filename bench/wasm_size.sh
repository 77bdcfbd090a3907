#!/usr/bin/env bash
# The console's wasm size against its reference: bench/leptos_minimal, a minimal Leptos 0.8 app
# built the same way (toolchain, .cargo/config.toml flags, wasm-release profile, wasm-split,
# wasm-bindgen, wasm-opt with $WASM_OPT_FLAGS from scripts/env.sh). Writes bench/out/wasm_reference.json; bench/figures.py puts it
# next to the console's figures (read from the release build in $SITE_ROOT/pkg).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$ROOT"
mkdir -p bench/out
app=bench/leptos_minimal
# The workspace's lockfile: the same crate versions as the console.
cp Cargo.lock "$app/Cargo.lock"
(cd "$app" && cargo build --quiet --lib --target wasm32-unknown-unknown --profile wasm-release)
out=$(mktemp -d "${TMPDIR:-/tmp}/graphjobs-wasm-size.XXXXXX")
trap 'rm -rf "$out" "$ROOT/$app/Cargo.lock"' EXIT
cargo build --quiet --release -p wasm-split
# No split points: the splitter only drops the link-time sections, as in scripts/build.sh.
"$CARGO_TARGET_DIR/release/wasm-split" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/leptos_minimal.wasm" \
  "$out" "$out/main.wasm" >/dev/null
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$out" "$out/main.wasm"
wasm-opt $WASM_OPT_FLAGS "$out/main_bg.wasm" -o "$out/min.wasm" \
  2> >(grep -v "unknown name subsection" >&2)
bytes=$(stat -c %s "$out/min.wasm")
gz=$(gzip -9c "$out/min.wasm" | wc -c)
br=$(brotli -q 11 -c "$out/min.wasm" | wc -c)
printf '{"reference": "bench/leptos_minimal", "bytes": %d, "gzip": %d, "brotli": %d}\n' "$bytes" "$gz" "$br" \
  > bench/out/wasm_reference.json
echo "wasm_size: minimal Leptos 0.8 app: $bytes bytes, $gz gzip, $br brotli"
