//! HyG through the engine façade on a real SQLite store: the view's lifecycle (create, sync,
//! summary, delete), algorithm checks, the per-graph FIFO, output modes, timeouts and
//! cancel-all-queued.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use engine::hyg::{HygAlgorithm, HygSync, TRUNCATED_ROWS};
use engine::job::ImportSpec;
use engine::{Engine, EngineConfig, Error, JobKind, JobSpec, JobState, JobType, Refusal};
use serde_json::{Map, Value, json};

const P: &str = "proj1";

async fn open(dir: &Path, workers: usize) -> Engine {
    let mut c = EngineConfig::new(dir);
    c.workers = workers;
    Engine::open(c).await.unwrap()
}

/// Imports a ring of `n` vertices (label `n`, property `age`) with chords, as graph `name`.
async fn import_ring(engine: &Engine, dir: &Path, name: &str, n: usize) {
    let input = dir.join(format!("input-{name}"));
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("schema.xml"),
        r#"<PMML version="3.0"><labels>
<label name="n"><properties><property name="age" dataType="int" cardinality="single"/></properties></label>
<label name="e"></label></labels></PMML>"#,
    )
    .unwrap();
    let (mut v, mut e) = (String::new(), String::new());
    for i in 0..n {
        writeln!(v, "v{i},n,{}", i % 90).unwrap();
        writeln!(e, "v{i},v{},e", (i + 1) % n).unwrap();
        writeln!(e, "v{i},v{},e", (i * 7 + 3) % n).unwrap();
    }
    std::fs::write(input.join("v.csv"), v).unwrap();
    std::fs::write(input.join("e.csv"), e).unwrap();
    let p = |f: &str| input.join(f).display().to_string();
    let spec = ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("v.csv")],
        edge_paths: vec![p("e.csv")],
        ..Default::default()
    };
    let job = engine
        .submit(
            P,
            JobSpec::new(name, JobKind::ImportGraph(spec), json!({ "graph": name })),
        )
        .await
        .unwrap();
    assert_eq!(wait(engine, &job.id.0).await.state, JobState::Succeeded);
}

async fn wait(engine: &Engine, id: &str) -> engine::JobRecord {
    common::wait(engine, P, id).await
}

