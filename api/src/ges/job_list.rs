//! `GET …/graphs/{graph_name}/jobs/status?limit&offset` (REFERENCE §2.2, memory-edition item
//! shape of 2.2.13).

use serde::{Deserialize, Serialize};

/// Response of the job list. The count goes out under both names the docs use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::JobListResponse))]
pub struct JobListResponse {
    /// Empty on success.
    #[serde(rename = "errorMessage")]
    pub error_message: String,
    /// Empty on success.
    #[serde(rename = "errorCode")]
    pub error_code: String,
    /// `success`.
    pub result: String,
    /// Number of jobs matching (2.2.13 sample name).
    #[serde(rename = "jobCount")]
    pub job_count: u64,
    /// Same number (2025 DB-edition name).
    #[serde(rename = "totalCount")]
    pub total_count: u64,
    /// The page of jobs.
    pub jobs: Vec<JobListItem>,
}

/// One job of the list, 2.2.13 shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::JobListItem))]
pub struct JobListItem {
    /// Job id.
    #[serde(rename = "jobId")]
    pub job_id: String,
    /// `pending` | `running` | `success` | `failed`; a HyG job (sync, algorithm, delete):
    /// `pending` | `running` | `complete`, as the DB edition's list shows its jobs.
    pub status: String,
    /// A HyG job once `complete`: `success` | `failed` (DECISIONS.md renderings). Absent
    /// otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// `Algorithm`, `ImportGraph`, …
    #[serde(rename = "taskType")]
    pub task_type: String,
    /// The original request body as a JSON string (secrets redacted).
    #[serde(rename = "rawRequest")]
    pub raw_request: String,
    /// Whether a cancel can still work.
    #[serde(rename = "canStop")]
    pub can_stop: bool,
    /// 0–100.
    pub progress: u8,
    /// `yyyy-MM-dd HH:mm:ss` (no zone).
    #[serde(rename = "startTime")]
    pub start_time: String,
    /// `yyyy-MM-dd HH:mm:ss`, empty while running.
    #[serde(rename = "endTime")]
    pub end_time: String,
    /// Only on failure.
    #[serde(
        rename = "failReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub fail_reason: Option<String>,
    /// The old/DB-edition shape's `request{command,url,body}` (both shapes in one item);
    /// `url` is empty (graphjobs does not record the URL a job was submitted by).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<serde_json::Value>,
    /// Import jobs only: `[{"edgeFiles":[…]},{"vertexFiles":[…]},{"schemaFiles":[…]}]`, each
    /// file with `fileName`, `totalLines`/`successfulLines`/`failedLines` (schema files:
    /// `totalLabels`/`successfulLabels`/`failedLabels`), `startTime`/`endTime` (µs epoch) and
    /// `status`, as the 2.2.13 sample shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<serde_json::Value>>,
}
