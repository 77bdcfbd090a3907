#!/usr/bin/env python3
"""Writes bench/RESULTS.md from the JSON that bench.rs, reference.py and gap.py left in bench/out/.

    python3 bench/report.py --out bench/out --machine bench/out/machine.json --scales 18 [16 ...]

One table per scale (kernel | graphjobs | igraph | NetworKit | networkx | GAP | graphjobs / GAP),
then a cross-check of the results the libraries and GAP agree on, CSV import throughput against a
raw read of the same bytes and against GAP's converter, and peak memory; last, GAP on its own
generator graph. Every GAP figure comes from gap-<scale>.json of the same run (see
`same_run_gap`); without one the GAP cells read "not measured" with the reason. No GAP figure is
written into this file or any other: the comparison is only ever with GAP measured here.
"""

import argparse
import json
import os

# Issue 21's targets, as graphjobs ÷ GAP in one run: every kernel at most GAP's time, PageRank
# at most 0.8× (issue 3 had asked for 1.5× and 1.2×).
GOAL = 1.0
GOALS = {"pagerank": 0.8}
# kernel, label, unit, factor from seconds
KERNELS = [
    ("pagerank", "PageRank", "ms/iteration", 1e3),
    ("bfs", "BFS", "ms/source", 1e3),
    ("wcc", "WCC", "ms", 1e3),
    ("sssp", "SSSP (weighted)", "ms/source", 1e3),
    ("triangle_count", "Triangle count", "s", 1.0),
    ("betweenness", "Betweenness (4 sources)", "s", 1.0),
]
LIBS = [("igraph", "igraph"), ("networkit", "NetworKit"), ("networkx", "networkx")]
CHECKS = ["triangles", "wcc_components", "wcc_largest", "bfs_reached", "sssp_distance_sums"]
NOT_MEASURED = "not measured"


def fmt(x):
    if x is None:
        return "n/a"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3g}"


def spread(row, factor):
    """` (P processes: lo–hi)` for a figure that is the median of several processes' medians
    (bench/processes.py), else nothing."""
    each = row.get("process_medians_s") or []
    if len(each) < 2:
        return ""
    return f" ({len(each)} processes: {fmt(min(each) * factor)}–{fmt(max(each) * factor)})"


def lib_cell(lib, kernel, factor, notes):
    if lib is None:
        return "n/a"
    row = lib.get("kernels", {}).get(kernel)
    if row is None:
        return "n/a" if lib["status"] == "n/a" else f"{lib['status']}"
    cell = fmt(row["median_s"] * factor)
    if row.get("note"):
        if row.get("whole_solve"):
            cell += " (whole solve)"
        notes.append(row["note"])
        cell += f" [{len(notes)}]"
    return cell


def meets(ok):
    """The verdict word beside a goal."""
    return "meets" if ok else "misses"


def against(ratio, goal):
    """`ratio` beside its goal, e.g. "0.86× (meets ≤ 1.0×)": two decimals, or as many more as it
    takes (up to four) for a ratio just over the goal not to print as the goal itself (0.8002 is
    "0.8002×", which misses ≤ 0.8×)."""
    ok = ratio <= goal
    digits = 2
    while digits < 4 and (float(f"{ratio:.{digits}f}") <= goal) != ok:
        digits += 1
    return f"{ratio:.{digits}f}× ({meets(ok)} ≤ {goal}×)"


def in_run(data, machine, hint="e.g. BENCH_GAP_ONLY"):
    """None when `data` (a JSON with `started_unix`) was measured inside the run machine.json
    describes, else why not; `hint` says how such a file usually comes about."""
    start, end = machine.get("started_unix"), machine.get("ended_unix")
    if start is None or end is None:
        return "machine.json has no run window (written by an older bench/run.sh)"
    if not start <= data.get("started_unix", -1) <= end:
        return f"measured outside the run machine.json describes ({hint})"
    return None


