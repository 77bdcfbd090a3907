//! The generic cloud job query `GET /v1/{project_id}/jobs/{job_id}` (REFERENCE §10): every job,
//! with its parts under `entities.sub_jobs`. Explicit `null`s for `error_code`/`fail_reason` on
//! success (DECISIONS.md).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `{"error":{"message","code"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = cloud::ErrorBody))]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// Inside [`ErrorBody`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = cloud::ErrorDetail))]
pub struct ErrorDetail {
    /// Human-readable reason.
    pub message: String,
    /// Code.
    pub code: String,
}

impl ErrorBody {
    /// An error envelope.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error: ErrorDetail {
                message: message.into(),
                code: code.into(),
            },
        }
    }
}

/// A job (or sub-job) of the generic query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = cloud::Job))]
pub struct Job {
    /// `INIT` | `RUNNING` | `SUCCESS` | `FAIL`.
    pub status: String,
    /// For a job: `sub_jobs_total` and `sub_jobs`, plus what it acted on; for a sub-job: what it
    /// acted on (e.g. an imported file and its line counters).
    pub entities: Map<String, Value>,
    /// Job id.
    pub job_id: String,
    /// e.g. `ImportGraph`, `Algorithm`, `importGraphFile`.
    pub job_type: String,
    /// ISO 8601 with milliseconds and `Z`.
    pub begin_time: Option<String>,
    /// ISO 8601 with milliseconds and `Z`; `null` while running.
    pub end_time: Option<String>,
    /// `null` unless failed.
    pub error_code: Option<String>,
    /// `null` unless failed.
    pub fail_reason: Option<String>,
}
