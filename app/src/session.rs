//! Server side of every console server function: the engine from context, the session cookie,
//! the current project, and [`reject`], which maps an error once at the boundary (HTTP status,
//! and a redirect to `/signin` when the session is gone).

use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use engine::Engine;
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
    let headers: HeaderMap = leptos_axum::extract()
        .await
        .map_err(|e| reject(AppError::Transport(e.to_string())))?;
    let token = cookie::session_token(&headers).ok_or_else(|| reject(AppError::Unauthenticated))?;
    let mut projects = engine.authenticate(token).await.map_err(reject)?;
    projects.sort();
    let project = cookie::choose(&projects, cookie::named(&headers, cookie::PROJECT))
        .ok_or_else(|| reject(AppError::Unauthenticated))?;
    Ok(Session {
        engine,
        project,
        projects,
    })
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

/// Like [`reject`] without the redirect (the sign-in form shows its own error).
pub(crate) fn refuse(err: impl Into<AppError>) -> AppError {
    let err = err.into();
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
