//! AK/SK `SDK-HMAC-SHA256` signed requests, signed here exactly as the SDK signer does
//! (engine::auth::signature has vectors from the official Python SDK).

use engine::auth::signature::{RequestParts, sign};
use time::macros::format_description;

use crate::helpers::{PROJECT, TestApp, spawn_app};

async fn create_key(app: &TestApp, project: &str) -> (String, String) {
    engine::admin::create_access_key(&engine::EngineConfig::new(app.data.path()), project)
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
        method: "GET",
        path,
        query,
        headers: &headers,
        body: b"",
    };
    let signature = sign(&parts, &signed, sk, date).unwrap();
    let auth = format!(
        "SDK-HMAC-SHA256 Access={ak}, SignedHeaders={}, Signature={signature}",
        signed.join(";")
    );
    let r = app
        .client
        .get(app.url(path_and_query))
        .header("Content-Type", "application/json")
        .header("X-Project-Id", PROJECT)
        .header("X-Sdk-Date", date)
        .header("Authorization", auth)
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
