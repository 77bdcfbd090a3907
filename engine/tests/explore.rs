//! The graph explorer's reads on the demo graph (`demo/movie`, imported through the ordinary
//! import job): a vertex's neighbourhood against the edge file read by hand, a PageRank
//! result's column for the drawn vertices against its result rows, and a shortest path result
//! as a subgraph.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use engine::explore::HoodQuery;
use engine::job::ImportSpec;
use engine::{Engine, EngineConfig, Error, JobKind, JobSpec, JobState};
use serde_json::json;

const P: &str = "proj1";

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../demo/movie")
}

async fn open_with_demo(dir: &Path) -> Engine {
    let mut c = EngineConfig::new(dir);
    c.workers = 2;
    let engine = Engine::open(c).await.unwrap();
    // Copied next to the data dir: an import reads only paths it may (no `..`).
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    for f in ["schema.xml", "vertices.csv", "edges.csv"] {
        std::fs::copy(demo().join(f), input.join(f)).unwrap();
    }
    let p = |f: &str| input.join(f).display().to_string();
    let spec = ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("vertices.csv")],
        edge_paths: vec![p("edges.csv")],
        ..Default::default()
    };
    let import = JobSpec::new(
        "movie",
        JobKind::ImportGraph(spec),
        json!({ "graph": "movie" }),
    );
    let job = engine.submit(P, import).await.unwrap();
    assert_eq!(run(&engine, &job.id.0).await, JobState::Succeeded);
    engine
}

async fn run(engine: &Engine, id: &str) -> JobState {
    common::wait(engine, P, id).await.state
}

/// Each vertex's distinct neighbours (either direction), read from the edge file.
fn neighbours_by_hand() -> HashMap<String, BTreeSet<String>> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(demo().join("edges.csv"))
        .unwrap();
    let mut n: HashMap<String, BTreeSet<String>> = HashMap::new();
    for row in csv.records() {
        let row = row.unwrap();
        let (s, t) = (row[0].to_owned(), row[1].to_owned());
        if s != t {
            n.entry(s.clone()).or_default().insert(t.clone());
            n.entry(t).or_default().insert(s);
        }
    }
    n
}

