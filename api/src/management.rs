//! GES management plane v2 job center (REFERENCE §6): `GET /v2/{project_id}/graphs/jobs` and
//! `GET /v2/{project_id}/graphs/{graph_id}/jobs/{job_id}/status`. snake_case; errors are
//! `{"error_code","error_msg"}`.

use serde::{Deserialize, Serialize};

/// The v2 error envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// e.g. `GES.7007`.
    pub error_code: String,
    /// Human-readable reason.
    pub error_msg: String,
}

impl ErrorBody {
    /// An error envelope.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self { error_code: code.into(), error_msg: message.into() }
    }
}

/// Response of the job center list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobList {
    /// Jobs matching the filter in all.
    pub job_count: u64,
    /// This page.
    pub job_list: Vec<Job>,
}

/// One job-center job (also the flat body of "show job").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// Job id.
    pub job_id: String,
    /// `pending` | `running` | `success` | `failed` | `partiallyFailed`.
    pub status: String,
    /// `GraphManagement`.
    pub job_type: String,
    /// `ImportGraph`, …
    pub job_name: String,
    /// Graph name.
    pub related_graph: String,
    /// UTC `yyyy-MM-dd'T'HH:mm:ss`.
    pub begin_time: String,
    /// UTC `yyyy-MM-dd'T'HH:mm:ss`; empty while running.
    pub end_time: String,
    /// Only for `ImportGraph`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_detail: Option<ImportDetail>,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_reason: Option<String>,
    /// Reserved by GES (always 0 there); we send the real progress 0–100.
    pub job_progress: f64,
}

/// Per-file import detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ImportDetail {
    /// Schema files.
    pub schema_path: Vec<ImportFile>,
    /// Edge files.
    pub edgeset_path: Vec<ImportFile>,
    /// Vertex files.
    pub vertexset_path: Vec<ImportFile>,
}

/// One imported file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportFile {
    /// Path as given.
    pub path: String,
    /// Where its rejected rows were logged, if anywhere.
    pub log: String,
    /// `success` | `failed` | `partFailed`.
    pub status: String,
    /// Failure cause.
    pub cause: String,
    /// Lines read.
    pub total_lines: i64,
    /// Lines rejected.
    pub failed_lines: i64,
    /// Lines imported.
    pub successful_lines: i64,
}
