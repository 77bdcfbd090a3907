//! Export bodies: export-result (REFERENCE §2.4), export-graph on the service plane (§5.2,
//! camelCase) and on the management plane v2 (§5.3, snake_case), and `obsParameters` (§12.1).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `obsParameters`: credentials for this request only (never stored, logged or echoed).
/// Required for bucket paths; `file:///` paths need none.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = export::ObsParameters))]
#[serde(rename_all = "camelCase")]
pub struct ObsParameters {
    /// Access key.
    pub access_key: String,
    /// Secret key.
    pub secret_key: String,
}

impl std::fmt::Debug for ObsParameters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ObsParameters { *** }")
    }
}

/// `POST …/graphs/{graph_name}/jobs/{job_id}/action?action_id=export-result` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = export::ExportResultRequest))]
#[serde(rename_all = "camelCase")]
pub struct ExportResultRequest {
    /// `bucket/prefix/`, `obs://bucket/prefix/` or `file:///abs/dir/`.
    pub export_path: String,
    /// Name of the rows file instead of the default (`vertices.csv`, `edges.csv`, `paths.txt`).
    #[serde(default)]
    pub file_name: Option<String>,
    /// Credentials (bucket paths).
    #[serde(default)]
    pub obs_parameters: Option<ObsParameters>,
    /// Accepted and ignored: a result dump is one rows file (multipart when large).
    #[serde(default)]
    pub paginate: Option<Value>,
    /// Delete the original result after a successful dump (default **true**, as documented).
    #[serde(default)]
    pub erase: Option<bool>,
}

/// `paginate` of a service-plane export-graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = export::Paginate))]
#[serde(rename_all = "camelCase")]
pub struct Paginate {
    /// Default true.
    pub enable: Option<bool>,
    /// Rows per file, default 10,000,000.
    pub row_count_per_file: Option<u64>,
    /// Accepted and ignored.
    pub num_thread: Option<u64>,
}

/// `POST …/graphs/{graph_name}/action?action_id=export-graph` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = export::ExportGraphRequest))]
#[serde(rename_all = "camelCase")]
pub struct ExportGraphRequest {
    /// Where the files go.
    pub graph_export_path: String,
    /// Edge file (or folder with pagination).
    pub edge_set_name: String,
    /// Vertex file (or folder with pagination).
    pub vertex_set_name: String,
    /// Schema XML file.
    pub schema_name: String,
    /// Pagination (on by default).
    #[serde(default)]
    pub paginate: Option<Paginate>,
    /// Credentials (bucket paths).
    #[serde(default)]
    pub obs_parameters: Option<ObsParameters>,
}

/// `paginate` of a management-plane export-graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = export::ManagementPaginate))]
pub struct ManagementPaginate {
    /// Default true.
    pub enable: Option<bool>,
    /// Rows per file, default 10,000,000.
    pub row_count_per_file: Option<u64>,
    /// Accepted and ignored.
    pub num_thread: Option<u64>,
}

/// `obs_parameters` on the management plane: a graphjobs extension (the cloud uses the
/// tenant's own credentials there, which a self-hosted server does not have).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = export::ManagementObsParameters))]
pub struct ManagementObsParameters {
    /// Access key.
    pub access_key: String,
    /// Secret key.
    pub secret_key: String,
}

impl std::fmt::Debug for ManagementObsParameters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ManagementObsParameters { *** }")
    }
}

/// `POST /v2/{project_id}/graphs/{graph_id}/export-graph` body (snake_case).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = export::ManagementExportGraphRequest))]
#[serde(deny_unknown_fields)]
pub struct ManagementExportGraphRequest {
    /// Where the files go.
    pub graph_export_path: String,
    /// Edge file (or folder with pagination).
    pub edge_set_name: String,
    /// Vertex file (or folder with pagination).
    pub vertex_set_name: String,
    /// Schema XML file.
    pub schema_name: String,
    /// Pagination (on by default).
    #[serde(default)]
    pub paginate: Option<ManagementPaginate>,
    /// Credentials for bucket paths (graphjobs extension).
    #[serde(default)]
    pub obs_parameters: Option<ManagementObsParameters>,
}
