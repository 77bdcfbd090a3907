//! `GesError`: the service plane's error envelope (`{"errorCode","errorMessage","result"}`),
//! HTTP 400 for client errors as GES does (DECISIONS.md "Errors"), 401/403 for credentials,
//! 413 for oversized bodies. Internal details are logged, never sent.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// An error on a GES service-plane route.
#[derive(Debug, Clone, PartialEq)]
pub struct GesError {
    /// HTTP status.
    pub status: StatusCode,
    /// GES code, e.g. `GES.8402`.
    pub code: &'static str,
    /// Message for the client.
    pub message: String,
}

impl GesError {
    /// A 400 with a code.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self { status: StatusCode::BAD_REQUEST, code, message: message.into() }
    }

    /// Missing or invalid credential (GES.8007).
    pub fn unauthenticated() -> Self {
        Self { status: StatusCode::UNAUTHORIZED, code: "GES.8007", message: "invalid or missing X-Auth-Token".into() }
    }

    /// A credential of another project (GES.8006). Says nothing about whether the resource exists.
    pub fn forbidden() -> Self {
        Self {
            status: StatusCode::FORBIDDEN,
            code: "GES.8006",
            message: "the credential is not valid for this project".into(),
        }
    }

    /// Maps an engine error; `not_found` is the code this endpoint uses for a missing resource
    /// (GES varies it per endpoint: GES.8402 on job status, GES.8000 on the job list, …).
    pub fn from_engine(e: engine::Error, not_found: &'static str) -> Self {
        use engine::Error as E;
        match e {
            E::NotFound { what } => Self::bad_request(not_found, format!("{what} is not found")),
            E::InvalidArgument { code, message } => Self::bad_request(code, message),
            E::Conflict { message } => Self::bad_request("GES.8000", message),
            e @ E::QueueFull { .. } => {
                Self { status: StatusCode::TOO_MANY_REQUESTS, code: "GES.8000", message: e.to_string() }
            }
            E::Unauthenticated => Self::unauthenticated(),
            other => {
                tracing::error!(error = %other, "internal error");
                Self {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    code: "GES.8002",
                    message: "internal error; the server log has the details".into(),
                }
            }
        }
    }
}

impl IntoResponse for GesError {
    fn into_response(self) -> Response {
        (self.status, Json(api::ges::ErrorBody::new(self.code, self.message))).into_response()
    }
}
