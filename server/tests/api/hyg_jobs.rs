//! HyG jobs on the service plane's job endpoints (REFERENCE §13, §2.1, §2.2): they answer in
//! HyG's words (`pending`/`running`, then `complete` with `result`), a failed one with its code
//! and reason in `errorCode`/`errorMessage`; cancel-all-queued also answers at
//! `DELETE …/graphs/{graph_name}/jobs`, the path of the EN docs' examples, and reaches HyG jobs
//! only.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp, spawn_app, spawn_app_on};

fn hyg(app: &TestApp, rest: &str) -> String {
    app.url(&format!("/ges/v1.0/{PROJECT}/hyg{rest}"))
}

/// `(status, result, errorCode, errorMessage, failReason)` of a job status answer (`""` for
/// an absent field).
fn outcome(v: &Value) -> [&str; 5] {
    [
        "status",
        "result",
        "errorCode",
        "errorMessage",
        "failReason",
    ]
    .map(|k| v[k].as_str().unwrap_or_default())
}

/// The job status answer of job `id` of the tiny graph.
async fn status(app: &TestApp, id: &str) -> (u16, Value) {
    app.get(&app.graph_url("tiny", &format!("/jobs/{id}/status")))
        .await
}

/// Imports the tiny graph and gives it a synced HyG view.
async fn synced_view(app: &TestApp) {
    app.import_tiny("tiny").await;
    let (code, body) = app.post(&hyg(app, "/tiny"), &json!({})).await;
    assert_eq!(code, 200, "{body}");
    let sync = json!({"vertex": [{"label": "person", "property": ["Name"]}], "edge": []});
    let (code, body) = app.post(&hyg(app, "/tiny/sync"), &sync).await;
    assert_eq!(code, 200, "{body}");
    let done = app
        .wait_status("tiny", body["jobId"].as_str().unwrap(), "")
        .await;
    let [status, result, ..] = outcome(&done);
    assert_eq!((status, result), ("complete", "success"), "{done}");
}

#[tokio::test]
async fn a_failed_hyg_algorithm_is_complete_and_failed_with_its_error_code_and_message() {
    let app = spawn_app().await;
    synced_view(&app).await;
    let body = json!({"algorithmName": "shortest_path",
                      "parameters": {"source": "nobody", "target": "a"}});
    let (code, resp) = app.post(&hyg(&app, "/tiny/algorithm"), &body).await;
    assert_eq!(code, 200, "{resp}");
    let id = resp["jobId"].as_str().unwrap();
    let done = app.wait_status("tiny", id, "").await;
    let reason = "Running algorithm [shortest_path] error: parameter [source] is invalid!";
    assert_eq!(
        outcome(&done),
        ["complete", "failed", "GES.8301", reason, reason],
        "{done}"
    );
    assert!(
        done.get("data").is_none(),
        "a failed job has no result: {done}"
    );

    let (code, list) = app.get(&app.graph_url("tiny", "/jobs/status")).await;
    assert_eq!(code, 200, "{list}");
    let item = list["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["jobId"] == id)
        .unwrap();
    assert_eq!(
        [&item["status"], &item["result"], &item["failReason"]],
        [&json!("complete"), &json!("failed"), &json!(reason)],
        "{item}"
    );
    assert_eq!(item["canStop"], false);
}

#[tokio::test]
async fn cancel_all_queued_answers_at_the_graphs_path_too_and_reaches_only_hyg_jobs() {
    let app = spawn_app().await;
    synced_view(&app).await;
    // The same data dir behind a server without workers: what is submitted now stays queued.
    let TestApp { engine, data, .. } = app;
    engine.shutdown(Duration::from_secs(5)).await;
    let app = spawn_app_on(data, 0).await;

    let (code, resp) = app
        .post(
            &hyg(&app, "/tiny/algorithm"),
            &json!({"algorithmName": "pagerank"}),
        )
        .await;
    assert_eq!(code, 200, "{resp}");
    let queued = resp["jobId"].as_str().unwrap().to_owned();
    let (code, resp) = app
        .post(
            &app.graph_url("tiny", "/action?action_id=execute-algorithm"),
            &json!({"algorithmName": "pagerank", "parameters": {}}),
        )
        .await;
    assert_eq!(code, 200, "{resp}");
    let ges_job = resp["jobId"].as_str().unwrap().to_owned();

    // Queued: HyG's `pending`, no result yet, no error.
    let (code, pending) = status(&app, &queued).await;
    assert_eq!(code, 200, "{pending}");
    assert_eq!(outcome(&pending), ["pending", "", "", "", ""], "{pending}");
    assert!(pending.get("result").is_none(), "{pending}");

    // The EN docs' path cancels the graph's queued HyG jobs, as …/hyg/{graph_name}/jobs does.
    let (code, all) = app.delete(&app.graph_url("tiny", "/jobs")).await;
    assert_eq!(code, 200, "{all}");
    assert_eq!(
        (&all["result"], &all["jobIds"]),
        (&json!("success"), &json!([queued])),
        "{all}"
    );
    assert!(
        all["jobId"].is_string(),
        "the bulk action's parent job: {all}"
    );

    let (_, cancelled) = status(&app, &queued).await;
    let reason = "cancelled: cancel all queued HyG jobs (by api)";
    assert_eq!(
        outcome(&cancelled),
        ["complete", "failed", "GES.8000", reason, reason],
        "{cancelled}"
    );
    // The GES job of the same graph is not a HyG job: still queued, in GES's words.
    let (_, other) = status(&app, &ges_job).await;
    assert_eq!(outcome(&other), ["pending", "", "", "", ""], "{other}");

    let (_, list) = app.get(&app.graph_url("tiny", "/jobs/status")).await;
    let jobs = list["jobs"].as_array().unwrap();
    let item = |id: &str| jobs.iter().find(|j| j["jobId"] == id).unwrap().clone();
    let hyg_item = item(queued.as_str());
    assert_eq!(
        (&hyg_item["status"], &hyg_item["result"]),
        (&json!("complete"), &json!("failed")),
        "{hyg_item}"
    );
    let ges_item = item(ges_job.as_str());
    assert_eq!(ges_item["status"], "pending", "{ges_item}");
    assert!(ges_item.get("result").is_none(), "{ges_item}");

    // Nothing queued is left: both paths answer with no ids. A graph without a HyG view is
    // GES.8000 on either.
    for url in [app.graph_url("tiny", "/jobs"), hyg(&app, "/tiny/jobs")] {
        let (code, again) = app.delete(&url).await;
        assert_eq!(
            (code, &again["jobIds"]),
            (200, &json!([])),
            "{url}: {again}"
        );
    }
    for url in [app.graph_url("nosuch", "/jobs"), hyg(&app, "/nosuch/jobs")] {
        let (code, err) = app.delete(&url).await;
        assert_eq!(
            (code, &err["errorCode"]),
            (400, &json!("GES.8000")),
            "{url}: {err}"
        );
    }
}
