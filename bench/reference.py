#!/usr/bin/env python3
"""Reference timings from python-igraph, NetworKit and networkx on the graph bench.rs wrote.

    python3 bench/reference.py --scale 18 [--runs 3] [--out bench/out] [--libs igraph,networkit,networkx]

Reads bench/out/kron-<scale>.el (``u v w`` lines, each undirected edge once) and
kron-<scale>.json (vertex count, sources), so every library sees the exact graph graphjobs saw.
Each library runs in its own subprocess with a timeout; a worker prints one JSON line per
kernel as soon as it finishes, so a timeout loses only the kernels still running. Kernels run
in cheap-to-expensive order. A library that cannot be imported, or networkx at a scale other
than 16, gets "n/a" with the reason. Prints one JSON object on stdout.

Timings exclude loading the graph (reported separately as load_s) and are medians of up to
--runs runs, fewer once a kernel has used its time budget.
"""

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LIBS = ("igraph", "networkit", "networkx")
NETWORKX_SCALES = (16,)
KERNEL_BUDGET_S = 20.0
LIB_TIMEOUT_S = {"igraph": 240, "networkit": 240, "networkx": 300}


def load(meta):
    """Edge arrays (u, v, w) from the edge list."""
    with open(meta["edge_list_abs"], "rb") as f:
        tokens = f.read().split()
    return [int(x) for x in tokens[0::3]], [int(x) for x in tokens[1::3]], [int(x) for x in tokens[2::3]]


def repeat(runs, fn):
    """Up to `runs` timed calls of fn (at least one; stop once the budget is spent)."""
    samples, result, start = [], None, time.perf_counter()
    while True:
        t = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - t)
        if len(samples) >= runs or time.perf_counter() - start >= KERNEL_BUDGET_S:
            return samples, result


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def emit(kernel, samples, per=1.0, note=None, **checks):
    row = {"kernel": kernel, "median_s": median(samples) / per, "samples": len(samples)}
    if note:
        row["note"] = note
    row.update(checks)
    print(json.dumps(row), flush=True)


def per_source(runs, sources, fn):
    """Times fn(source) for every source, runs split over the sources' shared budget."""
    samples, results = [], []
    for s in sources:
        t0 = time.perf_counter()
        for _ in range(runs):
            t = time.perf_counter()
            r = fn(s)
            samples.append(time.perf_counter() - t)
            if time.perf_counter() - t0 >= KERNEL_BUDGET_S / len(sources):
                break
        results.append(r)
    return samples, results


def run_igraph(meta, runs):
    import igraph as ig

    t = time.perf_counter()
    u, v, w = load(meta)
    g = ig.Graph(n=meta["vertices"], edges=list(zip(u, v)), directed=False)
    g.es["weight"] = w
    del u, v, w
    print(json.dumps({"kernel": "load", "median_s": time.perf_counter() - t, "version": ig.__version__}), flush=True)
    src, bc_src = meta["sources"], meta["bc_sources"]

    s, _ = repeat(runs, lambda: g.pagerank(directed=False, damping=0.85, implementation="prpack"))
    emit("pagerank", s, note="PRPACK solves directly, no iteration count: whole solve, not per iteration", whole_solve=True)
    s, r = per_source(runs, src, lambda x: g.bfs(x, mode="all")[0])
    emit("bfs", s, bfs_reached=[len(x) for x in r])
    s, cc = repeat(runs, lambda: g.connected_components(mode="weak"))
    emit("wcc", s, wcc_components=len(cc), wcc_largest=max(cc.sizes()))
    s, r = per_source(runs, src, lambda x: g.distances(source=x, weights="weight", algorithm="dijkstra")[0])
    emit("sssp", s, sssp_distance_sums=[sum(d for d in row if d != float("inf")) for row in r])
    s, _ = repeat(runs, lambda: g.betweenness(directed=False, sources=bc_src))
    emit("betweenness", s, note="exact, from the same 4 sources (sources=)")

    def tc():
        # Local clustering c_v = t_v / (d_v (d_v - 1) / 2), so t_v is recovered exactly enough.
        c = g.transitivity_local_undirected(mode="zero")
        d = g.degree()
        return round(sum(ci * di * (di - 1) / 2 for ci, di in zip(c, d)) / 3)

    s, total = repeat(runs, tc)
    emit("triangle_count", s, note="via transitivity_local_undirected", triangles=total)


def run_networkit(meta, runs, threads):
    import networkit as nk

    nk.setNumberOfThreads(threads)
    nk.engineering.setLogLevel("ERROR") if hasattr(nk, "engineering") else None
    t = time.perf_counter()
    u, v, w = load(meta)
    n = meta["vertices"]
    gw = nk.Graph(n, weighted=True, directed=False)
    g = nk.Graph(n, weighted=False, directed=False)
    for a, b, c in zip(u, v, w):
        gw.addEdge(a, b, c)
        g.addEdge(a, b)
    del u, v, w
    print(json.dumps({"kernel": "load", "median_s": time.perf_counter() - t, "version": nk.__version__,
                      "threads": nk.getMaxNumberOfThreads()}), flush=True)
    src, bc_src = meta["sources"], meta["bc_sources"]
    iters = meta["pagerank_iterations"]

    def pagerank():
        pr = nk.centrality.PageRank(g, damp=0.85, tol=1e-300)
        pr.maxIterations = iters
        pr.run()
        return pr.numberOfIterations()

    s, done = repeat(runs, pagerank)
    emit("pagerank", s, per=done, iterations=done)

    def bfs(x):
        b = nk.distance.BFS(g, x, storePaths=False)
        b.run()
        return sum(1 for d in b.getDistances() if d < 1e300)

    s, r = per_source(runs, src, bfs)
    emit("bfs", s, bfs_reached=r)

    def wcc():
        cc = nk.components.ConnectedComponents(g)
        cc.run()
        return cc

    s, cc = repeat(runs, wcc)
    emit("wcc", s, wcc_components=cc.numberOfComponents(), wcc_largest=max(cc.getComponentSizes().values()))

    def sssp(x):
        d = nk.distance.Dijkstra(gw, x, storePaths=False)
        d.run()
        return sum(y for y in d.getDistances() if y < 1e300)

    s, r = per_source(runs, src, sssp)
    emit("sssp", s, sssp_distance_sums=r)

    def bc():
        e = nk.centrality.EstimateBetweenness(g, len(bc_src), normalized=False, parallel=True)
        e.run()

    s, _ = repeat(runs, bc)
    emit("betweenness", s, note="EstimateBetweenness with 4 random pivots: NetworKit takes no source list")

    g.indexEdges()

    def tc():
        t = nk.sparsification.TriangleEdgeScore(g)
        t.run()
        return round(sum(t.scores()) / 3)

    s, total = repeat(runs, tc)
    emit("triangle_count", s, note="TriangleEdgeScore, summed", triangles=total)


