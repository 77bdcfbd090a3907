#!/usr/bin/env bash
# Builds the console (wasm + js + css) and the `graphjobs` server with plain cargo and
# wasm-bindgen — no cargo-leptos needed. Usage: scripts/dev/build.sh [release|dev] (default release).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$ROOT"
mode="${1:-release}"
case "$mode" in
  release) wasm_profile=wasm-release; server_profile=release ;;
  dev) wasm_profile=dev; server_profile=dev ;;
  *) echo "usage: $0 [release|dev]" >&2; exit 2 ;;
esac
wasm_dir=$([ "$wasm_profile" = dev ] && echo debug || echo "$wasm_profile")
server_dir=$([ "$server_profile" = dev ] && echo debug || echo release)

# RUSTFLAGS replaces .cargo/config.toml's flags: the splitter needs the wasm's relocations, and
# hydration needs the server and the wasm built alike (erase_components).
if [ -n "${RUSTFLAGS:-}" ]; then
  for flag in -Clink-args=--emit-relocs "--cfg erase_components"; do
    if [[ "$RUSTFLAGS" != *"$flag"* ]]; then
      echo "build: RUSTFLAGS is set without $flag (see .cargo/config.toml)" >&2
      exit 2
    fi
  done
fi

echo "build: console wasm ($mode)"
cargo build --quiet -p frontend --lib --target wasm32-unknown-unknown --profile "$wasm_profile"
pkg="$SITE_ROOT/pkg"
rm -rf "$pkg.tmp" && mkdir -p "$pkg.tmp"
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$wasm_dir/frontend.wasm"
# Each lazily loaded island (app/src/areas.rs) becomes its own chunk; the main module keeps
# the islands runtime. Dev builds are split too: the pages' split points import
# their loader, which only the split step writes. The chunks are loaded by that loader, not bindgen.
echo "build: split lazily loaded pages"
cargo build --quiet --release -p wasm-split
"$CARGO_TARGET_DIR/release/wasm-split" "$wasm" "$pkg.tmp" "$pkg.tmp/main.split.wasm" > "$pkg.tmp/chunks.list"
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle --out-name console \
  --out-dir "$pkg.tmp" "$pkg.tmp/main.split.wasm"
rm "$pkg.tmp/main.split.wasm"
# Leptos' HydrationScripts loads /pkg/<output-name>.wasm.
mv "$pkg.tmp/console_bg.wasm" "$pkg.tmp/console.wasm"
if [ "$mode" = release ]; then
  echo "build: wasm-opt ($(wasm-opt --version)), main module and $(wc -l < "$pkg.tmp/chunks.list") chunks"
  # wasm-bindgen's and the splitter's name sections carry a subsection binaryen does not know;
  # it warns once per file and drops it, which is what we want anyway.
  opt() {
    wasm-opt $WASM_OPT_FLAGS "$1" -o "$1.opt" \
      2> >(grep -v "unknown name subsection" >&2) && mv "$1.opt" "$1"
  }
  opt "$pkg.tmp/console.wasm"
  # One chunk per core at a time (wasm-opt runs several threads of its own).
  export -f opt
  xargs -d '\n' -n1 -P "$(nproc)" bash -c 'opt "$1"' _ < "$pkg.tmp/chunks.list"
fi
rm "$pkg.tmp/chunks.list"
# One stylesheet: main.css first, then one file per console area (style/<area>.css).
cat style/main.css $(ls style/*.css | grep -v "^style/main.css$" | sort) > "$pkg.tmp/console.css"
# Precompressed copies: the server (leptos_axum's file handler, tower-http ServeDir) sends
# `<file>.br` or `<file>.gz` to a browser that accepts it, so nothing is compressed per request.
# gzip is everywhere; brotli comes from Debian's `brotli` (scripts/setup.sh installs it).
echo "build: precompress ($(command -v brotli >/dev/null && echo "gzip and brotli" || echo "gzip only: no brotli on PATH"))"
compress() {
  gzip -9 -k -f -n "$1"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$1"; fi
}
export -f compress
find "$pkg.tmp" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) -print0 |
  xargs -0 -n1 -P "$(nproc)" bash -c 'compress "$1"' _
rm -rf "$pkg" && mv "$pkg.tmp" "$pkg"
cp -r public/. "$SITE_ROOT/"
# The explorer's scripts (public/explore/) and the other public text files, likewise.
(cd public && find . -type f \( -name '*.js' -o -name '*.css' -o -name '*.svg' \) -print0) |
  (cd "$SITE_ROOT" && xargs -0 -n1 -P "$(nproc)" bash -c 'compress "$1"' _)

echo "build: server ($mode)"
cargo build --quiet -p server --bin graphjobs --profile "$server_profile"
ln -sf "$CARGO_TARGET_DIR/$server_dir/graphjobs" "$CARGO_TARGET_DIR/graphjobs-$mode"
wasm_bytes=$(stat -c %s "$pkg/console.wasm"); wasm_gz=$(gzip -9c "$pkg/console.wasm" | wc -c)
chunks=$(find "$pkg" -name '*.wasm' ! -name console.wasm | wc -l)
echo "build: done — $CARGO_TARGET_DIR/$server_dir/graphjobs; console.wasm $wasm_bytes bytes ($wasm_gz gzip), $chunks lazily loaded chunks"
