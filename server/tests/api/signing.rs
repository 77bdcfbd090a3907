//! AK/SK `SDK-HMAC-SHA256` signed requests, signed here exactly as the SDK signer does
//! (engine::auth::signature has vectors from the official Python SDK).

use engine::auth::Role;
use engine::auth::signature::{RequestParts, sign};
use time::macros::format_description;

use crate::helpers::{PROJECT, TestApp, spawn_app};

async fn create_key(app: &TestApp, project: &str) -> (String, String) {
    create_key_as(app, project, Role::DEFAULT).await
}

/// An access key with `role` in `project`, made as `graphjobs keys create --role` makes it.
async fn create_key_as(app: &TestApp, project: &str, role: Role) -> (String, String) {
    let config = engine::EngineConfig::new(app.data.path());
    engine::admin::create_access_key(&config, project, role, None)
        .await
        .unwrap()
}

fn sdk_date(offset_minutes: i64) -> String {
    (time::OffsetDateTime::now_utc() + time::Duration::minutes(offset_minutes))
        .format(format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap()
}

/// Sends a signed GET and returns the status and body.
async fn signed_get(
    app: &TestApp,
    path_and_query: &str,
    ak: &str,
    sk: &str,
    date: &str,
) -> (u16, serde_json::Value) {
    signed(app, "GET", path_and_query, b"", ak, sk, date).await
}

/// Sends a signed request with `body` and returns the status and body.
async fn signed(
    app: &TestApp,
    method: &str,
    path_and_query: &str,
    body: &[u8],
    ak: &str,
    sk: &str,
    date: &str,
) -> (u16, serde_json::Value) {
    let host = app.base.trim_start_matches("http://").to_owned();
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let headers = vec![
        ("Content-Type".to_owned(), "application/json".to_owned()),
        ("Host".to_owned(), host.clone()),
        ("X-Project-Id".to_owned(), PROJECT.to_owned()),
        ("X-Sdk-Date".to_owned(), date.to_owned()),
    ];
    let signed: Vec<String> = ["content-type", "host", "x-project-id", "x-sdk-date"]
        .map(String::from)
        .to_vec();
    let parts = RequestParts {
        method,
        path,
        query,
        headers: &headers,
        body,
    };
    let signature = sign(&parts, &signed, sk, date).unwrap();
    let auth = format!(
        "SDK-HMAC-SHA256 Access={ak}, SignedHeaders={}, Signature={signature}",
        signed.join(";")
    );
    let r = app
        .client
        .request(method.parse().unwrap(), app.url(path_and_query))
        .header("Content-Type", "application/json")
        .header("X-Project-Id", PROJECT)
        .header("X-Sdk-Date", date)
        .header("Authorization", auth)
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or_default())
}

#[tokio::test]
async fn a_correctly_signed_request_is_accepted_on_every_surface() {
    let app = spawn_app().await;
    let id = app.import_tiny("tiny").await;
    let (ak, sk) = create_key(&app, PROJECT).await;
    let (code, body) = signed_get(
        &app,
        &format!("/v2/{PROJECT}/graphs/jobs?limit=5&status=success"),
        &ak,
        &sk,
        &sdk_date(0),
    )
    .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["job_count"], 1);
    let (code, body) = signed_get(
        &app,
        &format!("/v1/{PROJECT}/jobs/{id}"),
        &ak,
        &sk,
        &sdk_date(0),
    )
    .await;
    assert_eq!(
        (code, body["status"].as_str()),
        (200, Some("SUCCESS")),
        "{body}"
    );
    let (code, _) = signed_get(
        &app,
        &format!("/ges/v1.0/{PROJECT}/graphs/tiny/jobs/status"),
        &ak,
        &sk,
        &sdk_date(0),
    )
    .await;
    assert_eq!(code, 200);
}

#[tokio::test]
async fn wrong_secrets_replays_and_revoked_keys_are_refused() {
    let app = spawn_app().await;
    let (ak, sk) = create_key(&app, PROJECT).await;
    let path = format!("/v2/{PROJECT}/graphs/jobs");
    let (code, body) = signed_get(&app, &path, &ak, "not-the-secret", &sdk_date(0)).await;
    assert_eq!(
        (code, body["error_code"].as_str()),
        (401, Some("GES.8007")),
        "{body}"
    );
    let (code, _) = signed_get(&app, &path, &ak, &sk, &sdk_date(-20)).await;
    assert_eq!(code, 401, "a signature older than 15 minutes is a replay");
    let (code, _) = signed_get(&app, &path, &ak, &sk, &sdk_date(20)).await;
    assert_eq!(code, 401, "a date far in the future is refused too");
    let (code, _) = signed_get(&app, &path, "UNKNOWNKEY0000000000", &sk, &sdk_date(0)).await;
    assert_eq!(code, 401);

    let revoked =
        engine::admin::revoke_credential(&engine::EngineConfig::new(app.data.path()), &ak)
            .await
            .unwrap();
    assert_eq!(revoked, 1);
    let (code, _) = signed_get(&app, &path, &ak, &sk, &sdk_date(0)).await;
    assert_eq!(code, 401, "revocation takes effect at once");
}

#[tokio::test]
async fn another_projects_key_is_forbidden() {
    let app = spawn_app().await;
    let (ak, sk) = create_key(&app, "elsewhere").await;
    let (code, body) = signed_get(
        &app,
        &format!("/v2/{PROJECT}/graphs/jobs"),
        &ak,
        &sk,
        &sdk_date(0),
    )
    .await;
    assert_eq!(
        (code, body["error_code"].as_str()),
        (403, Some("GES.8006")),
        "{body}"
    );
}

#[tokio::test]
async fn an_access_key_has_the_role_it_was_made_with() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let (viewer_ak, viewer_sk) = create_key_as(&app, PROJECT, Role::Viewer).await;
    let (operator_ak, operator_sk) = create_key_as(&app, PROJECT, Role::Operator).await;
    let run = format!("/ges/v1.0/{PROJECT}/graphs/tiny/action?action_id=execute-algorithm");
    let body = br#"{"algorithmName":"pagerank","parameters":{}}"#;
    // A viewer key reads, and may not submit: 403 GES.8020 in the service plane's envelope.
    let (code, _) = signed_get(
        &app,
        &format!("/ges/v1.0/{PROJECT}/graphs/tiny/jobs/status"),
        &viewer_ak,
        &viewer_sk,
        &sdk_date(0),
    )
    .await;
    assert_eq!(code, 200);
    let (code, refused) = signed(
        &app,
        "POST",
        &run,
        body,
        &viewer_ak,
        &viewer_sk,
        &sdk_date(0),
    )
    .await;
    assert_eq!(
        (code, refused["errorCode"].as_str()),
        (403, Some("GES.8020")),
        "{refused}"
    );
    // An operator key submits, and may not import.
    let (code, job) = signed(
        &app,
        "POST",
        &run,
        body,
        &operator_ak,
        &operator_sk,
        &sdk_date(0),
    )
    .await;
    assert_eq!(code, 200, "{job}");
    assert!(job["jobId"].is_string(), "{job}");
    let import = format!("/ges/v1.0/{PROJECT}/graphs/tiny/action?action_id=import-graph");
    let (code, refused) = signed(
        &app,
        "POST",
        &import,
        b"{}",
        &operator_ak,
        &operator_sk,
        &sdk_date(0),
    )
    .await;
    assert_eq!(
        (code, refused["errorCode"].as_str()),
        (403, Some("GES.8020")),
        "{refused}"
    );
}
