//! `ApiError`: the service plane's error envelope (`{"errorCode","errorMessage","result"}`),
//! HTTP 400 for client errors as GES does (DECISIONS.md "Errors"), 401/403 for credentials,
//! 413 for oversized bodies. Internal details are logged, never sent; a full or read-only data
//! dir is named as such (still GES.8002, HTTP 500). Messages are clipped on the way out
//! ([`clip`]): a value quoted in one is cut to 64 characters, the whole to 1024.

use api::clip;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Which API family a route belongs to; decides the error envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Surface {
    /// `/ges/v1.0/…` (camelCase).
    #[default]
    Ges,
    /// `/v2/{project_id}/graphs…` (snake_case).
    Management,
    /// `/v1.0/{project_id}/graphs…`, the legacy management plane (camelCase).
    ManagementV1,
    /// `/v1/{project_id}/jobs/{job_id}`.
    Cloud,
    /// `/v1/{project_id}/visualization-jobs…` (`{"is_success":false,"error_code":"ModelArts.…"}`).
    ModelArts,
}

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

    /// Maps an engine error; `not_found` is the code this endpoint uses for a missing resource
    /// (GES varies it per endpoint: GES.8402 on job status, GES.8000 on the job list, …).
    pub fn from_engine(e: engine::Error, not_found: &'static str) -> Self {
        use engine::Error as E;
        match e {
            E::NotFound { what } => Self::bad_request(not_found, format!("{what} is not found")),
            E::InvalidArgument { code, message } => Self::bad_request(code, message),
            E::Conflict { message } => Self::bad_request("GES.8000", message),
            e @ E::QueueFull { .. } => Self::bad_request("GES.8000", e.to_string())
                .with_status(StatusCode::TOO_MANY_REQUESTS),
            E::Unauthenticated => Self::unauthenticated(),
            // GES lists no code of its own for a dependency being down: GES.8002 (its 500-class
            // code) with 503, so clients retry; the message names the part and what it said.
            e if e.is_unavailable() => {
                tracing::warn!(error = %e, "a shared part is unavailable");
                let what = match &e {
                    E::Unavailable { .. } => e.to_string(),
                    _ => "the job store (PostgreSQL) is unavailable".to_owned(),
                };
                Self::bad_request("GES.8002", format!("{what}; retry later"))
                    .with_status(StatusCode::SERVICE_UNAVAILABLE)
            }
            other => {
                tracing::error!(error = %other, "internal error");
                // A full or read-only data dir is named: the client can do nothing else about
                // it, and the operator reading the answer knows what to fix.
                let cause = other
                    .storage_fault()
                    .map_or_else(|| "internal error".to_string(), |f| f.to_string());
                Self::bad_request(
                    "GES.8002",
                    format!("{cause}; the server log has the details"),
                )
                .with_status(StatusCode::INTERNAL_SERVER_ERROR)
            }
        }
    }
}

impl ApiError {
    /// The same error with another HTTP status.
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// The same error rendered in another surface's envelope. ModelArts numbers errors in its
    /// own `ModelArts.*` space, so the shared GES codes are translated there: credentials
    /// (GES.8006/8007) → `ModelArts.0108`, internal (GES.8002) → `ModelArts.0010`, any other
    /// request error → `ModelArts.0101` (invalid argument).
    pub fn on(mut self, surface: Surface) -> Self {
        self.surface = surface;
        if surface == Surface::ModelArts && self.code.starts_with("GES.") {
            self.code = match self.code {
                "GES.8006" | "GES.8007" => "ModelArts.0108",
                "GES.8002" => "ModelArts.0010",
                _ => "ModelArts.0101",
            };
        }
        self
    }

    /// The same error with another code (surfaces number the same failure differently).
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
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
