//! Request-body parsing with GES errors, for handlers that pick the body type from the query
//! (`?action_id=…`).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::GesError;

/// The raw body, or 413 when it exceeds the limit.
pub(crate) fn bytes(body: Result<Bytes, BytesRejection>) -> Result<Bytes, GesError> {
    body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            GesError { status: StatusCode::PAYLOAD_TOO_LARGE, code: "GES.8000", message: "request body is too large".into() }
        } else {
            GesError::bad_request("GES.8000", format!("cannot read request body: {e}"))
        }
    })
}

/// Parses JSON; malformed JSON or wrong field types are GES.8000 with serde's explanation.
pub(crate) fn json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, GesError> {
    serde_json::from_slice(bytes).map_err(|e| GesError::bad_request("GES.8000", format!("invalid request body: {e}")))
}
