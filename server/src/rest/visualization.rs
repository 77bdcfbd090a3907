//! ModelArts visualization jobs (REFERENCE §9): `/v1/{project_id}/visualization-jobs` create and
//! list, `/{job_id}` detail, update and delete, `/{job_id}/stop` and `/{job_id}/restart`.
//!
//! Errors use the ModelArts envelope: bad parameters `ModelArts.0104` (the engine names the
//! field), malformed JSON `ModelArts.0101`, refused transitions `ModelArts.0105` with ModelArts'
//! wording, quota `ModelArts.0118`; an unknown job (or one of another project, which the
//! credential check already refuses with 403 `ModelArts.0108`) is HTTP **404**
//! `ModelArts.0107` ("invalid values": the id names no job) — the reference documents no
//! not-found code, and 404 matches the generic job query's choice.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, Path, Query, State};
use serde::de::DeserializeOwned;

use super::auth::Project;
use super::body;
use crate::error::{ApiError, Surface};
use crate::state::AppState;
use api::modelarts::{self as ma, convert};

type Reply<T> = Result<Json<T>, ApiError>;

/// `POST …/visualization-jobs`.
pub(crate) async fn create(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    raw: Result<Bytes, BytesRejection>,
) -> Reply<ma::CreateResponse> {
    let req: ma::CreateRequest = parse(raw)?;
    let job = state
        .engine
        .create_visualization_job(&project, req.into())
        .await
        .map_err(error)?;
    Ok(Json(convert::created(&job)))
}

/// `GET …/visualization-jobs?status&page&per_page&sortBy|sort_by&order&search_content`.
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Query(q): Query<HashMap<String, String>>,
) -> Reply<ma::JobList> {
    let query =
        engine::viz::VizListQuery::from_params(|k| q.get(k).map(String::as_str)).map_err(error)?;
    let page = state
        .engine
        .visualization_jobs(&project, &query)
        .await
        .map_err(error)?;
    Ok(Json(convert::list(&page)))
}

/// `GET …/visualization-jobs/{job_id}`.
pub(crate) async fn show(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, id)): Path<(String, String)>,
) -> Reply<ma::JobDetail> {
    let job = state
        .engine
        .visualization_job(&project, &id)
        .await
        .map_err(error)?;
    Ok(Json(convert::detail(&job)))
}

/// `GET …/visualization-jobs/{job_id}/view` (graphjobs): what the job shows — a metric
/// histogram and top N, community sizes, paths, or TensorBoard scalar series — built from
/// `train_url` when it started RUNNING. `ModelArts.0105` until it has one (a FAILED job's
/// message carries its reason).
pub(crate) async fn view(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, id)): Path<(String, String)>,
) -> Reply<engine::viz::view::VizView> {
    let view = state
        .engine
        .visualization_view(&project, &id)
        .await
        .map_err(error)?;
    Ok(Json(view))
}

/// `PUT …/visualization-jobs/{job_id}` with `{"job_desc"}`.
pub(crate) async fn update(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, id)): Path<(String, String)>,
    raw: Result<Bytes, BytesRejection>,
) -> Reply<ma::Ack> {
    let req: ma::UpdateRequest = parse(raw)?;
    state
        .engine
        .update_visualization_job(&project, &id, req.job_desc.as_deref())
        .await
        .map_err(error)?;
    Ok(Json(ma::Ack::ok()))
}

/// `DELETE …/visualization-jobs/{job_id}`.
pub(crate) async fn delete(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, id)): Path<(String, String)>,
) -> Reply<ma::Ack> {
    state
        .engine
        .delete_visualization_job(&project, &id)
        .await
        .map_err(error)?;
    Ok(Json(ma::Ack::ok()))
}

/// `POST …/visualization-jobs/{job_id}/stop`.
pub(crate) async fn stop(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, id)): Path<(String, String)>,
) -> Reply<ma::Ack> {
    state
        .engine
        .stop_visualization_job(&project, &id)
        .await
        .map_err(error)?;
    Ok(Json(ma::Ack::ok()))
}

/// `POST …/visualization-jobs/{job_id}/restart`.
pub(crate) async fn restart(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, id)): Path<(String, String)>,
) -> Reply<ma::Ack> {
    state
        .engine
        .restart_visualization_job(&project, &id)
        .await
        .map_err(error)?;
    Ok(Json(ma::Ack::ok()))
}

/// The body as JSON (any content type); an empty body is `{}`.
fn parse<T: DeserializeOwned>(raw: Result<Bytes, BytesRejection>) -> Result<T, ApiError> {
    let bytes = body::bytes(raw).map_err(|e| e.on(Surface::ModelArts))?;
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        &bytes
    };
    body::json(bytes).map_err(|e| e.on(Surface::ModelArts))
}

/// Engine errors in ModelArts' codes (`api::convert::errors::modelarts`).
fn error(e: engine::Error) -> ApiError {
    ApiError::from_engine_on(Surface::ModelArts, e, "ModelArts.0107")
}
