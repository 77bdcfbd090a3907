//! Service-plane job endpoints under `/ges/v1.0/{project_id}/graphs/{graph_name}/jobs…`:
//! status with a paged result, list, cancel. HyG jobs answer here too, in HyG's words
//! (`complete` + `result`, see `api::convert::status`).

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use serde_json::{Value, json};

use super::auth::Project;
use super::extract::query_u64;
use crate::error::ApiError;
use crate::state::AppState;

/// `GET …/jobs/{job_id}/status?offset&limit`: state, and for a succeeded job one page of its
/// result under `data.outputs` (GES.8402 for an unknown graph). A HyG job answers in HyG's
/// words; a failed one carries its code and reason in `errorCode`/`errorMessage`.
pub(crate) async fn status(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph, job_id)): Path<(String, String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<api::ges::JobStatusResponse>, ApiError> {
    let offset = query_u64(&q, "offset", 0, u64::MAX)?;
    let limit = query_u64(&q, "limit", api::ges::MAX_LIMIT, api::ges::MAX_LIMIT)?;
    let (job, info) = job_of_graph(&state, &project, &graph, &job_id, "GES.8402").await?;
    let page = if job.state == engine::JobState::Succeeded && job.job_type.has_result() {
        Some(
            state
                .engine
                .result_page(&project, &job_id, offset, limit)
                .await
                .map_err(|e| ApiError::from_engine(e, "GES.8000"))?,
        )
    } else {
        None
    };
    let words = api::convert::Vocabulary::of(job.hyg);
    Ok(Json(api::convert::job_status(
        &job,
        page,
        info.map(|i| i.version),
        words,
    )))
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
/// already finished).
pub(crate) async fn cancel(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph, job_id)): Path<(String, String, String)>,
) -> Result<Json<Value>, ApiError> {
    cancel_in_graph(
        &state,
        &project,
        &graph,
        &job_id,
        "cancelled through the API",
    )
    .await?;
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

/// A job of this project whose graph is the one in the path.
async fn job_of_graph(
    state: &AppState,
    project: &str,
    graph: &str,
    id: &str,
    code: &'static str,
) -> Result<(engine::JobRecord, Option<engine::GraphInfo>), ApiError> {
    // The job first: a job outlives its graph (an import into a new graph that failed, a graph
    // deleted since) and stays visible under the graph name it was submitted to.
    let job = match state.engine.job(project, id).await {
        Ok(job) if job.graph == graph => Some(job),
        Ok(_) | Err(engine::Error::NotFound { .. }) => None,
        Err(e) => return Err(ApiError::from_engine(e, "GES.8000")),
    };
    let info = match state.engine.graph(project, graph).await {
        Ok(info) => Some(info),
        Err(engine::Error::NotFound { .. }) if job.is_some() => None,
        Err(e) => return Err(ApiError::from_engine(e, code)),
    };
    match job {
        Some(job) => Ok((job, info)),
        None => Err(ApiError::bad_request(
            "GES.8000",
            format!("job [{id}] is not found"),
        )),
    }
}
