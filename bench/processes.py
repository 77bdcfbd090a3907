#!/usr/bin/env python3
"""One kernel figure from several processes: the median of each process's median.

Where a process's memory lands moves a scale-18 kernel by up to ±30% between identical processes
on the 2-core bench machine (PageRank 3.6-6.3 ms/iteration for graphjobs, GAP's `pr` 4.3-5.0,
session 23), far more than between the runs inside one process. So bench/run.sh times every
kernel in several processes (BENCH_PROCESSES; by default 3 up to scale 20, 1 above, where nothing
fits in cache and one process is representative), graphjobs and GAP alike, and a figure is the
median over those processes of each one's median. The per-process medians are kept beside it
(`process_medians_s`), so the spread is on record.

    python3 bench/processes.py OUT.json FIRST.json [MORE.json ...]

merges bench.rs results: OUT is FIRST with each kernel's `median_s` replaced by the median of the
processes' medians (the other fields — checks, memory, import, paging — are FIRST's; the later
processes time the kernels only). gap.py merges its own rows with `median_row`.
"""

import json
import statistics
import sys


def median_row(rows):
    """One row from the same kernel's rows of several processes (each with `median_s`): the row of
    the process at the median, with `median_s` the median of all and `process_medians_s` all."""
    medians = [r["median_s"] for r in rows]
    ranked = sorted(rows, key=lambda r: r["median_s"])
    row = dict(ranked[(len(ranked) - 1) // 2])
    row["median_s"] = statistics.median(medians)
    row["process_medians_s"] = medians
    row["processes"] = len(rows)
    return row


def merge(results):
    """bench.rs results of one scale, first process first: see the module doc."""
    merged = dict(results[0])
    kernels = {}
    for key, row in results[0]["kernels"].items():
        rows = [r["kernels"][key] for r in results if key in r.get("kernels", {})]
        kernels[key] = median_row(rows) if "median_s" in row else row
    merged["kernels"] = kernels
    merged["processes"] = len(results)
    return merged


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    results = []
    for path in sys.argv[2:]:
        with open(path) as f:
            results.append(json.load(f))
    scales = {r["graph"]["scale"] for r in results}
    if len(scales) != 1:
        sys.exit(f"processes: results of different scales {sorted(scales)}")
    with open(sys.argv[1], "w") as f:
        json.dump(merge(results), f)


if __name__ == "__main__":
    main()
