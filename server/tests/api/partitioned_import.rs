//! An import with `partitions` makes a partitioned graph: its algorithm jobs run on `graphjobs
//! compute-worker` processes without `X-Executor` and answer as the local engine does on a
//! whole import of the same files; what needs the whole graph (a query, an algorithm without a
//! distributed kernel) is refused with a GES.8000 that says the graph is partitioned; deleting
//! the graph removes its parts. The graph lists mark it with its part count.

use std::path::Path;

use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp, spawn_app_with};

/// Imports the demo movie graph into `graph` (with `extra` fields); returns the job's answer.
async fn import_movie(app: &TestApp, graph: &str, extra: Value) -> (u16, Value) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../demo/movie");
    let dir = app.data.path().join("in").join("movie");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["schema.xml", "vertices.csv", "edges.csv"] {
        std::fs::copy(demo.join(name), dir.join(name)).unwrap();
    }
    let p = |n: &str| format!("file://{}", dir.join(n).display());
    let mut body = json!({"schemaPath": p("schema.xml"), "vertexsetPath": p("vertices.csv"),
                          "edgesetPath": p("edges.csv")});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    app.post(
        &app.graph_url(graph, "/action?action_id=import-graph"),
        &body,
    )
    .await
}

/// Runs `body` on `graph` (no `X-Executor`): the job, and its rows when it succeeded.
async fn run(app: &TestApp, graph: &str, body: &Value) -> (engine::JobRecord, Vec<Value>) {
    let url = app.graph_url(graph, "/action?action_id=execute-algorithm");
    let (code, resp) = app.post(&url, body).await;
    assert_eq!(code, 200, "{resp}");
    let id = resp["jobId"].as_str().unwrap();
    let job = app.wait_engine_job(id).await;
    let rows = match job.state {
        engine::JobState::Succeeded => {
            app.engine
                .result_page(PROJECT, id, 0, 10_000)
                .await
                .unwrap()
                .rows
        }
        _ => Vec::new(),
    };
    (job, rows)
}

