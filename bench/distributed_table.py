#!/usr/bin/env python3
"""bench/DISTRIBUTED.md from the results in bench/out: for each distributed-<scale>.json
(bench/distributed.sh), each kernel's job time on the local executor and on P processes (with
P ÷ local), then the peak resident memory of the node and of each compute process; for each
ceiling-<scale>.json (bench/ceiling.sh), the partitioned import and the kernels on P
memory-capped processes, or the reason a job failed. Every section names its own run (date,
commit, load), since the scripts add scales to what earlier runs left in bench/out.

    python3 bench/distributed_table.py bench/out/distributed-18.json … [--write bench/DISTRIBUTED.md]
"""
import json
import os
import sys

NAMES = {"pagerank": "PageRank, 20 iterations", "wcc": "connected components",
         "bfs": "BFS (k_hop from the hub, every level)"}


def provenance(d):
    run = f"Run finished {d['finished']}" if d.get("finished") else "Run date not recorded"
    commit = f" at commit {d['commit']}" if d.get("commit") else ""
    return f"{run}{commit}; load average {load(d)}."


def load(d):
    """The load averages around a run, and what the lead saw during it when recorded."""
    text = f"before {d['load_before']}"
    if d.get("load_after"):
        text += f", at the end {d['load_after']}"
    if d.get("load_during"):
        text += f", during {d['load_during']}"
    return text


def mib(kib):
    return f"{kib / 1024:,.0f} MiB" if kib else "not measured"


def table(d):
    ps = d["processes"]
    out = [f"### Kronecker scale {d['scale']}", "", provenance(d), "",
           "| job (wall time, submit to success; median) | local executor | "
           + " | ".join(f"P = {p}" for p in ps) + " |",
           "|---|---|" + "---|" * len(ps)]
    for k, label in NAMES.items():
        local = d["local"][k]["median_s"]
        cells = []
        for p in ps:
            s = d[f"distributed_{p}"][k]["median_s"]
            cells.append(f"{s:.2f} s ({s / local:.1f}×)")
        out.append(f"| {label} | {local:.2f} s | " + " | ".join(cells) + " |")
    out += ["", "| peak resident memory | node (holds the graph, imports it, runs the local kernels) | "
            + " | ".join(f"largest of the P = {p} processes" for p in ps) + " |",
            "|---|---|" + "---|" * len(ps)]
    row = []
    for p in ps:
        peaks = [x for k in NAMES for x in d[f"distributed_{p}"][k]["process_peak_kib"]]
        row.append(mib(max(peaks)) if peaks else "not measured")
    out.append(f"| MiB | {mib(d.get('node_peak_kib'))} | " + " | ".join(row) + " |")
    return "\n".join(out) + "\n"


def ceiling(docs, local):
    """The ceiling runs: a table per executor, a row per scale."""
    if not docs and not local:
        return ""
    out = ["## The ceiling: partitioned graphs on memory-capped processes", "",
           "`bash bench/ceiling.sh` imports each graph partitioned (the node streams the edges into "
           "P parts and keeps only the vertices), then runs each kernel as a job on P processes, each "
           "started under an address-space limit (`--compute-memory-limit`), so that together they "
           "cannot take more than the machine's memory. The machine has no swap, so a graph that "
           "ran spilled nothing; a job that did not fit fails with its out-of-memory reason, shown "
           "as it came.", ""]
    out += ["| scale (vertices, undirected edges) | executor (P × limit per process) | import | "
            + " | ".join(NAMES.values()) + " | node peak | largest process peak | run |",
            "|---|---|---|" + "---|" * len(NAMES) + "---|---|---|"]
    for d in docs + local:
        p = d["processes"][0]
        dist = d["local"] if d.get("local_only") else d[f"distributed_{p}"]
        cells, peaks = [], []
        for k in NAMES:
            m = dist[k]
            if "failed" in m:
                cells.append(f"failed: {m['failed']}")
            else:
                cells.append(f"{m['median_s']:.1f} s")
                peaks += m["process_peak_kib"]
        limit = d.get("memory_limit")
        limit = f"{limit / 1024 ** 3:.1f} GiB" if limit else "no limit"
        graph = d.get("graph_meta", {})
        size = (f"{graph['vertices']:,}, {graph['edges']:,}" if graph else "–")
        run = f"{d.get('finished', 'date not recorded')}, {d.get('commit', '')}, load average {load(d)}"
        who = "local executor, whole import" if d.get("local_only") else f"{p} × {limit}"
        out.append(f"| {d['scale']} ({size}) | {who} | {d['import_s']:.1f} s | "
                   + " | ".join(cells)
                   + f" | {mib(d.get('node_peak_kib'))} | {mib(max(peaks)) if peaks else '–'} | {run} |")
    mem = (docs + local)[-1].get("memory_total_kib")
    swap = (docs + local)[-1].get("swap_total_kib")
    out += ["", f"Machine memory {mib(mem)}, swap {mib(swap) if swap else 'none'}."]
    return "\n".join(out) + "\n"


def main(argv):
    write = None
    if "--write" in argv:
        i = argv.index("--write")
        write = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    docs = sorted((json.load(open(p)) for p in argv), key=lambda d: d["scale"])
    side = [d for d in docs if not d.get("partitioned") and not d.get("local_only")]
    capped = [d for d in docs if d.get("partitioned")]
    local = [d for d in docs if d.get("local_only")]
    body = "\n".join(table(d) for d in side)
    if capped or local:
        body += "\n" + ceiling(capped, local)
    if not write:
        print(body)
        return
    head = ["<!-- Written by bench/distributed_table.py (bash bench/distributed.sh, bash bench/ceiling.sh); do not edit by hand. -->", "",
            "# The distributed executor beside the single-node engine", "",
            f"On {os.cpu_count()} CPUs. Each figure is a whole job, submitted to the engine as a client would, from submit to success: "
            "for P processes that includes starting the timely group on loopback, each process streaming its "
            "part from the object store (a local directory here), the supersteps, the shards written and the "
            "node merging them. The partition is cut once per graph version, before the timed runs. "
            "A 2-core machine cannot show a speed-up; these tables show the executor's overhead and the "
            "memory each process needs for its share. Commands: "
            f"`bash bench/distributed.sh {' '.join(str(d['scale']) for d in side)}`"
            + (f", `bash bench/ceiling.sh {' '.join(str(d['scale']) for d in capped)}`" if capped else "")
            + (f", `BENCH_LOCAL=1 bash bench/ceiling.sh {' '.join(str(d['scale']) for d in local)}`" if local else "")
            + "; each section names its run.", ""]
    with open(write, "w") as f:
        f.write("\n".join(head) + "\n" + body)
    print(f"distributed: wrote {write}")


if __name__ == "__main__":
    main(sys.argv[1:])
