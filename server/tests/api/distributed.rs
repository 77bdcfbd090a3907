//! `X-Executor: distributed` on execute-algorithm: the job runs on a group of `graphjobs
//! compute-worker` processes (the real server binary) and its result is the local engine's;
//! a bad header value or an algorithm without a distributed kernel is a GES.8000 refusal.

use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp, spawn_app_with};

async fn execute(app: &TestApp, executor: Option<&str>, body: &Value) -> (u16, Value) {
    let url = app.graph_url("tiny", "/action?action_id=execute-algorithm");
    let mut req = app
        .client
        .post(&url)
        .header("X-Auth-Token", &app.token)
        .json(body);
    if let Some(e) = executor {
        req = req.header("X-Executor", e);
    }
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

/// Runs `body` on `executor` and returns the job's rows and scalars.
async fn rows(app: &TestApp, executor: Option<&str>, body: &Value) -> (Vec<Value>, Value) {
    let (code, resp) = execute(app, executor, body).await;
    assert_eq!(code, 200, "{resp}");
    let id = resp["jobId"].as_str().unwrap();
    let (scalars, rows) = app
        .succeeded_result(id, &format!("{executor:?} {body}"))
        .await;
    (rows, scalars)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_header_runs_an_algorithm_on_compute_worker_processes() {
    let app = spawn_app_with(tempfile::tempdir().unwrap(), |c| {
        c.compute.processes = 2;
        c.compute.command = crate::helpers::compute_worker_command();
    })
    .await;
    app.import_tiny("tiny").await;
    let wcc = json!({"algorithmName": "connected_component", "parameters": {}});
    assert_eq!(
        rows(&app, Some("distributed"), &wcc).await,
        rows(&app, None, &wcc).await
    );
    let hop = json!({"algorithmName": "k_hop", "parameters": {"source": "d", "k": 2}});
    let (local, _) = rows(&app, Some("local"), &hop).await;
    assert_eq!(local, [json!("a"), json!("b")]);
    assert_eq!(rows(&app, Some("Distributed"), &hop).await.0, local);
    // The partition the group read stays beside the graph's snapshot.
    let graph_dir = app.data.path().join("graphs").join(PROJECT).join("tiny");
    assert!(graph_dir.join("v1.p2").join("manifest.json").exists());

    let (code, body) = execute(&app, Some("elsewhere"), &wcc).await;
    assert_eq!(
        (code, body["errorCode"].as_str()),
        (400, Some("GES.8000")),
        "{body}"
    );
    let louvain = json!({"algorithmName": "louvain", "parameters": {}});
    let (code, body) = execute(&app, Some("distributed"), &louvain).await;
    assert_eq!(
        (code, body["errorCode"].as_str()),
        (400, Some("GES.8000")),
        "{body}"
    );
    assert!(
        body["errorMessage"]
            .as_str()
            .is_some_and(|m| m.contains("distributed executor has no kernel")),
        "{body}"
    );
}
