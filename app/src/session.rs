//! Server side of every console server function: the engine from context, the session cookie,
//! the current project and the token's role there, and [`reject`], which maps an error once at
//! the boundary (HTTP status, and a redirect to `/signin` when the session is gone).
//!
//! Roles: a server function that changes something asks for its session with [`session_as`]
//! and the least role it needs (`engine::auth::Role`: operator to submit, cancel, dump and
//! run visualization jobs, admin to import, clear and delete graphs); a lower role gets
//! [`AppError::Forbidden`], HTTP 403, whatever the page showed. Reads take any role
//! ([`session`]). `server/tests/api/console_roles.rs` calls every server function with every
//! role.
//!
//! [`resolve_session`] authenticates the cookie once per request, before the page or the
//! server function runs, so the pages (rendered on the server, synchronously) know the role
//! too ([`resolved_role`]) and leave out the controls it may not use.

use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use engine::Engine;
use engine::auth::{Grant, Role};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use crate::{cookie, error::AppError};

/// Where an unauthenticated request is sent.
const SIGN_IN: &str = "/signin";

/// The signed-in caller of a server function.
pub(crate) struct Session {
    /// The engine façade.
    pub(crate) engine: Engine,
    /// The current project: the one chosen in the switcher, else the first (sorted) of
    /// those the token may use.
    pub(crate) project: String,
    /// Every project the token may use, sorted.
    pub(crate) projects: Vec<String>,
    /// The token's role in `project`.
    pub(crate) role: Role,
}

/// A request's session as [`resolve_session`] found it (a request extension).
#[derive(Debug, Clone)]
pub(crate) struct ResolvedSession {
    /// The token's projects and roles, sorted by project.
    grants: Vec<Grant>,
    /// The current project.
    project: String,
}

impl ResolvedSession {
    /// From the token's `grants` and the project cookie; `None` without a project.
    fn new(mut grants: Vec<Grant>, wanted: Option<&str>) -> Option<Self> {
        grants.sort_by(|a, b| a.project.cmp(&b.project));
        let projects: Vec<String> = grants.iter().map(|g| g.project.clone()).collect();
        let project = cookie::choose(&projects, wanted)?;
        Some(Self { grants, project })
    }

    fn role(&self) -> Role {
        engine::auth::role::role_in(&self.grants, &self.project).unwrap_or(Role::Viewer)
    }

    /// Every project the token may use, with its role there.
    pub(crate) fn grants(&self) -> &[Grant] {
        &self.grants
    }

    /// The current project and the token's role there.
    pub(crate) fn current_grant(&self) -> Grant {
        Grant::new(self.project.clone(), self.role())
    }

    fn into_session(self, engine: Engine) -> Session {
        let role = self.role();
        Session {
            engine,
            projects: self.grants.into_iter().map(|g| g.project).collect(),
            project: self.project,
            role,
        }
    }
}

/// Middleware in front of the console's pages and server functions: authenticates the session
/// cookie once and puts the result in the request ([`ResolvedSession`]). Without a valid
/// session (or when the job store cannot answer) it adds nothing, and [`session`] answers for
/// itself: a redirect to sign in, or the store's error.
pub async fn resolve_session(
    State(engine): State<Engine>,
    mut req: Request,
    next: Next,
) -> Response {
    let resolved = match cookie::session_token(req.headers()) {
        Some(token) => match engine.authenticate(token).await {
            Ok(grants) => {
                ResolvedSession::new(grants, cookie::named(req.headers(), cookie::PROJECT))
            }
            Err(_) => None,
        },
        None => None,
    };
    if let Some(resolved) = resolved {
        req.extensions_mut().insert(resolved);
    }
    next.run(req).await
}

/// Renders what follows in the current owner as a request of a session with `role` in project
/// `p1` (as [`resolve_session`] leaves it), for tests of the pages.
#[cfg(test)]
pub(crate) fn provide_test_session(role: Role) {
    let (mut parts, ()) = axum::http::Request::new(()).into_parts();
    let resolved = ResolvedSession::new(vec![Grant::new("p1", role)], None);
    parts.extensions.insert(resolved.expect("one project"));
    provide_context(parts);
}

/// The signed-in token's role in the current project, for the page being rendered; `None`
/// without a session (the page then sends the browser to sign in).
pub(crate) fn resolved_role() -> Option<Role> {
    use_context::<Parts>()?
        .extensions
        .get::<ResolvedSession>()
        .map(ResolvedSession::role)
}

/// The engine the server put into the Leptos context.
pub(crate) fn engine() -> Result<Engine, AppError> {
    use_context::<Engine>().ok_or_else(|| {
        tracing::error!("engine::Engine is missing from the Leptos context");
        AppError::Internal
    })
}

