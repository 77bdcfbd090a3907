//! Request-body parsing with GES errors, for handlers that pick the body type from the query
//! (`?action_id=…`).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The raw body, or 413 when it exceeds the limit.
pub(crate) fn bytes(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::bad_request("GES.8000", "request body is too large")
                .with_status(StatusCode::PAYLOAD_TOO_LARGE)
        } else {
            ApiError::bad_request("GES.8000", format!("cannot read request body: {e}"))
        }
    })
}

/// Parses JSON; malformed JSON or wrong field types are GES.8000 with serde's explanation.
/// The whole body is checked first: deserializing into `T` skips the fields `T` does not
/// have without validating them, which would let invalid UTF-8 or a lone surrogate escape
/// through in an unknown field.
pub(crate) fn json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .and_then(|_| serde_json::from_slice(bytes))
        .map_err(|e| ApiError::bad_request("GES.8000", format!("invalid request body: {e}")))
}
