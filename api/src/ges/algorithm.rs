//! `POST …/graphs/{graph_name}/action?action_id=execute-algorithm` (REFERENCE §3.1).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Request body of execute-algorithm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::ExecuteAlgorithmRequest))]
pub struct ExecuteAlgorithmRequest {
    /// e.g. `pagerank`.
    #[serde(rename = "algorithmName")]
    pub algorithm_name: String,
    /// Algorithm parameters; a parameter sent as `null` takes its default.
    #[serde(default)]
    pub parameters: Map<String, Value>,
    /// `async` (default) or `sync` (path algorithms only).
    #[serde(
        rename = "executionMode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub execution_mode: Option<String>,
    /// Result offset for `sync` calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<Value>,
    /// Result limit for `sync` calls (≤ 100000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Value>,
}

/// Response of an async execute-algorithm: the job to poll.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::ExecuteAlgorithmResponse))]
pub struct ExecuteAlgorithmResponse {
    /// Empty on success.
    #[serde(rename = "errorMessage")]
    pub error_message: String,
    /// Empty on success.
    #[serde(rename = "errorCode")]
    pub error_code: String,
    /// The new job.
    #[serde(rename = "jobId")]
    pub job_id: String,
    /// GES job type number (1 = algorithm, as in the samples).
    #[serde(rename = "jobType")]
    pub job_type: i32,
}
