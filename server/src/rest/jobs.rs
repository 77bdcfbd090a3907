//! Service-plane job endpoints under `/ges/v1.0/{project_id}/graphs/{graph_name}/jobs…`:
//! status with a paged result, list, cancel. HyG jobs answer here too, in HyG's words
//! (`complete` + `result`, see `api::convert::status`).

use super::cancel_reason::CancelReason;
use std::collections::HashMap;

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::auth::Project;
use super::extract::query_u64;
use crate::error::ApiError;
use crate::state::AppState;

/// `GET …/jobs/{job_id}/status?offset&limit`: state, and for a succeeded job one page of its
/// result under `data.outputs` (GES.8402 for an unknown graph). A HyG job answers in HyG's
/// words; a failed one carries its code and reason in `errorCode`/`errorMessage`. The job and
/// its graph's version come from the engine's cache of finished jobs, the rows as they are
/// stored (`Engine::raw_result_page`): a client paging through a finished job's result costs
/// no store query and no parsing of rows.
pub(crate) async fn status(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph, job_id)): Path<(String, String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let offset = query_u64(&q, "offset", 0, u64::MAX)?;
    let limit = query_u64(&q, "limit", api::ges::MAX_LIMIT, api::ges::MAX_LIMIT)?;
    let view = job_of_graph(&state, &project, &graph, &job_id, "GES.8402").await?;
    let job = &view.job;
    let page = if job.state == engine::JobState::Succeeded && job.job_type.has_result() {
        Some(
            state
                .engine
                .raw_result_page(job, offset, limit)
                .await
                .map_err(|e| ApiError::from_engine(e, "GES.8000"))?,
        )
    } else {
        None
    };
    let words = api::convert::Vocabulary::of(job.hyg);
    let body = api::convert::job_status_raw(job, page.as_ref(), view.graph_version, words);
    Ok(Json(body).into_response())
}

/// `GET …/jobs/status?limit&offset`: the graph's jobs, newest first; HyG jobs in HyG's words.
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<api::ges::JobListResponse>, ApiError> {
    let offset = query_u64(&q, "offset", 0, u64::MAX)?;
    let limit = query_u64(&q, "limit", api::ges::MAX_LIMIT, api::ges::MAX_LIMIT)?;
    state
        .engine
        .graph(&project, &graph)
        .await
        .map_err(|e| ApiError::from_engine(e, "GES.8000"))?;
    let filter = engine::JobFilter {
        graph: Some(graph),
        offset,
        limit,
        ..Default::default()
    };
    let page = state
        .engine
        .jobs(&project, &filter)
        .await
        .map_err(|e| ApiError::from_engine(e, "GES.8000"))?;
    let jobs = page
        .jobs
        .iter()
        .map(|job| api::convert::job_list_item(job, api::convert::Vocabulary::of(job.hyg)))
        .collect();
    Ok(Json(api::ges::JobListResponse {
        error_message: String::new(),
        error_code: String::new(),
        result: "success".into(),
        job_count: page.total,
        total_count: page.total,
        jobs,
    }))
}

/// `DELETE …/jobs/{job_id}` → `{}`; GES.8303 when there is no such job to cancel (unknown or
/// already finished). The reason is `X-Cancel-Reason`'s, if sent ([`CancelReason`]).
pub(crate) async fn cancel(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph, job_id)): Path<(String, String, String)>,
    reason: CancelReason,
) -> Result<Json<Value>, ApiError> {
    let reason = reason.or("cancelled through the API");
    cancel_in_graph(&state, &project, &graph, &job_id, reason).await?;
    Ok(Json(json!({})))
}

/// Cancels job `id` of `graph` (queued at once, running cooperatively); GES.8303 for a job
/// that is unknown, of another graph, or already finished. Shared by the graph and HyG routes.
pub(crate) async fn cancel_in_graph(
    state: &AppState,
    project: &str,
    graph: &str,
    id: &str,
    reason: &str,
) -> Result<(), ApiError> {
    let not_found = || {
        ApiError::bad_request(
            "GES.8303",
            format!("Can not find job to cancel, jobId is {id}"),
        )
    };
    match state.engine.job(project, id).await {
        Ok(job) if job.graph == graph => {}
        Ok(_) | Err(engine::Error::NotFound { .. }) => return Err(not_found()),
        Err(e) => return Err(ApiError::from_engine(e, "GES.8303")),
    }
    match state.engine.cancel(project, id, "api", reason).await {
        Ok(_) => Ok(()),
        Err(engine::Error::Conflict { .. } | engine::Error::NotFound { .. }) => Err(not_found()),
        Err(e) => Err(ApiError::from_engine(e, "GES.8303")),
    }
}

/// A job of this project whose graph is the one in the path, with that graph's current
/// version (`None` once the graph is gone).
async fn job_of_graph(
    state: &AppState,
    project: &str,
    graph: &str,
    id: &str,
    code: &'static str,
) -> Result<engine::job::finished::JobView, ApiError> {
    // The job first: a job outlives its graph (an import into a new graph that failed, a graph
    // deleted since) and stays visible under the graph name it was submitted to.
    match state.engine.job_with_graph_version(project, id).await {
        Ok(view) if view.job.graph == graph => return Ok(view),
        Ok(_) | Err(engine::Error::NotFound { .. }) => {}
        Err(e) => return Err(ApiError::from_engine(e, "GES.8000")),
    }
    // No such job in this graph: an unknown graph is the answer first.
    if let Err(e) = state.engine.graph(project, graph).await {
        return Err(ApiError::from_engine(e, code));
    }
    Err(ApiError::bad_request(
        "GES.8000",
        format!("job [{id}] is not found"),
    ))
}
