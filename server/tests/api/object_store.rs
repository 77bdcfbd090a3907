//! `--object-store s3://bucket/prefix` over the real S3 protocol (s3s on loopback, SigV4
//! checked): graphs and results are objects, the data dir only a cache; while the store
//! refuses requests a page it must read answers 503 in the GES envelope, and it serves again
//! by itself once the store does.

use engine::objects::ObjectStoreUrl;
use serde_json::Value;

use crate::helpers::TestApp;
use crate::obs_app::spawn_obs_app_with;
use crate::s3::{AK, S3Server, SK};

const BUCKET: &str = "graphjobs";

async fn page(app: &TestApp, job: &str) -> (u16, Value) {
    app.get(&app.graph_url("tiny", &format!("/jobs/{job}/status?offset=1&limit=2")))
        .await
}

fn wipe_cache(app: &TestApp) {
    for d in ["graphs", "results"] {
        match std::fs::remove_dir_all(app.data.path().join(d)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => panic!("{e}"),
            _ => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphs_and_results_live_in_the_bucket_and_a_refusing_store_is_a_503() {
    let s3 = S3Server::start(&[BUCKET]).await;
    let app = spawn_obs_app_with(Some(&s3.endpoint), Some((AK, SK)), |c| {
        c.object_store = ObjectStoreUrl::S3 {
            bucket: BUCKET.into(),
            prefix: "node-tests".into(),
        };
    })
    .await;
    app.import_tiny("tiny").await;
    let pr = app.pagerank("tiny").await;
    assert_eq!(
        s3.keys(BUCKET, "node-tests/graphs").await,
        ["node-tests/graphs/p1/tiny/v1.bin"]
    );
    let result_writes: Vec<String> = s3
        .ops()
        .into_iter()
        .filter(|o| o.name == "PutObject" && o.key.contains(&pr))
        .map(|o| o.key)
        .collect();
    // The first claim of the job wrote it (results are kept per claim).
    let at = |f: &str| format!("node-tests/results/{pr}/a1/{f}");
    assert_eq!(
        result_writes,
        [at("rows.jsonl"), at("rows.idx"), at("meta.json")],
        "meta.json is written last"
    );
    let (code, before) = page(&app, &pr).await;
    assert_eq!(code, 200, "{before}");

    // Without the cache the page is read from the bucket with ranged GETs.
    wipe_cache(&app);
    let (code, after) = page(&app, &pr).await;
    assert_eq!(code, 200, "{after}");
    assert_eq!(after["data"], before["data"]);
    assert!(
        s3.ops()
            .iter()
            .any(|o| o.name == "GetObject" && o.key == at("rows.jsonl"))
    );

    // The store refuses: the same read is a 503 in GES's envelope, and nothing is cached.
    let fresh = app.pagerank("tiny").await;
    wipe_cache(&app);
    s3.refuse(true);
    let (code, body) = page(&app, &fresh).await;
    assert_eq!(code, 503, "{body}");
    assert_eq!(body["errorCode"], "GES.8002", "{body}");
    let message = body["errorMessage"].as_str().unwrap_or_default();
    assert!(message.contains("s3://graphjobs/node-tests"), "{body}");
    // It serves again by itself.
    s3.refuse(false);
    let (code, body) = page(&app, &fresh).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["data"]["outputs"]["data_return_size"], 2, "{body}");

    // A job that cannot upload its result while the store refuses runs again once it serves.
    s3.refuse(true);
    let (code, resp) = app
        .post(
            &app.graph_url("tiny", "/action?action_id=execute-algorithm"),
            &serde_json::json!({"algorithmName": "pagerank", "parameters": {}}),
        )
        .await;
    assert_eq!(code, 200, "{resp}");
    let job = resp["jobId"].as_str().unwrap().to_owned();
    // Well past a pagerank of the tiny graph: it is retrying its upload.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(
        app.engine
            .job(crate::helpers::PROJECT, &job)
            .await
            .unwrap()
            .state,
        engine::JobState::Running,
        "the job waits for the store"
    );
    s3.refuse(false);
    let done = app.wait_engine_job(&job).await;
    assert_eq!(done.state, engine::JobState::Succeeded, "{done:?}");
}

#[tokio::test]
async fn a_store_that_refuses_at_start_is_named() {
    let s3 = S3Server::start(&[BUCKET]).await;
    s3.refuse(true);
    let data = tempfile::tempdir().unwrap();
    let mut config = engine::EngineConfig::new(data.path());
    config.obs.endpoint = Some(s3.endpoint.clone());
    config.obs.max_retries = 0;
    config.obs.reader = Some(engine::obs::ObsCredentials {
        access_key: AK.into(),
        secret_key: SK.into(),
    });
    config.object_store = ObjectStoreUrl::S3 {
        bucket: BUCKET.into(),
        prefix: String::new(),
    };
    let e = engine::Engine::open(config).await.unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("s3://graphjobs") && text.contains(&s3.endpoint),
        "{text}"
    );
}
