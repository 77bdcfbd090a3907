//! Scripts run end to end on small graphs, checked against the engine's own algorithms.

use std::collections::BTreeMap;

use serde_json::{Map, json};

use super::compile::compile;
use super::pregel::{MAX_SUPERSTEPS, Stop};
use super::script::{Output, PARTITIONS, execute};
use crate::algo;
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The SSSP example of HyG's "Programming Example of Creating Custom Graph Analysis
/// Algorithms" page, verbatim.
pub(super) const DOC_SSSP: &str = r#"# Import necessary packages.
from hyg.analytics.graph import load_base_graph
from hyg.analytics.model import pregel_types, PregelModel

# Set graph_name to load graph data.
graph = load_base_graph("movie")
# Obtain the internal ID based on the external ID.
SOURCE_NODE = graph.nid(100)

# Implement the custom SSSP algorithm based on the Pregel model and set ntype to int.
# By default, set mtype to the same value as ntype, and set combiner to min.
@pregel_types(ntype=int, combiner=min)
class PregelSSSP(PregelModel):
    @staticmethod
    def compute(ctx, nid, msgs):
        if ctx.superstep == 0:
            ctx.set_value(nid, 10000)

        min_dist = 0 if nid == SOURCE_NODE else 10000

        if len(msgs) != 0:
            min_dist = min(min_dist, min(msgs))

        if min_dist < ctx.value(nid):
            ctx.set_value(nid, min_dist)
            for e in ctx.out_edges(nid):
                ctx.send(ctx.edge_dst(e), min_dist + 1)

        ctx.halt(nid)

# Run the custom SSSP algorithm and obtain the result.
result = graph.run_pregel(PregelSSSP)
print(type(result), result)
"#;

/// A PageRank written within the subset (the docs' own PageRank example is truncated).
pub(super) const PAGERANK: &str = r#"from hyg.analytics.graph import load_base_graph
from hyg.analytics.model import pregel_types, PregelModel

graph = load_base_graph("movie")
ROUNDS = 200
DAMPING = 0.85

@pregel_types(ntype=float, combiner=sum)
class PregelPageRank(PregelModel):
    """Ranks sum to 1; every vertex of the test graph has out-edges."""
    @staticmethod
    def init(ctx, nid):
        ctx.set_value(nid, 1.0 / ctx.num_nodes)

    @staticmethod
    def compute(ctx, nid, msgs):
        if ctx.superstep >= 1:
            ctx.set_value(nid, (1 - DAMPING) / ctx.num_nodes + DAMPING * sum(msgs))
        if ctx.superstep < ROUNDS:
            share = ctx.value(nid) / len(ctx.out_edges(nid))
            for e in ctx.out_edges(nid):
                ctx.send(ctx.edge_dst(e), share)
        else:
            ctx.halt(nid)

result = graph.run_pregel(PregelPageRank)
print("vertices:", len(result))
print(result)
"#;

/// 130 vertices `"0".."129"`: two pseudo-random out-edges each among 0..120 (so every vertex
/// has out-edges), and 120..129 reachable from nowhere.
fn graph() -> Graph {
    let mut edges = Vec::new();
    for i in 0..130u32 {
        edges.push((i, (i * 7 + 3) % 120));
        edges.push((i, (i * 13 + 5) % 120));
    }
    Graph::from_edges(130, &edges)
}

fn run(src: &str, g: &Graph) -> Output {
    let program = compile(src, "movie").unwrap_or_else(|r| panic!("{r}"));
    execute(&program, g, &JobControl::new()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn fails(src: &str, g: &Graph) -> String {
    let program = compile(src, "movie").unwrap_or_else(|r| panic!("{r}"));
    match execute(&program, g, &JobControl::new()) {
        Err(Stop::Failed(e)) => e,
        other => panic!("expected a failure, got {other:?}"),
    }
}

/// The dict printed at the end of `line` (`… {'1': 2, …}`) as id → number.
fn dict(line: &str) -> BTreeMap<u32, f64> {
    let body = &line[line.find('{').expect("a dict") + 1..line.len() - 1];
    body.split(", ")
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once(": ").expect("key: value");
            (k.trim_matches('\'').parse().unwrap(), v.parse().unwrap())
        })
        .collect()
}