fn body(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

fn sync_job(graph: &str, v: Value) -> JobSpec {
    let sync = HygSync::from_request(&body(v.clone())).unwrap();
    JobSpec::new(graph, JobKind::HygSync(sync), v)
}

fn algorithm_job(graph: &str, v: Value) -> JobSpec {
    let spec = HygAlgorithm::from_request(&body(v.clone())).unwrap();
    JobSpec::new(graph, JobKind::HygAlgorithm(spec), v)
}

fn refused_message(e: Error, expected: Refusal) -> String {
    match e {
        Error::InvalidArgument { kind, message } => {
            assert_eq!(kind, expected, "{message}");
            message
        }
        other => panic!("expected InvalidArgument, got {other:?}"),
    }
}

fn invalid_message(e: Error) -> String {
    refused_message(e, Refusal::BadParameter)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_view_is_created_synced_summarised_and_deleted_without_touching_the_graph() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = open(tmp.path(), 2).await;
    assert!(matches!(
        engine.hyg_create(P, "g", None, None).await,
        Err(Error::NotFound { .. })
    ));
    import_ring(&engine, tmp.path(), "g", 50).await;
    let msg = invalid_message(
        engine
            .hyg_create(P, "g", Some("edge-cut"), None)
            .await
            .unwrap_err(),
    );
    assert!(msg.contains("policy"), "{msg}");
    let view = engine.hyg_create(P, "g", None, Some(true)).await.unwrap();
    assert_eq!(
        (view.policy.as_str(), view.in_edge, view.synced),
        ("oec", true, false)
    );
    assert!(matches!(
        engine.hyg_create(P, "g", None, None).await,
        Err(Error::Conflict { .. })
    ));

    // An algorithm before the first sync is refused up front.
    let msg = refused_message(
        engine
            .submit(P, algorithm_job("g", json!({"algorithmName": "pagerank"})))
            .await
            .unwrap_err(),
        Refusal::WrongState,
    );
    assert!(msg.contains("not been synced"), "{msg}");

    // A sync naming a property the label lacks fails with that name…
    let bad = engine
        .submit(
            P,
            sync_job(
                "g",
                json!({"vertex": [{"label": "n", "property": ["height"]}]}),
            ),
        )
        .await
        .unwrap();
    let bad = wait(&engine, &bad.id.0).await;
    assert_eq!(bad.state, JobState::Failed);
    assert!(bad.fail_reason.unwrap().contains("[height]"));
    // …and a good one fixes the lists and counts the graph.
    let ok = engine
        .submit(
            P,
            sync_job(
                "g",
                json!({"vertex": [{"label": "n", "property": ["age"]}], "edge": []}),
            ),
        )
        .await
        .unwrap();
    assert_eq!(wait(&engine, &ok.id.0).await.state, JobState::Succeeded);
    let view = engine.hyg_view(P, "g").await.unwrap();
    assert!(view.synced);
    assert_eq!((view.vertex_num, view.edge_num), (50, 100));
    assert_eq!(view.vertex[0].property, vec!["age".to_string()]);
    // Later syncs reuse the first sync's lists.
    let again = engine
        .submit(P, sync_job("g", json!({"vertex": []})))
        .await
        .unwrap();
    assert_eq!(wait(&engine, &again.id.0).await.state, JobState::Succeeded);
    assert_eq!(engine.hyg_view(P, "g").await.unwrap().vertex, view.vertex);
    assert_eq!(engine.hyg_views(P).await.unwrap().len(), 1);

    let del = engine
        .submit(P, JobSpec::new("g", JobKind::HygDelete, json!({})))
        .await
        .unwrap();
    assert_eq!(wait(&engine, &del.id.0).await.state, JobState::Succeeded);
    assert!(engine.hyg_views(P).await.unwrap().is_empty());
    invalid_message(engine.hyg_view(P, "g").await.unwrap_err());
    assert_eq!(engine.graph(P, "g").await.unwrap().vertices, 50);
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn algorithms_are_checked_and_run_one_at_a_time_in_order_per_graph() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = open(tmp.path(), 3).await;
    import_ring(&engine, tmp.path(), "g", 2000).await;
    engine.hyg_create(P, "g", None, None).await.unwrap();
    let sync = engine
        .submit(P, sync_job("g", json!({"vertex": [], "edge": []})))
        .await
        .unwrap();
    assert_eq!(wait(&engine, &sync.id.0).await.state, JobState::Succeeded);

    for (request, expect) in [
        (
            json!({"algorithmName": "mccis"}),
            "not supported by graphjobs",
        ),
        (json!({"algorithmName": "no_such"}), "not a HyG algorithm"),
        (
            json!({"algorithmName": "k_hop", "parameters": {"source": "v1", "k": 2, "mode": "IN"}}),
            "inEdge",
        ),
        (
            json!({"algorithmName": "pagerank", "parameters": {"alpha": 7}}),
            "alpha",
        ),
    ] {
        let msg = invalid_message(
            engine
                .submit(P, algorithm_job("g", request))
                .await
                .unwrap_err(),
        );
        assert!(msg.contains(expect), "{msg} should mention {expect}");
    }
    for (request, expect) in [
        (
            json!({"algorithmName": "pagerank", "output": {"format": "TXT", "mode": "TRUNCATED"}}),
            "TRUNCATED needs format JSON",
        ),
        (
            json!({"algorithmName": "pagerank", "output": {"format": "JSON", "mode": "FULL"}}),
            "FULL needs format TXT",
        ),
        (
            json!({"algorithmName": "pagerank", "timeout": 0}),
            "timeout",
        ),
        (
            json!({"algorithmName": "k_hop", "parameters": {"switch": 5000}}),
            "switch",
        ),
    ] {
        let msg = invalid_message(HygAlgorithm::from_request(&body(request)).unwrap_err());
        assert!(msg.contains(expect), "{msg} should mention {expect}");
    }

    // Three workers, five HyG jobs on one graph plus a plain job: the HyG ones never overlap
    // and start in submit order.
    let mut ids = Vec::new();
    for i in 0..5 {
        let job = engine
            .submit(
                P,
                algorithm_job(
                    "g",
                    json!({"algorithmName": "pagerank", "parameters": {"max_iterations": 40 + i}}),
                ),
            )
            .await
            .unwrap();
        ids.push(job.id.0);
    }
    let plain = engine
        .submit(P, JobSpec::algorithm("g", "pagerank", Map::new()))
        .await
        .unwrap();
    let mut jobs = Vec::new();
    for id in &ids {
        let job = wait(&engine, id).await;
        assert_eq!(job.state, JobState::Succeeded, "{:?}", job.fail_reason);
        assert_eq!(job.result_total, Some(2000));
        jobs.push(job);
    }
    for pair in jobs.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            a.ended_at.unwrap() <= b.started_at.unwrap(),
            "HyG jobs overlapped: {a:?} / {b:?}"
        );
    }
    assert_eq!(wait(&engine, &plain.id.0).await.state, JobState::Succeeded);
    let page = engine.result_page(P, &ids[0], 0, 3).await.unwrap();
    assert_eq!(page.scalars["truncated"], json!(false));
    assert_eq!(page.scalars["total_rows"], json!(2000));
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncated_keeps_the_first_rows_full_keeps_all_and_a_timeout_fails_the_job() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = open(tmp.path(), 1).await;
    let n = TRUNCATED_ROWS as usize + 500;
    import_ring(&engine, tmp.path(), "big", n).await;
    engine.hyg_create(P, "big", None, None).await.unwrap();
    let sync = engine.submit(P, sync_job("big", json!({}))).await.unwrap();
    assert_eq!(wait(&engine, &sync.id.0).await.state, JobState::Succeeded);

    let truncated = engine
        .submit(
            P,
            algorithm_job("big", json!({"algorithmName": "connected_component"})),
        )
        .await
        .unwrap();
    let full = engine
        .submit(
            P,
            algorithm_job(
                "big",
                json!({"algorithmName": "connected_component", "output": {"format": "CSV", "mode": "FULL"}}),
            ),
        )
        .await
        .unwrap();
    let slow = engine
        .submit(
            P,
            algorithm_job("big", json!({"algorithmName": "betweenness", "timeout": 1})),
        )
        .await
        .unwrap();
    let t = wait(&engine, &truncated.id.0).await;
    assert_eq!(t.result_total, Some(TRUNCATED_ROWS));
    let page = engine.result_page(P, &t.id.0, 0, 1).await.unwrap();
    assert_eq!(page.scalars["truncated"], json!(true));
    assert_eq!(page.scalars["total_rows"], json!(n));
    assert_eq!(wait(&engine, &full.id.0).await.result_total, Some(n as u64));
    let slow = wait(&engine, &slow.id.0).await;
    assert_eq!(slow.state, JobState::Failed);
    assert_eq!(
        slow.fail_reason.as_deref(),
        Some("Running algorithm [betweenness] error: timed out after 1 s")
    );
    let ran = slow.ended_at.unwrap() - slow.started_at.unwrap();
    assert!(ran >= time::Duration::seconds(1), "{ran}");
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_all_queued_cancels_the_graphs_queued_hyg_jobs_only() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = open(tmp.path(), 1).await;
    import_ring(&engine, tmp.path(), "g", 20).await;
    import_ring(&engine, tmp.path(), "h", 20).await;
    for g in ["g", "h"] {
        engine.hyg_create(P, g, None, None).await.unwrap();
        let s = engine.submit(P, sync_job(g, json!({}))).await.unwrap();
        assert_eq!(wait(&engine, &s.id.0).await.state, JobState::Succeeded);
    }
    engine.shutdown(Duration::from_secs(5)).await;
    // A submit-only engine: everything stays queued.
    let engine = open(tmp.path(), 0).await;
    let mut hyg_g = Vec::new();
    for i in 0..3 {
        let req = json!({"algorithmName": "pagerank", "parameters": {"max_iterations": 10 + i}});
        hyg_g.push(
            engine
                .submit(P, algorithm_job("g", req))
                .await
                .unwrap()
                .id
                .0,
        );
    }
    let hyg_h = engine
        .submit(P, algorithm_job("h", json!({"algorithmName": "pagerank"})))
        .await
        .unwrap();
    let plain = engine
        .submit(P, JobSpec::algorithm("g", "pagerank", Map::new()))
        .await
        .unwrap();
    let (parent, cancelled) = engine.hyg_cancel_queued(P, "g", "alice").await.unwrap();
    let got: Vec<&str> = cancelled.iter().map(|j| j.id.0.as_str()).collect();
    assert_eq!(got, hyg_g.iter().map(String::as_str).collect::<Vec<_>>());
    // The bulk action is itself a (finished) job listing what it cancelled.
    let stored = engine.job(P, &parent.id.0).await.unwrap();
    assert_eq!(
        (stored.job_type, stored.state),
        (JobType::CancelJobs, JobState::Succeeded)
    );
    let subs: Vec<&str> = stored.detail.as_ref().unwrap()["subJobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["jobId"].as_str().unwrap())
        .collect();
    assert_eq!(subs, got);
    for id in &hyg_g {
        let j = engine.job(P, id).await.unwrap();
        assert_eq!(
            (j.state, j.cancel_actor.as_deref()),
            (JobState::Cancelled, Some("alice"))
        );
    }
    for id in [&hyg_h.id.0, &plain.id.0] {
        assert_eq!(engine.job(P, id).await.unwrap().state, JobState::Queued);
    }
    invalid_message(
        engine
            .hyg_cancel_queued(P, "nope", "alice")
            .await
            .unwrap_err(),
    );
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_the_graph_deletes_its_view() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = open(tmp.path(), 1).await;
    import_ring(&engine, tmp.path(), "g", 10).await;
    engine.hyg_create(P, "g", None, None).await.unwrap();
    let del = engine
        .submit(P, JobSpec::new("g", JobKind::DeleteGraph, json!({})))
        .await
        .unwrap();
    assert_eq!(wait(&engine, &del.id.0).await.state, JobState::Succeeded);
    assert!(engine.hyg_views(P).await.unwrap().is_empty());
    engine.shutdown(Duration::from_secs(5)).await;
}