def same_run_gap(out, scale, rust, machine):
    """(gap-<scale>.json, None) when GAP ran in this run on the very graph graphjobs used, else
    (None, the reason its cells read "not measured")."""
    path = os.path.join(out, f"gap-{scale}.json")
    if not os.path.exists(path):
        return None, f"no gap-{scale}.json: GAP not built or failed in this run (GAPBS_SRC=… bash bench/setup.sh)"
    with open(path) as f:
        gap = json.load(f)
    if gap.get("graph") != rust["graph"]:
        return None, f"gap-{scale}.json is for another graph than rust-{scale}.json"
    why = in_run(gap, machine)
    if why:
        return None, f"gap-{scale}.json {why}"
    el = gap.get("edge_list", {})
    if os.path.exists(el.get("path", "")) and os.stat(el["path"]).st_mtime_ns != el.get("mtime_ns"):
        return None, f"kron-{scale}.el was rewritten after GAP read it"
    return gap, None


def gap_kernel(gap, key):
    """GAP's row for `key` (with median_s), or None."""
    row = (gap or {}).get("kernels", {}).get(key)
    return row if row and "median_s" in row else None


def gap_cells(gap, key, ours, factor, notes):
    """The GAP cell and the ratio cell of a kernel row (the note says why when GAP has none)."""
    row = gap_kernel(gap, key)
    if row is None:
        reason = (gap or {}).get("kernels", {}).get(key, {}).get("reason", "no figure")
        notes.append(f"GAP {key}: {reason}")
        return f"{NOT_MEASURED} [{len(notes)}]", NOT_MEASURED
    theirs = row["median_s"] * factor
    ratio, goal = ours / theirs, GOALS.get(key, GOAL)
    return fmt(theirs) + spread(row, factor), against(ratio, goal)


def gap_notes(gap):
    """How GAP ran: what each kernel is, where it differs from graphjobs'."""
    if not gap:
        return []
    st = gap.get("settings", {})
    info = gap.get("gapbs", {})
    lines = [f"GAP: gapbs {info.get('commit', '?')} ({info.get('flags', '?')}; {info.get('compiler', '?')}), "
             f"OMP_NUM_THREADS={gap['threads']}, {gap['runs']} trials per kernel (`-n`)"
             + (f" in each of {gap['processes']} processes" if gap.get("processes", 1) > 1 else "")
             + ", on this run's "
             f"kron-{gap['scale']}.el read as GAP's `.wel` and converted by its `converter -s` (load average "
             f"{gap.get('load_start', '?')} at GAP's start, {gap.get('load_end', '?')} at its end).  "]
    pr, jac = gap_kernel(gap, "pagerank"), gap_kernel(gap, "pagerank_jacobi")
    if pr:
        lines.append(f"GAP PageRank: `pr` (pull, Gauss–Seidel, f32) with `-i {st.get('pagerank_iterations')} -t 0`, "
                     f"so exactly {st.get('pagerank_iterations')} iterations as graphjobs (counted: "
                     f"{sorted(set(pr.get('iterations', [])))}); GAP's Jacobi `pr_spmv`, the same method as "
                     f"graphjobs': {fmt(jac['median_s'] * 1e3) + ' ms/iteration' if jac else NOT_MEASURED}.  ")
    lines.append(f"GAP BFS and SSSP: from the same {len(gap['graph']['sources'])} sources (`-r`); SSSP is "
                 f"delta-stepping with `-d {st.get('sssp_delta')}` (GAP's bench.mk setting for kron). "
                 f"GAP betweenness: the same {len(gap['graph']['bc_sources'])} sources, one `bc -r <s> -i 1` "
                 "process each, trials summed. GAP triangle count may relabel by degree inside its timed trial.  ")
    return lines