/// The union of every partition's dict on the line starting with `prefix`, checking that the
/// partitions hold disjoint vertex sets.
fn merged(out: &Output, prefix: &str) -> BTreeMap<u32, f64> {
    assert_eq!(out.partitions.len(), PARTITIONS as usize);
    let mut all = BTreeMap::new();
    for lines in &out.partitions {
        let line = lines
            .iter()
            .find(|l| l.starts_with(prefix))
            .expect("printed");
        for (k, v) in dict(line) {
            assert!(all.insert(k, v).is_none(), "vertex {k} in two partitions");
        }
    }
    all
}

fn engine_rows(g: &Graph, name: &str, params: serde_json::Value) -> Vec<serde_json::Value> {
    let params: Map<_, _> = params.as_object().unwrap().clone();
    let out = algo::run(g, name, &params, &JobControl::new()).unwrap();
    let mut rows = Vec::new();
    out.rows
        .render(g, |r| -> Result<(), ()> {
            rows.push(r);
            Ok(())
        })
        .unwrap();
    rows
}

#[test]
fn the_docs_sssp_example_matches_the_engines_sssp() {
    let g = graph();
    let out = run(DOC_SSSP, &g);
    let got = merged(&out, "<class 'dict'> {");
    assert_eq!(got.len(), 130);
    let want: BTreeMap<u32, f64> = engine_rows(&g, "sssp", json!({"source": "100"}))
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().parse().unwrap(),
                r["distance"].as_f64().unwrap(),
            )
        })
        .collect();
    assert!(want.len() > 100, "{want:?}");
    for (v, d) in &got {
        assert_eq!(*d, want.get(v).copied().unwrap_or(10000.0), "vertex {v}");
    }
    assert!(out.converged);
    assert_eq!(got[&100], 0.0);
    assert_eq!(got[&125], 10000.0);
}

#[test]
fn a_pagerank_script_matches_the_engines_pagerank() {
    let g = graph();
    let out = run(PAGERANK, &g);
    let got = merged(&out, "{");
    let want = engine_rows(
        &g,
        "pagerank",
        json!({"alpha": 0.85, "convergence": 1e-13, "max_iterations": 1000}),
    );
    assert_eq!(got.len(), want.len());
    for r in &want {
        let v: u32 = r["id"].as_str().unwrap().parse().unwrap();
        let (mine, theirs) = (got[&v], r["pagerank"].as_f64().unwrap());
        assert!(
            (mine - theirs).abs() < 1e-9,
            "vertex {v}: {mine} vs {theirs}"
        );
    }
    assert_eq!(out.supersteps, 201);
    let counts: usize = out
        .partitions
        .iter()
        .map(|p| {
            let line = &p[0];
            line.strip_prefix("vertices: ")
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(counts, 130);
}

#[test]
fn result_filter_debug_prints_and_constants_reach_the_partitions() {
    let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 0)]);
    let src = r#"from hyg.analytics.graph import load_base_graph
