//! `JobOptions`: the submit options a client may send as headers on any request that queues a
//! job — `X-Idempotency-Key` (the same key in the same project always answers with the same
//! job; reusing it for a different request is refused) and `X-Job-Priority` (an integer, higher
//! runs first), and `X-Executor` (`local` or `distributed`: which executor runs an algorithm
//! job, [`engine::distributed`]). None exists in the cloud APIs; both are optional, and clients that do not
//! send them get the cloud behaviour.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::error::ApiError;

/// Header naming the idempotency key.
pub(crate) const IDEMPOTENCY_HEADER: &str = "x-idempotency-key";
/// Header carrying the priority.
pub(crate) const PRIORITY_HEADER: &str = "x-job-priority";
/// Header choosing an algorithm job's executor (`local` or `distributed`).
pub(crate) const EXECUTOR_HEADER: &str = "x-executor";

/// The request's submit options (defaults when no header is sent).
#[derive(Debug, Clone, Default)]
pub(crate) struct JobOptions(pub engine::SubmitOptions);

impl<S: Send + Sync> FromRequestParts<S> for JobOptions {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let header = |name: &str| -> Result<Option<String>, ApiError> {
            match parts.headers.get(name) {
                None => Ok(None),
                Some(v) => v.to_str().map(|s| Some(s.trim().to_owned())).map_err(|_| {
                    ApiError::bad_request("GES.8000", format!("header [{name}] must be ASCII"))
                }),
            }
        };
        let mut options = engine::SubmitOptions {
            idempotency_key: header(IDEMPOTENCY_HEADER)?,
            ..Default::default()
        };
        if let Some(p) = header(PRIORITY_HEADER)? {
            options.priority = p.parse().map_err(|_| {
                ApiError::bad_request(
                    "GES.8000",
                    format!("header [{PRIORITY_HEADER}] must be an integer, got {p:?}"),
                )
            })?;
        }
        if let Some(e) = header(EXECUTOR_HEADER)? {
            options.executor = engine::distributed::Executor::parse(&e).ok_or_else(|| {
                ApiError::bad_request(
                    "GES.8000",
                    format!("header [{EXECUTOR_HEADER}] must be local or distributed, got {e:?}"),
                )
            })?;
        }
        options.validate()?;
        Ok(Self(options))
    }
}