/// Authenticates the `gj_session` cookie of the current request.
///
/// # Errors
/// [`AppError::Unauthenticated`] (after [`reject`]) when the cookie is missing or its token is
/// unknown; engine failures as mapped by [`reject`].
pub(crate) async fn session() -> Result<Session, AppError> {
    let engine = engine()?;
    let resolved =
        use_context::<Parts>().and_then(|parts| parts.extensions.get::<ResolvedSession>().cloned());
    if let Some(resolved) = resolved {
        return Ok(resolved.into_session(engine));
    }
    let headers: HeaderMap = leptos_axum::extract()
        .await
        .map_err(|e| reject(AppError::Transport(e.to_string())))?;
    let token = cookie::session_token(&headers).ok_or_else(|| reject(AppError::Unauthenticated))?;
    let grants = engine.authenticate(token).await.map_err(reject)?;
    let resolved = ResolvedSession::new(grants, cookie::named(&headers, cookie::PROJECT))
        .ok_or_else(|| reject(AppError::Unauthenticated))?;
    Ok(resolved.into_session(engine))
}

/// [`session`] for a server function that changes something: the token's role in the current
/// project must be `needed` or above, else [`AppError::Forbidden`] (403).
///
/// # Errors
/// As [`session`]; [`AppError::Forbidden`] for a role below `needed`.
pub(crate) async fn session_as(needed: Role) -> Result<Session, AppError> {
    let s = session().await?;
    if s.role.allows(needed) {
        return Ok(s);
    }
    let needs = match needed {
        Role::Admin => "the admin role".to_owned(),
        other => format!("the {other} or admin role"),
    };
    Err(reject(AppError::Forbidden(format!(
        "Your role in project {} is {}: this needs {needs}.",
        s.project, s.role
    ))))
}

/// Maps an error at the server-function boundary: sets the response status and, for
/// [`AppError::Unauthenticated`], redirects to `/signin`. That redirect is a 302 when a page is
/// being rendered; when the browser called the function, the server-function client ignores
/// redirects on error statuses, so `ErrorNotice` navigates instead.
pub(crate) fn reject(err: impl Into<AppError>) -> AppError {
    let err = refuse(err);
    if err == AppError::Unauthenticated {
        leptos_axum::redirect(SIGN_IN);
    }
    err
}

/// Sends the browser on after a form queued a job: to the job's page, or, for a refusal the
/// form can show (bad input, a missing graph, a full queue), to `refused_url` of the reason,
/// back to the form filled as it was; any other error is the call's ([`reject`]).
pub(crate) fn redirect_queued(
    queued: Result<engine::JobRecord, AppError>,
    refused_url: impl FnOnce(&str) -> String,
) -> Result<(), AppError> {
    match queued {
        Ok(job) => leptos_axum::redirect(&format!("/jobs/{}", job.id.0)),
        Err(e @ (AppError::Invalid(_) | AppError::NotFound(_) | AppError::Busy(_))) => {
            leptos_axum::redirect(&refused_url(&e.to_string()))
        }
        Err(e) => return Err(reject(e)),
    }
    Ok(())
}

/// Like [`reject`] without the redirect (the sign-in form shows its own error).
pub(crate) fn refuse(err: impl Into<AppError>) -> AppError {
    let err = err.into();
    // The audit of a call that changes something records it as refused (`console_audit`).
    if let Some(outcome) = use_context::<Parts>().and_then(|p| {
        p.extensions
            .get::<crate::call_outcome::ConsoleOutcome>()
            .cloned()
    }) {
        outcome.refused(err.status(), err.to_string());
    }
    // A form posted without JavaScript gets a 302 back to its page with the error in the URL
    // (which `ServerAction` reads back); an error status would stop the browser there.
    if let Some(res) = use_context::<ResponseOptions>().filter(|_| !is_plain_form_post()) {
        res.set_status(
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    err
}

/// Whether the current request is an HTML form submitted by the browser itself (no wasm):
/// not a GET, and asking for HTML rather than the server-function client's JSON.
fn is_plain_form_post() -> bool {
    use_context::<Parts>().is_some_and(|parts| {
        let accepts_html = parts
            .headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        accepts_html && parts.method != Method::GET
    })
}

/// Adds a `Set-Cookie` header to the response.
pub(crate) fn set_cookie(value: &str) -> Result<(), AppError> {
    let value = HeaderValue::from_str(value).map_err(|_| AppError::Internal)?;
    let res = use_context::<ResponseOptions>().ok_or(AppError::Internal)?;
    res.append_header(header::SET_COOKIE, value);
    Ok(())
}

/// The server clock in Unix milliseconds, sent along with job data so that durations of
/// running jobs render the same during SSR and hydration.
pub(crate) fn now_ms() -> i64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}
