#!/usr/bin/env python3
"""Reference results from networkx for engine/tests/algo_crosscheck.rs.

Usage:
  reference.py reference DIR   reads DIR/big.edges, DIR/small.edges, DIR/queries.json;
                               writes DIR/reference.json
  reference.py modularity DIR  reads DIR/big.edges, DIR/partitions.json (our communities);
                               writes DIR/modularity.json

Edge files hold one edge per line, "source target weight", vertices 0..n-1; the first line is
"# n". Only pure-Python networkx functions are used (numpy and scipy are optional), so
`pip install networkx` is all the cross-check needs.
"""

import json
import sys
from collections import deque

import networkx as nx


def load(path):
    with open(path) as f:
        n = int(f.readline().split()[1])
        g = nx.DiGraph()
        g.add_nodes_from(range(n))
        for line in f:
            s, t, w = line.split()
            g.add_edge(int(s), int(t), weight=float(w))
    return g


def dense(n, mapping, default=None):
    return [mapping.get(v, default) for v in range(n)]


def pagerank(g, personalization=None):
    # _pagerank_python is networkx's pure-Python power iteration (nx.pagerank needs scipy).
    try:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python as pr
    except ImportError:  # pragma: no cover - older or newer layouts
        pr = nx.pagerank
    return pr(g, alpha=0.85, personalization=personalization, max_iter=10000, tol=1e-11, weight=None)


def assortativity(u):
    try:
        import numpy  # noqa: F401

        return nx.degree_assortativity_coefficient(u)
    except ImportError:
        pass
    xy = list(nx.node_degree_xy(u))
    m = len(xy)
    mx = sum(x for x, _ in xy) / m
    my = sum(y for _, y in xy) / m
    cov = sum((x - mx) * (y - my) for x, y in xy)
    vx = sum((x - mx) ** 2 for x, _ in xy)
    vy = sum((y - my) ** 2 for _, y in xy)
    return cov / (vx * vy) ** 0.5


def set_paths(u, sources, targets):
    """All shortest paths between two vertex sets (closest pairs), via networkx."""
    dist = nx.multi_source_dijkstra_path_length(u, set(sources), weight=None)
    reached = [t for t in targets if t in dist]
    if not reached:
        return None, []
    d = min(dist[t] for t in reached)
    paths = []
    for t in targets:
        for s in sources:
            if s == t and d == 0:
                paths.append([s])
            elif d > 0 and nx.has_path(u, s, t) and nx.shortest_path_length(u, s, t) == d:
                paths.extend(nx.all_shortest_paths(u, s, t))
    return d, sorted(paths)


def pair_paths(g, s, t, cutoff):
    """Shortest path length, all shortest paths and simple paths of at most `cutoff` hops from
    s to t (none when either end is not in g, as in a filtered view)."""
    if s not in g or t not in g or not nx.has_path(g, s, t):
        return {"length": None, "paths": [], "simple_paths": []}
    return {
        "length": nx.shortest_path_length(g, s, t),
        "paths": sorted(nx.all_shortest_paths(g, s, t)),
        "simple_paths": sorted(nx.all_simple_paths(g, s, t, cutoff=cutoff)),
    }


def neighborhood(u, vs):
    out = set()
    for v in vs:
        out.update(w for w in u[v] if w != v)
    return out


