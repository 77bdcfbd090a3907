//! `spawn_obs_app()`: like `spawn_app()`, with the engine's OBS endpoint set; plus helpers to run
//! an algorithm and dump its result.

use std::time::Duration;

use serde_json::{Value, json};
use server::state::AppState;

use crate::helpers::{PROJECT, TestApp};
use crate::s3::{AK, SK};

/// A server whose OBS endpoint is `endpoint` (short timeouts so unreachable endpoints fail fast),
/// reading visualization `train_url`s with the right keys.
pub async fn spawn_obs_app(endpoint: Option<&str>) -> TestApp {
    spawn_obs_app_with_reader(endpoint, Some((AK, SK))).await
}

/// [`spawn_obs_app`] with these reader keys for visualization jobs.
pub async fn spawn_obs_app_with_reader(
    endpoint: Option<&str>,
    reader: Option<(&str, &str)>,
) -> TestApp {
    spawn_obs_app_with(endpoint, reader, |_| {}).await
}

/// [`spawn_obs_app_with_reader`] with a last change to the engine's configuration.
pub async fn spawn_obs_app_with(
    endpoint: Option<&str>,
    reader: Option<(&str, &str)>,
    tweak: impl FnOnce(&mut engine::EngineConfig),
) -> TestApp {
    let data = tempfile::tempdir().unwrap();
    let mut config = engine::EngineConfig::new(data.path());
    config.workers = 2;
    config.obs.endpoint = endpoint.map(str::to_owned);
    config.obs.timeout = Duration::from_secs(3);
    config.obs.max_retries = 0;
    config.obs.reader = reader.map(|(a, s)| engine::obs::ObsCredentials {
        access_key: a.into(),
        secret_key: s.into(),
    });
    tweak(&mut config);
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
    let router = server::startup::router(state);
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    TestApp {
        base,
        token,
        client: reqwest::Client::new(),
        engine,
        data,
    }
}

/// The right credentials as `obsParameters`.
pub fn obs_ok() -> Value {
    json!({"accessKey": AK, "secretKey": SK})
}

impl TestApp {
    /// Runs pagerank on `graph` and waits for it; returns the job id.
    pub async fn pagerank(&self, graph: &str) -> String {
        let (code, resp) = self
            .post(
                &self.graph_url(graph, "/action?action_id=execute-algorithm"),
                &json!({"algorithmName": "pagerank", "parameters": {}}),
            )
            .await;
        assert_eq!(code, 200, "{resp}");
        let id = resp["jobId"].as_str().unwrap().to_owned();
        let done = self.wait_engine_job(&id).await;
        assert_eq!(done.state, engine::JobState::Succeeded, "{done:?}");
        id
    }

    /// Posts export-result for `job` and returns (HTTP code, body).
    pub async fn export_result(&self, graph: &str, job: &str, body: &Value) -> (u16, Value) {
        self.post(
            &self.graph_url(
                graph,
                &format!("/jobs/{job}/action?action_id=export-result"),
            ),
            body,
        )
        .await
    }

    /// Posts export-result, expects 200, waits for the dump job; returns its record.
    pub async fn dump(&self, graph: &str, job: &str, body: &Value) -> engine::JobRecord {
        let (code, resp) = self.export_result(graph, job, body).await;
        assert_eq!(code, 200, "{resp}");
        self.wait_engine_job(resp["jobId"].as_str().unwrap()).await
    }
}
