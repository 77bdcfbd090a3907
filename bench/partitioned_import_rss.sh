#!/usr/bin/env bash
# Peak resident memory of a whole import against a partitioned one of the same CSV: a random
# graph of 2^V vertices and E edges (default 2^18, 8,000,000), one label each, no properties.
# Usage: bash bench/partitioned_import_rss.sh [V] [E]   (builds the example in release)
set -euo pipefail
cd "$(dirname "$0")/.."
V=${1:-18}
E=${2:-8000000}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 - "$DIR" "$V" "$E" <<'PY'
import random, sys
d, v, e = sys.argv[1], 1 << int(sys.argv[2]), int(sys.argv[3])
open(f"{d}/schema.xml", "w").write('<PMML version="3.0"><labels><label name="n"/><label name="e"/></labels></PMML>')
with open(f"{d}/v.csv", "w") as f:
    f.writelines(f"v{i},n\n" for i in range(v))
rnd = random.Random(1)
with open(f"{d}/e.csv", "w") as f:
    for _ in range(e // 100000):
        f.write("".join(f"v{rnd.randrange(v)},v{rnd.randrange(v)},e\n" for _ in range(100000)))
PY
echo "CSV: $(du -b "$DIR/v.csv" | cut -f1) + $(du -b "$DIR/e.csv" | cut -f1) bytes"
cargo build --quiet --release -p engine --example import_peak_rss
BIN=${CARGO_TARGET_DIR:-target}/release/examples/import_peak_rss
for mode in whole 1 4; do
    "$BIN" "$DIR" "$mode"
done
