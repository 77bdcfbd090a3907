#!/usr/bin/env bash
# Installs what graphjobs needs and is missing. Idempotent, non-interactive, offline-safe:
# it uses only rustup, crates.io, npm and Debian's packages, never a binary download.
# Sourced by scripts/run.sh and scripts/test.sh; safe to run on its own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# 1. Rust toolchain pinned by rust-toolchain.toml, with the wasm target.
rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install "$(awk -F'"' '/^channel/ {print $2}' rust-toolchain.toml)"
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for c in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || { say "adding rust component $c"; rustup component add "$c"; }
done

# 2. Debian packages: Chromium for Playwright (never `npx playwright install`).
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
# brotli: scripts/dev/build.sh writes a .br copy of each console file next to its .gz.
command -v brotli >/dev/null 2>&1 || need_apt+=(brotli)
# PostgreSQL server binaries for the job store's conformance tests (scripts/system/pg_test.sh).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if dpkg -s binaryen >/dev/null 2>&1; then
  say "WARNING: Debian's binaryen (wasm-opt 108) is installed; it breaks hydration. end2end/node_modules/.bin comes first on PATH in our scripts."
fi

# 3. wasm-bindgen CLI, exactly the version of the wasm-bindgen crate in Cargo.lock.
#    No --locked: its lockfile names a webpki-roots version absent from the registry.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WB_VERSION (about 7 minutes on 2 cores, once)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force --quiet
fi

# 4. npm: Playwright (no browser download) and binaryen 132 (wasm-opt as a node script).
if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -x end2end/node_modules/.bin/playwright ] \
   || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "npm ci in end2end/"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error --cache "${GRAPHJOBS_CACHE:-$HOME/.cache/graphjobs}/npm")
fi

# cargo-leptos is optional (only for `cargo leptos watch` during development): building it
# takes 25-47 minutes, so the run and test commands use scripts/dev/build.sh instead.
# GRAPHJOBS_INSTALL_CARGO_LEPTOS=1 installs the pinned version (0.3.11 needs rustc 1.96),
# built without LTO (about half the time, see TOOLCHAIN.md).
if [ "${GRAPHJOBS_INSTALL_CARGO_LEPTOS:-0}" = 1 ] && [ "$(cargo leptos --version 2>/dev/null)" != "cargo-leptos 0.3.10" ]; then
  say "cargo install cargo-leptos 0.3.10 (about 25 minutes on 2 cores)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install cargo-leptos --version 0.3.10 --locked --force --quiet
fi
say "ready"
