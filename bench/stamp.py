#!/usr/bin/env python3
"""Adds a run's provenance to bench_distributed's JSON (stdin to stdout): the scale, the load
average before it and when it ended (its 5- and 15-minute figures cover the run), the commit,
when it finished, and the graph's vertex and edge counts.

    … | python3 bench/stamp.py SCALE "LOAD" bench/out/kron-SCALE.json > out.json
"""
import json
import subprocess
import sys
import time

d = json.load(sys.stdin)
meta = json.load(open(sys.argv[3]))
d["scale"] = int(sys.argv[1])
d["load_before"] = sys.argv[2]
d["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True).stdout.strip()
d["load_after"] = " ".join(open("/proc/loadavg").read().split()[:3])
d["finished"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
d["graph_meta"] = {"vertices": meta["vertices"], "edges": meta["edges"]}
print(json.dumps(d))