fn q(vertex: &str, hops: u32, cap: usize, skip: usize) -> HoodQuery {
    HoodQuery {
        vertex: vertex.into(),
        hops,
        cap,
        skip,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn neighbourhood_caps_pages_and_counts_degrees_on_the_demo_graph() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = open_with_demo(tmp.path()).await;
    let by_hand = neighbours_by_hand();
    let (hub, all) = by_hand.iter().max_by_key(|(_, n)| n.len()).unwrap();
    assert!(
        all.len() > 20,
        "the demo's busiest vertex has many neighbours"
    );

    let first = engine
        .neighbourhood(P, "movie", q(hub, 1, 10, 0))
        .await
        .unwrap();
    assert_eq!(first.vertices[0].id, *hub);
    assert_eq!(first.vertices[0].degree, all.len() as u64);
    assert_eq!(first.vertices[0].shown, 10);
    assert_eq!(first.vertices.len(), 11);
    for v in &first.vertices[1..] {
        assert!(all.contains(&v.id), "{} is a neighbour of {hub}", v.id);
        assert_eq!(v.hop, 1);
        assert_eq!(v.degree, by_hand[&v.id].len() as u64);
        assert!(!v.label.is_empty());
    }
    // Every edge is between drawn vertices, touches the hub or not, and keeps its direction
    // and label as the edge file has it.
    let drawn: BTreeSet<_> = first.vertices.iter().map(|v| v.id.clone()).collect();
    assert!(
        first
            .edges
            .iter()
            .all(|e| drawn.contains(&e.source) && drawn.contains(&e.target) && !e.label.is_empty())
    );
    assert!(
        first
            .edges
            .iter()
            .any(|e| e.source == *hub || e.target == *hub)
    );

    // "Load more": the next ten neighbours, none of the first ten.
    let more = engine
        .neighbourhood(P, "movie", q(hub, 1, 10, 10))
        .await
        .unwrap();
    assert_eq!(more.vertices.len(), 11);
    assert!(
        more.vertices[1..]
            .iter()
            .all(|v| !drawn.contains(&v.id) && all.contains(&v.id))
    );

    // Two hops reach neighbours of neighbours; each vertex still gives at most `cap`.
    let two = engine
        .neighbourhood(P, "movie", q(hub, 2, 5, 0))
        .await
        .unwrap();
    assert!(two.vertices.iter().any(|v| v.hop == 2));
    assert!(two.vertices.len() <= 1 + 5 + 5 * 5);
    let first_ring: BTreeSet<_> = two
        .vertices
        .iter()
        .filter(|v| v.hop == 1)
        .map(|v| &v.id)
        .collect();
    for v in two.vertices.iter().filter(|v| v.hop == 2) {
        assert!(by_hand[&v.id].iter().any(|n| first_ring.contains(n)));
    }

    assert!(matches!(
        engine
            .neighbourhood(P, "movie", q("nobody", 1, 10, 0))
            .await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        engine.neighbourhood(P, "movie", q(hub, 99, 10, 0)).await,
        Err(Error::InvalidArgument { .. })
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pagerank_column_and_a_path_result_read_for_the_explorer() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = open_with_demo(tmp.path()).await;
    let params = |v: serde_json::Value| v.as_object().unwrap().clone();

    let pr = JobSpec::algorithm("movie", "pagerank", params(json!({"alpha": 0.85})));
    let pr = engine.submit(P, pr).await.unwrap();
    assert_eq!(run(&engine, &pr.id.0).await, JobState::Succeeded);
    let rows = engine
        .result_page(P, &pr.id.0, 0, 100_000)
        .await
        .unwrap()
        .rows;
    let score: HashMap<&str, &serde_json::Value> = rows
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), &r["pagerank"]))
        .collect();
    let hood = engine
        .neighbourhood(P, "movie", q("Ben Reed", 1, 50, 0))
        .await
        .unwrap();
    let mut ids: Vec<String> = hood.vertices.iter().map(|v| v.id.clone()).collect();
    ids.push("nobody".into());
    let col = engine
        .result_values(P, &pr.id.0, "pagerank", ids)
        .await
        .unwrap();
    assert_eq!(
        (col.graph.as_str(), col.column.as_str()),
        ("movie", "pagerank")
    );
    let implied = engine
        .result_values(P, &pr.id.0, "", vec!["Ben Reed".into()])
        .await
        .unwrap();
    assert_eq!(implied.column, "pagerank", "the first column besides id");
    assert_eq!(
        col.values.len(),
        hood.vertices.len(),
        "every drawn vertex, not `nobody`"
    );
    for (id, v) in &col.values {
        assert_eq!(v, score[id.as_str()], "{id}");
    }
    assert!(matches!(
        engine
            .result_values(P, &pr.id.0, "nope", vec!["Ben Reed".into()])
            .await,
        Err(Error::InvalidArgument { .. })
    ));

    // A shortest path from Ben Reed to a vertex two hops away.
    let far = hood
        .vertices
        .iter()
        .find(|v| v.hop == 1)
        .unwrap()
        .id
        .clone();
    let two = engine
        .neighbourhood(P, "movie", q(&far, 1, 50, 0))
        .await
        .unwrap();
    let target = two
        .vertices
        .iter()
        .find(|v| v.id != "Ben Reed" && !hood.vertices.iter().any(|h| h.id == v.id))
        .unwrap()
        .id
        .clone();
    let sp = JobSpec::algorithm(
        "movie",
        "shortest_path",
        params(json!({"source": "Ben Reed", "target": target})),
    );
    let sp = engine.submit(P, sp).await.unwrap();
    assert_eq!(run(&engine, &sp.id.0).await, JobState::Succeeded);
    let path = engine.path_subgraph(P, &sp.id.0).await.unwrap();
    assert_eq!(path.graph, "movie");
    assert_eq!(path.paths.len(), 1);
    let p = &path.paths[0];
    assert_eq!(
        (p.first().unwrap().as_str(), p.last().unwrap()),
        ("Ben Reed", &target)
    );
    assert_eq!(p.len(), 3, "two hops");
    assert_eq!(path.subgraph.vertices.len(), 3);
    // One edge per step of the path, whichever way it points.
    for w in p.windows(2) {
        assert!(
            path.subgraph
                .edges
                .iter()
                .any(|e| (e.source == w[0] && e.target == w[1])
                    || (e.source == w[1] && e.target == w[0]))
        );
    }
}