def run_networkx(meta, runs):
    import networkx as nx

    t = time.perf_counter()
    u, v, w = load(meta)
    g = nx.Graph()
    g.add_nodes_from(range(meta["vertices"]))
    g.add_weighted_edges_from(zip(u, v, w))
    del u, v, w
    print(json.dumps({"kernel": "load", "median_s": time.perf_counter() - t, "version": nx.__version__}), flush=True)
    src, bc_src = meta["sources"], meta["bc_sources"]
    iters = meta["pagerank_iterations"]

    def pagerank():
        # tol=0 never converges, so exactly max_iter iterations run before the exception.
        try:
            nx.pagerank(g, alpha=0.85, max_iter=iters, tol=0, weight=None)
        except nx.PowerIterationFailedConvergence:
            pass

    s, _ = repeat(runs, pagerank)
    emit("pagerank", s, per=iters)
    s, r = per_source(runs, src, lambda x: nx.single_source_shortest_path_length(g, x))
    emit("bfs", s, bfs_reached=[len(x) for x in r])
    s, cc = repeat(runs, lambda: [len(c) for c in nx.connected_components(g)])
    emit("wcc", s, wcc_components=len(cc), wcc_largest=max(cc))
    s, r = per_source(runs, src, lambda x: nx.single_source_dijkstra_path_length(g, x, weight="weight"))
    emit("sssp", s, sssp_distance_sums=[sum(d.values()) for d in r])
    s, _ = repeat(runs, lambda: nx.betweenness_centrality_subset(g, bc_src, list(g), normalized=False))
    emit("betweenness", s, note="exact, from the same 4 sources (betweenness_centrality_subset)")
    s, total = repeat(runs, lambda: sum(nx.triangles(g).values()) // 3)
    emit("triangle_count", s, triangles=total)


def worker(args, meta):
    if args.worker == "igraph":
        run_igraph(meta, args.runs)
    elif args.worker == "networkit":
        run_networkit(meta, args.runs, args.threads)
    else:
        run_networkx(meta, args.runs)


def run_lib(lib, args):
    """Runs one library's worker; returns {"status", "reason"?, "kernels", ...}."""
    nx_scales = [int(x) for x in args.networkx_scales.split(",") if x]
    if lib == "networkx" and args.scale not in nx_scales:
        return {"status": "n/a", "reason": f"networkx runs at scale {'/'.join(map(str, nx_scales))} only (too slow beyond)"}
    probe = subprocess.run([sys.executable, "-c", f"import {lib}"], capture_output=True, text=True)
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or ["import failed"])[-1]
        return {"status": "n/a", "reason": f"{lib} not installed ({reason}); run bench/setup.sh with network access"}
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", lib, "--scale", str(args.scale),
           "--runs", str(args.runs), "--out", args.out, "--threads", str(args.threads)]
    timeout = LIB_TIMEOUT_S[lib]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    status, reason = "ok", None
    try:
        out, err = proc.communicate(timeout=timeout)
        if proc.returncode != 0:
            status, reason = "error", (err.strip().splitlines() or ["exit %d" % proc.returncode])[-1]
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        status, reason = "timeout", f"stopped after {timeout} s; kernels not listed did not finish"
    result = {"status": status, "kernels": {}}
    if reason:
        result["reason"] = reason
    for line in out.splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            continue
        name = row.pop("kernel")
        if name == "load":
            result.update(load_s=row["median_s"], version=row.get("version"), threads=row.get("threads", 1))
        else:
            result["kernels"][name] = row
    print(f"reference: {lib}: {status}{' — ' + reason if reason else ''}", file=sys.stderr)
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scale", type=int, default=18)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--out", default=os.path.join(HERE, "out"))
    p.add_argument("--libs", default=",".join(LIBS))
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--networkx-scales", default=",".join(map(str, NETWORKX_SCALES)),
                   help="scales at which networkx runs (comma separated)")
    p.add_argument("--worker", choices=LIBS, help=argparse.SUPPRESS)
    args = p.parse_args()
    with open(os.path.join(args.out, f"kron-{args.scale}.json")) as f:
        meta = json.load(f)
    el = meta["edge_list"]
    meta["edge_list_abs"] = el if os.path.isabs(el) else os.path.join(args.out, os.path.basename(el))
    if args.worker:
        worker(args, meta)
        return
    libs = {}
    for lib in args.libs.split(","):
        libs[lib] = run_lib(lib, args) if lib in LIBS else {"status": "n/a", "reason": "unknown library"}
    print(json.dumps({"scale": args.scale, "runs": args.runs, "threads": args.threads, "libs": libs}))


if __name__ == "__main__":
    main()
