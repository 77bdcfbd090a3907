//! Journeys through the roles: what a viewer, an operator and an admin each may do, route
//! after route, on one server.

use engine::auth::Role;
use reqwest::Method;
use serde_json::{Value, json};

use super::fill;
use crate::helpers::{PROJECT, spawn_app};

#[tokio::test]
async fn a_viewer_reads_but_cannot_cancel_an_operator_runs_and_cancels_but_cannot_import() {
    let app = crate::helpers::spawn_paused_app().await;
    let viewer = app.token_as(Role::Viewer).await;
    let operator = app.token_as(Role::Operator).await;
    let as_role = |token: &str, method: Method, url: String, body: Value| {
        app.client
            .request(method, app.url(&url))
            .header("X-Auth-Token", token)
            .json(&body)
            .send()
    };
    // The operator submits (the server runs no jobs: it stays queued).
    let run = fill(
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=execute-algorithm",
        "tiny",
        "",
    );
    let algorithm = json!({"algorithmName": "pagerank", "parameters": {}});
    let r = as_role(&operator, Method::POST, run.clone(), algorithm.clone())
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let job = r.json::<Value>().await.unwrap()["jobId"]
        .as_str()
        .unwrap()
        .to_owned();
    // The viewer sees it, and may not submit or cancel it: it stays queued.
    let status = format!("/ges/v1.0/{PROJECT}/graphs/tiny/jobs/{job}/status");
    let r = as_role(&viewer, Method::GET, status.clone(), Value::Null)
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = as_role(&viewer, Method::POST, run, algorithm)
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let cancel = format!("/ges/v1.0/{PROJECT}/graphs/tiny/jobs/{job}");
    let r = as_role(&viewer, Method::DELETE, cancel.clone(), Value::Null)
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["errorCode"], "GES.8020", "{body}");
    assert!(
        body["errorMessage"].as_str().unwrap().contains("viewer"),
        "{body}"
    );
    let still = app.engine.job(PROJECT, &job).await.unwrap();
    assert_eq!(still.state, engine::JobState::Queued);
    // The operator cancels it, and may not import or delete the graph.
    let r = as_role(&operator, Method::DELETE, cancel, Value::Null)
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        app.engine.job(PROJECT, &job).await.unwrap().state,
        engine::JobState::Cancelled
    );
    for (method, url) in [
        (
            Method::POST,
            format!("/ges/v1.0/{PROJECT}/graphs/tiny/action?action_id=import-graph"),
        ),
        (Method::DELETE, format!("/v2/{PROJECT}/graphs/tiny")),
        (
            Method::POST,
            format!("/v2/{PROJECT}/graphs/tiny/clear-graph"),
        ),
    ] {
        let r = as_role(&operator, method.clone(), url.clone(), json!({}))
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{method} {url}");
    }
    assert!(app.engine.graph(PROJECT, "tiny").await.is_ok());
}

#[tokio::test]
async fn an_operator_dumps_and_runs_visualization_jobs_a_viewer_cannot() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let viewer = app.token_as(Role::Viewer).await;
    let operator = app.token_as(Role::Operator).await;
    let send = |token: &str, url: String, body: Value| {
        app.client
            .post(app.url(&url))
            .header("X-Auth-Token", token)
            .json(&body)
            .send()
    };
    let run = format!("/ges/v1.0/{PROJECT}/graphs/tiny/action?action_id=execute-algorithm");
    let r = send(
        &operator,
        run,
        json!({"algorithmName": "pagerank", "parameters": {}}),
    )
    .await
    .unwrap();
    let pagerank = r.json::<Value>().await.unwrap()["jobId"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.wait_engine_job(&pagerank).await.state,
        engine::JobState::Succeeded
    );

    // Dump the result to a local folder: the viewer is refused, the operator's dump runs.
    let dump =
        format!("/ges/v1.0/{PROJECT}/graphs/tiny/jobs/{pagerank}/action?action_id=export-result");
    let target = app.data.path().join("exports").join("roles");
    let body = json!({"exportPath": format!("file://{}", target.display()), "fileName": "pr.csv"});
    let r = send(&viewer, dump.clone(), body.clone()).await.unwrap();
    assert_eq!(r.status(), 403);
    let r = send(&operator, dump, body).await.unwrap();
    assert_eq!(r.status(), 200);
    let id = r.json::<Value>().await.unwrap()["jobId"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.wait_engine_job(&id).await.state,
        engine::JobState::Succeeded
    );
    assert!(target.join("pr.csv").exists());

    // A visualization job: refused to the viewer in ModelArts' envelope, created for the operator.
    let viz = format!("/v1/{PROJECT}/visualization-jobs");
    let body = json!({"job_name": "roles", "train_url": "/obs/name/"});
    let r = send(&viewer, viz.clone(), body.clone()).await.unwrap();
    assert_eq!(r.status(), 403);
    let refused: Value = r.json().await.unwrap();
    assert_eq!(
        (&refused["is_success"], &refused["error_code"]),
        (&json!(false), &json!("ModelArts.0108")),
        "{refused}"
    );
    let r = send(&operator, viz, body).await.unwrap();
    let created: Value = r.json().await.unwrap();
    assert_eq!(created["is_success"], true, "{created}");
}
