//! `POST /v2/{project_id}/graphs/{graph_id}/export-graph` (REFERENCE §5.3): an async job in the
//! job center, `{job_id}`. `obs_parameters` {access_key, secret_key} is a graphjobs extension
//! for bucket paths (the cloud uses the tenant's own credentials); `file:///` paths need none.
//! Errors in the `{error_code,error_msg}` envelope: GES.7000 graph does not exist, GES.0001 bad
//! parameter.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, Path, State};
use serde_json::Value;

use super::auth::Project;
use crate::error::{ApiError, Surface};
use crate::state::AppState;
use api::management as m;

/// Queues the export.
pub(crate) async fn export_graph(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<m::JobIdResponse>, ApiError> {
    let body = super::body::bytes(body).map_err(|e| e.on(Surface::Management))?;
    let req: api::export::ManagementExportGraphRequest =
        super::body::json(&body).map_err(|e| e.on(Surface::Management))?;
    let raw: Value = super::body::json(&body).map_err(|e| e.on(Surface::Management))?;
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
    let creds = req.obs_parameters.map(|p| engine::obs::ObsCredentials {
        access_key: p.access_key,
        secret_key: p.secret_key,
    });
    let spec = engine::JobSpec::new(&graph, kind, raw);
    let job = state
        .engine
        .submit_with(
            &project,
            spec,
            engine::SubmitOptions {
                credentials: creds,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| ApiError::from_engine_on(Surface::Management, e, "GES.7000"))?;
    Ok(Json(m::JobIdResponse { job_id: job.id.0 }))
}
