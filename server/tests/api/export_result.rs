//! export-result (REFERENCE §2.4) over the real S3 protocol (s3s on loopback, SigV4 checked)
//! and to local `file://` paths.

use serde_json::{Value, json};

use crate::obs_app::{obs_ok, spawn_obs_app};
use crate::s3::{AK, S3Server};

#[tokio::test]
async fn a_dump_writes_csv_outputs_and_manifest_last_and_keeps_the_result_without_erase() {
    let s3 = S3Server::start(&["dumps"]).await;
    let app = spawn_obs_app(Some(&s3.endpoint)).await;
    app.import_tiny("g").await;
    let pr = app.pagerank("g").await;
    let done = app
        .dump(
            "g",
            &pr,
            &json!({"exportPath": "dumps/pr/", "obsParameters": obs_ok(), "erase": false}),
        )
        .await;
    assert_eq!(done.state, engine::JobState::Succeeded, "{done:?}");
    assert_eq!(done.job_type, engine::JobType::ExportResult);

    assert_eq!(
        s3.keys("dumps", "pr").await,
        ["pr/manifest.json", "pr/outputs.json", "pr/vertices.csv"]
    );
    let csv = s3.read("dumps", "pr/vertices.csv").await;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "id,pagerank");
    assert_eq!(lines.len(), 5, "{csv}");
    let mut ids: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, ["a", "b", "c", "d"]);
    let sum: f64 = lines[1..]
        .iter()
        .map(|l| l.split(',').nth(1).unwrap().parse::<f64>().unwrap())
        .sum();
    assert!(sum > 0.0);
    let outputs: Value = serde_json::from_str(&s3.read("dumps", "pr/outputs.json").await).unwrap();
    assert_eq!(outputs["data_total_size"], 4);
    assert_eq!(outputs["key"], "results");
    let manifest: Value =
        serde_json::from_str(&s3.read("dumps", "pr/manifest.json").await).unwrap();
    assert_eq!(manifest["complete"], true);
    assert_eq!(manifest["jobId"], pr);
    assert_eq!(manifest["files"][0]["name"], "vertices.csv");
    assert_eq!(manifest["files"][0]["rows"], 4);

    // The manifest is the last object written.
    let writes: Vec<_> = s3
        .ops()
        .into_iter()
        .filter(|o| matches!(o.name.as_str(), "PutObject" | "CompleteMultipartUpload"))
        .collect();
    assert_eq!(writes.last().unwrap().key, "pr/manifest.json", "{writes:?}");

    // erase: false keeps the original result.
    let status = app.wait_status("g", &pr, "?limit=10").await;
    assert_eq!(status["data"]["outputs"]["data_total_size"], 4, "{status}");
    assert_eq!(
        status["data"]["outputs"]["results"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
}

#[tokio::test]
async fn erase_defaults_to_true_and_the_job_then_says_where_its_result_went() {
    let s3 = S3Server::start(&["dumps"]).await;
    let app = spawn_obs_app(Some(&s3.endpoint)).await;
    app.import_tiny("g").await;
    let pr = app.pagerank("g").await;
    let done = app
        .dump(
            "g",
            &pr,
            &json!({"exportPath": "obs://dumps/erased", "obsParameters": obs_ok()}),
        )
        .await;
    assert_eq!(done.state, engine::JobState::Succeeded, "{done:?}");
    assert_eq!(done.detail.as_ref().unwrap()["erased"], true);
    let status = app.wait_status("g", &pr, "").await;
    assert_eq!(status["status"], "success");
    let out = &status["data"]["outputs"];
    assert_eq!(out["exported"], true, "{status}");
    assert_eq!(out["exportPath"], "obs://dumps/erased");
    assert_eq!(out["exportJobId"], done.id.0);
    assert_eq!(out["data_total_size"], 0);
    assert!(!app.data.path().join("results").join(&pr).exists());
    assert_eq!(
        s3.read("dumps", "erased/vertices.csv")
            .await
            .lines()
            .count(),
        5
    );

    // A second dump of the erased result is refused and says why.
    let (code, resp) = app
        .export_result(
            "g",
            &pr,
            &json!({"exportPath": "dumps/again/", "obsParameters": obs_ok()}),
        )
        .await;
    assert_eq!(code, 400);
    let msg = resp["errorMessage"].as_str().unwrap();
    assert!(
        msg.contains("already exported to obs://dumps/erased"),
        "{resp}"
    );
}

#[tokio::test]
async fn a_wrong_secret_key_fails_the_dump_with_the_signature_error_and_keeps_the_result() {
    let s3 = S3Server::start(&["dumps"]).await;
    let app = spawn_obs_app(Some(&s3.endpoint)).await;
    app.import_tiny("g").await;
    let pr = app.pagerank("g").await;
    let secret = "definitely-not-the-secret";
    let body =
        json!({"exportPath": "dumps/pr/", "obsParameters": {"accessKey": AK, "secretKey": secret}});
    let (code, resp) = app.export_result("g", &pr, &body).await;
    assert_eq!(code, 200, "{resp}");
    let id = resp["jobId"].as_str().unwrap();
    let done = app.wait_engine_job(id).await;
    assert_eq!(done.state, engine::JobState::Failed);
    let reason = done.fail_reason.clone().unwrap();
    assert!(reason.contains("export-result failed"), "{reason}");
    assert!(reason.contains("SignatureDoesNotMatch"), "{reason}");
    assert!(!reason.contains(secret));
    assert_eq!(done.fail_kind, Some(engine::FailKind::ExportFailed));
    // The failure is shown on the service plane, and the secret never is.
    let status = app.wait_status("g", id, "").await;
    assert_eq!(status["status"], "failed");
    assert_eq!(status["errorCode"], "GES.8011");
    let (_, list) = app.get(&app.graph_url("g", "/jobs/status")).await;
    assert!(!list.to_string().contains(secret), "{list}");
    assert!(!list.to_string().contains(AK), "{list}");
    // The original result is intact and nothing was written.
    let status = app.wait_status("g", &pr, "").await;
    assert_eq!(status["data"]["outputs"]["data_total_size"], 4);
    assert!(s3.keys("dumps", "pr").await.is_empty());
}

#[tokio::test]
async fn a_missing_bucket_and_an_unreachable_endpoint_fail_the_dump_with_a_reason() {
    let s3 = S3Server::start(&["dumps"]).await;
    let app = spawn_obs_app(Some(&s3.endpoint)).await;
    app.import_tiny("g").await;
    let pr = app.pagerank("g").await;
    let done = app
        .dump(
            "g",
            &pr,
            &json!({"exportPath": "nobucket/pr/", "obsParameters": obs_ok(), "erase": true}),
        )
        .await;
    assert_eq!(done.state, engine::JobState::Failed);
    let reason = done.fail_reason.unwrap();
    assert!(reason.contains("NoSuchBucket"), "{reason}");
    assert!(reason.contains("obs://nobucket/pr/"), "{reason}");
    // erase: true did not erase anything on failure.
    assert_eq!(
        app.wait_status("g", &pr, "").await["data"]["outputs"]["data_total_size"],
        4
    );

    // Nothing listens on port 1: the connection error is the reason.
    let app = spawn_obs_app(Some("http://127.0.0.1:1")).await;
    app.import_tiny("g").await;
    let pr = app.pagerank("g").await;
    let done = app
        .dump(
            "g",
            &pr,
            &json!({"exportPath": "dumps/pr/", "obsParameters": obs_ok()}),
        )
        .await;
    assert_eq!(done.state, engine::JobState::Failed);
    let reason = done.fail_reason.unwrap();
    assert!(
        reason.contains("export-result failed: writing [obs://dumps/pr/]"),
        "{reason}"
    );
    assert_eq!(
        app.wait_status("g", &pr, "").await["data"]["outputs"]["data_total_size"],
        4
    );
}

#[tokio::test]
async fn a_large_result_goes_up_as_a_multipart_upload() {
    let s3 = S3Server::start(&["dumps"]).await;
    let app = spawn_obs_app(Some(&s3.endpoint)).await;
    // 90,000 vertices with 100-character ids: a ~11 MB vertices.csv (> one 8 MiB part).
    let dir = app.data.path().join("in").join("big");
    std::fs::create_dir_all(&dir).unwrap();
    let schema = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<PMML version="3.0" xmlns="http://www.dmg.org/PMML-3-0"><labels><label name="n"></label></labels></PMML>"#;
    std::fs::write(dir.join("schema.xml"), schema).unwrap();
    let n = 90_000;
    let mut vertices = String::with_capacity(n * 110);
    for i in 0..n {
        vertices.push_str(&format!("{i:0>100},n\n"));
    }
    std::fs::write(dir.join("v.csv"), vertices).unwrap();
    let p = |f: &str| format!("file://{}", dir.join(f).display());
    let (code, resp) = app
        .post(
            &app.graph_url("big", "/action?action_id=import-graph"),
            &json!({"schemaPath": p("schema.xml"), "vertexsetPath": p("v.csv")}),
        )
        .await;
    assert_eq!(code, 200, "{resp}");
    let imported = app.wait_engine_job(resp["jobId"].as_str().unwrap()).await;
    assert_eq!(imported.state, engine::JobState::Succeeded, "{imported:?}");
    let pr = app.pagerank("big").await;
    let done = app
        .dump(
            "big",
            &pr,
            &json!({"exportPath": "dumps/big/", "obsParameters": obs_ok(), "erase": false}),
        )
        .await;
    assert_eq!(done.state, engine::JobState::Succeeded, "{done:?}");
    let files = &done.detail.as_ref().unwrap()["files"];
    assert_eq!(files[0]["name"], "vertices.csv");
    assert_eq!(files[0]["multipart"], true, "{files}");
    let parts = s3
        .ops()
        .iter()
        .filter(|o| o.name == "UploadPart" && o.key == "big/vertices.csv")
        .count();
    assert!(parts >= 2, "{parts} parts");
    assert!(s3.ops().iter().any(|o| o.name == "CompleteMultipartUpload"));
    let csv = s3.read("dumps", "big/vertices.csv").await;
    assert_eq!(csv.len() as u64, files[0]["bytes"].as_u64().unwrap());
    assert!(csv.len() > 8 * 1024 * 1024);
    assert_eq!(csv.lines().count(), n + 1);
    assert!(csv.lines().nth(1).unwrap().starts_with("000000"));
}

#[tokio::test]
async fn local_file_paths_work_inside_the_data_dir_and_traversal_is_refused() {
    let app = spawn_obs_app(None).await;
    app.import_tiny("g").await;
    let pr = app.pagerank("g").await;
    let target = app.data.path().join("exports").join("pr");
    let done = app
        .dump(
            "g",
            &pr,
            &json!({"exportPath": format!("file://{}", target.display()), "erase": false, "fileName": "pr.csv"}),
        )
        .await;
    assert_eq!(done.state, engine::JobState::Succeeded, "{done:?}");
    let csv = std::fs::read_to_string(target.join("pr.csv")).unwrap();
    assert_eq!(csv.lines().count(), 5);
    assert!(target.join("manifest.json").exists());
    assert!(target.join("outputs.json").exists());

    let escape = format!("file://{}/../../etc/graphjobs", app.data.path().display());
    let (code, resp) = app
        .export_result("g", &pr, &json!({"exportPath": escape}))
        .await;
    assert_eq!(code, 400);
    assert_eq!(resp["errorCode"], "GES.8000");
    assert!(
        resp["errorMessage"]
            .as_str()
            .unwrap()
            .contains("'..' is not allowed"),
        "{resp}"
    );
    let (code, resp) = app
        .export_result("g", &pr, &json!({"exportPath": "file:///etc/graphjobs"}))
        .await;
    assert_eq!(code, 400);
    assert!(
        resp["errorMessage"]
            .as_str()
            .unwrap()
            .contains("outside the allowed"),
        "{resp}"
    );
}

#[tokio::test]
async fn bad_export_requests_are_refused_up_front() {
    let app = spawn_obs_app(None).await;
    app.import_tiny("g").await;
    let pr = app.pagerank("g").await;
    let msg = |r: &Value| r["errorMessage"].as_str().unwrap().to_owned();
    // No endpoint configured.
    let (code, resp) = app
        .export_result(
            "g",
            &pr,
            &json!({"exportPath": "dumps/x/", "obsParameters": obs_ok()}),
        )
        .await;
    assert_eq!(code, 400);
    assert!(msg(&resp).contains("--obs-endpoint"), "{resp}");
    // A bucket name breaking the rules.
    let (code, resp) = app
        .export_result(
            "g",
            &pr,
            &json!({"exportPath": "Bad_Bucket/x/", "obsParameters": obs_ok()}),
        )
        .await;
    assert_eq!(code, 400);
    assert!(msg(&resp).contains("lower-case letters"), "{resp}");
    // Unknown job, and a job that is not an algorithm result.
    let (code, resp) = app
        .export_result("g", "nope", &json!({"exportPath": "file:///x"}))
        .await;
    assert_eq!(
        (code, resp["errorCode"].as_str()),
        (400, Some("GES.8011")),
        "{resp}"
    );
    let import = app.import_tiny("h").await;
    let (code, resp) = app
        .export_result("h", &import, &json!({"exportPath": "file:///x"}))
        .await;
    assert_eq!(code, 400);
    assert!(
        msg(&resp).contains("only succeeded algorithm jobs"),
        "{resp}"
    );

    let s3 = S3Server::start(&["dumps"]).await;
    let app = spawn_obs_app(Some(&s3.endpoint)).await;
    app.import_tiny("g").await;
    let pr = app.pagerank("g").await;
    let (code, resp) = app
        .export_result("g", &pr, &json!({"exportPath": "dumps/x/"}))
        .await;
    assert_eq!(code, 400);
    assert!(msg(&resp).contains("obsParameters"), "{resp}");
}
