#!/usr/bin/env bash
# Builds the console (wasm + js + css) and the `graphjobs` server with plain cargo and
# wasm-bindgen — no cargo-leptos needed. Usage: scripts/build.sh [release|dev] (default release).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
mode="${1:-release}"
case "$mode" in
  release) wasm_profile=wasm-release; server_profile=release ;;
  dev) wasm_profile=dev; server_profile=dev ;;
  *) echo "usage: $0 [release|dev]" >&2; exit 2 ;;
esac
wasm_dir=$([ "$wasm_profile" = dev ] && echo debug || echo "$wasm_profile")
server_dir=$([ "$server_profile" = dev ] && echo debug || echo release)

echo "build: console wasm ($mode)"
cargo build --quiet -p frontend --lib --target wasm32-unknown-unknown --profile "$wasm_profile"
pkg="$SITE_ROOT/pkg"
rm -rf "$pkg.tmp" && mkdir -p "$pkg.tmp"
wasm-bindgen --target web --no-typescript --out-name console --out-dir "$pkg.tmp" \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$wasm_dir/frontend.wasm"
# Leptos' HydrationScripts loads /pkg/<output-name>.wasm.
mv "$pkg.tmp/console_bg.wasm" "$pkg.tmp/console.wasm"
if [ "$mode" = release ]; then
  echo "build: wasm-opt ($(wasm-opt --version))"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$pkg.tmp/console.wasm" -o "$pkg.tmp/console.opt.wasm"
  mv "$pkg.tmp/console.opt.wasm" "$pkg.tmp/console.wasm"
fi
# One stylesheet: main.css first, then one file per console area (style/<area>.css).
cat style/main.css $(ls style/*.css | grep -v "^style/main.css$" | sort) > "$pkg.tmp/console.css"
rm -rf "$pkg" && mv "$pkg.tmp" "$pkg"
cp -r public/. "$SITE_ROOT/"

echo "build: server ($mode)"
cargo build --quiet -p server --bin graphjobs --profile "$server_profile"
ln -sf "$CARGO_TARGET_DIR/$server_dir/graphjobs" "$CARGO_TARGET_DIR/graphjobs-$mode"
wasm_bytes=$(stat -c %s "$pkg/console.wasm"); wasm_gz=$(gzip -9c "$pkg/console.wasm" | wc -c)
echo "build: done — $CARGO_TARGET_DIR/$server_dir/graphjobs; console.wasm $wasm_bytes bytes ($wasm_gz gzip)"
