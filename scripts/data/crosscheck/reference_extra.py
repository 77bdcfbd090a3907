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
    # realtime_recommendation: the walk's visit shares estimate PersonalRank from the source.
    out["walk_personalrank"] = dense(n, pagerank(big, {q["walk_source"]: 1.0}))
    # single_vertex_circles_detection: directed simple cycles through the source, written from
    # the source.
    lo, hi = q["circle_lengths"]
    cycles = [c for c in nx.simple_cycles(small, length_bound=hi) if len(c) >= lo]
    out["circles"] = []
    for s in q["circle_sources"]:
        through = [c[c.index(s):] + c[: c.index(s)] for c in cycles if s in c]
        out["circles"].append(sorted(through))
    # filtered_all_pairs_shortest_paths: every pair's shortest paths of at most `cutoff` hops on
    # the subgraph of kept vertices and light edges.
    fa = q["all_pairs"]
    dropped = set(fa["dropped"])
    out["all_pairs"] = {}
    for name, g in (("undirected", big.to_undirected()), ("directed", big)):
        kept = nx.subgraph_view(
            g,
            filter_node=lambda v: v not in dropped,
            filter_edge=lambda a, b, g=g: g[a][b]["weight"] <= fa["max_weight"],
        )
        groups = []
        for s in fa["sources"]:
            for t in fa["targets"]:
                if s == t or s not in kept or t not in kept or not nx.has_path(kept, s, t):
                    continue
                if nx.shortest_path_length(kept, s, t) <= fa["cutoff"]:
                    groups.append([s, t, sorted(nx.all_shortest_paths(kept, s, t))])
        out["all_pairs"][name] = groups
    # od_betweenness: each trip split evenly over its shortest paths, by enumerating them
    # (networkx's edge_betweenness_centrality_subset splits a non-target vertex's dependency
    # evenly over its predecessors instead of by path counts, so it is not used).
    ob = q["od"]
    out["od"] = {}
    for name, weighted, directed in ob["runs"]:
        g = small if directed else small.to_undirected()
        weight = "weight" if weighted else None
        total = {}

        def add(sources, targets, trips):
            for o in sources:
                for t in targets:
                    if o == t or not nx.has_path(g, o, t):
                        continue
                    paths = list(nx.all_shortest_paths(g, o, t, weight=weight))
                    for path in paths:
                        for a, c in zip(path, path[1:]):
                            key = (a, c) if directed else (min(a, c), max(a, c))
                            total[key] = total.get(key, 0.0) + trips / len(paths)

        if name.startswith("pairs"):
            for o, dd in ob["pairs"]:
                if o != dd:
                    add([o], [dd], 1.0)
        else:
            for s, mode, trips in zip(ob["seeds"], ob["modes"], ob["attendees"]):
                if mode == "IN":
                    others = nx.descendants(g, s) if directed else nx.node_connected_component(g, s) - {s}
                    if others:
                        add([s], list(others), trips / len(others))
                else:
                    others = nx.ancestors(g, s) if directed else nx.node_connected_component(g, s) - {s}
                    if others:
                        add(list(others), [s], trips / len(others))
        out["od"][name] = [[a, c, x] for (a, c), x in total.items()]
    with open(f"{d}/reference.json", "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    {"reference": reference}[sys.argv[1]](sys.argv[2])
