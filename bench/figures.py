#!/usr/bin/env python3
"""Writes bench/FIGURES.md, the one table of every performance figure README shows, from what
bench/all.sh's steps left in bench/out/, and copies it into README between the markers
`<!-- figures:begin -->` and `<!-- figures:end -->`.

    python3 bench/figures.py [--scale 18] [--wasm public/pkg/console.wasm]

Each row names its reference (measured in the same run unless it says otherwise) and its goal
where an issue sets one. A figure whose input is missing (its step failed or was skipped) reads
"not measured" with the reason, never an old number. GAP's figures come only from this run's
gap-<scale>.json (bench/gap.py, via bench/report.py's same_run_gap): no GAP number is written
in this script.
"""

import argparse
import time
import gzip
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import (GOAL, GOALS, KERNELS, LIBS, NOT_MEASURED, against, fmt, gap_kernel, in_run, meets, spread,  # noqa: E402
                    mib, same_run_gap, slower_faster)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")  # --out changes it
WASM_GOAL_GZIP = 300_000
# Issue 21: import at ≥ 250 MB/s of GES CSV, its peak RSS ≤ 1.3× the finished graph, the graph
# ≤ 1.5× GAP's CSR plus the bytes of its properties.
IMPORT_GOAL_MBS = 250
IMPORT_PEAK_GOAL = 1.3
GRAPH_GOAL = 1.5
DISTRIBUTED_LINE = ("The distributed executor beside the local one (job times for P = 1, 2, 4 processes, memory "
                    "per process) and the largest graph each executor runs on this machine: `bench/DISTRIBUTED.md`, "
                    "written by `bash bench/distributed.sh` and `bash bench/ceiling.sh`.")


