//! GES management plane v2 job center (REFERENCE §6): `GET /v2/{project_id}/graphs/jobs` and
//! `GET /v2/{project_id}/graphs/{graph_id}/jobs/{job_id}/status`. snake_case; errors are
//! `{"error_code","error_msg"}`.

use serde::{Deserialize, Serialize};

/// The job center's `status` filter words, in lifecycle order: `waiting` is the documented word
/// for `pending`, `partiallyFailed` an import that rejected some rows (`convert::status` maps
/// each to the job states it matches).
pub const STATUS_FILTERS: [&str; 5] =
    ["waiting", "running", "success", "partiallyFailed", "failed"];

/// The v2 error envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management::ErrorBody))]
pub struct ErrorBody {
    /// e.g. `GES.7007`.
    pub error_code: String,
    /// Human-readable reason.
    pub error_msg: String,
}

impl ErrorBody {
    /// An error envelope.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error_code: code.into(),
            error_msg: message.into(),
        }
    }
}

/// Response of the job center list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management::JobList))]
pub struct JobList {
    /// Jobs matching the filter in all.
    pub job_count: u64,
    /// This page.
    pub job_list: Vec<Job>,
}

/// One job-center job (also the flat body of "show job").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management::Job))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management::ImportDetail))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management::ImportFile))]
pub struct ImportFile {
    /// Path as given.
    pub path: String,
    /// Where its rejected rows were logged; `null` when nowhere (as the doc's sample sends it).
    pub log: Option<String>,
    /// `success` | `failed` | `partFailed`.
    pub status: String,
    /// Failure cause; `null` when none (as the doc's sample sends it).
    pub cause: Option<String>,
    /// Lines read.
    pub total_lines: i64,
    /// Lines rejected.
    pub failed_lines: i64,
    /// Lines imported.
    pub successful_lines: i64,
}

/// `GET /v2/{project_id}/graphs`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management::GraphList))]
pub struct GraphList {
    /// Graphs in all.
    pub graph_count: u64,
    /// This page.
    pub graphs: Vec<Graph>,
}

/// `GET /v2/{project_id}/graphs/{graph_id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management::GraphDetail))]
pub struct GraphDetail {
    /// The graph.
    pub graph: Graph,
}

/// A graph as the management plane shows it. graphjobs graphs are in-memory graphs of one
/// server, so the instance fields of the cloud (VPC, flavour, AZ…) are absent; `id` is the name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management::Graph))]
pub struct Graph {
    /// Same as the name.
    pub id: String,
    /// Graph name.
    pub name: String,
    /// GES status code: `200` running (graphjobs graphs are always loaded when they exist).
    pub status: String,
    /// UTC `yyyy-MM-dd'T'HH:mm:ss`.
    pub created: String,
    /// UTC `yyyy-MM-dd'T'HH:mm:ss` of the last data change.
    pub updated: String,
    /// Engine version string.
    pub data_store_version: String,
    /// graphjobs extra: vertex count.
    pub vertex_num: u64,
    /// graphjobs extra: edge count.
    pub edge_num: u64,
    /// graphjobs extra: bumped on every write.
    pub version: i64,
    /// graphjobs extension (GES has no such field): the part count of a partitioned graph
    /// (imported with `partitions`; only distributed algorithm jobs run on it). Absent for a
    /// whole graph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partitions: Option<u32>,
}

/// `POST /v2/{project_id}/graphs` body: `{"graph": {"name": …}}` (other instance fields ignored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management::CreateGraphRequest))]
pub struct CreateGraphRequest {
    /// The graph to create.
    pub graph: CreateGraph,
}

/// Inside [`CreateGraphRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management::CreateGraph))]
pub struct CreateGraph {
    /// 4–50 characters, starting with a letter: letters, digits, `_` and `-`.
    pub name: String,
}

/// `POST /v2/{project_id}/graphs` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management::CreateGraphResponse))]
pub struct CreateGraphResponse {
    /// Graph id (= name).
    pub id: String,
    /// Graph name.
    pub name: String,
    /// The creation job in the job center.
    pub job_id: String,
}

/// Responses that only name the job they queued (import, clear, delete).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management::JobIdResponse))]
pub struct JobIdResponse {
    /// The job in the job center.
    pub job_id: String,
}

/// `POST /v2/{project_id}/graphs/{graph_id}/import-graph` body (snake_case, no OBS keys).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management::ImportGraphRequest))]
#[serde(deny_unknown_fields)]
pub struct ImportGraphRequest {
    /// Edge file or directory.
    pub edgeset_path: Option<String>,
    /// `csv` only.
    pub edgeset_format: Option<String>,
    /// Vertex file or directory.
    pub vertexset_path: Option<String>,
    /// `csv` only.
    pub vertexset_format: Option<String>,
    /// Metadata (schema) file.
    pub schema_path: Option<String>,
    /// Where rejected rows go.
    pub log_dir: Option<String>,
    /// Duplicate-edge handling.
    pub parallel_edge: Option<ParallelEdge>,
    /// Field delimiter.
    pub delimiter: Option<String>,
    /// Quote character.
    pub trim_quote: Option<String>,
    /// Accepted; graphjobs imports never block readers.
    pub offline: Option<bool>,
    /// A graphjobs extension: import partitioned into this many parts (1–256), as the GES
    /// body's `partitions`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partitions: Option<u32>,
}

/// `parallel_edge` of an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management::ParallelEdge))]
#[serde(deny_unknown_fields)]
pub struct ParallelEdge {
    /// `allow` | `ignore` | `override`.
    pub action: Option<String>,
    /// Key duplicates on ⟨src,dst⟩ (true) or ⟨src,dst,label⟩.
    pub ignore_label: Option<bool>,
}
