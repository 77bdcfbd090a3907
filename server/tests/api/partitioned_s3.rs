//! A partitioned import with `--object-store s3://…`: the parts (the weighted ones too), the
//! vertices and the marker are objects in the bucket, the node keeps no part, and the graph's
//! algorithm jobs, without `X-Executor`, answer as the local engine does on a whole import.
//! Cancelled while it uploads, it leaves no object and no file, and ends `cancelled`.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::helpers::TestApp;
use crate::obs_app::spawn_obs_app_with;
use crate::s3::{AK, S3Server, SK};

const BUCKET: &str = "graphjobs";

fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../demo/movie")
        .canonicalize()
        .unwrap()
}

/// A node whose object store is `BUCKET` under `node/` on `s3`, running distributed jobs on
/// `processes` compute processes and importing from the demo directory; `tweak` changes the
/// configuration last.
async fn bucket_node(
    s3: &S3Server,
    processes: u32,
    tweak: impl FnOnce(&mut engine::EngineConfig),
) -> TestApp {
    spawn_obs_app_with(Some(&s3.endpoint), Some((AK, SK)), |c| {
        c.object_store = engine::objects::ObjectStoreUrl::S3 {
            bucket: BUCKET.into(),
            prefix: "node".into(),
        };
        c.compute.processes = processes;
        c.compute.command = crate::helpers::compute_worker_command();
        c.import_roots = vec![demo_dir()];
        tweak(c);
    })
    .await
}

async fn import(app: &TestApp, graph: &str, partitions: Option<u32>) {
    let id = start_import(app, graph, partitions).await;
    let job = app.wait_engine_job(&id).await;
    assert_eq!(job.state, engine::JobState::Succeeded, "{job:?}");
}

/// Submits the import of the demo graph as `graph`; its job id.
async fn start_import(app: &TestApp, graph: &str, partitions: Option<u32>) -> String {
    let p = |n: &str| format!("file://{}", demo_dir().join(n).display());
    let mut body = json!({"schemaPath": p("schema.xml"), "vertexsetPath": p("vertices.csv"),
                          "edgesetPath": p("edges.csv")});
    if let Some(parts) = partitions {
        body["partitions"] = json!(parts);
    }
    let url = app.graph_url(graph, "/action?action_id=import-graph");
    let (code, resp) = app.post(&url, &body).await;
    assert_eq!(code, 200, "{resp}");
    resp["jobId"].as_str().unwrap().to_owned()
}

/// Algorithm `name` on `graph` without `X-Executor`: its scalars and rows.
async fn answer(app: &TestApp, graph: &str, name: &str, params: &Value) -> (Value, Vec<Value>) {
    let url = app.graph_url(graph, "/action?action_id=execute-algorithm");
    let body = json!({"algorithmName": name, "parameters": params});
    let (code, resp) = app.post(&url, &body).await;
    assert_eq!(code, 200, "{resp}");
    let id = resp["jobId"].as_str().unwrap();
    app.succeeded_result(id, &format!("{graph} {body}")).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partitioned_import_into_a_bucket_runs_distributed_from_the_bucket() {
    let s3 = S3Server::start(&[BUCKET]).await;
    let app = bucket_node(&s3, 3, |_| {}).await;
    import(&app, "movie", None).await;
    import(&app, "parts", Some(2)).await;

    let keys = s3.keys(BUCKET, "node/graphs/p1/parts").await;
    for key in [
        "v1.p2/manifest.json",
        "v1.p2/part-00001.bin",
        "v1.p2.w53636f7265/manifest.json", // weighted by "Score"
        "v1.names.bin",
        "v1.parts.json",
    ] {
        let key = format!("node/graphs/p1/parts/{key}");
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    assert!(!keys.iter().any(|k| k.ends_with("/v1.bin")), "{keys:?}");
    let mut local: Vec<String> = std::fs::read_dir(app.data.path().join("graphs/p1/parts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    local.sort();
    assert_eq!(
        local,
        ["v1.names.bin", "v1.parts.json"],
        "a node keeps no part"
    );

    let sssp = json!({"source": "David Cox", "weight": "Score", "directed": false});
    let (whole, parts) = (
        answer(&app, "movie", "sssp", &sssp).await,
        answer(&app, "parts", "sssp", &sssp).await,
    );
    assert!(whole.1.len() > 1);
    assert_eq!(whole, parts);
    let pr = json!({});
    let (whole, parts) = (
        answer(&app, "movie", "pagerank", &pr).await,
        answer(&app, "parts", "pagerank", &pr).await,
    );
    assert_eq!(whole.0["iterations"], parts.0["iterations"]);
    let l1: f64 = whole
        .1
        .iter()
        .zip(&parts.1)
        .map(|(a, b)| {
            assert_eq!(a["id"], b["id"]);
            (a["pagerank"].as_f64().unwrap() - b["pagerank"].as_f64().unwrap()).abs()
        })
        .sum();
    assert!(l1 < 1e-9, "L1 {l1}");
}

/// The names in the node's directory of `graph` (none when it does not exist), sorted.
fn local_files(app: &TestApp, graph: &str) -> Vec<String> {
    let dir = app.data.path().join("graphs/p1").join(graph);
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partitioned_import_cancelled_while_it_uploads_leaves_nothing_to_read() {
    let s3 = S3Server::start(&[BUCKET]).await;
    // The held upload must wait for the cancel, not time out.
    let app = bucket_node(&s3, 2, |c| {
        c.obs.timeout = std::time::Duration::from_secs(60)
    })
    .await;
    // Midway: the unweighted partition (parts and manifest) is in the bucket, the weighted
    // one's last part is on its way.
    s3.hold("v1.p2.w53636f7265/part-00001.bin");
    let id = start_import(&app, "parts", Some(2)).await;
    s3.held().await;
    let prefix = "node/graphs/p1/parts";
    let midway = s3.keys(BUCKET, prefix).await;
    assert!(
        midway.contains(&format!("{prefix}/v1.p2/manifest.json")),
        "{midway:?}"
    );
    let (code, body) = app
        .delete(&app.graph_url("parts", &format!("/jobs/{id}")))
        .await;
    assert_eq!(code, 200, "{body}");
    s3.release();
    let job = app.wait_engine_job(&id).await;
    assert_eq!(job.state, engine::JobState::Cancelled, "{job:?}");
    assert_eq!(s3.keys(BUCKET, prefix).await, Vec::<String>::new());
    assert_eq!(local_files(&app, "parts"), Vec::<String>::new());
    let (code, body) = app.get(&app.graph_url("parts", "")).await;
    assert_eq!(code, 404, "no graph: {body}");

    // The same import let through makes the graph, and a run reads only its parts: the whole
    // graph's answer.
    import(&app, "parts", Some(2)).await;
    import(&app, "movie", None).await;
    let sssp = json!({"source": "David Cox", "weight": "Score", "directed": false});
    let (whole, parts) = (
        answer(&app, "movie", "sssp", &sssp).await,
        answer(&app, "parts", "sssp", &sssp).await,
    );
    assert!(whole.1.len() > 1);
    assert_eq!(whole, parts);
}
