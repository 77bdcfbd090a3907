//! The job status endpoint serves finished jobs from the engine's caches (the job record, the
//! graph's version, the result's rows as stored): its answers must be the bytes the uncached
//! reads make, and a job deleted on this node must not be served from them.

use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp, spawn_app};

/// The status endpoint's body, as bytes.
async fn status_bytes(app: &TestApp, graph: &str, id: &str, query: &str) -> (u16, Vec<u8>) {
    let r = app
        .client
        .get(app.graph_url(graph, &format!("/jobs/{id}/status{query}")))
        .header("X-Auth-Token", &app.token)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.bytes().await.unwrap().to_vec())
}

/// What the endpoint answered before it had caches: the job and the graph read from the store,
/// the page parsed row by row, and the answer serialised from `api::ges::JobStatusResponse`.
async fn uncached(app: &TestApp, id: &str, offset: u64, limit: u64) -> Vec<u8> {
    let job = app.engine.job(PROJECT, id).await.unwrap();
    let version = app
        .engine
        .graph(PROJECT, &job.graph)
        .await
        .ok()
        .map(|g| g.version);
    let page = match job.state {
        engine::JobState::Succeeded => Some(
            app.engine
                .result_page(PROJECT, id, offset, limit)
                .await
                .unwrap(),
        ),
        _ => None,
    };
    let words = api::convert::Vocabulary::of(job.hyg);
    serde_json::to_vec(&api::convert::job_status(&job, page, version, words)).unwrap()
}

async fn submit(app: &TestApp, graph: &str, body: Value) -> String {
    let (code, resp) = app
        .post(
            &app.graph_url(graph, "/action?action_id=execute-algorithm"),
            &body,
        )
        .await;
    assert_eq!(code, 200, "{resp}");
    resp["jobId"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn every_page_of_a_finished_job_is_the_answer_made_without_caches() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let pr = submit(
        &app,
        "tiny",
        json!({"algorithmName": "pagerank", "parameters": {}}),
    )
    .await;
    app.wait_status("tiny", &pr, "?limit=1").await;
    for (offset, limit) in [(0, 100_000), (0, 1), (1, 2), (3, 5), (4, 1), (9, 3), (0, 0)] {
        for _ in 0..2 {
            // Twice: the first read may fill the caches, the second is served from them.
            let (code, body) = status_bytes(
                &app,
                "tiny",
                &pr,
                &format!("?offset={offset}&limit={limit}"),
            )
            .await;
            assert_eq!(code, 200);
            assert_eq!(
                String::from_utf8(body).unwrap(),
                String::from_utf8(uncached(&app, &pr, offset, limit).await).unwrap(),
                "offset {offset} limit {limit}"
            );
        }
    }
    // A job that failed: the same answer too.
    let failed = submit(
        &app,
        "tiny",
        json!({"algorithmName": "shortest_path", "parameters": {"source": "nobody", "target": "a"}}),
    )
    .await;
    let done = app.wait_status("tiny", &failed, "").await;
    assert_eq!(done["status"], "failed", "{done}");
    let (_, body) = status_bytes(&app, "tiny", &failed, "").await;
    assert_eq!(body, uncached(&app, &failed, 0, 100_000).await);
}

#[tokio::test]
async fn a_job_deleted_by_retention_is_not_served_from_the_caches() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let pr = submit(
        &app,
        "tiny",
        json!({"algorithmName": "pagerank", "parameters": {}}),
    )
    .await;
    let failed = submit(
        &app,
        "tiny",
        json!({"algorithmName": "shortest_path", "parameters": {"source": "nobody", "target": "a"}}),
    )
    .await;
    for (id, query, status) in [
        (&pr, "?offset=1&limit=2", "success"),
        (&failed, "", "failed"),
    ] {
        let done = app.wait_status("tiny", id, query).await;
        assert_eq!(done["status"], status, "{done}");
        let (code, again) = app
            .get(&app.graph_url("tiny", &format!("/jobs/{id}/status{query}")))
            .await;
        assert_eq!(
            (code, &again),
            (200, &done),
            "served again (from the caches)"
        );
    }
    // Past the retention of failed jobs (the longest): both go, and are gone at once.
    let later = time::OffsetDateTime::now_utc() + std::time::Duration::from_secs(31 * 24 * 3600);
    let swept = app.engine.sweep_at(later).await.unwrap();
    assert!(
        swept.deleted.contains(&pr) && swept.deleted.contains(&failed),
        "{swept:?}"
    );
    for (id, query) in [(&pr, "?offset=1&limit=2"), (&failed, "")] {
        let (code, body) = app
            .get(&app.graph_url("tiny", &format!("/jobs/{id}/status{query}")))
            .await;
        assert_eq!(
            (
                code,
                body["errorCode"].as_str(),
                body["errorMessage"].as_str()
            ),
            (
                400,
                Some("GES.8000"),
                Some(format!("job [{id}] is not found").as_str())
            ),
            "{body}"
        );
    }
}

#[tokio::test]
async fn a_token_revoked_while_the_server_holds_it_is_refused_once_the_revocation_returns() {
    let app = spawn_app().await;
    let config = engine::EngineConfig::new(app.data.path());
    let token = engine::admin::create_token(&config, PROJECT).await.unwrap();
    app.import_tiny("tiny").await;
    let list = || {
        app.client
            .get(app.graph_url("tiny", "/jobs/status"))
            .header("X-Auth-Token", &token)
            .send()
    };
    assert_eq!(list().await.unwrap().status().as_u16(), 200);
    assert_eq!(list().await.unwrap().status().as_u16(), 200, "now held");
    let id = &engine::auth::hash_token(&token)[..12];
    let revoked = engine::admin::revoke_credential(&config, id).await.unwrap();
    assert_eq!(revoked, 1);
    assert_eq!(list().await.unwrap().status().as_u16(), 401);
}
