//! Golden responses: the documentation's own examples (golden/*.json, see golden/README.md),
//! with the values the reference prescribes, against live responses of the same endpoints.
//! Values are compared — status words, codes, job types and every fixed field — except where a
//! fixture holds a placeholder for what varies per run (`golden_match.rs` has the rules).

use serde_json::{Value, json};

use crate::golden_match::mismatch;
use crate::helpers::{PROJECT, TestApp, spawn_app};

fn golden(name: &str) -> Value {
    let path = format!("{}/tests/api/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn assert_golden(name: &str, actual: &Value) {
    if let Some(why) = mismatch(&golden(name), actual, "$") {
        panic!("{name}: {why}\nlive response: {actual:#}");
    }
}

#[test]
fn every_fixture_is_used_by_a_test() {
    let source = include_str!("golden.rs");
    let dir = format!("{}/tests/api/golden", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".json") {
            assert!(
                source.contains(&format!("\"{name}\"")),
                "golden/{name} is used by no test"
            );
        }
    }
}

async fn raw(app: &TestApp, method: reqwest::Method, path: &str) -> (u16, Value) {
    let r = app
        .client
        .request(method, app.url(path))
        .header("X-Auth-Token", &app.token)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

/// Submits `body` to `url` and waits for the job's status to leave pending/running.
async fn run_job(app: &TestApp, graph: &str, url: &str, body: &Value) -> Value {
    let (code, resp) = app.post(url, body).await;
    assert_eq!(code, 200, "{resp}");
    app.wait_status(graph, resp["jobId"].as_str().unwrap(), "")
        .await
}

#[tokio::test]
async fn service_plane_job_list_status_and_cancel() {
    let app = spawn_app().await;
    let import = app.import_tiny("movie").await;
    // The sample's three items: a failed and a successful shortest_path, and an import.
    let url = app.graph_url("movie", "/action?action_id=execute-algorithm");
    let mut statuses = Vec::new();
    for source in ["nobody", "a"] {
        let body = json!({"algorithmName": "shortest_path",
                          "parameters": {"source": source, "target": "b"}});
        statuses.push(run_job(&app, "movie", &url, &body).await);
    }
    assert_golden("ges_job_status_failed.json", &statuses[0]);

    let (code, list) = app.get(&app.graph_url("movie", "/jobs/status")).await;
    assert_eq!(code, 200);
    assert_golden("ges_job_list.json", &list);

    let (code, err) = app.get(&app.graph_url("nosuchgraph", "/jobs/status")).await;
    assert_eq!(code, 400);
    assert_golden("ges_job_list_error.json", &err);
    let (code, err) = app
        .get(&app.graph_url("nosuchgraph", &format!("/jobs/{import}/status")))
        .await;
    assert_eq!(code, 400);
    assert_golden("ges_job_status_error.json", &err);
    let (code, err) = raw(
        &app,
        reqwest::Method::DELETE,
        &format!("/ges/v1.0/{PROJECT}/graphs/movie/jobs/{import}"),
    )
    .await;
    assert_eq!(code, 400);
    assert_golden("ges_cancel_error.json", &err);
}

#[tokio::test]
async fn hyg_jobs_in_the_job_status_and_the_db_edition_list() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let hyg = |rest: &str| app.url(&format!("/ges/v1.0/{PROJECT}/hyg/tiny{rest}"));
    let (code, resp) = app.post(&hyg(""), &json!({})).await;
    assert_eq!(code, 200, "{resp}");
    let sync = json!({"vertex": [{"label": "person", "property": ["Name"]}], "edge": []});
    let synced = run_job(&app, "tiny", &hyg("/sync"), &sync).await;
    assert_golden("ges_job_status_hyg.json", &synced);
    let pagerank = json!({"algorithmName": "pagerank", "parameters": {"alpha": 0.85}});
    let ranked = run_job(&app, "tiny", &hyg("/algorithm"), &pagerank).await;
    assert_golden("ges_job_status_hyg.json", &ranked);
    let bad = json!({"algorithmName": "shortest_path",
                     "parameters": {"source": "nobody", "target": "a"}});
    let failed = run_job(&app, "tiny", &hyg("/algorithm"), &bad).await;
    assert_golden("ges_job_status_hyg_failed.json", &failed);
    let (code, resp) = app.delete(&hyg("")).await;
    assert_eq!(code, 200, "{resp}");
    let deleted = app
        .wait_status("tiny", resp["jobId"].as_str().unwrap(), "")
        .await;
    assert_golden("ges_job_status_hyg.json", &deleted);

    let (code, list) = app.get(&app.graph_url("tiny", "/jobs/status")).await;
    assert_eq!(code, 200);
    assert_golden("ges_job_list_hyg_form.json", &list);
}

