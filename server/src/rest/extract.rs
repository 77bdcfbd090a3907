//! Extractors whose rejections are GES envelopes (never axum's plain-text bodies).

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// `Json<T>` with GES errors: malformed JSON or wrong types → 400 GES.8000; too large → 413.
#[derive(Debug)]
pub struct GesJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for GesJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Self(v)),
            Err(JsonRejection::BytesRejection(e))
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE =>
            {
                Err(
                    ApiError::bad_request("GES.8000", "request body is too large")
                        .with_status(StatusCode::PAYLOAD_TOO_LARGE),
                )
            }
            Err(e) => Err(ApiError::bad_request(
                "GES.8000",
                format!("invalid request body: {}", e.body_text()),
            )),
        }
    }
}

/// Parses a non-negative integer query parameter (GES sends them as strings or numbers), with
/// a default and an upper bound; anything else is a GES.8000 naming the parameter.
pub fn query_u64(
    query: &std::collections::HashMap<String, String>,
    name: &str,
    default: u64,
    max: u64,
) -> Result<u64, ApiError> {
    match query.get(name) {
        None => Ok(default),
        Some(raw) if raw.is_empty() => Ok(default),
        Some(raw) => match raw.trim().parse::<u64>() {
            Ok(v) if v <= max => Ok(v),
            Ok(_) => Err(ApiError::bad_request(
                "GES.8000",
                format!("parameter [{name}] must be at most {max}"),
            )),
            Err(_) => Err(ApiError::bad_request(
                "GES.8000",
                format!("parameter [{name}] must be a non-negative integer"),
            )),
        },
    }
}

/// Like [`query_u64`] for a JSON body field that GES clients send as a number or a string.
pub fn json_u64(
    value: Option<&serde_json::Value>,
    name: &str,
    default: u64,
    max: u64,
) -> Result<u64, ApiError> {
    let parsed = match value {
        None | Some(serde_json::Value::Null) => return Ok(default),
        Some(serde_json::Value::Number(n)) => n.as_u64(),
        Some(serde_json::Value::String(s)) => s.trim().parse::<u64>().ok(),
        Some(_) => None,
    };
    match parsed {
        Some(v) if v <= max => Ok(v),
        Some(_) => Err(ApiError::bad_request(
            "GES.8000",
            format!("parameter [{name}] must be at most {max}"),
        )),
        None => Err(ApiError::bad_request(
            "GES.8000",
            format!("parameter [{name}] must be a non-negative integer"),
        )),
    }
}
