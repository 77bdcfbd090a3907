//! Credentials: 401 without a valid token, 403 for another project's token, and no existence
//! leak across projects.

use serde_json::json;

use crate::helpers::{PROJECT, spawn_app};

#[tokio::test]
async fn missing_and_unknown_tokens_get_401_in_the_ges_envelope() {
    let app = spawn_app().await;
    let url = app.graph_url("movie", "/jobs/status");
    for token in [None, Some("gjt_not-a-real-token"), Some("")] {
        let mut req = app.client.get(&url);
        if let Some(t) = token {
            req = req.header("X-Auth-Token", t);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status().as_u16(), 401);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["errorCode"], "GES.8007");
        assert!(
            body["errorMessage"]
                .as_str()
                .unwrap()
                .contains("X-Auth-Token")
        );
    }
}

#[tokio::test]
async fn another_projects_token_gets_403_whether_or_not_the_resource_exists() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let other = app.engine.create_token("other").await.unwrap();
    let mut bodies = Vec::new();
    for graph in ["tiny", "does-not-exist"] {
        let r = app
            .client
            .get(app.graph_url(graph, "/jobs/status"))
            .header("X-Auth-Token", &other)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 403);
        bodies.push(r.json::<serde_json::Value>().await.unwrap());
    }
    assert_eq!(bodies[0]["errorCode"], "GES.8006");
    assert_eq!(
        bodies[0], bodies[1],
        "the answer must not reveal which graph exists"
    );
    // And the other project's token cannot submit into this project either.
    let r = app
        .client
        .post(app.graph_url("tiny", "/action?action_id=execute-algorithm"))
        .header("X-Auth-Token", &other)
        .json(&json!({"algorithmName": "pagerank", "parameters": {}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert_eq!(
        app.engine
            .jobs(PROJECT, &Default::default())
            .await
            .unwrap()
            .total,
        1,
        "only the import"
    );
}

#[tokio::test]
async fn a_token_created_later_works_at_once() {
    let app = spawn_app().await;
    let config = engine::EngineConfig::new(app.data.path());
    let token = engine::admin::create_token(&config, PROJECT).await.unwrap();
    app.import_tiny("tiny").await;
    let r = app
        .client
        .get(app.graph_url("tiny", "/jobs/status"))
        .header("X-Auth-Token", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
}
