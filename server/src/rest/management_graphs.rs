//! Management plane v2 graphs: list, show, create, delete, import-graph, clear-graph. Every
//! change is an async job in the job center (REFERENCE §5.3, §6). `{graph_id}` is the graph name
//! (graphjobs graphs have no separate ids). Errors: GES.7000 graph does not exist, GES.0001 bad
//! parameter, in the `{error_code,error_msg}` envelope.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, Path, Query, State};
use serde_json::Value;

use super::auth::Project;
use super::extract::query_u64;
use super::import::ImportFields;
use crate::error::{ApiError, Surface};
use crate::state::AppState;
use api::management as m;

/// An engine error in the management plane's codes: `GES.7000` for a graph that does not exist.
fn engine_err(e: engine::Error) -> ApiError {
    ApiError::from_engine_on(Surface::Management, e, "GES.7000")
}

/// Queues a graph-management job and answers `{job_id}`.
async fn queue(
    state: &AppState,
    project: &str,
    spec: engine::JobSpec,
) -> Result<Json<m::JobIdResponse>, ApiError> {
    let job = state
        .engine
        .submit(project, spec)
        .await
        .map_err(engine_err)?;
    Ok(Json(m::JobIdResponse { job_id: job.id.0 }))
}

/// `GET /v2/{project_id}/graphs?offset&limit`.
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<m::GraphList>, ApiError> {
    let offset =
        query_u64(&q, "offset", 0, u64::MAX).map_err(|e| e.on(Surface::Management))? as usize;
    let limit = query_u64(&q, "limit", 100, 1000).map_err(|e| e.on(Surface::Management))? as usize;
    let graphs = state.engine.graphs(&project).await.map_err(engine_err)?;
    let page: Vec<_> = graphs.iter().skip(offset).take(limit).cloned().collect();
    let partitions = state.engine.graph_partitions(&project, &page).await;
    Ok(Json(m::GraphList {
        graph_count: graphs.len() as u64,
        graphs: page
            .iter()
            .zip(partitions)
            .map(|(g, p)| api::convert::management_graph(g, p))
            .collect(),
    }))
}

/// `GET /v2/{project_id}/graphs/{graph_id}`.
pub(crate) async fn show(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
) -> Result<Json<m::GraphDetail>, ApiError> {
    let g = state
        .engine
        .graph(&project, &graph)
        .await
        .map_err(engine_err)?;
    let partitions = state
        .engine
        .graph_partitions(&project, std::slice::from_ref(&g))
        .await;
    Ok(Json(m::GraphDetail {
        graph: api::convert::management_graph(&g, partitions.first().copied().flatten()),
    }))
}

/// `POST /v2/{project_id}/graphs` → `{id, name, job_id}`; the graph exists (empty) once the job
/// succeeds.
pub(crate) async fn create(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<m::CreateGraphResponse>, ApiError> {
    let body = super::body::bytes(body).map_err(|e| e.on(Surface::Management))?;
    let req: m::CreateGraphRequest =
        super::body::json(&body).map_err(|e| e.on(Surface::Management))?;
    let raw: Value = super::body::json(&body).map_err(|e| e.on(Surface::Management))?;
    let name = req.graph.name;
    let spec = engine::JobSpec::new(&name, engine::JobKind::CreateGraph, raw);
    let job = state
        .engine
        .submit(&project, spec)
        .await
        .map_err(engine_err)?;
    Ok(Json(m::CreateGraphResponse {
        id: name.clone(),
        name,
        job_id: job.id.0,
    }))
}

/// `DELETE /v2/{project_id}/graphs/{graph_id}` → `{job_id}`.
pub(crate) async fn delete(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
) -> Result<Json<m::JobIdResponse>, ApiError> {
    let spec = engine::JobSpec::new(&graph, engine::JobKind::DeleteGraph, serde_json::json!({}));
    queue(&state, &project, spec).await
}

/// `POST /v2/{project_id}/graphs/{graph_id}/clear-graph?clear_metadata=` → `{job_id}`.
pub(crate) async fn clear(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<m::JobIdResponse>, ApiError> {
    let clear_metadata = match q.get("clear_metadata").map(String::as_str) {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            return Err(ApiError::bad_request(
                "GES.0001",
                "parameter [clear_metadata] must be true or false",
            )
            .on(Surface::Management));
        }
    };
    let raw = serde_json::json!({ "clear_metadata": clear_metadata });
    let spec = engine::JobSpec::new(&graph, engine::JobKind::ClearGraph { clear_metadata }, raw);
    queue(&state, &project, spec).await
}

/// `POST /v2/{project_id}/graphs/{graph_id}/import-graph` → `{job_id}` (the graph must exist).
pub(crate) async fn import(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<m::JobIdResponse>, ApiError> {
    let body = super::body::bytes(body).map_err(|e| e.on(Surface::Management))?;
    let req: m::ImportGraphRequest =
        super::body::json(&body).map_err(|e| e.on(Surface::Management))?;
    let raw: Value = super::body::json(&body).map_err(|e| e.on(Surface::Management))?;
    state
        .engine
        .graph(&project, &graph)
        .await
        .map_err(engine_err)?;
    let (action, ignore_label) = req
        .parallel_edge
        .map_or((None, None), |p| (p.action, p.ignore_label));
    let spec = ImportFields {
        edgeset_path: req.edgeset_path,
        vertexset_path: req.vertexset_path,
        schema_path: req.schema_path,
        log_dir: req.log_dir,
        edgeset_format: req.edgeset_format,
        vertexset_format: req.vertexset_format,
        action,
        ignore_label,
        delimiter: req.delimiter,
        trim_quote: req.trim_quote,
        partitions: req.partitions,
    }
    .into_spec()
    .map_err(|e| e.on(Surface::Management))?;
    let spec = engine::JobSpec::new(&graph, engine::JobKind::ImportGraph(spec), raw);
    queue(&state, &project, spec).await
}
