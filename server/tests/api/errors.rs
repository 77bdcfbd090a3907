//! Bad input gets the GES envelope with a clear message, never a panic or a bare 500.

use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn malformed_json_and_wrong_types_are_ges_8000() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let url = app.graph_url("tiny", "/action?action_id=execute-algorithm");
    let r = app
        .client
        .post(&url)
        .header("X-Auth-Token", &app.token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["errorCode"], "GES.8000");
    assert!(
        body["errorMessage"]
            .as_str()
            .unwrap()
            .starts_with("invalid request body"),
        "{body}"
    );

    let (code, body) = app.post(&url, &json!({"algorithmName": 7})).await;
    assert_eq!(
        (code, body["errorCode"].as_str()),
        (400, Some("GES.8000")),
        "{body}"
    );
}

#[tokio::test]
async fn bad_parameters_are_refused_up_front_naming_the_parameter() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let url = app.graph_url("tiny", "/action?action_id=execute-algorithm");
    let cases = [
        (
            json!({"algorithmName": "no_such_algo", "parameters": {}}),
            "no_such_algo",
        ),
        (
            json!({"algorithmName": "pagerank", "parameters": {"alpha": 1.5}}),
            "alpha",
        ),
        (
            json!({"algorithmName": "k_hop", "parameters": {"source": "a"}}),
            "k",
        ),
        (
            json!({"algorithmName": "pagerank", "parameters": {}, "executionMode": "sync"}),
            "sync",
        ),
        (
            json!({"algorithmName": "pagerank", "parameters": {}, "executionMode": "later"}),
            "executionMode",
        ),
    ];
    for (body, needle) in cases {
        let (code, resp) = app.post(&url, &body).await;
        assert_eq!(code, 400, "{body} -> {resp}");
        assert_eq!(resp["errorCode"], "GES.8000", "{resp}");
        assert!(
            resp["errorMessage"].as_str().unwrap().contains(needle),
            "{needle}: {resp}"
        );
    }
    assert_eq!(
        app.engine
            .jobs(crate::helpers::PROJECT, &Default::default())
            .await
            .unwrap()
            .total,
        1,
        "nothing queued"
    );
}

#[tokio::test]
async fn paging_parameters_are_validated() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    for q in ["?limit=100001", "?offset=-1", "?limit=abc", "?offset=1e3"] {
        let (code, body) = app
            .get(&app.graph_url("tiny", &format!("/jobs/status{q}")))
            .await;
        assert_eq!(code, 400, "{q}: {body}");
        assert_eq!(body["errorCode"], "GES.8000");
        let name = if q.contains("limit") {
            "limit"
        } else {
            "offset"
        };
        assert!(
            body["errorMessage"].as_str().unwrap().contains(name),
            "{body}"
        );
    }
}

#[tokio::test]
async fn unknown_graphs_jobs_and_routes() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let (code, body) = app.get(&app.graph_url("nope", "/jobs/x/status")).await;
    assert_eq!(
        (code, body["errorCode"].as_str()),
        (400, Some("GES.8402")),
        "{body}"
    );
    assert_eq!(body["errorMessage"], "graph [nope] is not found");
    let (code, body) = app.get(&app.graph_url("nope", "/jobs/status")).await;
    assert_eq!(
        (code, body["errorCode"].as_str()),
        (400, Some("GES.8000")),
        "{body}"
    );
    let (code, body) = app
        .get(&app.graph_url("tiny", "/jobs/unknown/status"))
        .await;
    assert_eq!(
        (code, body["errorCode"].as_str()),
        (400, Some("GES.8000")),
        "{body}"
    );
    let (code, body) = app
        .post(
            &app.graph_url("tiny", "/action?action_id=explode"),
            &json!({}),
        )
        .await;
    assert_eq!(
        (code, body["errorCode"].as_str()),
        (400, Some("GES.8000")),
        "{body}"
    );
    let (code, body) = app.get(&app.url("/ges/v1.0/p1/nothing/here")).await;
    assert_eq!(
        (code, body["errorCode"].as_str()),
        (404, Some("GES.8000")),
        "{body}"
    );
    let (code, body) = app
        .post(
            &app.graph_url("nope", "/action?action_id=execute-algorithm"),
            &json!({"algorithmName": "pagerank"}),
        )
        .await;
    assert_eq!(
        (code, body["errorCode"].as_str()),
        (400, Some("GES.8000")),
        "{body}"
    );
}

#[tokio::test]
async fn an_oversized_body_is_413_in_the_envelope() {
    let app = spawn_app().await;
    let big = json!({"algorithmName": "pagerank", "parameters": {"pad": "x".repeat(100 * 1024)}});
    let (code, body) = app
        .post(
            &app.graph_url("tiny", "/action?action_id=execute-algorithm"),
            &big,
        )
        .await;
    assert_eq!(code, 413, "{body}");
    assert_eq!(body["errorCode"], "GES.8000");
}

#[tokio::test]
async fn import_paths_outside_the_allowed_roots_are_refused() {
    let app = spawn_app().await;
    let url = app.graph_url("g", "/action?action_id=import-graph");
    for path in [
        "file:///etc/passwd",
        "relative/file.csv",
        "file:///tmp/../etc/passwd",
    ] {
        let (code, body) = app.post(&url, &json!({"edgesetPath": path})).await;
        assert_eq!(code, 400, "{path}: {body}");
        assert_eq!(body["errorCode"], "GES.8000");
        assert!(
            body["errorMessage"].as_str().unwrap().contains("refused"),
            "{body}"
        );
    }
}
