//! The REST surfaces. Handlers are thin adapters: extract → one engine call → DTO.
//! Each surface has its own router, credential check and error envelope (also for what axum
//! refuses itself, see `rejection`).

pub mod access;
mod algorithm;
mod audit;
mod audit_target;
pub mod auth;
mod body;
mod cancel_reason;
mod cloud_jobs;
mod cloud_v3;
mod export;
pub mod extract;
mod filtered_query;
mod graph_action;
mod hyg;
mod import;
pub(crate) mod instance_actions;
mod job_options;
mod jobs;
mod management;
mod management_export;
mod management_graphs;
mod management_v1;
mod path_query;
mod query;
mod rejection;
mod traces;
mod visualization;

use axum::Router;
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::{any, get, post};

use crate::error::ApiError;
use crate::state::AppState;

/// Routes of the GES service plane, behind the token check.
pub fn ges_router(state: AppState) -> Router<AppState> {
    let g = "/ges/v1.0/{project_id}/graphs/{graph_name}";
    let h = "/ges/v1.0/{project_id}/hyg/{graph_name}";
    Router::new()
        .route(&format!("{g}/action"), post(graph_action::action))
        .route(&format!("{g}/vertices/action"), post(query::vertices))
        .route(&format!("{g}/edges/action"), post(query::edges))
        .route(&format!("{g}/jobs/status"), get(jobs::list))
        .route(
            &format!("{g}/jobs/{{job_id}}/action"),
            post(export::job_action),
        )
        .route(&format!("{g}/jobs/{{job_id}}/status"), get(jobs::status))
        .route(
            &format!("{g}/jobs/{{job_id}}"),
            axum::routing::delete(jobs::cancel),
        )
        // HyG's cancel-all-queued under the path of the EN docs' examples (REFERENCE §13 #10
        // and §14.12: "implement /hyg/ and consider aliasing"). The single-job path of those
        // examples is the generic cancel above, which answers `{}` as DECISIONS.md says.
        .route(
            &format!("{g}/jobs"),
            axum::routing::delete(hyg::cancel_queued),
        )
        .route("/ges/v1.0/{project_id}/hyg", get(hyg::list))
        .route(h, post(hyg::create).delete(hyg::delete))
        .route(&format!("{h}/sync"), post(hyg::sync))
        .route(&format!("{h}/summary"), get(hyg::summary))
        .route(&format!("{h}/algorithm"), post(hyg::algorithm))
        .route(&format!("{h}/dsl"), post(hyg::dsl))
        .route(
            &format!("{h}/jobs"),
            axum::routing::delete(hyg::cancel_queued),
        )
        .route(
            &format!("{h}/jobs/{{job_id}}"),
            axum::routing::delete(hyg::cancel),
        )
        .route(
            &format!("{h}/jobs/{{job_id}}/export-result"),
            post(hyg::export_result),
        )
        .route_layer(middleware::from_fn_with_state(state, auth::ges))
        // Unknown paths under /ges answer in the GES envelope, not the console's 404 page.
        .route("/ges/{*rest}", any(ges_not_found))
        .layer(middleware::from_fn(rejection::ges))
}

/// The legacy management plane v1 (camelCase), behind the same credential check as v2.
pub fn management_v1_router(state: AppState) -> Router<AppState> {
    let graphs = "/v1.0/{project_id}/graphs";
    Router::new()
        .route(&format!("{graphs}/jobs"), get(management_v1::list_jobs))
        .route(
            graphs,
            get(management_v1::list_graphs).post(management_v1::create_graph),
        )
        .route(
            &format!("{graphs}/{{graph_id}}"),
            get(management_v1::show_graph).delete(management_v1::delete_graph),
        )
        .route(
            &format!("{graphs}/{{graph_id}}/action"),
            post(management_v1::action),
        )
        .route(
            &format!("{graphs}/{{graph_id}}/jobs/{{job_id}}/status"),
            get(management_v1::show_job),
        )
        .route_layer(middleware::from_fn_with_state(state, auth::management_v1))
        .layer(middleware::from_fn(rejection::management_v1))
}

