//! `POST /ges/v1.0/{project_id}/graphs/{graph_name}/action?action_id=filtered-query`
//! (REFERENCE §4.3): the k-hop filtered query. The body is checked up front (GES.8000 naming
//! the field, see `engine::query::filtered`). `executionMode` `sync`, the documented default,
//! waits and answers with the rows under `data.outputs` (at most 100,000, as documented);
//! `async` answers with the job, whose rows page through job status like a vertex query's.

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::state::AppState;

/// Submits the query; with `sync`, waits for its rows.
pub(crate) async fn submit(
    state: &AppState,
    project: &str,
    graph: &str,
    body: &[u8],
    options: &engine::SubmitOptions,
) -> Result<Response, ApiError> {
    let parse = |raw: &Value| {
        engine::query::filtered::FilteredQuerySpec::parse(raw).map(engine::JobKind::FilteredQuery)
    };
    let body = submit_query(
        state,
        project,
        graph,
        body,
        options,
        "filtered query",
        parse,
    )
    .await?;
    Ok(Json(body).into_response())
}

/// Reads a query body, checks it with `parse` (GES.8000 naming the field) into its job, and
/// answers as [`answer`] does for the body's `executionMode`; `what` names the query.
pub(super) async fn submit_query(
    state: &AppState,
    project: &str,
    graph: &str,
    body: &[u8],
    options: &engine::SubmitOptions,
    what: &str,
    parse: impl FnOnce(&Value) -> engine::Result<engine::JobKind>,
) -> Result<Value, ApiError> {
    let raw: Value = super::body::json(body)?;
    let sync = execution_mode(&raw)?;
    let kind = parse(&raw)?;
    let spec = engine::JobSpec::new(graph, kind, raw);
    answer(state, project, spec, sync, options, what).await
}

/// `executionMode`: `sync` (true; the default, as the filtered queries document it) or `async`.
fn execution_mode(raw: &Value) -> Result<bool, ApiError> {
    match raw.get("executionMode") {
        None | Some(Value::Null) => Ok(true),
        Some(Value::String(mode)) if mode == "sync" => Ok(true),
        Some(Value::String(mode)) if mode == "async" => Ok(false),
        Some(other) => Err(ApiError::bad_request(
            "GES.8000",
            format!("parameter [executionMode] is invalid: {other} (sync or async)"),
        )),
    }
}

/// Submits a query job. `async`: the job (`jobId`, `jobType`). `sync`: waits for it and
/// answers with its rows under `data.outputs` (at most 100,000); a failed query (`what` names
/// it) is GES.8000 with the job's reason.
async fn answer(
    state: &AppState,
    project: &str,
    spec: engine::JobSpec,
    sync: bool,
    options: &engine::SubmitOptions,
    what: &str,
) -> Result<Value, ApiError> {
    let job = state
        .engine
        .submit_with(project, spec, options.clone())
        .await?;
    if !sync {
        return Ok(json!({"errorMessage": "", "errorCode": "", "jobId": job.id.0, "jobType": 1}));
    }
    let job = super::algorithm::wait_terminal(state, project, &job.id.0).await?;
    if job.state != engine::JobState::Succeeded {
        // A query's own failures (an unknown start vertex, a filter on no property) are GES.8000.
        return Err(ApiError::bad_request(
            "GES.8000",
            api::convert::fail_reason(&job).unwrap_or_else(|| format!("{what} failed")),
        ));
    }
    let page = state
        .engine
        .result_page(project, &job.id.0, 0, api::ges::MAX_LIMIT)
        .await?;
    Ok(
        json!({"errorMessage": "", "errorCode": "", "jobId": job.id.0,
              "data": {"outputs": api::convert::outputs(page)}}),
    )
}
