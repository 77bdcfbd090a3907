//! `POST /ges/v1.0/{project_id}/graphs/{graph_name}/action?action_id=execute-algorithm`.

use std::time::Duration;

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::extract::json_u64;
use crate::error::ApiError;
use crate::state::AppState;

/// How long a `sync` call waits for its result.
const SYNC_TIMEOUT: Duration = Duration::from_secs(120);

/// Submits an algorithm job; `executionMode: sync` (path algorithms) waits and returns the
/// result body directly.
pub(crate) async fn execute(
    state: &AppState,
    project: &str,
    graph: &str,
    body: &[u8],
    options: &engine::SubmitOptions,
) -> Result<Response, ApiError> {
    let req: api::ges::ExecuteAlgorithmRequest = super::body::json(body)?;
    let raw: Value = super::body::json(body)?;
    let sync = match req.execution_mode.as_deref() {
        None | Some("async") => false,
        Some("sync") => true,
        Some(other) => {
            return Err(ApiError::bad_request(
                "GES.8000",
                format!("parameter [executionMode] is invalid: {other}"),
            ));
        }
    };
    if sync && !engine::algo::find(&req.algorithm_name).is_some_and(|a| a.sync) {
        return Err(ApiError::bad_request(
            "GES.8000",
            format!(
                "executionMode [sync] is not supported for algorithm [{}]",
                req.algorithm_name
            ),
        ));
    }
    let offset = json_u64(req.offset.as_ref(), "offset", 0, u64::MAX)?;
    let limit = json_u64(
        req.limit.as_ref(),
        "limit",
        api::ges::MAX_LIMIT,
        api::ges::MAX_LIMIT,
    )?;
    let kind = engine::JobKind::Algorithm {
        name: req.algorithm_name.clone(),
        parameters: req.parameters_with_filters(),
        executor: options.executor,
    };
    let spec = engine::JobSpec::new(graph, kind, raw);
    let job = state
        .engine
        .submit_with(project, spec, options.clone())
        .await?;
    if !sync {
        return Ok(Json(api::ges::ExecuteAlgorithmResponse {
            error_message: String::new(),
            error_code: String::new(),
            job_id: job.id.0,
            job_type: 1,
        })
        .into_response());
    }
    let job = wait_terminal(state, project, &job.id.0).await?;
    match job.state {
        engine::JobState::Succeeded => {
            let page = state
                .engine
                .result_page(project, &job.id.0, offset, limit)
                .await?;
            let body = json!({"errorMessage": "", "errorCode": "", "jobId": job.id.0,
                              "data": {"outputs": api::convert::outputs(page)}});
            Ok(Json(body).into_response())
        }
        _ => Err(ApiError::bad_request(
            "GES.8301",
            api::convert::fail_reason(&job).unwrap_or_else(|| "algorithm failed".into()),
        )),
    }
}

/// Waits for job `id` to end, at most [`SYNC_TIMEOUT`] (then cancels it: GES.8301).
pub(super) async fn wait_terminal(
    state: &AppState,
    project: &str,
    id: &str,
) -> Result<engine::JobRecord, ApiError> {
    let deadline = tokio::time::Instant::now() + SYNC_TIMEOUT;
    let mut pause = Duration::from_millis(2);
    loop {
        let job = state.engine.job(project, id).await?;
        if job.state.is_terminal() {
            return Ok(job);
        }
        if tokio::time::Instant::now() >= deadline {
            let _ = state
                .engine
                .cancel(project, id, "sync-timeout", "sync execution timed out")
                .await;
            return Err(ApiError::bad_request(
                "GES.8301",
                format!("sync execution did not finish within {SYNC_TIMEOUT:?}"),
            ));
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}
