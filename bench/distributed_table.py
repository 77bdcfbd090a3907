#!/usr/bin/env python3
"""bench/DISTRIBUTED.md from bench/distributed.sh's results (bench/out/distributed-<scale>.json):
per scale, each kernel's job time on the local executor and on P processes (with P ÷ local),
then the peak resident memory of the node and of each compute process.

    python3 bench/distributed_table.py bench/out/distributed-18.json … [--write bench/DISTRIBUTED.md]
"""
import json
import os
import subprocess
import sys
import time

NAMES = {"pagerank": "PageRank, 20 iterations", "wcc": "connected components",
         "bfs": "BFS (k_hop from the hub, every level)"}


def table(d):
    ps = d["processes"]
    out = [f"### Kronecker scale {d['scale']}", "",
           f"Load average before: {d['load_before']}.", "",
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
        row.append(f"{max(peaks) / 1024:.0f} MiB" if peaks else "not measured")
    node = d.get("node_peak_kib")
    out.append(f"| MiB | {f'{node / 1024:.0f} MiB' if node else 'not measured'} | " + " | ".join(row) + " |")
    return "\n".join(out) + "\n"


def main(argv):
    write = None
    if "--write" in argv:
        i = argv.index("--write")
        write = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    docs = sorted((json.load(open(p)) for p in argv), key=lambda d: d["scale"])
    body = "\n".join(table(d) for d in docs)
    if not write:
        print(body)
        return
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    head = ["<!-- Written by bench/distributed_table.py (bash bench/distributed.sh); do not edit by hand. -->", "",
            "# The distributed executor beside the single-node engine", "",
            f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} at commit {commit} on {os.cpu_count()} CPUs. "
            "Each figure is a whole job, submitted to the engine as a client would, from submit to success: "
            "for P processes that includes starting the timely group on loopback, each process streaming its "
            "part from the object store (a local directory here), the supersteps, the shards written and the "
            "node merging them. The partition is cut once per graph version, before the timed runs. "
            "A 2-core machine cannot show a speed-up; these tables show the executor's overhead and the "
            "memory each process needs for its share. Command: "
            f"`bash bench/distributed.sh {' '.join(str(d['scale']) for d in docs)}`.", ""]
    with open(write, "w") as f:
        f.write("\n".join(head) + "\n" + body)
    print(f"distributed: wrote {write}")


if __name__ == "__main__":
    main(sys.argv[1:])
