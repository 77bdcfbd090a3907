//! The generic cloud job query, with import files as sub-jobs.

use serde_json::json;

use crate::helpers::{PROJECT, spawn_app};

#[tokio::test]
async fn an_import_shows_one_sub_job_per_file() {
    let app = spawn_app().await;
    let id = app.import_tiny("tiny").await;
    let (code, body) = app.get(&app.url(&format!("/v1/{PROJECT}/jobs/{id}"))).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["status"], "SUCCESS");
    assert_eq!(body["job_id"], id.as_str());
    assert_eq!(body["job_type"], "ImportGraph");
    assert!(
        body.get("error_code").unwrap().is_null(),
        "explicit null: {body}"
    );
    assert!(body.get("fail_reason").unwrap().is_null());
    let begin = body["begin_time"].as_str().unwrap();
    assert!(begin.ends_with('Z') && begin.len() == 24, "{begin}");
    let entities = &body["entities"];
    assert_eq!(entities["sub_jobs_total"], 3);
    let types: Vec<&str> = entities["sub_jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["job_type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        ["importSchemaFile", "importVertexFile", "importEdgeFile"]
    );
    let edge = &entities["sub_jobs"][2];
    assert_eq!(edge["status"], "SUCCESS");
    assert_eq!(edge["entities"]["successful_lines"], 4);
    assert_eq!(edge["job_id"], format!("{id}-3"));
}

#[tokio::test]
async fn an_algorithm_job_has_no_sub_jobs_and_unknown_jobs_are_404() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let (_, body) = app
        .post(
            &app.graph_url("tiny", "/action?action_id=execute-algorithm"),
            &json!({"algorithmName": "pagerank"}),
        )
        .await;
    let id = body["jobId"].as_str().unwrap().to_owned();
    app.wait_engine_job(&id).await;
    let (code, body) = app.get(&app.url(&format!("/v1/{PROJECT}/jobs/{id}"))).await;
    assert_eq!(code, 200);
    assert_eq!(body["status"], "SUCCESS");
    assert_eq!(body["entities"]["sub_jobs_total"], 0);
    assert_eq!(body["entities"]["sub_jobs"], json!([]));

    let (code, body) = app
        .get(&app.url(&format!("/v1/{PROJECT}/jobs/missing")))
        .await;
    assert_eq!(code, 404);
    assert_eq!(body["error"]["code"], "GES.7007");
    let other = app.engine.create_token("elsewhere").await.unwrap();
    let r = app
        .client
        .get(app.url(&format!("/v1/{PROJECT}/jobs/{id}")))
        .header("X-Auth-Token", other)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "GES.8006");
}
