//! Credential check for the GES surfaces: `X-Auth-Token` must name a token of the path's
//! project. 401 GES.8007 without a valid token; 403 GES.8006 for another project's token,
//! decided before any lookup so nothing leaks about the other project's resources.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::GesError;
use crate::state::AppState;

/// The project a request is authorised for (inserted as a request extension).
#[derive(Debug, Clone)]
pub struct Project(pub String);

/// Middleware for `/ges/v1.0/{project_id}/…`.
pub async fn require_token(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let project = req.uri().path().split('/').nth(3).unwrap_or_default().to_owned();
    let token = req.headers().get("x-auth-token").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    match state.engine.authenticate(&token).await {
        Ok(projects) if projects.iter().any(|p| *p == project) => {
            req.extensions_mut().insert(Project(project));
            next.run(req).await
        }
        Ok(_) => GesError::forbidden().into_response(),
        Err(engine::Error::Unauthenticated) => GesError::unauthenticated().into_response(),
        Err(e) => GesError::from_engine(e, "GES.8000").into_response(),
    }
}
