//! Management plane v2 graphs: the whole lifecycle as job-center jobs.

use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp, spawn_app};

async fn wait_job(app: &TestApp, job_id: &str) -> Value {
    let done = app.wait_engine_job(job_id).await;
    assert_eq!(done.state, engine::JobState::Succeeded, "{done:?}");
    let (_, body) = app
        .get(&app.url(&format!(
            "/v2/{PROJECT}/graphs/{}/jobs/{job_id}/status",
            done.graph
        )))
        .await;
    body
}

#[tokio::test]
async fn create_import_clear_delete_through_the_job_center() {
    let app = spawn_app().await;
    let v2 = |rest: &str| app.url(&format!("/v2/{PROJECT}/graphs{rest}"));

    let (code, created) = app
        .post(
            &v2(""),
            &json!({"graph": {"name": "social", "graph_size_type_index": "1"}}),
        )
        .await;
    assert_eq!(code, 200, "{created}");
    assert_eq!(
        (created["id"].as_str(), created["name"].as_str()),
        (Some("social"), Some("social"))
    );
    let job = wait_job(&app, created["job_id"].as_str().unwrap()).await;
    assert_eq!(job["job_name"], "CreateGraph");

    let (_, listed) = app.get(&v2("")).await;
    assert_eq!(listed["graph_count"], 1);
    assert_eq!(listed["graphs"][0]["name"], "social");
    assert_eq!(listed["graphs"][0]["status"], "200");
    assert_eq!(listed["graphs"][0]["vertex_num"], 0);

    // Import with the snake_case management body (reusing the tiny graph's files).
    app.import_tiny("seed").await;
    let dir = app.data.path().join("in").join("seed");
    let p = |n: &str| format!("file://{}", dir.join(n).display());
    let body = json!({"schema_path": p("schema.xml"), "vertexset_path": p("v.csv"), "edgeset_path": p("e.csv"),
                      "parallel_edge": {"action": "ignore", "ignore_label": true}, "offline": false});
    let (code, resp) = app.post(&v2("/social/import-graph"), &body).await;
    assert_eq!(code, 200, "{resp}");
    let import = wait_job(&app, resp["job_id"].as_str().unwrap()).await;
    assert_eq!(
        import["job_detail"]["edgeset_path"][0]["successful_lines"],
        4
    );
    let (_, shown) = app.get(&v2("/social")).await;
    assert_eq!(
        (
            shown["graph"]["vertex_num"].as_u64(),
            shown["graph"]["edge_num"].as_u64()
        ),
        (Some(4), Some(4))
    );
    let version = shown["graph"]["version"].as_i64().unwrap();

    let r = app
        .client
        .post(v2("/social/clear-graph?clear_metadata=false"))
        .header("X-Auth-Token", &app.token)
        .send()
        .await
        .unwrap();
    let cleared: Value = r.json().await.unwrap();
    wait_job(&app, cleared["job_id"].as_str().unwrap()).await;
    let (_, shown) = app.get(&v2("/social")).await;
    assert_eq!(shown["graph"]["vertex_num"], 0);
    assert_eq!(
        shown["graph"]["version"].as_i64(),
        Some(version + 1),
        "every write bumps the version"
    );

    let (code, deleted) = app.delete(&v2("/social")).await;
    assert_eq!(code, 200, "{deleted}");
    wait_job(&app, deleted["job_id"].as_str().unwrap()).await;
    let (code, gone) = app.get(&v2("/social")).await;
    assert_eq!(
        (code, gone["error_code"].as_str()),
        (400, Some("GES.7000")),
        "{gone}"
    );
    // The snapshots go right after the success is recorded (the directory may stay, empty).
    let dir = app.data.path().join("graphs").join(PROJECT).join("social");
    let left = || {
        std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !left().is_empty() && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(
        left(),
        Vec::<std::ffi::OsString>::new(),
        "snapshots removed"
    );

    // The job center lists every graph-management job, none of the algorithm runs.
    let (_, jobs) = app
        .get(&app.url(&format!(
            "/v2/{PROJECT}/graphs/jobs?graph_name=social&limit=10"
        )))
        .await;
    let mut names: Vec<&str> = jobs["job_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["job_name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["ClearGraph", "CreateGraph", "DeleteGraph", "ImportGraph"]
    );
}

#[tokio::test]
async fn refusals_use_the_management_codes() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let v2 = |rest: &str| app.url(&format!("/v2/{PROJECT}/graphs{rest}"));
    let (code, body) = app.post(&v2(""), &json!({"graph": {"name": "tiny"}})).await;
    assert_eq!(
        (code, body["error_code"].as_str()),
        (400, Some("GES.0001")),
        "exists: {body}"
    );
    let (code, body) = app.post(&v2(""), &json!({"graph": {}})).await;
    assert_eq!(
        (code, body["error_code"].as_str()),
        (400, Some("GES.0001")),
        "{body}"
    );
    let (code, body) = app
        .post(
            &v2("/nope/import-graph"),
            &json!({"edgeset_path": "file:///x"}),
        )
        .await;
    assert_eq!(
        (code, body["error_code"].as_str()),
        (400, Some("GES.7000")),
        "{body}"
    );
    let (code, body) = app
        .post(
            &v2("/tiny/import-graph"),
            &json!({"edgesetPath": "camel is the service plane"}),
        )
        .await;
    assert_eq!(
        (code, body["error_code"].as_str()),
        (400, Some("GES.0001")),
        "unknown field: {body}"
    );
    let (code, body) = app.delete(&v2("/nope")).await;
    assert_eq!(
        (code, body["error_code"].as_str()),
        (400, Some("GES.7000")),
        "{body}"
    );
    let r = app
        .client
        .post(v2("/tiny/clear-graph?clear_metadata=maybe"))
        .header("X-Auth-Token", &app.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    let (code, body) = app.get(&v2("?limit=5000")).await;
    assert_eq!(
        (code, body["error_code"].as_str()),
        (400, Some("GES.0001")),
        "{body}"
    );
}
