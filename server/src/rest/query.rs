//! `POST /ges/v1.0/{project_id}/graphs/{graph_name}/vertices/action?action_id=query` and
//! `…/edges/action?action_id=query` (REFERENCE §4.1–4.2): async filter queries. The body is
//! validated up front (GES.8000 naming the field, see `engine::query`); the rows come back
//! through job status under `data.outputs.vertices` / `edges`. `…/vertices/action?action_id=delete`
//! (§4.3) takes the same body and deletes what it matches (`engine::graph::delete_vertices`).

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, Path, Query, State};
use serde_json::{Value, json};

use super::auth::Project;
use super::job_options::JobOptions;
use crate::error::ApiError;
use crate::state::AppState;

/// `…/vertices/action?action_id=query`.
pub(crate) async fn vertices(
    state: State<AppState>,
    project: Extension<Project>,
    path: Path<(String, String)>,
    q: Query<HashMap<String, String>>,
    options: JobOptions,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    submit(
        state,
        project,
        path,
        q,
        options,
        body,
        engine::query::QueryTarget::Vertices,
    )
    .await
}

/// `…/edges/action?action_id=query`.
pub(crate) async fn edges(
    state: State<AppState>,
    project: Extension<Project>,
    path: Path<(String, String)>,
    q: Query<HashMap<String, String>>,
    options: JobOptions,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    submit(
        state,
        project,
        path,
        q,
        options,
        body,
        engine::query::QueryTarget::Edges,
    )
    .await
}

async fn submit(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
    JobOptions(options): JobOptions,
    body: Result<Bytes, BytesRejection>,
    target: engine::query::QueryTarget,
) -> Result<Json<Value>, ApiError> {
    let delete = match (q.get("action_id").map(String::as_str), target) {
        (Some("query"), _) => false,
        (Some("delete"), engine::query::QueryTarget::Vertices) => true,
        (Some(other), _) => {
            let accepted = match target {
                engine::query::QueryTarget::Vertices => "query, delete",
                engine::query::QueryTarget::Edges => "query",
            };
            return Err(ApiError::bad_request(
                "GES.8000",
                format!("action_id [{other}] is not supported here ({accepted})"),
            ));
        }
        (None, _) => {
            return Err(ApiError::bad_request(
                "GES.8000",
                "query parameter [action_id] is required",
            ));
        }
    };
    let body = super::body::bytes(body)?;
    let raw: Value = super::body::json(&body)?;
    let kind = if delete {
        engine::JobKind::DeleteVertices(engine::query::QuerySpec::parse_delete(&raw)?)
    } else {
        engine::JobKind::Query(engine::query::QuerySpec::parse(target, &raw)?)
    };
    let spec = engine::JobSpec::new(&graph, kind, raw);
    let job = state.engine.submit_with(&project, spec, options).await?;
    Ok(Json(
        json!({"errorMessage": "", "errorCode": "", "jobId": job.id.0, "jobType": 1}),
    ))
}
