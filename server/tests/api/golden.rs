//! Golden responses: the documentation's own examples (golden/*.json, see golden/README.md)
//! against live responses of the same endpoints. Every documented key must be there with the
//! same JSON kind at every depth; extra keys are allowed.

use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp, spawn_app};

fn golden(name: &str) -> Value {
    let path = format!("{}/tests/api/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Why `actual` does not have the shape of `expected`, if it does not.
fn shape_mismatch(expected: &Value, actual: &Value, at: &str) -> Option<String> {
    match (expected, actual) {
        (Value::Null, _) => None,
        (Value::Object(e), Value::Object(a)) => e.iter().find_map(|(k, ev)| match a.get(k) {
            None => Some(format!("{at}.{k} is missing")),
            Some(av) => shape_mismatch(ev, av, &format!("{at}.{k}")),
        }),
        (Value::Array(e), Value::Array(a)) => {
            if !e.is_empty() && a.is_empty() {
                return Some(format!("{at} is empty, the example is not"));
            }
            e.iter().enumerate().find_map(|(i, ev)| {
                let misses: Vec<String> = a
                    .iter()
                    .filter_map(|av| shape_mismatch(ev, av, &format!("{at}[{i}]")))
                    .collect();
                (misses.len() == a.len()).then(|| misses.join("; "))
            })
        }
        (Value::String(_), Value::String(_))
        | (Value::Number(_), Value::Number(_))
        | (Value::Bool(_), Value::Bool(_)) => None,
        (e, a) => Some(format!("{at}: expected a value like {e}, got {a}")),
    }
}

fn assert_golden(name: &str, actual: &Value) {
    if let Some(why) = shape_mismatch(&golden(name), actual, "$") {
        panic!("{name}: {why}\nlive response: {actual:#}");
    }
}

#[test]
fn the_comparator_catches_missing_keys_wrong_kinds_and_unmatched_items() {
    let e = json!({"a": 1, "b": [{"x": "s"}, {"y": true}], "c": null});
    assert!(
        shape_mismatch(
            &e,
            &json!({"a": 2, "b": [{"x": "t"}, {"y": false}], "c": 5, "z": 1}),
            "$"
        )
        .is_none()
    );
    assert!(
        shape_mismatch(
            &e,
            &json!({"a": "2", "b": [{"x": "t"}, {"y": false}], "c": 1}),
            "$"
        )
        .is_some()
    );
    assert!(shape_mismatch(&e, &json!({"a": 2, "b": [{"x": "t"}], "c": 1}), "$").is_some());
    assert!(shape_mismatch(&e, &json!({"b": [{"x": "t"}, {"y": false}], "c": 1}), "$").is_some());
    assert!(shape_mismatch(&e, &json!({"a": 2, "b": [], "c": 1}), "$").is_some());
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

#[tokio::test]
async fn service_plane_job_list_status_and_cancel() {
    let app = spawn_app().await;
    let import = app.import_tiny("movie").await;
    // The sample's three items: a failed and a successful shortest_path, and an import.
    for source in ["nobody", "a"] {
        let body = json!({"algorithmName": "shortest_path",
                          "parameters": {"source": source, "target": "b"}});
        let url = app.graph_url("movie", "/action?action_id=execute-algorithm");
        let (code, resp) = app.post(&url, &body).await;
        assert_eq!(code, 200, "{resp}");
        app.wait_engine_job(resp["jobId"].as_str().unwrap()).await;
    }

    let (code, list) = app.get(&app.graph_url("movie", "/jobs/status")).await;
    assert_eq!(code, 200);
    assert_golden("ges_job_list.json", &list);
    let item = list["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["jobId"] == import.as_str())
        .unwrap();
    assert!(item["files"].is_array(), "import items carry files: {item}");

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
async fn management_job_center_and_cloud_job_query() {
    let app = spawn_app().await;
    let import = app.import_tiny("movie").await;
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
async fn vertex_query_result_has_the_seed_shape() {
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
