//! Credential check for every REST surface: `X-Auth-Token` must name a token of the path's
//! project. 401 without a valid token; 403 for another project's token, decided before any
//! lookup so nothing leaks about the other project's resources. Errors use the surface's
//! envelope (GES.8007 / GES.8006 as DECISIONS.md "Errors" says).

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, Surface};
use crate::state::AppState;

/// The project a request is authorised for (inserted as a request extension).
#[derive(Debug, Clone)]
pub struct Project(pub String);

/// For `/ges/v1.0/{project_id}/…`.
pub async fn ges(state: State<AppState>, req: Request, next: Next) -> Response {
    check(state, req, next, 3, Surface::Ges).await
}

/// For `/v2/{project_id}/…`.
pub async fn management(state: State<AppState>, req: Request, next: Next) -> Response {
    check(state, req, next, 2, Surface::Management).await
}

/// For `/v1/{project_id}/jobs/…`.
pub async fn cloud(state: State<AppState>, req: Request, next: Next) -> Response {
    check(state, req, next, 2, Surface::Cloud).await
}

async fn check(State(state): State<AppState>, mut req: Request, next: Next, segment: usize, surface: Surface) -> Response {
    let project = req.uri().path().split('/').nth(segment).unwrap_or_default().to_owned();
    let token = req.headers().get("x-auth-token").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    match state.engine.authenticate(&token).await {
        Ok(projects) if projects.iter().any(|p| *p == project) => {
            req.extensions_mut().insert(Project(project));
            next.run(req).await
        }
        Ok(_) => ApiError::forbidden().on(surface).into_response(),
        Err(engine::Error::Unauthenticated) => ApiError::unauthenticated().on(surface).into_response(),
        Err(e) => ApiError::from_engine(e, "GES.8000").on(surface).into_response(),
    }
}
