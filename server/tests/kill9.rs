//! The real thing: the `graphjobs` binary is killed with SIGKILL while a job runs and others
//! wait; after a restart on the same data dir every job is present, none is stuck running, and
//! they all finish.

#![cfg(unix)]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(data: &std::path::Path, port: u16) -> Server {
        Self::start_with(data, port, &["--demo", "--workers", "1"])
    }

    fn start_with(data: &std::path::Path, port: u16, args: &[&str]) -> Server {
        let child = Command::new(env!("CARGO_BIN_EXE_graphjobs"))
            .args([
                "serve",
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--data-dir",
            ])
            .arg(data)
            .args(args)
            .env("GRAPHJOBS_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start graphjobs");
        Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn get(client: &reqwest::Client, url: &str, token: &str) -> Option<(u16, Value)> {
    let r = client
        .get(url)
        .header("X-Auth-Token", token)
        .send()
        .await
        .ok()?;
    Some((r.status().as_u16(), r.json().await.unwrap_or_default()))
}

async fn wait_until<F: AsyncFnMut() -> bool>(what: &str, timeout: Duration, mut ready: F) {
    let start = Instant::now();
    while !ready().await {
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits up to 30 s for the server at `base` to answer `/health` (`what` names it).
async fn wait_healthy(client: &reqwest::Client, base: &str, token: &str, what: &str) {
    wait_until(what, Duration::from_secs(30), async || {
        get(client, &format!("{base}/health"), token)
            .await
            .is_some()
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_job_loses_nothing_and_strands_nothing() {
    let data = tempfile::tempdir().unwrap();
    let config = engine::EngineConfig::new(data.path());
    let token = engine::admin::create_token(&config, "demo").await.unwrap();
    let client = reqwest::Client::new();
    let port = free_port();
    let mut server = Server::start(data.path(), port);
    let jobs_url = format!("{}/ges/v1.0/demo/graphs/movie/jobs/status", server.base);
    wait_until("the demo import", Duration::from_secs(60), async || {
        matches!(get(&client, &jobs_url, &token).await, Some((200, _)))
    })
    .await;

    // Betweenness from 500 sampled sources on the demo graph takes a second or more in a debug
    // build; one worker, so one job runs and the others wait in the queue.
    let mut ids = Vec::new();
    for _ in 0..3 {
        let r = client
            .post(format!("{}/ges/v1.0/demo/graphs/movie/action?action_id=execute-algorithm", server.base))
            .header("X-Auth-Token", &token)
            .json(&json!({"algorithmName": "betweenness", "parameters": {"directed": false, "k": 500}}))
            .send()
            .await
            .unwrap();
        let body: Value = r.json().await.unwrap();
        ids.push(body["jobId"].as_str().expect("job id").to_owned());
    }
    let status_url = |id: &str| {
        format!(
            "{}/ges/v1.0/demo/graphs/movie/jobs/{id}/status?limit=1",
            server.base
        )
    };
    wait_until("a running job", Duration::from_secs(30), async || {
        matches!(get(&client, &status_url(&ids[0]), &token).await, Some((200, b)) if b["status"] == "running")
    })
    .await;
    server.child.kill().unwrap(); // SIGKILL: no chance to clean up
    server.child.wait().unwrap();

    let server = Server::start(data.path(), port);
    let base = server.base.clone();
    let status_url =
        |id: &str| format!("{base}/ges/v1.0/demo/graphs/movie/jobs/{id}/status?limit=1");
    wait_healthy(&client, &base, &token, "the restarted server").await;
    // Every submit answered before the kill is in the audit log: its entry was committed
    // before the answer was sent.
    let traces_url =
        format!("{base}/v3/demo/traces?trace_type=system&trace_name=executeAlgorithm&limit=200");
    let (code, traces) = get(&client, &traces_url, &token).await.unwrap();
    assert_eq!(code, 200, "{traces}");
    let recorded: Vec<&str> = traces["traces"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["resource_id"].as_str())
        .collect();
    for id in &ids {
        assert!(
            recorded.contains(&id.as_str()),
            "{id} not in the audit log: {traces}"
        );
    }
    // Right after the restart nothing may claim to run on the dead process: the interrupted
    // job was re-queued (algorithms are safe to re-run) and is picked up again.
    for id in &ids {
        let (code, body) = get(&client, &status_url(id), &token).await.unwrap();
        assert_eq!(code, 200, "job {id} must survive the kill: {body}");
        assert!(
            matches!(
                body["status"].as_str(),
                Some("pending" | "running" | "success")
            ),
            "{body}"
        );
    }
    for id in &ids {
        wait_until("every job to finish", Duration::from_secs(600), async || {
            matches!(get(&client, &status_url(id), &token).await, Some((200, b)) if b["status"] != "pending" && b["status"] != "running")
        })
        .await;
        let (_, body) = get(&client, &status_url(id), &token).await.unwrap();
        assert_eq!(body["status"], "success", "{body}");
        assert_eq!(
            body["data"]["outputs"]["data_total_size"], 4018,
            "the result is complete and readable"
        );
    }
    // The graph itself came back from its snapshot without re-import.
    let (_, list) = get(
        &client,
        &format!("{base}/v2/demo/graphs/jobs?status=success"),
        &token,
    )
    .await
    .unwrap();
    assert_eq!(
        list["job_count"], 1,
        "the demo graph was imported once: {list}"
    );
}

/// A partitioned graph is its catalogue row and its files: after SIGKILL and a restart its
/// PageRank (distributed, no header) still runs on the parts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partitioned_graph_survives_sigkill() {
    let data = tempfile::tempdir().unwrap();
    let config = engine::EngineConfig::new(data.path());
    let token = engine::admin::create_token(&config, "demo").await.unwrap();
    let input = data.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../demo/movie");
    for name in ["schema.xml", "vertices.csv", "edges.csv"] {
        std::fs::copy(demo.join(name), input.join(name)).unwrap();
    }
    let client = reqwest::Client::new();
    let port = free_port();
    let args = ["--workers", "1", "--compute-processes", "2"];
    let mut server = Server::start_with(data.path(), port, &args);
    let base = server.base.clone();
    wait_healthy(&client, &base, &token, "the server").await;
    let graph = format!("{base}/ges/v1.0/demo/graphs/parts");
    let p = |n: &str| format!("file://{}", input.join(n).display());
    let submit = async |action: &str, body: Value| -> String {
        let r = client
            .post(format!("{graph}/action?action_id={action}"))
            .header("X-Auth-Token", &token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let body: Value = r.json().await.unwrap();
        body["jobId"].as_str().expect("job id").to_owned()
    };
    let status = |id: &str| format!("{graph}/jobs/{id}/status?limit=1");
    let finished = async |id: &str| -> Value {
        let mut last = Value::Null;
        wait_until("a job to finish", Duration::from_secs(120), async || {
            last = match get(&client, &status(id), &token).await {
                Some((200, b)) => b,
                _ => return false,
            };
            last["status"] != "pending" && last["status"] != "running"
        })
        .await;
        last
    };
    let import = submit(
        "import-graph",
        json!({"schemaPath": p("schema.xml"), "vertexsetPath": p("vertices.csv"),
               "edgesetPath": p("edges.csv"), "partitions": 2}),
    )
    .await;
    assert_eq!(finished(&import).await["status"], "success");
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();

    let _server = Server::start_with(data.path(), port, &args);
    wait_healthy(&client, &base, &token, "the restarted server").await;
    let pagerank = submit(
        "execute-algorithm",
        json!({"algorithmName": "pagerank", "parameters": {}}),
    )
    .await;
    let done = finished(&pagerank).await;
    assert_eq!(done["status"], "success", "{done}");
    assert_eq!(done["data"]["outputs"]["data_total_size"], 4018, "{done}");
}