def load(name):
    path = os.path.join(OUT, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def missing(what, why):
    return [f"| {what} | not measured | – | – | {why} |"]


def kernels(scale, machine, paging=True):
    rust, ref = load(f"rust-{scale}.json"), load(f"reference-{scale}.json")
    if rust is None:
        return missing(f"kernels at Kronecker scale {scale}", f"bench/out/rust-{scale}.json missing (bench/run.sh {scale})")
    libs = (ref or {}).get("libs", {})
    gap, why = same_run_gap(OUT, scale, rust, machine)
    rows = []
    for key, label, unit, factor in KERNELS:
        ours = rust["kernels"][key]["median_s"] * factor
        refs = []
        for k, name in LIBS:
            row = libs.get(k, {}).get("kernels", {}).get(key)
            if row:
                whole = " whole solve" if row.get("whole_solve") else ""
                refs.append(f"{name} {fmt(row['median_s'] * factor)}{whole}")
        goal = GOALS.get(key, GOAL)
        theirs = gap_kernel(gap, key)
        if theirs:
            ratio = ours / (theirs["median_s"] * factor)
            verdict = against(ratio, goal).replace("×", "× GAP", 1)
            refs.append(f"GAP {fmt(theirs['median_s'] * factor)} ({gap['threads']} threads){spread(theirs, factor)}")
        else:
            reason = why or (gap or {}).get("kernels", {}).get(key, {}).get("reason", "no figure")
            verdict = f"GAP {NOT_MEASURED} ({reason}); goal ≤ {goal}× GAP"
        rows.append(f"| {label}, {unit}, scale {scale} | {fmt(ours)}{spread(rust['kernels'][key], factor)} | "
                    f"{'; '.join(refs) or 'n/a'} | "
                    f"{verdict} | `bench/run.sh {scale}` |")
    imp = rust["import"]
    gimp = (gap or {}).get("import") or {}
    gap_import = (f"; GAP's `converter`, text edge list ({gimp['input_bytes'] / 1e6:.0f} MB `u v w`) to CSR: "
                  f"{gimp['read_build_s']:.2f} s = {gimp['edges_per_s'] / 1e6:.2f} M edges/s"
                  if "read_build_s" in gimp else f"; GAP's converter {NOT_MEASURED}")
    gap_verdict = (f"; per edge {slower_faster(gimp['edges_per_s'] / imp['import_edges_per_s'])} than GAP's converter"
                   if "read_build_s" in gimp else "")
    mbs = imp["import_mb_per_s"]
    rows.append(f"| CSV import, MB/s ({imp['bytes'] / 1e6:.0f} MB GES CSV, scale {scale}) | "
                f"{mbs:.0f} ({imp['import_edges_per_s'] / 1e6:.2f} M edges/s) | "
                f"raw read of the same bytes {imp['raw_read_mb_per_s']:.0f} MB/s{gap_import} | "
                f"{meets(mbs >= IMPORT_GOAL_MBS)} ≥ {IMPORT_GOAL_MBS} MB/s; raw read is "
                f"{imp['raw_over_import']:.0f}× faster{gap_verdict} | `bench/run.sh` |")
    rows += import_memory(scale, rust, gap, machine)
    pg = rust.get("paging") if paging else None
    if pg:
        rows.append(f"| result page (100 rows) at offset 0 / at row {pg['rows'] - pg['page']:,} of a "
                    f"{pg['rows'] / 1e6:.0f}M-row result, µs | {pg['index_offset_0_s'] * 1e6:.0f} / "
                    f"{pg['index_offset_last_s'] * 1e6:.0f} | sequential scan to the offset: "
                    f"{pg['scan_offset_0_s'] * 1e6:.0f} µs / {pg['scan_offset_last_s'] * 1e3:.0f} ms | "
                    "constant in the offset | `bench/run.sh` |")
    return rows


def import_memory(scale, rust, gap, machine):
    """Issue 21's two memory figures from import-<scale>.json (`import_once`, its own process, run
    by bench/run.sh on the GES CSV of rust-<scale>.json): the import's peak RSS over the finished
    graph, and the graph over GAP's CSR of the same graph plus the bytes of its properties."""
    what = f"import peak RSS and graph memory, scale {scale}"
    got = load(f"import-{scale}.json")
    if got is None:
        return missing(what, f"bench/out/import-{scale}.json missing (bench/run.sh {scale})")
    imp = rust["import"]
    if (got["vertices"], got["edges"]) != (imp["vertices"], imp["edges"]):
        return missing(what, f"import-{scale}.json is for another graph than rust-{scale}.json")
    # import_once records no time of its own: the file's is when it was measured.
    why = in_run({"started_unix": os.stat(os.path.join(OUT, f"import-{scale}.json")).st_mtime}, machine,
                 hint="import_once run by hand")
    if why:
        return missing(what, f"import-{scale}.json {why}")
    peak, graph = got["peak_rss_mib"], got["graph_mib"]
    gmem = (gap or {}).get("memory") or {}
    conv = gmem.get("converter_weighted_maxrss_kib")
    conv_cell = f"GAP's `converter` peak RSS {mib(conv)} (text to weighted CSR, this run)" if conv else \
        f"GAP's converter {NOT_MEASURED}"
    rows = [f"| import peak RSS, MiB (scale {scale}, `import_once`: the import alone in its own process) | "
            f"{peak:.0f} = {peak / graph:.2f}× the finished graph | {conv_cell} | "
            f"{meets(peak / graph <= IMPORT_PEAK_GOAL)} ≤ {IMPORT_PEAK_GOAL}× the graph | `bench/run.sh` |"]
    shape = (gap or {}).get("gap_graph")
    if shape:
        # GAP's CSR of an undirected graph: one offset array of int64 (n + 1) and every edge in both
        # rows as an int32; the properties: the edge's `weight`, a GES int, 4 bytes per edge.
        csr = 8 * (shape["vertices"] + 1) + 4 * 2 * shape["edges"]
        props = 4 * imp["edges"]
        ref = (csr + props) / 2**20
        rows.append(f"| the graph in memory, MiB (scale {scale}: ids, both adjacency directions, the `weight` "
                    f"column) | {graph:.0f} | GAP's CSR of this run's graph {csr / 2**20:.0f} MiB (int64 offsets, "
                    f"int32 neighbours both ways) + the weights {props / 2**20:.0f} MiB (4 bytes each) = "
                    f"{ref:.0f} MiB | {graph / ref:.2f}×: {meets(graph / ref <= GRAPH_GOAL)} ≤ {GRAPH_GOAL}× | "
                    "`bench/run.sh` |")
    else:
        rows += missing(f"the graph in memory against GAP's CSR, scale {scale}",
                        f"{graph:.0f} MiB; GAP's graph {NOT_MEASURED} (no same-run gap-{scale}.json)")
    return rows


def own_gap(machine):
    """GAP on its own -g graph in this run (gap-own-<scale>.json): a row of its own, to set this
    machine beside published GAP figures; no graphjobs figure (another graph)."""
    names = sorted(f for f in os.listdir(OUT) if f.startswith("gap-own-") and f.endswith(".json")) \
        if os.path.isdir(OUT) else []
    if not names:
        return missing("GAP on its own Kronecker graph", "no gap-own-<scale>.json (GAP not built, or GAP_OWN_SCALE=0)")
    rows = []
    for name in names:
        own = load(name)
        why = in_run(own, machine)
        if why:
            rows += missing(f"GAP on its own Kronecker graph (`{name}`)", why)
            continue
        parts = []
        for key, label, unit, factor in KERNELS:
            row = own["kernels"].get(key, {})
            parts.append(f"{label} {fmt(row['median_s'] * factor)} {unit}" if "median_s" in row
                         else f"{label} {NOT_MEASURED}")
        pr = own["kernels"].get("pagerank", {})
        iters = f" (PageRank: {sorted(set(pr['iterations']))} iterations to 1e-4)" if "iterations" in pr else ""
        rows.append(f"| GAP on its own Kronecker graph, `-g {own['scale']}`, bench.mk arguments{iters} | – | "
                    f"{'; '.join(parts)} | for comparison with published GAP figures (another graph: no ratio) | "
                    f"`bench/run.sh` (GAP_OWN_SCALE) |")
    return rows


def jobs():
    j = load("jobs.json")
    if j is None:
        return missing("job list and job throughput", "bench/out/jobs.json missing (jobs_bench)")
    rows = []
    lst = j.get("list")
    if lst:
        a = lst["all"]
        worst = max(lst["shapes"], key=lambda s: s["list_jobs"]["p99_ms"])
        rows.append(f"| job-list query with {lst['jobs']:,} jobs in the SQLite store, p50 / p99 ms over "
                    f"{len(lst['shapes'])} query shapes × {lst['runs']} | {a['list_jobs']['p50_ms']:.2f} / "
                    f"{a['list_jobs']['p99_ms']:.1f} (slowest shape: {worst['shape']}, p99 "
                    f"{worst['list_jobs']['p99_ms']:.1f}) | plain `COUNT(*)` + `LIMIT/OFFSET` on the same "
                    f"database: {a['reference']['p50_ms']:.1f} / {a['reference']['p99_ms']:.0f} | "
                    "every page checked against the reference | `jobs_bench --parts list` |")
    t = j.get("throughput")
    if t:
        e, s = t["engine"], t["store_writes_only"]
        rows.append(f"| job throughput: trivial jobs (pagerank, 5 vertices), {e['workers']} workers, "
                    f"{e['submitters']} submitters | {e['submitted_per_s']:,.0f} submitted/s, "
                    f"{e['completed_per_s']:,.0f} completed/s | the store's writes alone (insert, claim, "
                    f"finish): {s['completed_per_s']:,.0f} jobs/s | {e['completed_per_s'] / s['completed_per_s']:.0%} "
                    "of the store's ceiling | `jobs_bench --parts throughput` |")
    return rows


def load_test():
    lt = load("load.json")
    if lt is None:
        return missing("REST load", "bench/out/load.json missing (bench/load.sh)")
    m = lt["mixed"]
    # Each is one figure per round (health and status alternating); older files hold one number.
    as_list = lambda x: x if isinstance(x, list) else [x]
    health, status, ratio = (as_list(lt[k]) for k in ("health_rps", "status_rps", "status_over_health"))
    span = lambda xs, f: f(min(xs)) if f(min(xs)) == f(max(xs)) else f"{f(min(xs))}–{f(max(xs))}"
    rps, pct = lambda x: f"{x:,.0f}", lambda x: f"{x:.0%}"
    rounds = f", {len(ratio)} rounds alternating with `/health`" if len(ratio) > 1 else ""
    return [
        f"| job status (100-row page), req/s{rounds} | {span(status, rps)} | trivial axum handler `/health` "
        f"{span(health, rps)} req/s | {span(ratio, pct)} of the trivial handler (goal ≥ 25%) | `bench/load.sh` |",
        f"| mixed REST load over {m['seconds']:.0f} s (submit, cancel, status, pages): req/s, p50 / p99 ms | "
        f"{m['rps']:,.0f}; {m['p50_ms']:.1f} / {m['p99_ms']:.1f} | – | {m.get('http_5xx', 0)} 5xx, "
        f"{lt['lost']} lost, {lt['stuck']} stuck | `bench/load.sh` |",
    ]


def gzip_size(path):
    return len(gzip.compress(open(path, "rb").read(), 9))


def first_visits(pkg, manifest):
    """Per console area (`jobs`, `job`, `sign_in`, …): how many lazily loaded files a first visit
    fetches besides the main module, and the gzip bytes of all of them with the main module. The
    split manifest lists, per area island (`jobs_area_loader_<hash>`), its shared chunks and the
    area's own file last. Split points that are not areas (the key handling, `loaded_<hash>`,
    fetched on the first key press) are no first visit's and are left out."""
    main = gzip_size(os.path.join(pkg, "console.wasm"))
    visits = {}
    for key, files in manifest.items():
        if "_area_loader_" not in key:
            continue
        area = key.split("_area")[0]
        visits[area] = (len(files), main + sum(gzip_size(os.path.join(pkg, f + ".wasm")) for f in files))
    return visits


def wasm(path):
    """The islands runtime (the main module) against its reference, and what a first visit to
    each area loads in all (the main module and the files the split manifest lists for the
    area's island), against the goal."""
    if not os.path.exists(path):
        return missing("console wasm bundle", f"{path} missing (scripts/dev/build.sh release)")
    size, gz = os.path.getsize(path), gzip_size(path)
    pkg = os.path.dirname(path)
    ref = load("wasm_reference.json")
    islands, hydrated = (ref.get("islands"), ref.get("hydrated")) if ref else (None, None)
    ref_cell = (f"minimal Leptos 0.8 islands app (one island: a keyed list, a signal, an action form) built "
                f"the same way: {islands['bytes']:,} ({islands['gzip']:,} gzip) — `bench/wasm_size.sh`"
                if islands else "–")
    rows = [f"| console wasm main module (islands runtime), release + wasm-opt, bytes | {size:,} ({gz:,} gzip) | "
            f"{ref_cell} | – (a page also loads its area's files, next row) | `scripts/dev/build.sh release` |"]
    manifest_path = os.path.join(pkg, "__wasm_split_manifest.json")
    if not os.path.exists(manifest_path):
        return rows
    visits = first_visits(pkg, json.load(open(manifest_path)))
    if "jobs" not in visits:
        return rows
    files, total = visits["jobs"]
    others = ", ".join(f"{area} {gz:,}" for area, (_, gz) in sorted(visits.items()) if area != "jobs")
    over = sorted(area for area, (_, gz) in visits.items() if gz > WASM_GOAL_GZIP)
    goal = f"the {WASM_GOAL_GZIP // 1000} KB gzip goal"
    verdict = f"meets {goal}" if not over else f"misses {goal} for {', '.join(over)}"
    refs = "; ".join(f"{name}: {r['gzip']:,}" for name, r in
                     (("the islands app", islands), ("the minimal fully hydrated app", hydrated)) if r) or "–"
    rows.append(f"| console wasm for a first visit to `/jobs`: main module + the area's {files} lazily "
                f"loaded files, gzip bytes (the other areas: {others}) | {total:,} | {refs} | {verdict} | "
                f"`bench/figures.py` |")
    return rows


def console():
    c = load("console_load.json")
    if c is None:
        return missing("console first paint", "bench/out/console_load.json missing (bench/console_load.sh)")
    results = c["results"]
    # The first result is /jobs of the big project; the references follow (their names say so).
    jobs_result = next((r for r in results if r["path"] == "/jobs"), None)
    jobs = jobs_result["stats"] if jobs_result else None
    small = next((r["stats"] for r in results if r["name"] == "reference: /jobs of a 1-job project"), None)
    no_js = next((r["stats"] for r in results if r["name"].endswith("JavaScript off")), None)
    signin = next((r["stats"] for r in results if r["path"] == "/signin"), None)
    if not jobs:
        return missing("console first paint", "no /jobs figure in console_load.json")
    refs = []
    if no_js:
        refs.append(f"the same document with JavaScript off {no_js['fcp']['median']:.0f} ms")
    if small:
        refs.append(f"`/jobs` of a 1-job project {small['fcp']['median']:.0f} ms")
    if signin:
        refs.append(f"`/signin` (no data) {signin['fcp']['median']:.0f} ms")
    return [f"| console first contentful paint, `/jobs` with {c['expectTotal']:,} jobs, median / p90 ms "
            f"(Chromium, loopback) | {jobs['fcp']['median']:.0f} / {jobs['fcp']['p90']:.0f}; hydrated "
            f"{jobs['hydrated']['median']:.0f}{wire(jobs_result)} | {'; '.join(refs) or 'n/a'} | – | "
            "`bench/console_load.sh` |"]


def wire(result):
    """The wasm bytes the browser received before hydrating, as resource timing reports them."""
    if not result.get("wasmBytes"):
        return ""
    return f"; {result['wasmBytes']:,} B of wasm on the wire in {result['wasmCount']} files"


def remeasured():
    """Names the result files written well after the full run (a figure measured again on its
    own, e.g. after a change), with their dates: their rows are not from the run above."""
    machine = os.path.join(OUT, "machine.json")
    if not os.path.exists(machine):
        return ""
    since = os.path.getmtime(machine) + 3600
    later = sorted((os.path.getmtime(os.path.join(OUT, f)), f) for f in os.listdir(OUT)
                   if f.endswith(".json") and os.path.getmtime(os.path.join(OUT, f)) > since)
    if not later:
        return ""
    when = lambda t: time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(t))
    return " Measured again on their own since: " + ", ".join(f"`{f}` {when(t)}" for t, f in later) + "."


