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
    /// Since 2.2.4, for the `filtered_*` algorithms: the vertices a path may visit
    /// (filtered-query filter format, REFERENCE §4.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vertex_filter: Option<Value>,
    /// Since 2.2.4, for the `filtered_*` algorithms: the edges a path may take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edge_filter: Option<Value>,
    /// Since 2.2.4, for `filtered_circle_detection`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<Value>,
}

impl ExecuteAlgorithmRequest {
    /// The algorithm's parameters with the top-level filters (where GES puts them) added
    /// under their own names, which the engine reads; a top-level filter wins over a copy
    /// inside `parameters`. An algorithm that takes no filter refuses them by name.
    pub fn parameters_with_filters(&self) -> Map<String, Value> {
        let mut parameters = self.parameters.clone();
        for (key, value) in [
            ("vertex_filter", &self.vertex_filter),
            ("edge_filter", &self.edge_filter),
            ("filters", &self.filters),
        ] {
            if let Some(v) = value {
                parameters.insert(key.to_owned(), v.clone());
            }
        }
        parameters
    }
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
