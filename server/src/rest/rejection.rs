//! Errors axum answers on its own, in the surface's envelope. axum refuses an undecodable path
//! parameter (`%FF`, a lone surrogate's bytes) with a plain-text 400 and a wrong method with an
//! empty 405; DECISIONS.md "Errors" wants every error of a REST surface in its envelope. This
//! layer turns any error response that is not JSON into an [`ApiError`] with the same status
//! (and `Allow` header), axum's text as the message, and the surface's code for a bad request
//! (`GES.8000` service plane, `GES.0001` management and cloud, `ModelArts.0101`) or for an
//! internal error (`GES.8002`). Responses the handlers build are JSON and pass untouched.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::http::header::{ALLOW, CONTENT_TYPE};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, Surface};

/// Most of a plain-text body read back into the message.
const MAX_TEXT: usize = 4096;

/// For the GES service plane and HyG.
pub(crate) async fn ges(req: Request, next: Next) -> Response {
    envelope(req, next, Surface::Ges).await
}

/// For the management plane v2.
pub(crate) async fn management(req: Request, next: Next) -> Response {
    envelope(req, next, Surface::Management).await
}

/// For the legacy management plane v1.
pub(crate) async fn management_v1(req: Request, next: Next) -> Response {
    envelope(req, next, Surface::ManagementV1).await
}

/// For the generic job query.
pub(crate) async fn cloud(req: Request, next: Next) -> Response {
    envelope(req, next, Surface::Cloud).await
}

/// For ModelArts visualization jobs.
pub(crate) async fn modelarts(req: Request, next: Next) -> Response {
    envelope(req, next, Surface::ModelArts).await
}

/// For the audit log's trace list (Cloud Trace Service).
pub(crate) async fn cts(req: Request, next: Next) -> Response {
    envelope(req, next, Surface::Cts).await
}

async fn envelope(req: Request, next: Next, surface: Surface) -> Response {
    let method = req.method().clone();
    let response = next.run(req).await;
    let status = response.status();
    let json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, MAX_TEXT)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let message = match (status, text.is_empty()) {
        (StatusCode::METHOD_NOT_ALLOWED, _) => format!("method [{method}] is not supported here"),
        (_, false) => text,
        (_, true) => status.canonical_reason().unwrap_or("refused").to_owned(),
    };
    let code = match (status.is_server_error(), surface) {
        (true, _) => "GES.8002",
        (false, Surface::Ges | Surface::ModelArts) => "GES.8000",
        (false, _) => "GES.0001",
    };
    let mut out = ApiError::bad_request(code, message)
        .with_status(status)
        .on(surface)
        .into_response();
    if let Some(allow) = parts.headers.get(ALLOW) {
        out.headers_mut().insert(ALLOW, allow.clone());
    }
    out
}
