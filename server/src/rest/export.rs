//! Service-plane exports: `POST …/graphs/{graph_name}/jobs/{job_id}/action?action_id=export-result`
//! (REFERENCE §2.4) and `…/graphs/{graph_name}/action?action_id=export-graph` (§5.2). Both
//! answer `{jobId}` of a new job; the request's `obsParameters` go to the engine for that job
//! only (the stored `rawRequest` shows `"***"`). Errors: GES.8011 for a missing graph (as the
//! export docs show), GES.8000 for bad parameters.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, Path, Query, State};
use serde_json::{Value, json};

use super::auth::Project;
use crate::error::ApiError;
use crate::state::AppState;

/// The engine's form of `obsParameters`.
pub(crate) fn credentials(
    p: Option<api::export::ObsParameters>,
) -> Option<engine::obs::ObsCredentials> {
    p.map(|p| engine::obs::ObsCredentials {
        access_key: p.access_key,
        secret_key: p.secret_key,
    })
}

/// Submits a job with the request's credentials and answers `{jobId}`.
async fn submit(
    state: &AppState,
    project: &str,
    spec: engine::JobSpec,
    creds: Option<engine::obs::ObsCredentials>,
) -> Result<Json<Value>, ApiError> {
    let job = state
        .engine
        .submit_with(
            project,
            spec,
            engine::SubmitOptions {
                credentials: creds,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| ApiError::from_engine(e, "GES.8011"))?;
    Ok(Json(
        json!({"errorMessage": "", "errorCode": "", "jobId": job.id.0}),
    ))
}

/// `POST …/jobs/{job_id}/action?action_id=export-result`.
pub(crate) async fn job_action(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph, job_id)): Path<(String, String, String)>,
    Query(q): Query<HashMap<String, String>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let body = super::body::bytes(body)?;
    match q.get("action_id").map(String::as_str) {
        Some("export-result") => {}
        Some(other) => {
            return Err(ApiError::bad_request(
                "GES.8000",
                format!("action_id [{other}] is not supported"),
            ));
        }
        None => {
            return Err(ApiError::bad_request(
                "GES.8000",
                "query parameter [action_id] is required",
            ));
        }
    }
    export_result(&state, &project, &graph, job_id, &body).await
}

/// Submits an export-result job for `job_id` of `graph` (also HyG's
/// `POST …/hyg/{graph_name}/jobs/{job_id}/export-result`); `erase` defaults to true.
pub(crate) async fn export_result(
    state: &AppState,
    project: &str,
    graph: &str,
    job_id: String,
    body: &[u8],
) -> Result<Json<Value>, ApiError> {
    let req: api::export::ExportResultRequest = super::body::json(body)?;
    let raw: Value = super::body::json(body)?;
    state
        .engine
        .graph(project, graph)
        .await
        .map_err(|e| ApiError::from_engine(e, "GES.8011"))?;
    let kind = engine::JobKind::ExportResult(engine::export::result::ExportResultSpec {
        source_job: job_id,
        export_path: req.export_path,
        file_name: req.file_name,
        erase: req.erase.unwrap_or(true),
    });
    let spec = engine::JobSpec::new(graph, kind, raw);
    submit(state, project, spec, credentials(req.obs_parameters)).await
}

/// `…/action?action_id=export-graph` (dispatched by `graph_action`).
pub(crate) async fn export_graph(
    state: &AppState,
    project: &str,
    graph: &str,
    body: &[u8],
) -> Result<Json<Value>, ApiError> {
    let req: api::export::ExportGraphRequest = super::body::json(body)?;
    let raw: Value = super::body::json(body)?;
    let paginate = req.paginate.unwrap_or_default();
    let kind = engine::JobKind::ExportGraph(engine::export::graph::ExportGraphSpec {
        export_path: req.graph_export_path,
        schema_name: req.schema_name,
        vertex_set_name: req.vertex_set_name,
        edge_set_name: req.edge_set_name,
        paginate: paginate.enable.unwrap_or(true),
        row_count_per_file: paginate
            .row_count_per_file
            .unwrap_or(engine::export::graph::DEFAULT_ROWS_PER_FILE),
    });
    let spec = engine::JobSpec::new(graph, kind, raw);
    submit(state, project, spec, credentials(req.obs_parameters)).await
}
