//! [`AppError`]: the one error type of the console's server functions, mapped once from
//! [`engine::Error`] at the server-function boundary and shown by `ErrorNotice`.

use std::fmt;

use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};

/// What a console server function can fail with. Every message is safe to show: internal
/// faults are logged on the server and reach the browser only as [`AppError::Internal`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// No session cookie, or its token is unknown or revoked.
    Unauthenticated,
    /// The token's role in the project does not allow this (e.g. a viewer cancelling a job).
    Forbidden(String),
    /// The job or graph does not exist in the current project.
    NotFound(String),
    /// A parameter is missing or out of range.
    Invalid(String),
    /// The request does not fit the job's state (e.g. cancelling a finished job).
    Conflict(String),
    /// The job queue is full.
    Busy(String),
    /// A server-side fault; details are in the server log.
    Internal,
    /// The call did not reach the server function or its answer was unreadable.
    Transport(String),
}

impl AppError {
    /// The HTTP status the server function answers with.
    pub fn status(&self) -> u16 {
        match self {
            Self::Unauthenticated => 401,
            Self::Forbidden(_) => 403,
            Self::NotFound(_) => 404,
            Self::Invalid(_) => 400,
            Self::Conflict(_) => 409,
            Self::Busy(_) => 429,
            Self::Internal | Self::Transport(_) => 500,
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unauthenticated => f.write_str("Your session has ended. Please sign in again."),
            Self::NotFound(what)
            | Self::Forbidden(what)
            | Self::Invalid(what)
            | Self::Conflict(what)
            | Self::Busy(what) => f.write_str(what),
            Self::Internal => f.write_str("Something went wrong on the server. Please try again."),
            Self::Transport(detail) => write!(f, "Could not reach the server ({detail})."),
        }
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<engine::Error> for AppError {
    fn from(err: engine::Error) -> Self {
        use engine::Error as E;
        if err.is_internal() {
            tracing::error!(error = %err, "console server function failed");
            return Self::Internal;
        }
        // A message quotes the value it refuses; a huge one is cut as on the REST surfaces.
        let message = api::clip::clip_message(&err.to_string());
        match err {
            E::Unauthenticated => Self::Unauthenticated,
            E::NotFound { .. } => Self::NotFound(capitalise(&message)),
            E::InvalidArgument { .. } => Self::Invalid(message),
            E::Conflict { .. } => Self::Conflict(message),
            E::QueueFull { .. } | E::Unavailable { .. } => Self::Busy(message),
            _ => Self::Invalid(message),
        }
    }
}

/// `job 123 not found` → `Job 123 not found`.
#[cfg(feature = "ssr")]
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn engine_errors_map_to_safe_messages() {
        let e: AppError = engine::Error::not_found("job 42").into();
        assert_eq!(e, AppError::NotFound("Job 42 not found".into()));
        assert_eq!(e.status(), 404);
        let e: AppError = engine::Error::Unauthenticated.into();
        assert_eq!(e.status(), 401);
        let e: AppError = engine::Error::Internal("disk on fire at /var/lib/x".into()).into();
        assert_eq!(e, AppError::Internal);
        assert!(!e.to_string().contains("disk"));
        let e: AppError = engine::Error::QueueFull { limit: 3 }.into();
        assert_eq!(e.status(), 429);
    }

    #[test]
    fn a_huge_refused_value_is_not_echoed_back() {
        let name = "g".repeat(10_000);
        let e: AppError = engine::Error::invalid(format!("graph name [{name}] is invalid")).into();
        let AppError::Invalid(message) = e else {
            panic!("{e:?}")
        };
        assert!(message.starts_with("graph name [ggg"), "{message}");
        assert!(message.ends_with("] is invalid"), "{message}");
        assert!(
            message.chars().count() <= api::clip::VALUE_LIMIT + 30,
            "{message}"
        );
    }

    #[test]
    fn errors_round_trip_through_the_wire_encoding() {
        for e in [
            AppError::Unauthenticated,
            AppError::Forbidden("Your role in project demo is viewer.".into()),
            AppError::Conflict("job already finished".into()),
        ] {
            assert_eq!(AppError::de(e.ser()), e);
        }
    }
}
