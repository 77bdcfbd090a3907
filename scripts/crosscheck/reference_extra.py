#!/usr/bin/env python3
"""networkx answers for engine/tests/algo_crosscheck_extra.rs (the algorithms of issue 20).

Usage: reference_extra.py reference DIR   reads DIR/big.edges, DIR/small.edges, DIR/queries.json;
                                          writes DIR/reference.json

Edge files are those of reference.py ("# n", then "source target weight" lines). Pure-Python
networkx only.
"""

import json
import sys

import networkx as nx

from reference import dense, load, pagerank


def reference(d):
    big, small = load(f"{d}/big.edges"), load(f"{d}/small.edges")
    with open(f"{d}/queries.json") as f:
        q = json.load(f)
    n = big.number_of_nodes()
    out = {}
    # topicrank: PageRank whose jumps land on the sources with weight actived_p, elsewhere
    # default_p (networkx's personalization, which also takes the dangling rank).
    out["topicrank"] = []
    for t in q["topicrank"]:
        weights = {v: t["default_p"] for v in big}
        weights.update({s: t["actived_p"] for s in t["sources"]})
        g = big if t["directed"] else big.to_undirected()
        out["topicrank"].append(dense(n, pagerank(g, weights)))
    # single_vertex_circles_detection: directed simple cycles through the source, written from
    # the source.
    lo, hi = q["circle_lengths"]
    cycles = [c for c in nx.simple_cycles(small, length_bound=hi) if len(c) >= lo]
    out["circles"] = []
    for s in q["circle_sources"]:
        through = [c[c.index(s):] + c[: c.index(s)] for c in cycles if s in c]
        out["circles"].append(sorted(through))
    with open(f"{d}/reference.json", "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    {"reference": reference}[sys.argv[1]](sys.argv[2])
