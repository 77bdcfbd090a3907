//! `ApiError`: an error on a REST route, rendered in its surface's envelope
//! (`{"errorCode","errorMessage","result"}` on the service plane, `{"error_code","error_msg"}`
//! on the management plane, …), HTTP 400 for client errors as GES does (DECISIONS.md
//! "Errors"), 401/403 for credentials, 413 for oversized bodies. Which code and status an
//! engine error gets on each surface is the `api` crate's (`api::convert::errors`, one function
//! per surface); the errors the server makes itself (bodies, query parameters, credentials) are
//! made in the service plane's codes and renumbered for their route's surface by
//! [`ApiError::on`]. Internal details are logged, never sent; a full or read-only data dir is
//! named as such (still GES.8002, HTTP 500). Messages are clipped on the way out ([`clip`]): a
//! value quoted in one is cut to 64 characters, the whole to 1024.

use api::clip;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub use api::convert::errors::Surface;

/// An error on a REST route.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// Envelope to render it in.
    pub surface: Surface,
    /// HTTP status.
    pub status: StatusCode,
    /// GES code, e.g. `GES.8402`.
    pub code: &'static str,
    /// Message for the client.
    pub message: String,
}

impl ApiError {
    /// A 400 with a code.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            surface: Surface::Ges,
            status: StatusCode::BAD_REQUEST,
            code,
            message: message.into(),
        }
    }

    /// Missing or invalid credential (GES.8007).
    pub fn unauthenticated() -> Self {
        Self {
            surface: Surface::Ges,
            status: StatusCode::UNAUTHORIZED,
            code: "GES.8007",
            message: "invalid or missing X-Auth-Token".into(),
        }
    }

    /// A credential of another project (GES.8006). Says nothing about whether the resource exists.
    pub fn forbidden() -> Self {
        Self {
            surface: Surface::Ges,
            status: StatusCode::FORBIDDEN,
            code: "GES.8006",
            message: "the credential is not valid for this project".into(),
        }
    }

    /// An engine error on the service plane; `not_found` is the code this endpoint uses for a
    /// missing resource (GES varies it per endpoint: GES.8402 on job status, GES.8000 on the
    /// job list, …).
    pub fn from_engine(e: engine::Error, not_found: &'static str) -> Self {
        Self::from_engine_on(Surface::Ges, e, not_found)
    }

    /// An engine error on `surface`, in its codes ([`Surface::engine_error`]) and envelope. A
    /// shared part out of reach is logged as a warning, an internal error as an error (its
    /// details only there).
    pub fn from_engine_on(surface: Surface, e: engine::Error, not_found: &'static str) -> Self {
        if e.is_unavailable() {
            tracing::warn!(error = %e, "a shared part is unavailable");
        } else if e.is_internal() {
            tracing::error!(error = %e, "internal error");
        }
        let wire = surface.engine_error(&e, not_found);
        Self {
            surface,
            status: StatusCode::from_u16(wire.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            code: wire.code,
            message: wire.message,
        }
    }
}

impl ApiError {
    /// The same error with another HTTP status.
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// The same error on another surface: its envelope, and its number for the failure
    /// ([`Surface::code`]: the management planes' `GES.0001` for a bad parameter, ModelArts'
    /// own `ModelArts.*` codes).
    pub fn on(mut self, surface: Surface) -> Self {
        self.surface = surface;
        self.code = surface.code(self.code);
        self
    }
}

/// An engine error on the service plane, with `GES.8000` for a missing resource (the code most
/// of its endpoints use; those that use another call [`ApiError::from_engine`]).
impl From<engine::Error> for ApiError {
    fn from(e: engine::Error) -> Self {
        Self::from_engine(e, "GES.8000")
    }
}

impl IntoResponse for ApiError {
    fn into_response(mut self) -> Response {
        self.message = clip::clip_message(&self.message);
        let body = match self.surface {
            Surface::Ges => serde_json::to_value(api::ges::ErrorBody::new(self.code, self.message)),
            Surface::Management => {
                serde_json::to_value(api::management::ErrorBody::new(self.code, self.message))
            }
            Surface::ManagementV1 => {
                serde_json::to_value(api::management_v1::ErrorBody::new(self.code, self.message))
            }
            Surface::Cloud => {
                serde_json::to_value(api::cloud::ErrorBody::new(self.code, self.message))
            }
            Surface::ModelArts => {
                serde_json::to_value(api::modelarts::ErrorBody::new(self.code, self.message))
            }
            Surface::Cts => serde_json::to_value(api::cts::ErrorBody::new(self.code, self.message)),
        };
        (self.status, Json(body.unwrap_or_default())).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn internal(e: engine::Error) -> ApiError {
        ApiError::from_engine(e, "GES.8402")
    }

    #[test]
    fn a_full_or_read_only_data_dir_is_named_other_internal_errors_are_not() {
        let full = internal(engine::Error::Io(std::io::Error::from_raw_os_error(28)));
        assert_eq!(
            (full.status, full.code, full.message.as_str()),
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "GES.8002",
                "the data dir is full (no space left on device); the server log has the details"
            )
        );
        let ro = internal(engine::Error::Io(std::io::Error::from_raw_os_error(30)));
        assert!(
            ro.message.starts_with("the data dir is read-only;"),
            "{}",
            ro.message
        );
        let other = internal(engine::Error::Internal("secret detail".into()));
        assert_eq!(
            other.message,
            "internal error; the server log has the details"
        );
    }
}
