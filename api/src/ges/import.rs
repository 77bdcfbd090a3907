//! `POST /ges/v1.0/{project_id}/graphs/{graph_name}/action?action_id=import-graph`
//! (REFERENCE §5.1), also the body of the legacy management v1 import.

use serde::{Deserialize, Serialize};

/// The camelCase import body. Unknown fields are ignored, as the cloud does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::ImportGraphRequest))]
#[serde(rename_all = "camelCase")]
pub struct ImportGraphRequest {
    /// Edge CSV file or directory (`file://…` below a configured root, or an OBS path).
    pub edgeset_path: Option<String>,
    /// Vertex CSV file or directory.
    pub vertexset_path: Option<String>,
    /// Metadata (schema) file: GES XML, or the metadata JSON form.
    pub schema_path: Option<String>,
    /// Where rejected rows and their reasons are written.
    pub log_dir: Option<String>,
    /// `csv` only.
    pub edgeset_format: Option<String>,
    /// `csv` only.
    pub vertexset_format: Option<String>,
    /// Duplicate-edge handling.
    pub parallel_edge: Option<ParallelEdge>,
    /// Field delimiter, one ASCII character (default `,`).
    pub delimiter: Option<String>,
    /// Quote character, one ASCII character (default `"`).
    pub trim_quote: Option<String>,
    /// Accepted; graphjobs imports never block readers.
    pub offline: Option<bool>,
    /// `{accessKey, secretKey}` for OBS paths; used for this request only, never stored.
    pub obs_parameters: Option<crate::export::ObsParameters>,
    /// The v1 management SDK's `ImportGraphReq` also has `action` at the top level; it applies
    /// when `parallelEdge` does not say otherwise.
    pub action: Option<String>,
    /// Likewise `ignoreLabel`.
    pub ignore_label: Option<bool>,
    /// A graphjobs extension (GES has no such field): import the graph partitioned into this
    /// many parts (1–256), for the distributed executor; left out, a graph is partitioned only
    /// when its CSV exceeds the node's `--graph-cache-bytes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partitions: Option<u32>,
}

/// `parallelEdge` of an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::ParallelEdge))]
#[serde(rename_all = "camelCase")]
pub struct ParallelEdge {
    /// `allow` (default) | `ignore` | `override`.
    pub action: Option<String>,
    /// Key duplicates on ⟨src,dst⟩ (true, default) or ⟨src,dst,label⟩ (false).
    pub ignore_label: Option<bool>,
}
