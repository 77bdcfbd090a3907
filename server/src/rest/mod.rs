//! The REST surfaces. Handlers are thin adapters: extract → one engine call → DTO.

mod algorithm;
pub mod auth;
mod body;
pub mod extract;
mod graph_action;
mod import;
mod jobs;

use axum::Router;
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::{any, get, post};

use crate::error::GesError;
use crate::state::AppState;

/// Routes of the GES service plane, behind the token check.
pub fn ges_router(state: AppState) -> Router<AppState> {
    let g = "/ges/v1.0/{project_id}/graphs/{graph_name}";
    Router::new()
        .route(&format!("{g}/action"), post(graph_action::action))
        .route(&format!("{g}/jobs/status"), get(jobs::list))
        .route(&format!("{g}/jobs/{{job_id}}/status"), get(jobs::status))
        .route(&format!("{g}/jobs/{{job_id}}"), axum::routing::delete(jobs::cancel))
        .route_layer(middleware::from_fn_with_state(state, auth::require_token))
        // Unknown paths under /ges answer in the GES envelope, not the console's 404 page.
        .route("/ges/{*rest}", any(ges_not_found))
}

async fn ges_not_found() -> GesError {
    GesError { status: StatusCode::NOT_FOUND, code: "GES.8000", message: "no such API".into() }
}

/// `GET /health`: 200 once the engine is open (the router only exists after that).
pub async fn health() -> &'static str {
    "ok"
}