def reference(d):
    big, small = load(f"{d}/big.edges"), load(f"{d}/small.edges")
    with open(f"{d}/queries.json") as f:
        q = json.load(f)
    n = big.number_of_nodes()
    ub, us = big.to_undirected(), small.to_undirected()
    out = {}
    out["pagerank"] = dense(n, pagerank(big))
    out["personalrank"] = dense(n, pagerank(big, {q["source"]: 1.0}))
    comp = {}
    for c in nx.weakly_connected_components(big):
        low = min(c)
        comp.update((v, low) for v in c)
    out["wcc"] = dense(n, comp)
    out["coreness"] = dense(n, nx.core_number(ub))
    out["triangles"] = dense(n, nx.triangles(ub))
    out["clustering"] = dense(n, nx.clustering(ub))
    out["average_clustering"] = nx.average_clustering(ub)
    out["assortativity"] = assortativity(ub)
    out["sssp"] = []
    for s in q["sssp_sources"]:
        out["sssp"].append(
            {
                "directed": {str(k): v for k, v in nx.single_source_shortest_path_length(big, s).items()},
                "undirected": {str(k): v for k, v in nx.single_source_shortest_path_length(ub, s).items()},
                "weighted": {
                    str(k): v for k, v in nx.single_source_dijkstra_path_length(big, s, weight="weight").items()
                },
            }
        )
    # networkx measures closeness on incoming distances; on the reverse graph that is outgoing.
    rev = big.reverse(copy=True)
    out["closeness"] = [nx.closeness_centrality(rev, u=s, wf_improved=False) for s in q["closeness_sources"]]
    out["pairs"] = []
    for s, t in q["pairs"]:
        entry = {name: pair_paths(g, s, t, q["n_paths_k"]) for name, g in (("undirected", ub), ("directed", big))}
        entry["common_neighbors"] = sorted(nx.common_neighbors(ub, s, t))
        entry["jaccard"] = next(iter(nx.jaccard_coefficient(ub, [(s, t)])))[2]
        out["pairs"].append(entry)
    # filtered_*: the same questions on the subgraph of kept vertices and light edges.
    dropped, max_weight = set(q["dropped"]), q["max_weight"]
    kept = {}
    for name, g in (("undirected", ub), ("directed", big)):
        kept[name] = nx.subgraph_view(
            g,
            filter_node=lambda v: v not in dropped,
            filter_edge=lambda a, b, g=g: g[a][b]["weight"] <= max_weight,
        )
    out["filtered_pairs"] = [
        {name: pair_paths(g, s, t, q["n_paths_k"]) for name, g in kept.items()} for s, t in q["filtered_pairs"]
    ]
    srcs, tgts = q["set_sources"], q["set_targets"]
    out["set_distance"], out["set_paths"] = set_paths(ub, srcs, tgts)
    near_s, near_t = neighborhood(ub, srcs), neighborhood(ub, tgts)
    common = near_s & near_t
    members = set(srcs) | set(tgts)
    out["set_common"] = sorted(common)
    out["set_common_restricted"] = sorted(v for v in common if len(neighborhood(ub, [v]) & members) >= 2)
    ns = small.number_of_nodes()
    out["betweenness_directed"] = dense(ns, nx.betweenness_centrality(small, normalized=False))
    out["betweenness_undirected"] = dense(ns, nx.betweenness_centrality(us, normalized=False))
    out["betweenness_weighted"] = dense(ns, nx.betweenness_centrality(small, normalized=False, weight="weight"))
    out["edge_betweenness_directed"] = [
        [a, b, x] for (a, b), x in nx.edge_betweenness_centrality(small, normalized=False).items()
    ]
    out["edge_betweenness_undirected"] = [
        [a, b, x] for (a, b), x in nx.edge_betweenness_centrality(us, normalized=False).items()
    ]
    out["betweenness_seeded"] = dense(
        n, nx.betweenness_centrality_subset(big, q["seeds"], list(big.nodes), normalized=False)
    )
    louvain = nx.community.louvain_communities(ub, weight=None, seed=7)
    out["louvain_modularity"] = nx.community.modularity(ub, louvain, weight=None)
    out["louvain_communities"] = len(louvain)
    with open(f"{d}/reference.json", "w") as f:
        json.dump(out, f)


def modularity(d):
    ub = load(f"{d}/big.edges").to_undirected()
    with open(f"{d}/partitions.json") as f:
        parts = json.load(f)
    out = {}
    for name, labels in parts.items():
        groups = {}
        for v, c in enumerate(labels):
            groups.setdefault(c, set()).add(v)
        out[name] = nx.community.modularity(ub, list(groups.values()), weight=None)
    with open(f"{d}/modularity.json", "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    {"reference": reference, "modularity": modularity}[sys.argv[1]](sys.argv[2])
