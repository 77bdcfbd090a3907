#!/usr/bin/env python3
"""One kernel figure from several processes: the median of each process's median.

Where a process's memory lands moves a scale-18 kernel by up to ±30% between identical processes
on the 2-core bench machine (PageRank 3.6-6.3 ms/iteration for graphjobs, GAP's `pr` 4.3-5.0,
session 23), far more than between the runs inside one process. So bench/run.sh times every
kernel in several processes (BENCH_PROCESSES; by default 5 up to scale 18, 3 up to 20, 1 above,
where nothing fits in cache and one process is representative), graphjobs and GAP alike, and a
figure is the median over those processes of each one's median. The per-process medians are kept beside it
(`process_medians_s`), so the spread is on record.

    python3 bench/processes.py OUT.json FIRST.json [MORE.json ...]

merges bench.rs results: OUT is FIRST with each kernel's `median_s` replaced by the median of the
processes' medians (the other fields — checks, memory, import, paging — are FIRST's; the later
processes time the kernels only).

    python3 bench/processes.py --gap OUT.json FIRST.json [MORE.json ...]

merges gap.py results of one process each the same way (GAP's conversion figure is the one of the
process with the median conversion time; the load at the end is the last one's). bench/run.sh runs
graphjobs' process p and GAP's process p one after the other, so that a slow spell of the host
falls on both sides rather than on one (session 25: one scale-18 graphjobs process 2.3× slower than
its neighbours in four kernels in a row, GAP's processes, minutes later, within 10%).
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
        # A process whose kernel failed (no median_s: gap.py's rows say why) is left out of it.
        rows = [r["kernels"][key] for r in results if "median_s" in r.get("kernels", {}).get(key, {})]
        kernels[key] = median_row(rows) if rows else row
    merged["kernels"] = kernels
    merged["processes"] = len(results)
    return merged


def merge_gap(results):
    """gap.py results of one scale, one process each, in run order: see the module doc."""
    merged = merge(results)
    imports = [r for r in results if "read_build_s" in r.get("import", {})]
    if imports:
        ranked = sorted(imports, key=lambda r: r["import"]["read_build_s"])
        middle = ranked[(len(ranked) - 1) // 2]
        for key in ("import", "convert_unweighted", "memory", "gap_graph"):
            if key in middle:
                merged[key] = middle[key]
    merged["load_end"] = results[-1].get("load_end")
    return merged


def main():
    args = sys.argv[1:]
    gap = args[:1] == ["--gap"]
    if gap:
        args = args[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    results = []
    for path in args[1:]:
        with open(path) as f:
            results.append(json.load(f))
    scales = {r.get("scale", r.get("graph", {}).get("scale")) for r in results}
    if len(scales) != 1:
        sys.exit(f"processes: results of different scales {sorted(scales, key=str)}")
    with open(args[0], "w") as f:
        json.dump(merge_gap(results) if gap else merge(results), f)


if __name__ == "__main__":
    main()