/// The management plane v2 job center, behind the token check.
pub fn management_router(state: AppState) -> Router<AppState> {
    let mut router = Router::new();
    // The cloud's graph-instance actions: refused with the reason (`instance_actions`).
    for action in instance_actions::ACTIONS {
        router = router.route(action.path, post(instance_actions::refuse));
    }
    router
        .route("/v2/{project_id}/graphs/jobs", get(management::list))
        .route(
            "/v2/{project_id}/graphs",
            get(management_graphs::list).post(management_graphs::create),
        )
        .route(
            "/v2/{project_id}/graphs/{graph_id}",
            get(management_graphs::show).delete(management_graphs::delete),
        )
        .route(
            "/v2/{project_id}/graphs/{graph_id}/import-graph",
            post(management_graphs::import),
        )
        .route(
            "/v2/{project_id}/graphs/{graph_id}/export-graph",
            post(management_export::export_graph),
        )
        .route(
            "/v2/{project_id}/graphs/{graph_id}/clear-graph",
            post(management_graphs::clear),
        )
        .route(
            "/v2/{project_id}/graphs/{graph_id}/jobs/{job_id}/status",
            get(management::show),
        )
        .route_layer(middleware::from_fn_with_state(state, auth::management))
        .layer(middleware::from_fn(rejection::management))
}

/// The generic cloud job query, behind the token check; CFW's `/v3` job query (token-checked)
/// and IAM's token issue (public, as IAM's is) answer in its envelope why graphjobs has neither.
pub fn cloud_router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/v1/{project_id}/jobs/{job_id}", get(cloud_jobs::show))
        .route("/v3/{project_id}/jobs/{job_id}", get(cloud_v3::cfw_job))
        .route_layer(middleware::from_fn_with_state(state, auth::cloud))
        .route("/v3/auth/tokens", post(cloud_v3::iam_tokens))
        .layer(middleware::from_fn(rejection::cloud))
}

/// ModelArts visualization jobs, behind the token check.
pub fn modelarts_router(state: AppState) -> Router<AppState> {
    let jobs = "/v1/{project_id}/visualization-jobs";
    Router::new()
        .route(jobs, get(visualization::list).post(visualization::create))
        .route(
            &format!("{jobs}/{{job_id}}"),
            get(visualization::show)
                .put(visualization::update)
                .delete(visualization::delete),
        )
        .route(
            &format!("{jobs}/{{job_id}}/stop"),
            post(visualization::stop),
        )
        .route(
            &format!("{jobs}/{{job_id}}/restart"),
            post(visualization::restart),
        )
        .route(&format!("{jobs}/{{job_id}}/view"), get(visualization::view))
        .route_layer(middleware::from_fn_with_state(state, auth::modelarts))
        .layer(middleware::from_fn(rejection::modelarts))
}

/// The audit log as Cloud Trace Service's trace list, behind the credential check.
pub fn cts_router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/v3/{project_id}/traces", get(traces::list))
        .route_layer(middleware::from_fn_with_state(state, auth::cts))
        .layer(middleware::from_fn(rejection::cts))
}

async fn ges_not_found() -> ApiError {
    ApiError::bad_request("GES.8000", "no such API").with_status(StatusCode::NOT_FOUND)
}

/// The answer to a path no route matches, when it lies under a REST surface the console's
/// fallback would otherwise answer with its HTML 404: `/v2/…` answers 404 in the management
/// envelope (`GES.0016`, "resource not found"). (The router cannot hold a `/v2/{*rest}` route
/// beside `/v2/{project_id}/…`, as `/ges/{*rest}` is held beside `/ges/v1.0/…`: a catch-all
/// and a parameter may not share a segment.)
pub fn unknown_api_path(path: &str) -> Option<axum::response::Response> {
    use axum::response::IntoResponse;
    (path == "/v2" || path.starts_with("/v2/")).then(|| {
        ApiError::bad_request("GES.0016", "no such API")
            .with_status(StatusCode::NOT_FOUND)
            .on(crate::error::Surface::Management)
            .into_response()
    })
}

/// `GET /health`: 200 once the engine is open (the router only exists after that).
pub async fn health() -> &'static str {
    "ok"
}
