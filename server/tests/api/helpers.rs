//! `spawn_app()`: a real engine in a temp data dir behind the real router on a free port.

use std::time::Duration;

use serde_json::{Value, json};
use server::state::AppState;

pub const PROJECT: &str = "p1";

pub struct TestApp {
    pub base: String,
    pub token: String,
    pub client: reqwest::Client,
    pub engine: engine::Engine,
    pub data: tempfile::TempDir,
}

/// A tiny social graph: a→b→c→a cycle plus d→a, with a weighted `knows` edge label.
const SCHEMA: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<PMML version="3.0" xmlns="http://www.dmg.org/PMML-3-0">
  <labels>
    <label name="person"><properties><property name="Name" cardinality="single" dataType="string"/></properties></label>
    <label name="knows"><properties><property name="w" cardinality="single" dataType="double"/></properties></label>
  </labels>
</PMML>"#;
const VERTICES: &str = "a,person,Alice\nb,person,Bob\nc,person,Carol\nd,person,Dan\n";
const EDGES: &str = "a,b,knows,1\nb,c,knows,1\nc,a,knows,1\nd,a,knows,5\n";

pub async fn spawn_app() -> TestApp {
    spawn_app_on(tempfile::tempdir().unwrap(), 2).await
}

/// A server on the data dir `data` with `workers` workers (0: a submit-only server, whose
/// jobs stay queued), with a fresh token for [`PROJECT`].
pub async fn spawn_app_on(data: tempfile::TempDir, workers: usize) -> TestApp {
    spawn_app_with(data, |config| config.workers = workers).await
}

/// The compute command of a test node: the real `graphjobs compute-worker` of this build.
pub fn compute_worker_command() -> Vec<std::ffi::OsString> {
    vec![
        env!("CARGO_BIN_EXE_graphjobs").into(),
        "compute-worker".into(),
    ]
}

/// A server that runs no jobs (submitted ones stay queued: no workers), with the tiny graph
/// imported as `tiny` by a first server on the same data dir.
pub async fn spawn_paused_app() -> TestApp {
    let first = spawn_app().await;
    first.import_tiny("tiny").await;
    let data = first.data;
    first
        .engine
        .shutdown(std::time::Duration::from_secs(5))
        .await;
    spawn_app_on(data, 0).await
}

/// A server on the data dir `data` whose engine configuration `configure` adjusts.
pub async fn spawn_app_with(
    data: tempfile::TempDir,
    configure: impl FnOnce(&mut engine::EngineConfig),
) -> TestApp {
    let mut config = engine::EngineConfig::new(data.path());
    config.workers = 2;
    configure(&mut config);
    let engine = engine::Engine::open(config).await.unwrap();
    let token = engine.create_token(PROJECT).await.unwrap();
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("console")
        .site_root(data.path().join("site").to_string_lossy().into_owned())
        .build();
    let state = AppState {
        engine: engine.clone(),
        leptos_options,
        body_limit: 64 * 1024,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    // With the peer's address, as `graphjobs serve` (the audit log records it).
    let router = server::startup::router(state)
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    TestApp {
        base,
        token,
        client: reqwest::Client::new(),
        engine,
        data,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A fresh token for [`PROJECT`] with `role`, for tests that act as more than the admin
    /// whose token [`TestApp::token`] is.
    pub async fn token_as(&self, role: engine::auth::Role) -> String {
        self.engine.create_token_with(PROJECT, role).await.unwrap()
    }

    pub fn graph_url(&self, graph: &str, rest: &str) -> String {
        self.url(&format!("/ges/v1.0/{PROJECT}/graphs/{graph}{rest}"))
    }

    pub async fn get(&self, url: &str) -> (u16, Value) {
        let r = self
            .client
            .get(url)
            .header("X-Auth-Token", &self.token)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, url: &str, body: &Value) -> (u16, Value) {
        let r = self
            .client
            .post(url)
            .header("X-Auth-Token", &self.token)
            .json(body)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
    }

    pub async fn delete(&self, url: &str) -> (u16, Value) {
        let r = self
            .client
            .delete(url)
            .header("X-Auth-Token", &self.token)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
    }

    /// Imports the tiny graph as `graph` through the REST import and waits for it.
    pub async fn import_tiny(&self, graph: &str) -> String {
        self.import_with(graph, EDGES).await
    }

    /// Imports the tiny graph's schema and vertices with these edge lines; returns the job id.
    pub async fn import_with(&self, graph: &str, edges: &str) -> String {
        self.import_with_vertices(graph, VERTICES, edges).await
    }

    /// Imports the tiny graph's schema with these vertex and edge lines; returns the job id.
    pub async fn import_with_vertices(&self, graph: &str, vertices: &str, edges: &str) -> String {
        let job = self.start_import(graph, vertices, edges).await;
        let done = self.wait_engine_job(&job).await;
        assert_eq!(done.state, engine::JobState::Succeeded, "{done:?}");
        job
    }

    /// Starts importing the tiny graph's schema with these vertex and edge lines; returns the
    /// job id without waiting for it.
    pub async fn start_import(&self, graph: &str, vertices: &str, edges: &str) -> String {
        let dir = self.data.path().join("in").join(graph);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in [
            ("schema.xml", SCHEMA),
            ("v.csv", vertices),
            ("e.csv", edges),
        ] {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let p = |n: &str| format!("file://{}", dir.join(n).display());
        let body = json!({"schemaPath": p("schema.xml"), "vertexsetPath": p("v.csv"), "edgesetPath": p("e.csv"),
                          "obsParameters": {"accessKey": "AK", "secretKey": "SK"}});
        let (code, resp) = self
            .post(
                &self.graph_url(graph, "/action?action_id=import-graph"),
                &body,
            )
            .await;
        assert_eq!(code, 200, "{resp}");
        resp["jobId"].as_str().unwrap().to_owned()
    }

    /// Polls the engine until the job is terminal.
    pub async fn wait_engine_job(&self, id: &str) -> engine::JobRecord {
        for _ in 0..600 {
            let job = self.engine.job(PROJECT, id).await.unwrap();
            if job.state.is_terminal() {
                return job;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("job {id} did not finish");
    }

    /// Waits for job `id`, which must succeed (`context` says what it was in the failure), and
    /// returns its whole result: scalars and rows.
    pub async fn succeeded_result(&self, id: &str, context: &str) -> (Value, Vec<Value>) {
        let job = self.wait_engine_job(id).await;
        assert_eq!(job.state, engine::JobState::Succeeded, "{context}: {job:?}");
        let page = self
            .engine
            .result_page(PROJECT, id, 0, 100_000)
            .await
            .unwrap();
        assert_eq!(page.rows.len() as u64, page.total, "{context}: one page");
        (Value::Object(page.scalars), page.rows)
    }

    /// Polls the status endpoint until the job leaves pending/running.
    pub async fn wait_status(&self, graph: &str, id: &str, query: &str) -> Value {
        for _ in 0..600 {
            let (code, body) = self
                .get(&self.graph_url(graph, &format!("/jobs/{id}/status{query}")))
                .await;
            assert_eq!(code, 200, "{body}");
            if !matches!(body["status"].as_str(), Some("pending" | "running")) {
                return body;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("job {id} did not finish");
    }
}

/// Asserts that `job` succeeded, showing its fail reason if it did not.
#[track_caller]
pub fn assert_succeeded(job: &engine::JobRecord) {
    assert_eq!(
        job.state,
        engine::JobState::Succeeded,
        "{:?}",
        job.fail_reason
    );
}
