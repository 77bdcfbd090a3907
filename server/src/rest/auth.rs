//! Credential check for every REST surface: an `X-Auth-Token`, or an AK/SK request signed with
//! `SDK-HMAC-SHA256` as the official SDKs send it, must be valid for the path's project, and its
//! role there must allow the route (`super::access`). 401 without a valid token; 403 for another
//! project's token, decided before any lookup so nothing leaks about the other project's
//! resources; 403 for a role below the route's. Errors use the surface's envelope (GES.8007 /
//! GES.8006 as DECISIONS.md "Errors" says, GES.8020 for a role). A valid credential's request
//! that may change something is recorded in the audit log with its answer (`super::audit`).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use axum::extract::MatchedPath;
use engine::audit::Actor;
use engine::auth::Role;

use super::access::{self, Access};
use super::audit::Pending;
use crate::error::{ApiError, Surface};
use crate::state::AppState;

/// The project a request is authorised for (inserted as a request extension).
#[derive(Debug, Clone)]
pub struct Project(pub String);

/// The caller's role in [`Project`] (inserted as a request extension next to it).
#[derive(Debug, Clone, Copy)]
pub struct CallerRole(pub Role);

/// For `/ges/v1.0/{project_id}/…`.
pub async fn ges(state: State<AppState>, req: Request, next: Next) -> Response {
    check(state, req, next, 3, Surface::Ges).await
}

/// For `/v2/{project_id}/…`.
pub async fn management(state: State<AppState>, req: Request, next: Next) -> Response {
    check(state, req, next, 2, Surface::Management).await
}

/// For the legacy `/v1.0/{project_id}/graphs…` (camelCase envelope, as the service plane).
pub async fn management_v1(state: State<AppState>, req: Request, next: Next) -> Response {
    check(state, req, next, 2, Surface::ManagementV1).await
}

/// For `/v1/{project_id}/jobs/…`.
pub async fn cloud(state: State<AppState>, req: Request, next: Next) -> Response {
    check(state, req, next, 2, Surface::Cloud).await
}

/// For `/v1/{project_id}/visualization-jobs…`.
pub async fn modelarts(state: State<AppState>, req: Request, next: Next) -> Response {
    check(state, req, next, 2, Surface::ModelArts).await
}

/// For `/v3/{project_id}/traces` (the audit log, CTS's envelope).
pub async fn cts(state: State<AppState>, req: Request, next: Next) -> Response {
    check(state, req, next, 2, Surface::Cts).await
}

async fn check(
    State(state): State<AppState>,
    req: Request,
    next: Next,
    segment: usize,
    surface: Surface,
) -> Response {
    let project = req
        .uri()
        .path()
        .split('/')
        .nth(segment)
        .unwrap_or_default()
        .to_owned();
    let signed = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.starts_with(engine::auth::signature::ALGORITHM))
        .map(str::to_owned);
    let (mut req, outcome, actor) = match signed {
        Some(authorization) => {
            let actor = engine::auth::signature::parse_authorization(&authorization)
                .map(|p| Actor::access_key(p.access))
                .ok();
            match authenticate_signed(&state, req, &authorization).await {
                Ok((req, outcome)) => (req, outcome, actor),
                Err(response) => return response,
            }
        }
        None => {
            let token = req
                .headers()
                .get("x-auth-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            let outcome = state.engine.authenticate(&token).await;
            (
                req,
                outcome,
                Some(Actor::token(engine::auth::token_id(&token))),
            )
        }
    };
    match outcome {
        Ok(grants) => match engine::auth::role::role_in(&grants, &project) {
            Some(role) => {
                let template = req
                    .extensions()
                    .get::<MatchedPath>()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_default();
                let refusal = match access::needed(req.method(), &template, req.uri()) {
                    Access::Needs(needed) if role.allows(needed) => None,
                    Access::Needs(needed) => Some(access::refused(role, Some(needed), surface)),
                    Access::WrongMethod(allow) => {
                        // Plain, as axum's own 405: the surface's rejection layer puts it in
                        // the envelope and keeps `Allow`.
                        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, allow)])
                            .into_response();
                    }
                    Access::NoRule => {
                        tracing::error!(route = %template, method = %req.method(),
                            "a REST route has no access rule (no row in openapi::operations)");
                        return access::refused(role, None, surface).into_response();
                    }
                };
                // A valid credential's attempt to change something is recorded, refused or not.
                let pending = match actor {
                    Some(actor) => Pending::start(&mut req, &project, &template, actor, role).await,
                    None => None,
                };
                let response = match refusal {
                    Some(refusal) => refusal.into_response(),
                    None => {
                        req.extensions_mut().insert(Project(project));
                        req.extensions_mut().insert(CallerRole(role));
                        next.run(req).await
                    }
                };
                match pending {
                    Some(pending) => pending.finish(&state, response).await,
                    None => response,
                }
            }
            None => ApiError::forbidden().on(surface).into_response(),
        },
        Err(engine::Error::Unauthenticated) => {
            ApiError::unauthenticated().on(surface).into_response()
        }
        Err(e) => ApiError::from_engine(e, "GES.8000")
            .on(surface)
            .into_response(),
    }
}

/// Buffers the body (the signature covers it), verifies, and rebuilds the request.
async fn authenticate_signed(
    state: &AppState,
    req: Request,
    authorization: &str,
) -> Result<(Request, engine::Result<Vec<engine::auth::Grant>>), Response> {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, state.body_limit)
        .await
        .map_err(|_| {
            ApiError::bad_request("GES.8000", "request body is too large")
                .with_status(StatusCode::PAYLOAD_TOO_LARGE)
                .into_response()
        })?;
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .filter_map(|(k, v)| {
            v.to_str()
                .ok()
                .map(|v| (k.as_str().to_owned(), v.to_owned()))
        })
        .collect();
    let signed = engine::auth::signature::RequestParts {
        method: parts.method.as_str(),
        path: parts.uri.path(),
        query: parts.uri.query().unwrap_or_default(),
        headers: &headers,
        body: &bytes,
    };
    let outcome = state
        .engine
        .authenticate_signed(authorization, &signed)
        .await;
    Ok((Request::from_parts(parts, Body::from(bytes)), outcome))
}
