//! `GET …/graphs/{graph_name}/jobs/{job_id}/status?offset&limit` (REFERENCE §2.1).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Response of the job status query. Results nest under `data.outputs` (DECISIONS.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::JobStatusResponse))]
pub struct JobStatusResponse {
    /// Empty unless the job failed (or was cancelled): then why, as in `failReason`.
    #[serde(rename = "errorMessage")]
    pub error_message: String,
    /// Empty unless the job failed (or was cancelled): then its code, e.g. `GES.8301`.
    #[serde(rename = "errorCode")]
    pub error_code: String,
    /// `pending` | `running` | `success` | `failed`; a HyG job (sync, algorithm, delete):
    /// `pending` | `running` | `complete` (REFERENCE §13 #2).
    pub status: String,
    /// A HyG job once `complete`: `success` | `failed`. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// Present once the job has produced something.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<JobStatusData>,
    /// The failure reason (failed and cancelled jobs).
    #[serde(
        rename = "failReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub fail_reason: Option<String>,
    /// 0–100 (extra field, as in the job list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<u8>,
    /// graphjobs extra: the graph version the job read.
    #[serde(
        rename = "graphVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub graph_version: Option<i64>,
    /// graphjobs extra: true when the graph has changed since the job read it, so the result
    /// describes an older version of the graph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale: Option<bool>,
}

/// `data` of a job status response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::JobStatusData))]
pub struct JobStatusData {
    /// Algorithm-specific keys plus `data_return_size`, `data_offset`, `data_total_size`,
    /// `runtime`, and the page of rows under the algorithm's key (`results`, `vertices`, `path`…).
    pub outputs: Map<String, Value>,
}

/// [`JobStatusResponse`] with `data.outputs` of any type: how the server writes the answer
/// (`outputs` holding the stored JSON of the rows, not a `Value` per row). The same fields,
/// names and order, so the same JSON as [`JobStatusResponse`] with the same outputs (pinned
/// byte for byte by `server/tests/api/status_cache.rs`).
#[derive(Debug, Clone, Serialize)]
pub struct JobStatusResponseOf<O> {
    /// As [`JobStatusResponse::error_message`].
    #[serde(rename = "errorMessage")]
    pub error_message: String,
    /// As [`JobStatusResponse::error_code`].
    #[serde(rename = "errorCode")]
    pub error_code: String,
    /// As [`JobStatusResponse::status`].
    pub status: String,
    /// As [`JobStatusResponse::result`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// As [`JobStatusResponse::data`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<JobStatusDataOf<O>>,
    /// As [`JobStatusResponse::fail_reason`].
    #[serde(rename = "failReason", skip_serializing_if = "Option::is_none")]
    pub fail_reason: Option<String>,
    /// As [`JobStatusResponse::progress`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<u8>,
    /// As [`JobStatusResponse::graph_version`].
    #[serde(rename = "graphVersion", skip_serializing_if = "Option::is_none")]
    pub graph_version: Option<i64>,
    /// As [`JobStatusResponse::stale`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stale: Option<bool>,
}

/// `data` of a [`JobStatusResponseOf`].
#[derive(Debug, Clone, Serialize)]
pub struct JobStatusDataOf<O> {
    /// As [`JobStatusData::outputs`].
    pub outputs: O,
}

impl From<JobStatusResponseOf<Map<String, Value>>> for JobStatusResponse {
    fn from(r: JobStatusResponseOf<Map<String, Value>>) -> Self {
        Self {
            error_message: r.error_message,
            error_code: r.error_code,
            status: r.status,
            result: r.result,
            data: r.data.map(|d| JobStatusData { outputs: d.outputs }),
            fail_reason: r.fail_reason,
            progress: r.progress,
            graph_version: r.graph_version,
            stale: r.stale,
        }
    }
}
