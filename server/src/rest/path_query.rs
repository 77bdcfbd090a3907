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

use super::filtered_query::submit_query;
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
        engine::query::path::PathQuerySpec::parse(raw).map(engine::JobKind::PathQuery)
    };
    let mut body = submit_query(state, project, graph, body, options, "path query", parse).await?;
    if let Some(rows) = body.pointer("/data/outputs/vertices").cloned() {
        body["data"]["vertices"] = rows;
    }
    Ok(Json(body).into_response())
}
