//! `POST /ges/v1.0/{project_id}/graphs/{graph_name}/action?action_id=path-query`
//! (REFERENCE §4.3, Filtered Query V2): the repeat/until/times traversal. The body is checked
//! up front (GES.8000 naming the field, see `engine::query::path`). `executionMode` is answered
//! as the k-hop filtered query answers it: `sync`, the documented default, waits and answers
//! with the rows under `data.outputs`, and also directly under `data.vertices`, where the GES
//! sync sample puts them; `async` answers with the job (`jobId`, `jobType`), whose rows page
//! through job status under `data.outputs.vertices`.

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::filtered_query::{answer, execution_mode};
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
    let raw: Value = super::body::json(body)?;
    let sync = execution_mode(&raw)?;
    let query = engine::query::path::PathQuerySpec::parse(&raw)
        .map_err(|e| ApiError::from_engine(e, "GES.8000"))?;
    let spec = engine::JobSpec::new(graph, engine::JobKind::PathQuery(query), raw);
    let mut body = answer(state, project, spec, sync, options, "path query").await?;
    if let Some(rows) = body.pointer("/data/outputs/vertices").cloned() {
        body["data"]["vertices"] = rows;
    }
    Ok(Json(body).into_response())
}
