//! HyG bodies and answers (REFERENCE §13). Requests are read by `engine::hyg` (which names the
//! offending field); these types document the shapes and render the answers.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `POST /ges/v1.0/{project_id}/hyg/{graph_name}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::HygCreateRequest))]
#[serde(rename_all = "camelCase")]
pub struct HygCreateRequest {
    /// Partition policy; only `oec` (the default).
    pub policy: Option<String>,
    /// Keep in-edges (needed by k_hop with mode IN/ALL); default false.
    pub in_edge: Option<bool>,
}

/// One label of a sync body or a summary: `{label, property[]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::HygLabel))]
pub struct HygLabel {
    /// Label name.
    pub label: String,
    /// Property names.
    pub property: Vec<String>,
}

/// `POST …/hyg/{graph_name}/sync`. Only the first sync's lists count; empty lists sync no
/// properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::HygSyncRequest))]
pub struct HygSyncRequest {
    /// Vertex labels and their properties.
    pub vertex: Option<Vec<HygLabel>>,
    /// Edge labels and their properties.
    pub edge: Option<Vec<HygLabel>>,
}

/// `output` of a HyG algorithm body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::HygOutput))]
pub struct HygOutput {
    /// `JSON` (default) or `TXT` (`CSV`, as the doc's sample says, is read as `TXT`).
    pub format: Option<String>,
    /// `TRUNCATED` (default; needs JSON; keeps the first 100000 rows) or `FULL` (needs TXT).
    pub mode: Option<String>,
}

/// `POST …/hyg/{graph_name}/algorithm`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::HygAlgorithmRequest))]
#[serde(rename_all = "camelCase")]
pub struct HygAlgorithmRequest {
    /// GES algorithm name.
    pub algorithm_name: String,
    /// Its parameters (k_hop also takes `switch`, 1–2000).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub parameters: Option<Map<String, Value>>,
    /// Result format and mode.
    pub output: Option<HygOutput>,
    /// Fail the job after this many seconds, in (0, 2147483648).
    pub timeout: Option<i64>,
}

/// `POST …/hyg/{graph_name}/dsl`: a Python Pregel script (the subset `engine::hyg::dsl`
/// documents). Answered with `{"jobId", "result"}`; refusals are GES.8005.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::HygDslRequest))]
#[serde(rename_all = "camelCase")]
pub struct HygDslRequest {
    /// The script: `bucket/key` (OBS) or `file:///abs/path` below the allowed roots.
    pub script_path: String,
    /// OBS credentials (required for bucket paths).
    pub obs_parameters: Option<crate::export::ObsParameters>,
    /// Fail the job after this many seconds, in (0, 2147483648).
    pub timeout: Option<i64>,
}

/// A HyG view as `summary` and the list show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::HygSummary))]
#[serde(rename_all = "camelCase")]
pub struct HygSummary {
    /// Graph name (list items only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Synced vertex labels and properties.
    pub vertex: Vec<HygLabel>,
    /// Synced edge labels and properties.
    pub edge: Vec<HygLabel>,
    /// `oec`.
    pub policy: String,
    /// Whether in-edges are kept.
    pub in_edge: bool,
    /// Whether an id index exists; always true (vertices are found by id).
    pub id_index: bool,
    /// `YYYY-MM-DD hh:mm:ss` of the last sync (of the creation before any).
    pub update_time: String,
    /// Synced vertices (0 before the first sync).
    pub vertex_num: u64,
    /// Synced edges.
    pub edge_num: u64,
}

/// `GET …/hyg/{graph_name}/summary`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::HygSummaryResponse))]
pub struct HygSummaryResponse {
    /// The view.
    pub data: HygSummary,
    /// `complete` once synced, `pending` before.
    pub status: String,
    /// `success`.
    pub result: String,
}

/// `GET /ges/v1.0/{project_id}/hyg`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::HygListResponse))]
pub struct HygListResponse {
    /// Every view of the project, by graph name.
    pub data: Vec<HygSummary>,
    /// `success`.
    pub result: String,
}