def table(scale, rust, ref, gap, why):
    libs = ref.get("libs", {}) if ref else {}
    lines = [
        f"### Scale {scale}: {rust['graph']['vertices']:,} vertices, {rust['graph']['edges']:,} undirected edges",
        "",
        f"Medians of up to {rust['runs']} runs (fewer when a kernel used its time budget)"
        + (f", and of those medians over {rust['processes']} processes (graphjobs and GAP alike; each "
           "process's figure in brackets)" if rust.get("processes", 1) > 1 else "")
        + "; per-source kernels over "
        f"{len(rust['graph']['sources'])} fixed sources. graphjobs on {rust['threads']} rayon threads; "
        + ", ".join(f"{name} {libs[k].get('version', '')} ({libs[k].get('threads', 1)} thread(s))"
                    for k, name in LIBS if libs.get(k, {}).get("status") not in (None, "n/a"))
        + ".",
        "",
        f"| kernel | unit | graphjobs | igraph | NetworKit | networkx | GAP (this run, {gap['threads'] if gap else '–'} threads) | graphjobs / GAP |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for key, label, unit, factor in KERNELS:
        ours = rust["kernels"][key]["median_s"] * factor
        cells = [lib_cell(libs.get(k), key, factor, notes) for k, _ in LIBS]
        if why:  # one note for the whole column
            cells += [NOT_MEASURED, NOT_MEASURED]
        else:
            cells += list(gap_cells(gap, key, ours, factor, notes))
        lines.append(f"| {label} | {unit} | {fmt(ours)}{spread(rust['kernels'][key], factor)} | "
                     + " | ".join(cells) + " |")
    lines.append("")
    for i, note in enumerate(notes, 1):
        lines.append(f"[{i}] {note}  ")
    for k, name in LIBS:
        lib = libs.get(k)
        if lib and lib.get("reason"):
            lines.append(f"{name}: {lib['status']}: {lib['reason']}  ")
    if why:
        lines.append(f"GAP: {NOT_MEASURED}: {why}.  ")
    lines += gap_notes(gap)
    lines.append("")
    lines += cross_check(rust, libs, gap)
    lines += import_and_memory(rust, libs, gap)
    return lines


def agrees(theirs, ours):
    if isinstance(theirs, list):
        return len(theirs) == len(ours) and all(abs(a - b) <= 1e-6 * max(1, abs(b)) for a, b in zip(theirs, ours))
    return theirs == ours


def cross_check(rust, libs, gap=None):
    """Which libraries (and GAP) computed the same checked values (triangles, components, BFS
    reach, SSSP distance sums) as graphjobs. GAP reports SSSP reach, not distances: it is checked
    against graphjobs' BFS reach (the same vertices)."""
    ours = rust["checks"]
    parts = []
    # (library, [(what is compared, graphjobs' check it is compared with, their value)])
    rows = [(name, [(c, c, row[c]) for row in libs.get(k, {}).get("kernels", {}).values() for c in CHECKS if c in row])
            for k, name in LIBS]
    if gap:
        g = gap.get("checks", {})
        pairs = [(c, c, g[c]) for c in ("triangles", "wcc_components", "wcc_largest", "bfs_reached")
                 if g.get(c) is not None]
        if g.get("sssp_reached") is not None:
            pairs.append(("SSSP reach", "bfs_reached", g["sssp_reached"]))
        rows.append(("GAP", pairs))
    for name, pairs in rows:
        same, differ = 0, []
        for label, key, theirs in pairs:
            if agrees(theirs, ours[key]):
                same += 1
            else:
                differ.append(label)
        if differ:
            parts.append(f"{name} **differs** on {', '.join(differ)}")
        elif same:
            parts.append(f"{name} agrees on all {same}")
    line = (f"Cross-check: graphjobs found {ours['triangles']:,} triangles and {ours['wcc_components']:,} "
            f"components (largest {ours['wcc_largest']:,}); with BFS reach and SSSP distance sums per source, "
            "these are compared with each library and GAP (which reports SSSP reach, not distances): "
            + ("; ".join(parts) or "no library to compare with") + ".")
    return [line, ""]


def mib(kib):
    return f"{kib / 1024:.0f} MiB" if kib else "n/a"


def gap_import(rust, gap):
    """GAP's converter on the same edge list (text to CSR), against graphjobs' CSV import."""
    imp = (gap or {}).get("import")
    if not imp or "read_build_s" not in imp:
        return f"GAP's converter: {NOT_MEASURED}" + (f" ({imp['reason']})" if imp and imp.get("reason") else "")
    ours = rust["import"]["import_edges_per_s"]
    return (f"GAP's `converter` (this run) turns the same graph's `u v w` text edge list ({imp['input_bytes'] / 1e6:.1f} MB) "
            f"into a symmetrized weighted CSR in {imp['read_build_s']:.2f} s (parse {imp['read_s']:.2f} s + build "
            f"{imp['build_s']:.2f} s; {imp['wall_s']:.2f} s with writing its .wsg) = {imp['edges_per_s'] / 1e6:.2f} M edges/s; "
            f"graphjobs' import is {slower_faster(imp['edges_per_s'] / ours)} per edge (it also reads a vertex file and "
            "checks a schema)")


def slower_faster(r):
    """`r` = their speed over ours, as words: "2.0× slower" or "1.5× faster"."""
    return f"{r:.1f}× slower" if r >= 1 else f"{1 / r:.1f}× faster"


def import_and_memory(rust, libs, gap=None):
    imp, mem = rust["import"], rust["memory"]
    hwm = lambda k: mib((mem.get(k) or {}).get("vmhwm_kib"))
    loads = ", ".join(f"{name} {libs[k]['load_s']:.1f} s" for k, name in LIBS if "load_s" in libs.get(k, {}))
    gmem = (gap or {}).get("memory", {})
    kernels_rss = gmem.get("kernel_maxrss_kib") or {}
    gap_mem = (f" GAP (this run): `converter` peak RSS {mib(gmem.get('converter_weighted_maxrss_kib'))} building the "
               f"weighted CSR from the text; its kernel processes, holding the graph read from .sg/.wsg, "
               f"{mib(min(kernels_rss.values()))}–{mib(max(kernels_rss.values()))}." if kernels_rss
               else f" GAP: {NOT_MEASURED}.")
    return [
        f"- **CSV import** (GES CSV: {imp['bytes'] / 1e6:.1f} MB, {imp['lines']:,} rows, {imp['failed_lines']} rejected): "
        f"{imp['import_s']:.2f} s = {imp['import_mb_per_s']:.0f} MB/s, {imp['import_edges_per_s'] / 1e6:.2f} M edges/s; "
        f"raw read of the same bytes {imp['raw_read_mb_per_s']:.0f} MB/s; import is {imp['raw_over_import']:.0f}× slower than the raw read. "
        + gap_import(rust, gap) + ".",
        f"- **Build**: generator {rust['generate_s']:.2f} s, `Graph::from_weighted_edges` {rust['build_s']:.2f} s"
        + (f"; reference loaders (parse + build): {loads}" if loads else "") + ".",
        f"- **Peak memory** (VmHWM of the bench process): {hwm('after_build')} after building the graph "
        f"(graph itself {mem['graph_bytes'] / 2**20:.0f} MiB by `Graph::stats`), {hwm('after_kernels')} after the kernels, "
        f"{hwm('after_import')} after the import runs." + gap_mem,
        "",
    ]


def own_gap(out, machine):
    """GAP on its own -g graph (gap-own-<scale>.json of this run), for comparison with published
    GAP figures: no graphjobs figure beside it (another graph)."""
    names = sorted(f for f in os.listdir(out) if f.startswith("gap-own-") and f.endswith(".json"))
    if not names:
        return ["### GAP on its own Kronecker graph", "", f"{NOT_MEASURED} (no gap-own-<scale>.json in this run).", ""]
    lines = []
    for name in names:
        with open(os.path.join(out, name)) as f:
            own = json.load(f)
        why = in_run(own, machine)
        head = f"### GAP on its own Kronecker graph (`-g {own['scale']}`)"
        if why:
            lines += [head, "", f"{NOT_MEASURED}: {name} {why}.", ""]
            continue
        g = own.get("gap_graph") or {}
        lines += [head, "",
                  f"GAP's generator graph ({g.get('vertices', 0):,} vertices, {g.get('edges', 0):,} undirected edges; "
                  f"not the graph above), with GAP's benchmark/bench.mk arguments for kron, {own['threads']} OpenMP "
                  "threads, in this run: for setting this machine beside published GAP figures.",
                  "", "| kernel | unit | GAP | arguments |", "|---|---|---:|---|"]
        for key, label, unit, factor in KERNELS:
            row = own["kernels"].get(key, {})
            cell = fmt(row["median_s"] * factor) if "median_s" in row else f"{NOT_MEASURED} ({row.get('reason', '?')})"
            if key == "pagerank" and "median_s" in row:
                cell += (f" ({sorted(set(row['iterations']))} iterations to 1e-4; whole solve "
                         f"{fmt(row['whole_solve_median_s'] * 1e3)} ms)")
            lines.append(f"| {label} | {unit} | {cell} | `{row.get('command', '')}` |")
        lines.append("")
    return lines


def machine_lines(m):
    """The machine and how busy it was (bench/out/machine.json), shown with every table."""
    gap = m.get("gapbs")
    return [
        f"- **Command**: `{m['command']}`",
        f"- **When**: {m['date']} (commit {m['commit']})",
        f"- **Machine**: {m['nproc']} CPUs ({m['cpu']}), {m['mem']}",
        f"- **Load average at start**: {m['load_start']}; at end: {m.get('load_end', 'n/a')}",
        f"- **Toolchain**: {m['rustc']}; {m['python']}; "
        + (f"GAP {gap.get('commit', '?')} ({gap.get('commit_date', '?')}) built with `{gap.get('flags', '?')}`, "
           f"{gap.get('compiler', '?')}, run with OMP_NUM_THREADS={m.get('omp_threads', '?')}"
           if gap else "GAP not built"),
        "",
    ]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--machine", required=True)
    p.add_argument("--scales", type=int, nargs="+", required=True)
    p.add_argument("--results", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "RESULTS.md"))
    args = p.parse_args()
    with open(args.machine) as f:
        m = json.load(f)
    lines = [
        "# Benchmark results",
        "",
        "Written by `bench/run.sh`; do not edit by hand. Graph500 Kronecker graphs (A=0.57, B=0.19, C=0.19, "
        "edge factor 16, fixed seed, ids permuted, weights 1–255), made simple and undirected as GAP does; every "
        "library and GAP read the same edge list in the same run on this machine. The GAP column is the GAP "
        "Benchmark Suite's reference code measured in that run (`bench/gap.py`); it reads \"not measured\" when "
        f"GAP was not built or did not run. The goal (issue 21) is graphjobs at most {GOAL}× GAP's time "
        f"({GOALS['pagerank']}× for PageRank).",
        "",
    ] + machine_lines(m)
    for s in args.scales:
        with open(os.path.join(args.out, f"rust-{s}.json")) as f:
            rust = json.load(f)
        ref = None
        path = os.path.join(args.out, f"reference-{s}.json")
        if os.path.exists(path):
            with open(path) as f:
                ref = json.load(f)
        gap, why = same_run_gap(args.out, s, rust, m)
        lines += table(s, rust, ref, gap, why)
    lines += own_gap(args.out, m)
    with open(args.results, "w") as f:
        f.write("\n".join(lines).rstrip() + "\n")
    print(f"report: wrote {args.results}")


if __name__ == "__main__":
    main()
