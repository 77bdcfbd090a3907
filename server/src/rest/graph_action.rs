//! `POST /ges/v1.0/{project_id}/graphs/{graph_name}/action?action_id=…`: one route, several
//! actions chosen by the query, as GES does.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::auth::Project;
use super::job_options::JobOptions;
use crate::error::ApiError;
use crate::state::AppState;

/// Dispatches on `action_id`.
pub(crate) async fn action(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
    JobOptions(options): JobOptions,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = super::body::bytes(body)?;
    match q.get("action_id").map(String::as_str) {
        Some("execute-algorithm") => {
            super::algorithm::execute(&state, &project, &graph, &body, &options).await
        }
        Some("import-graph") => {
            let job_id = super::import::import(&state, &project, &graph, &body, &options).await?;
            Ok(Json(json!({"errorMessage": "", "errorCode": "", "jobId": job_id})).into_response())
        }
        Some("filtered-query") => {
            super::filtered_query::submit(&state, &project, &graph, &body, &options).await
        }
        Some("path-query") => {
            super::path_query::submit(&state, &project, &graph, &body, &options).await
        }
        Some("export-graph") => Ok(super::export::export_graph(&state, &project, &graph, &body)
            .await?
            .into_response()),
        // Updating chosen properties from files (2.2.13, REFERENCE §12.1; the path is the docs'
        // `action_id=import-properties`): not built. An incremental import-graph rewrites
        // whole rows, which covers the need with the files in import form.
        Some("import-properties") => Err(ApiError::bad_request(
            "GES.8000",
            "action_id [import-properties] is not supported: graphjobs does not update single \
             properties from files. Import whole rows instead with import-graph: a vertex seen \
             again takes the new row's label and properties, and parallelEdge override \
             replaces an edge (each import makes the graph's next version)",
        )),
        Some(other) => Err(ApiError::bad_request(
            "GES.8000",
            format!("action_id [{other}] is not supported"),
        )),
        None => Err(ApiError::bad_request(
            "GES.8000",
            "query parameter [action_id] is required",
        )),
    }
}