from hyg.analytics.model import pregel_types, PregelModel
graph = load_base_graph("movie")
START = graph.nid("1")
print("start", START, 7 // 2, -7 % 3, 1 / 4, True and 3, 0 or 2.5)
@pregel_types(ntype=bool, mtype=int)
class Reach(PregelModel):
    @staticmethod
    def compute(ctx, nid, msgs):
        if nid == START or len(msgs) > 0:
            if not ctx.value(nid):
                ctx.set_value(nid, True)
                print("reached", ctx.ext_id(nid), "at", ctx.superstep, "msgs", len(msgs))
                for e in ctx.out_edges(nid):
                    ctx.send(ctx.edge_dst(e), 1)
        ctx.halt(nid)
reached = graph.run_pregel(Reach, result_filter=lambda ctx, nid: ctx.value(nid), debug_mode=True)
print(type(len(reached)), len(reached), reached)
"#;
    let out = run(src, &g);
    let all: Vec<&String> = out.partitions.iter().flatten().collect();
    for p in &out.partitions {
        assert_eq!(p[0], "start 1 3 2 0.25 3 2.5");
    }
    for (id, step) in [(1, 0), (2, 1), (0, 2)] {
        let want = format!("reached {id} at {step} msgs {}", u8::from(step > 0));
        assert_eq!(
            all.iter().filter(|l| **l == &want).count(),
            1,
            "{want}: {all:?}"
        );
    }
    let sizes: usize = out
        .partitions
        .iter()
        .map(|p| {
            let last = p.last().unwrap();
            assert!(last.starts_with("<class 'int'> "), "{last}");
            assert!(!last.contains("'3'"), "vertex 3 is filtered out: {last}");
            last.split(' ').nth(2).unwrap().parse::<usize>().unwrap()
        })
        .sum();
    assert_eq!(sizes, 3);
    assert!(all.iter().any(|l| l.contains("'0': True")), "{all:?}");
}

#[test]
fn a_model_that_never_halts_stops_at_the_superstep_cap() {
    let g = Graph::from_edges(3, &[(0, 1)]);
    let src = r#"from hyg.analytics.graph import load_base_graph
from hyg.analytics.model import pregel_types, PregelModel
graph = load_base_graph("movie")
@pregel_types(ntype=int)
class Count(PregelModel):
    @staticmethod
    def compute(ctx, nid, msgs):
        ctx.set_value(nid, ctx.value(nid) + 1)
result = graph.run_pregel(Count)
print(result)
"#;
    let out = run(src, &g);
    assert!(!out.converged);
    assert_eq!(out.supersteps, MAX_SUPERSTEPS);
    let all = merged(&out, "{");
    assert!(all.values().all(|v| *v == MAX_SUPERSTEPS as f64), "{all:?}");
}

fn body(stmt: &str) -> String {
    format!(
        "from hyg.analytics.graph import load_base_graph
from hyg.analytics.model import pregel_types, PregelModel
graph = load_base_graph(\"movie\")
@pregel_types(ntype=int)
class M(PregelModel):
    @staticmethod
    def compute(ctx, nid, msgs):
        {stmt}
        ctx.halt(nid)
result = graph.run_pregel(M)
"
    )
}

#[test]
fn runtime_errors_fail_the_run_with_their_line() {
    let g = Graph::from_edges(3, &[(0, 1)]);
    for (stmt, needle) in [
        ("x = 1 // (nid - nid)", "ZeroDivisionError"),
        (
            "ctx.set_value(nid, 0.5)",
            "TypeError: the value (ntype) must be int",
        ),
        ("ctx.send(99, 1)", "IndexError: 99 is not a vertex id"),
        (
            "x = min(msgs)",
            "ValueError: min() arg is an empty sequence",
        ),
        (
            "x = y + 1\n        y = 2",
            "UnboundLocalError: local variable 'y'",
        ),
        ("x = ctx.edge_dst(7)", "IndexError: 7 is not an edge id"),
    ] {
        let e = fails(&body(stmt), &g);
        assert!(
            e.starts_with("line 8: ") && e.contains(needle),
            "{stmt}: {e}"
        );
    }
    let e = fails(
        "from hyg.analytics.graph import load_base_graph\ngraph = load_base_graph(\"movie\")\nS = graph.nid(42)\n",
        &g,
    );
    assert_eq!(e, "line 3: KeyError: graph.nid: no vertex with id '42'");
    let named = Graph::from_edges(1, &[]);
    let src = body("x = ctx.ext_id(nid)");
    assert!(execute(&compile(&src, "movie").unwrap(), &named, &JobControl::new()).is_ok());
}

#[test]
fn a_cancelled_run_stops() {
    let g = graph();
    let ctl = JobControl::new();
    ctl.cancel();
    let program = compile(PAGERANK, "movie").unwrap();
    assert!(matches!(execute(&program, &g, &ctl), Err(Stop::Cancelled)));
}