def machine_line(m):
    """The machine, its load and the toolchains (bench/out/machine.json), above the table."""
    gap = m.get("gapbs")
    gap_text = (f"GAP {gap.get('commit', '?')} built with `{gap.get('flags', '?')}` ({gap.get('compiler', '?')}), "
                f"OMP_NUM_THREADS={m.get('omp_threads', '?')}" if gap else "GAP not built in this run")
    return (f"Machine: {m.get('nproc', '?')} CPUs ({m.get('cpu', '?')}), {m.get('mem', '?')}; "
            f"{m.get('rustc', '')}; {gap_text}; run {m.get('date', '?')} at commit {m.get('commit', '?')}, load average "
            f"{m.get('load_start', '?')} at the start and {m.get('load_end', '?')} at the end of `bench/run.sh`. "
            f"Command: `{m.get('command', 'bash bench/all.sh')}`. Full kernel tables: `bench/RESULTS.md`.")


def main():
    global OUT
    p = argparse.ArgumentParser()
    p.add_argument("--scale", type=int, nargs="+", default=[18])
    site = os.environ.get("SITE_ROOT", os.path.join(ROOT, "target", "site"))
    p.add_argument("--wasm", default=os.path.join(site, "pkg", "console.wasm"))
    p.add_argument("--readme", default=os.path.join(ROOT, "README.md"))
    p.add_argument("--out", default=OUT, help="the JSON results (default bench/out)")
    p.add_argument("--figures", default=os.path.join(HERE, "FIGURES.md"), help="the file to write")
    args = p.parse_args()
    OUT = args.out
    m = load("machine.json") or {}
    lines = [
        "<!-- Written by bench/figures.py (bash bench/all.sh); do not edit by hand. -->",
        "",
        machine_line(m) + remeasured(),
        "",
        "| figure | graphjobs | reference (same run unless noted) | against the goal | made by |",
        "|---|---|---|---|---|",
    ]
    for i, s in enumerate(args.scale):
        lines += kernels(s, m, paging=i == 0)
    lines += own_gap(m)
    lines += jobs() + load_test() + wasm(args.wasm) + console()
    if os.path.exists(os.path.join(HERE, "DISTRIBUTED.md")):
        lines += ["", DISTRIBUTED_LINE]
    text = "\n".join(lines) + "\n"
    with open(args.figures, "w") as f:
        f.write(text)
    readme = open(args.readme).read()
    begin, end = "<!-- figures:begin -->", "<!-- figures:end -->"
    if begin in readme and end in readme:
        head, rest = readme.split(begin, 1)
        _, tail = rest.split(end, 1)
        with open(args.readme, "w") as f:
            f.write(head + begin + "\n" + text + end + tail)
        print(f"figures: wrote {args.figures} and {args.readme}'s table")
    else:
        print(f"figures: wrote {args.figures} ({args.readme} has no figures markers)")


if __name__ == "__main__":
    main()
