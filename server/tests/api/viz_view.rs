//! The seeds' workflow over HTTP: pagerank → export-result to a real S3 endpoint → a
//! visualization job over that path → RUNNING with a histogram and top N of the dump. A
//! train_url the server cannot read (wrong reader keys) or holding something else fails the
//! job with the reason.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp};
use crate::obs_app::{obs_ok, spawn_obs_app, spawn_obs_app_with_reader};
use crate::s3::{AK, S3Server};

async fn visualize(app: &TestApp, train_url: &str) -> (i64, Value) {
    let url = app.url(&format!("/v1/{PROJECT}/visualization-jobs"));
    let (code, made) = app
        .post(
            &url,
            &json!({"job_name": "pr-view", "train_url": train_url}),
        )
        .await;
    assert_eq!(code, 200, "{made}");
    let id = made["job_id"].as_i64().unwrap();
    for _ in 0..200 {
        let (_, d) = app.get(&format!("{url}/{id}")).await;
        if matches!(d["status"].as_i64(), Some(8 | 11)) {
            return (id, d);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("visualization job {id} never started");
}

#[tokio::test]
async fn a_dumped_pagerank_is_visualised_as_a_histogram_and_top_n() {
    let s3 = S3Server::start(&["dumps"]).await;
    let app = spawn_obs_app(Some(&s3.endpoint)).await;
    app.import_tiny("g").await;
    let pr = app.pagerank("g").await;
    let dumped = app
        .dump(
            "g",
            &pr,
            &json!({"exportPath": "dumps/pr/", "obsParameters": obs_ok(), "erase": false}),
        )
        .await;
    assert_eq!(dumped.state, engine::JobState::Succeeded, "{dumped:?}");

    let (id, detail) = visualize(&app, "/dumps/pr/").await;
    assert_eq!(detail["status"], 8, "{detail}");
    assert!(detail.get("fail_reason").is_none());
    let (code, view) = app
        .get(&app.url(&format!("/v1/{PROJECT}/visualization-jobs/{id}/view")))
        .await;
    assert_eq!(code, 200, "{view}");
    assert_eq!(view["kind"], "metric");
    assert_eq!(view["job_id"], pr.as_str());
    assert_eq!(view["metric"], "pagerank");
    assert_eq!(view["rows"], 4);
    let bins = view["histogram"].as_array().unwrap();
    assert_eq!(
        bins.iter()
            .map(|b| b["count"].as_u64().unwrap())
            .sum::<u64>(),
        4
    );
    // The top row is the vertex with the highest rank in the job's own result.
    let (_, status) = app
        .get(&app.graph_url("g", &format!("/jobs/{pr}/status")))
        .await;
    let best = status["data"]["outputs"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .max_by(|a, b| {
            a["pagerank"]
                .as_f64()
                .unwrap()
                .total_cmp(&b["pagerank"].as_f64().unwrap())
        })
        .unwrap()
        .clone();
    assert_eq!(view["top"][0][0], best["id"]);
    assert_eq!(view["top"][0][1], best["pagerank"]);
}

#[tokio::test]
async fn unreadable_or_unknown_content_fails_the_job_with_the_reason() {
    let s3 = S3Server::start(&["dumps"]).await;
    let app = spawn_obs_app_with_reader(Some(&s3.endpoint), Some((AK, "wrong-secret"))).await;
    app.import_tiny("g").await;
    let pr = app.pagerank("g").await;
    app.dump(
        "g",
        &pr,
        &json!({"exportPath": "dumps/pr/", "obsParameters": obs_ok()}),
    )
    .await;
    let (id, detail) = visualize(&app, "obs://dumps/pr/").await;
    assert_eq!(detail["status"], 11, "{detail}");
    let reason = detail["fail_reason"].as_str().unwrap();
    assert!(reason.contains("obs://dumps/pr"), "{reason}");
    assert!(
        !reason.contains("wrong-secret"),
        "the secret leaked: {reason}"
    );
    let (code, err) = app
        .get(&app.url(&format!("/v1/{PROJECT}/visualization-jobs/{id}/view")))
        .await;
    assert_eq!(code, 400, "{err}");

    // Something that is neither a dump nor event files.
    let dir = app.data.path().join("other");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("README.txt"), "hello").unwrap();
    let (_, detail) = visualize(&app, &format!("file://{}/", dir.display())).await;
    assert_eq!(detail["status"], 11, "{detail}");
    assert!(
        detail["fail_reason"]
            .as_str()
            .unwrap()
            .contains("README.txt"),
        "{detail}"
    );
}
