//! Who and why in the audit log: a named credential (`token create --name`) is the actor's
//! name, and a REST cancel's `X-Cancel-Reason` is the entry's message and the job's reason.

use engine::auth::Role;
use reqwest::Method;
use serde_json::json;

use crate::audit::{all_traces, call};
use crate::helpers::{PROJECT, spawn_paused_app};

#[tokio::test]
async fn a_named_token_s_cancel_carries_its_name_and_its_reason() {
    let app = spawn_paused_app().await;
    let config = engine::EngineConfig::new(app.data.path());
    let grants = [(PROJECT, Role::Operator)];
    let token = engine::admin::create_token_for(&config, &grants, Some("nightly ETL"))
        .await
        .unwrap();
    let graph = format!("/ges/v1.0/{PROJECT}/graphs/tiny");
    let (status, body, _) = call(
        &app,
        &token,
        Method::POST,
        &format!("{graph}/action?action_id=execute-algorithm"),
        Some(json!({"algorithmName": "pagerank", "parameters": {}})),
        &[],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let job = body["jobId"].as_str().unwrap().to_owned();

    // A reason that cannot be shown is refused before the job is touched.
    let path = format!("{graph}/jobs/{job}");
    let cancel = |reason: String| {
        let (app, token, path) = (&app, &token, &path);
        async move {
            let headers = [("X-Cancel-Reason", reason.as_str())];
            call(app, token, Method::DELETE, path, None, &headers).await
        }
    };
    let (status, body, _) = cancel("x".repeat(201)).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["errorCode"], "GES.8000");
    assert!(
        body["errorMessage"]
            .as_str()
            .unwrap()
            .contains("x-cancel-reason"),
        "{body}"
    );
    let still = app.engine.job(PROJECT, &job).await.unwrap();
    assert_eq!(still.state, engine::JobState::Queued);

    let (status, body, _) = cancel("  wrong graph ".into()).await;
    assert_eq!(status, 200, "{body}");
    let cancelled = app.engine.job(PROJECT, &job).await.unwrap();
    assert_eq!(cancelled.state, engine::JobState::Cancelled);
    assert_eq!(cancelled.cancel_reason.as_deref(), Some("wrong graph"));

    let all = all_traces(&app).await;
    let [done, refused, submitted, ..] = &all[..] else {
        panic!("three traces expected: {all:?}");
    };
    let id = engine::auth::token_id(&token);
    for trace in [done, refused, submitted] {
        assert_eq!(trace["user"]["name"], "nightly ETL", "{trace}");
        assert_eq!(trace["user"]["id"], id.as_str());
    }
    assert_eq!(done["trace_name"], "cancelJob");
    assert_eq!(done["message"], "wrong graph");
    assert_eq!(refused["trace_name"], "cancelJob");
    assert_eq!(refused["code"], "400");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("longer than 200"),
        "{refused}"
    );
    assert_eq!(submitted["trace_name"], "executeAlgorithm");
    assert!(submitted["message"].is_null(), "{submitted}");
}