#[tokio::test]
async fn management_job_center_and_cloud_job_query() {
    let app = spawn_app().await;
    // The sample's two items: an import of test1217 and the deletion of test1218.
    let import = app.import_tiny("test1217").await;
    app.import_tiny("test1218").await;
    let (code, resp) = app
        .delete(&app.url(&format!("/v2/{PROJECT}/graphs/test1218")))
        .await;
    assert_eq!(code, 200, "{resp}");
    let deleted = app.wait_engine_job(resp["job_id"].as_str().unwrap()).await;
    assert_eq!(deleted.state, engine::JobState::Succeeded, "{deleted:?}");

    let (code, list) = app
        .get(&app.url(&format!("/v2/{PROJECT}/graphs/jobs")))
        .await;
    assert_eq!(code, 200);
    assert_golden("management_job_list.json", &list);
    let (code, err) = app
        .get(&app.url(&format!("/v2/{PROJECT}/graphs/jobs?status=nope")))
        .await;
    assert_eq!(code, 400);
    assert_golden("management_error.json", &err);

    let (code, job) = app
        .get(&app.url(&format!("/v1/{PROJECT}/jobs/{import}")))
        .await;
    assert_eq!(code, 200);
    assert_golden("cloud_job.json", &job);
}

#[tokio::test]
async fn modelarts_create_list_detail_and_error() {
    let app = spawn_app().await;
    let jobs = app.url(&format!("/v1/{PROJECT}/visualization-jobs"));
    let body = json!({"job_name": "visualization-job", "job_desc": "this is a visualization job",
                      "train_url": "/obs/name/"});
    let (code, created) = app.post(&jobs, &body).await;
    assert_eq!(code, 200, "{created}");
    assert_golden("modelarts_create.json", &created);
    let (code, list) = app.get(&jobs).await;
    assert_eq!(code, 200);
    assert_golden("modelarts_list.json", &list);
    let (code, detail) = app.get(&format!("{jobs}/{}", created["job_id"])).await;
    assert_eq!(code, 200);
    assert_golden("modelarts_detail.json", &detail);
    let (code, err) = app
        .post(&jobs, &json!({"job_name": "", "train_url": "/obs/name/"}))
        .await;
    assert_eq!(code, 400);
    assert_golden("modelarts_error.json", &err);
}

#[tokio::test]
async fn execute_algorithm_submit_and_vertex_query_result_have_the_seed_shapes() {
    let app = spawn_app().await;
    let demo = format!("{}/../demo/movie", env!("CARGO_MANIFEST_DIR"));
    let demo = std::fs::canonicalize(demo).unwrap();
    let dir = app.data.path().join("in").join("movie");
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["schema.xml", "vertices.csv", "edges.csv"] {
        std::fs::copy(demo.join(f), dir.join(f)).unwrap();
    }
    let p = |n: &str| format!("file://{}", dir.join(n).display());
    let body = json!({"schemaPath": p("schema.xml"), "vertexsetPath": p("vertices.csv"),
                      "edgesetPath": p("edges.csv")});
    let (code, resp) = app
        .post(
            &app.graph_url("movie", "/action?action_id=import-graph"),
            &body,
        )
        .await;
    assert_eq!(code, 200, "{resp}");
    app.wait_engine_job(resp["jobId"].as_str().unwrap()).await;
    // An async execute-algorithm answers with the job to poll, nothing else filled.
    let (code, submitted) = app
        .post(
            &app.graph_url("movie", "/action?action_id=execute-algorithm"),
            &json!({"algorithmName": "pagerank", "parameters": {}}),
        )
        .await;
    assert_eq!(code, 200, "{submitted}");
    assert_golden("ges_execute_algorithm.json", &submitted);
    let (code, resp) = app
        .post(
            &app.graph_url("movie", "/vertices/action?action_id=query"),
            &json!({"labels": ["user"], "vertexFilters": [
                {"propertyName": "Age", "predicate": "=", "values": ["18-24"]}], "limit": 2}),
        )
        .await;
    assert_eq!(code, 200, "{resp}");
    let done = app
        .wait_status(
            "movie",
            resp["jobId"].as_str().unwrap(),
            "?offset=0&limit=2",
        )
        .await;
    assert_golden("ges_job_status_vertices.json", &done);
}
