//! `/openapi.json`: served without credentials, and every operation it documents is a real
//! route (answered by its handler in its surface's JSON envelope, not by a fallback).

use crate::helpers::{PROJECT, spawn_app};

#[tokio::test]
async fn the_document_is_served_and_lists_every_operation() {
    let app = spawn_app().await;
    let r = app
        .client
        .get(app.url("/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let doc: serde_json::Value = r.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "graphjobs");
    let ops = server::openapi::operations();
    assert!(ops.len() >= 35);
    for op in &ops {
        let method = op.method.as_str().to_lowercase();
        assert!(
            doc["paths"][op.path][&method].is_object(),
            "{} {} missing",
            op.method,
            op.path
        );
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in [
        "ges.JobStatusResponse",
        "management.Job",
        "modelarts.CreateRequest",
    ] {
        assert!(schemas.contains_key(name), "{name}");
    }
}

#[tokio::test]
async fn every_documented_operation_reaches_its_handler() {
    let app = spawn_app().await;
    for op in server::openapi::operations() {
        let (template, action) = match op.path.split_once("#action_id=") {
            Some((t, a)) => (t, Some(a)),
            None => (op.path, None),
        };
        let mut url = template
            .replace("{project_id}", PROJECT)
            .replace("{graph_name}", "nosuchgraph")
            .replace("{graph_id}", "nosuchgraph")
            .replace("{job_id}", "nosuchjob");
        if let Some(a) = action {
            url = format!("{url}?action_id={a}");
        }
        let r = app
            .client
            .request(op.method.clone(), app.url(&url))
            .header("X-Auth-Token", &app.token)
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let json = r
            .headers()
            .get("content-type")
            .is_some_and(|v| v.to_str().unwrap_or("").starts_with("application/json"));
        let body = r.text().await.unwrap();
        assert!(
            status != 405 && json,
            "{} {url}: {status} {body}",
            op.method
        );
        assert!(!body.contains("no such API"), "{} {url}: {body}", op.method);
    }
}