/// PageRank rows as `vertex → rank`.
fn ranks(rows: &[Value]) -> std::collections::BTreeMap<String, f64> {
    rows.iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r["pagerank"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partitioned_import_runs_its_algorithms_distributed_and_refuses_queries() {
    let app = spawn_app_with(tempfile::tempdir().unwrap(), |c| {
        // The node's group size; a partitioned graph's part count (3) decides instead.
        c.compute.processes = 2;
        c.compute.command = crate::helpers::compute_worker_command();
    })
    .await;
    let (code, resp) = import_movie(&app, "whole", json!({})).await;
    assert_eq!(code, 200, "{resp}");
    let whole = app.wait_engine_job(resp["jobId"].as_str().unwrap()).await;
    assert_eq!(whole.state, engine::JobState::Succeeded, "{whole:?}");
    let (code, resp) = import_movie(&app, "parts", json!({"partitions": 3})).await;
    assert_eq!(code, 200, "{resp}");
    let parts = app.wait_engine_job(resp["jobId"].as_str().unwrap()).await;
    assert_eq!(parts.state, engine::JobState::Succeeded, "{parts:?}");

    // The catalogue row has the graph's counts; its data is only the parts.
    let (w, p) = (
        app.engine.graph(PROJECT, "whole").await.unwrap(),
        app.engine.graph(PROJECT, "parts").await.unwrap(),
    );
    assert_eq!((p.vertices, p.edges), (w.vertices, w.edges));
    let dir = app.data.path().join("graphs").join(PROJECT).join("parts");
    let v = p.version;
    assert!(dir.join(format!("v{v}.p3/manifest.json")).exists());
    assert!(dir.join(format!("v{v}.parts.json")).exists());
    assert!(!dir.join(format!("v{v}.bin")).exists(), "no whole snapshot");

    // The graph page shows it partitioned, with its per-label counts.
    let detail = app.engine.graph_detail(PROJECT, "parts").await.unwrap();
    let whole_detail = app.engine.graph_detail(PROJECT, "whole").await.unwrap();
    assert_eq!(
        (detail.partitions, whole_detail.partitions),
        (Some(3), None)
    );
    assert_eq!(detail.labels, whole_detail.labels);
    // So do the management lists (v2 and v1) and the v2 graph, with the extension field
    // `partitions`, which a whole graph leaves out.
    let parts_of = |list: &Value, name: &str| {
        let graphs = list["graphs"].as_array().unwrap();
        let g = graphs.iter().find(|g| g["name"] == name).unwrap();
        g.get("partitions").cloned()
    };
    let (code, list) = app.get(&app.url(&format!("/v2/{PROJECT}/graphs"))).await;
    assert_eq!(code, 200, "{list}");
    assert_eq!(parts_of(&list, "parts"), Some(json!(3)), "{list}");
    assert_eq!(parts_of(&list, "whole"), None, "{list}");
    let (code, list) = app.get(&app.url(&format!("/v1.0/{PROJECT}/graphs"))).await;
    assert_eq!(code, 200, "{list}");
    assert_eq!(parts_of(&list, "parts"), Some(json!(3)), "{list}");
    assert_eq!(parts_of(&list, "whole"), None, "{list}");
    let (code, one) = app
        .get(&app.url(&format!("/v2/{PROJECT}/graphs/parts")))
        .await;
    assert_eq!(
        (code, &one["graph"]["partitions"]),
        (200, &json!(3)),
        "{one}"
    );

    // PageRank without X-Executor: distributed on the parts, the local answer.
    let pr = json!({"algorithmName": "pagerank", "parameters": {"convergence": 1e-12}});
    let (job, rows) = run(&app, "parts", &pr).await;
    assert_eq!(job.state, engine::JobState::Succeeded, "{job:?}");
    let (local_job, local) = run(&app, "whole", &pr).await;
    assert_eq!(
        local_job.state,
        engine::JobState::Succeeded,
        "{local_job:?}"
    );
    let (got, want) = (ranks(&rows), ranks(&local));
    assert_eq!(got.len() as u64, w.vertices, "a rank for every vertex");
    assert_eq!(got.len(), want.len());
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
    let l1: f64 = got.iter().map(|(k, r)| (r - want[k]).abs()).sum();
    assert!(l1 < 1e-9, "L1 {l1}");
    // Label propagation runs on the parts too (its synchronous variant: a community for
    // every vertex; compute/tests/label_propagation.rs checks its answers).
    let lp = json!({"algorithmName": "label_propagation", "parameters": {}});
    let (job, rows) = run(&app, "parts", &lp).await;
    assert_eq!(job.state, engine::JobState::Succeeded, "{job:?}");
    assert_eq!(rows.len() as u64, w.vertices);
    assert!(rows.iter().all(|r| r["community"].is_string()), "{rows:?}");
    // Components too, exactly.
    let wcc = json!({"algorithmName": "connected_component", "parameters": {}});
    let (job, rows) = run(&app, "parts", &wcc).await;
    assert_eq!(job.state, engine::JobState::Succeeded, "{job:?}");
    assert_eq!(rows.len() as u64, w.vertices);
    assert_eq!(rows, run(&app, "whole", &wcc).await.1);

    // What needs the whole graph is refused, saying why.
    let refused = |body: &Value| {
        let msg = body["errorMessage"].as_str().unwrap_or_default();
        assert_eq!(body["errorCode"], "GES.8000", "{body}");
        assert!(
            msg.contains("graph [parts] is partitioned into 3 parts"),
            "{body}"
        );
    };
    let query = json!({"labels": ["user"], "limit": 10});
    let (code, body) = app
        .post(
            &app.graph_url("parts", "/vertices/action?action_id=query"),
            &query,
        )
        .await;
    assert_eq!(code, 400, "{body}");
    refused(&body);
    let louvain = json!({"algorithmName": "louvain", "parameters": {}});
    let (code, body) = app
        .post(
            &app.graph_url("parts", "/action?action_id=execute-algorithm"),
            &louvain,
        )
        .await;
    assert_eq!(code, 400, "{body}");
    refused(&body);
    assert!(body["errorMessage"].as_str().unwrap().contains("[louvain]"));
    // So is an import into it (it would add to a whole graph).
    let (code, body) = import_movie(&app, "parts", json!({})).await;
    assert_eq!(code, 400, "{body}");
    refused(&body);
    // A partition count out of range is refused at once.
    let (code, body) = import_movie(&app, "more", json!({"partitions": 0})).await;
    assert_eq!(
        (code, body["errorCode"].as_str()),
        (400, Some("GES.8000")),
        "{body}"
    );

    // Deleting the graph removes its parts.
    let (code, deleted) = app
        .delete(&app.url(&format!("/v2/{PROJECT}/graphs/parts")))
        .await;
    assert_eq!(code, 200, "{deleted}");
    let gone = app
        .wait_engine_job(deleted["job_id"].as_str().unwrap())
        .await;
    assert_eq!(gone.state, engine::JobState::Succeeded, "{gone:?}");
    let left = || {
        std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !left().is_empty() && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(left(), Vec::<std::ffi::OsString>::new(), "parts removed");
}
