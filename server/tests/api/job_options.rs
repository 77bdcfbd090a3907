//! `X-Idempotency-Key` and `X-Job-Priority` on job-submitting requests: a retried request with
//! the same key gets the same job (even after it finished), a key reused for another request is
//! refused, the priority is stored, and bad values are GES.8000 errors.

use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp, spawn_app};

async fn run(app: &TestApp, headers: &[(&str, &str)], body: &Value) -> (u16, Value) {
    let url = app.graph_url("tiny", "/action?action_id=execute-algorithm");
    let mut req = app
        .client
        .post(&url)
        .header("X-Auth-Token", &app.token)
        .json(body);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn idempotency_keys_and_priorities_travel_in_headers() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let pr = json!({"algorithmName": "pagerank", "parameters": {}});
    let key = [
        ("X-Idempotency-Key", "nightly-2026-11-22"),
        ("X-Job-Priority", "7"),
    ];
    let (code, first) = run(&app, &key, &pr).await;
    assert_eq!(code, 200, "{first}");
    let id = first["jobId"].as_str().unwrap().to_owned();
    let done = app.wait_engine_job(&id).await;
    assert_eq!(
        (done.state, done.priority),
        (engine::JobState::Succeeded, 7)
    );
    // The retry after it finished answers with the same job instead of running it again.
    let (code, again) = run(&app, &key, &pr).await;
    assert_eq!((code, again["jobId"].as_str()), (200, Some(id.as_str())));
    let page = app
        .engine
        .jobs(
            PROJECT,
            &engine::JobFilter {
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        page.jobs
            .iter()
            .filter(|j| j.job_type == engine::JobType::Algorithm)
            .count(),
        1
    );
    // The same key for another request is refused.
    let other = json!({"algorithmName": "kcore", "parameters": {}});
    let (code, err) = run(&app, &key, &other).await;
    assert_eq!(
        (code, err["errorCode"].as_str()),
        (400, Some("GES.8000")),
        "{err}"
    );
    // Without a key the same request is a new job once the first has finished.
    let (_, fresh) = run(&app, &[], &pr).await;
    assert_ne!(fresh["jobId"].as_str(), Some(id.as_str()));
    for bad in [
        ("X-Job-Priority", "high"),
        ("X-Job-Priority", "100000"),
        ("X-Idempotency-Key", ""),
    ] {
        let (code, err) = run(&app, &[bad], &pr).await;
        assert_eq!(
            (code, err["errorCode"].as_str()),
            (400, Some("GES.8000")),
            "{bad:?}: {err}"
        );
    }
}
