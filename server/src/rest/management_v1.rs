//! The legacy management plane v1 (`/v1.0/{project_id}/graphs…`, REFERENCE §6.3 and the v1
//! clients of the official SDKs). Each handler is the v2 handler with camelCase names on the way
//! in and out: v1 cannot drift from v2 because it has no logic of its own.
//!
//! - Job center: `GET /v1.0/{pid}/graphs/jobs?offset&limit&status&graph_name&startTime&endTime`
//!   (the mixed casing is the cloud's) and `GET …/graphs/{graph_id}/jobs/{job_id}/status`.
//! - Graphs: list, create, show, delete (`keepBackup` is accepted and ignored: graphjobs keeps
//!   no backups).
//! - `POST …/graphs/{graph_id}/action?action_id=`: `import-graph` (camelCase body, the graph must
//!   exist), `export-graph` (the service plane's camelCase body) and `clear-graph`
//!   (`clear-metadata=true|false`). The instance actions of the cloud
//!   (`start`, `stop`, `restart`, `upgrade`, `resize`, `expand`, `backup`, `bind-eip`, …) have
//!   no meaning for an in-process graph and answer GES.7009 naming the action and the reason
//!   (`instance_actions`); any other action is GES.0001.
//! - Errors: the camelCase envelope (`api::management_v1::ErrorBody`) with the v2 codes
//!   ([`Surface::code`](crate::error::Surface::code): the errors of the service-plane handlers
//!   it reuses, such as export-graph's, are renumbered as v2 numbers them).

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, Path, Query, State};

use super::auth::Project;
use super::{management, management_graphs};
use crate::error::{ApiError, Surface};
use crate::state::AppState;
use api::management_v1 as v1;

/// `GET /v1.0/{project_id}/graphs/jobs`: `startTime`/`endTime` are v2's `start_time`/`end_time`.
pub(crate) async fn list_jobs(
    state: State<AppState>,
    project: Extension<Project>,
    Query(mut q): Query<HashMap<String, String>>,
) -> Result<Json<v1::JobList>, ApiError> {
    for (camel, snake) in [("startTime", "start_time"), ("endTime", "end_time")] {
        if let Some(v) = q.remove(camel) {
            q.insert(snake.to_owned(), v);
        }
    }
    let Json(list) = management::list(state, project, Query(q))
        .await
        .map_err(|e| e.on(Surface::ManagementV1))?;
    Ok(Json(list.into()))
}

/// `GET /v1.0/{project_id}/graphs/{graph_id}/jobs/{job_id}/status`.
pub(crate) async fn show_job(
    state: State<AppState>,
    project: Extension<Project>,
    path: Path<(String, String, String)>,
) -> Result<Json<v1::Job>, ApiError> {
    let Json(job) = management::show(state, project, path)
        .await
        .map_err(|e| e.on(Surface::ManagementV1))?;
    Ok(Json(job.into()))
}

/// `GET /v1.0/{project_id}/graphs?offset&limit`.
pub(crate) async fn list_graphs(
    state: State<AppState>,
    project: Extension<Project>,
    q: Query<HashMap<String, String>>,
) -> Result<Json<v1::GraphList>, ApiError> {
    let Json(list) = management_graphs::list(state, project, q)
        .await
        .map_err(|e| e.on(Surface::ManagementV1))?;
    Ok(Json(list.into()))
}

/// `GET /v1.0/{project_id}/graphs/{graph_id}`.
pub(crate) async fn show_graph(
    state: State<AppState>,
    project: Extension<Project>,
    path: Path<(String, String)>,
) -> Result<Json<v1::GraphDetail>, ApiError> {
    let Json(graph) = management_graphs::show(state, project, path)
        .await
        .map_err(|e| e.on(Surface::ManagementV1))?;
    Ok(Json(graph.into()))
}

/// `POST /v1.0/{project_id}/graphs` with `{"graph": {"name": …}}`.
pub(crate) async fn create_graph(
    state: State<AppState>,
    project: Extension<Project>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<v1::CreateGraphResponse>, ApiError> {
    let Json(created) = management_graphs::create(state, project, body)
        .await
        .map_err(|e| e.on(Surface::ManagementV1))?;
    Ok(Json(created.into()))
}

/// `DELETE /v1.0/{project_id}/graphs/{graph_id}?keepBackup=`.
pub(crate) async fn delete_graph(
    state: State<AppState>,
    project: Extension<Project>,
    path: Path<(String, String)>,
) -> Result<Json<v1::JobIdResponse>, ApiError> {
    let Json(queued) = management_graphs::delete(state, project, path)
        .await
        .map_err(|e| e.on(Surface::ManagementV1))?;
    Ok(Json(queued.into()))
}

/// `POST /v1.0/{project_id}/graphs/{graph_id}/action?action_id=…`.
pub(crate) async fn action(
    state: State<AppState>,
    project: Extension<Project>,
    Path((pid, graph)): Path<(String, String)>,
    Query(mut q): Query<HashMap<String, String>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<v1::JobIdResponse>, ApiError> {
    let bad =
        |message: String| ApiError::bad_request("GES.0001", message).on(Surface::ManagementV1);
    match q.get("action_id").map(String::as_str) {
        Some("import-graph") => {
            // The graph must exist, as on v2 (the service plane creates it instead).
            let _exists =
                management_graphs::show(state.clone(), project.clone(), Path((pid, graph.clone())))
                    .await
                    .map_err(|e| e.on(Surface::ManagementV1))?;
            let body = super::body::bytes(body).map_err(|e| e.on(Surface::ManagementV1))?;
            let job_id = super::import::import(
                &state,
                &project.0.0,
                &graph,
                &body,
                &engine::SubmitOptions::default(),
            )
            .await
            .map_err(|e| e.on(Surface::ManagementV1))?;
            Ok(Json(v1::JobIdResponse { job_id }))
        }
        Some("export-graph") => {
            let body = super::body::bytes(body).map_err(|e| e.on(Surface::ManagementV1))?;
            let Json(queued) = super::export::export_graph(&state, &project.0.0, &graph, &body)
                .await
                .map_err(|e| e.on(Surface::ManagementV1))?;
            let job_id = queued["jobId"].as_str().unwrap_or_default().to_owned();
            Ok(Json(v1::JobIdResponse { job_id }))
        }
        Some("clear-graph") => {
            let mut v2q = HashMap::new();
            if let Some(v) = q.remove("clear-metadata") {
                v2q.insert("clear_metadata".to_owned(), v);
            }
            let Json(queued) =
                management_graphs::clear(state, project, Path((pid, graph)), Query(v2q))
                    .await
                    .map_err(|e| {
                        ApiError {
                            message: e.message.replace("clear_metadata", "clear-metadata"),
                            ..e
                        }
                        .on(Surface::ManagementV1)
                    })?;
            Ok(Json(queued.into()))
        }
        Some(instance) if super::instance_actions::reason(instance).is_some() => Err(
            super::instance_actions::refusal(instance, Surface::ManagementV1),
        ),
        Some(other) => Err(bad(format!(
            "action_id [{other}] is not supported: graphjobs graphs are in-process, so only \
             import-graph, export-graph and clear-graph apply"
        ))),
        None => Err(bad("query parameter [action_id] is required".into())),
    }
}
