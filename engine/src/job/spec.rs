//! What a client submits.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::JobType;

/// A job to run on a graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobSpec {
    /// Graph to read or write.
    pub graph: String,
    /// The work.
    pub kind: JobKind,
    /// The original request body as received, kept for the job list's `rawRequest`; secrets
    /// are redacted by [`JobSpec::new`].
    pub request: Value,
}

impl JobSpec {
    /// A spec with the request body redacted (`obsParameters` → `"***"`).
    pub fn new(graph: impl Into<String>, kind: JobKind, mut request: Value) -> Self {
        redact(&mut request);
        Self {
            graph: graph.into(),
            kind,
            request,
        }
    }

    /// An algorithm job whose request is the GES execute-algorithm body.
    pub fn algorithm(
        graph: impl Into<String>,
        name: impl Into<String>,
        parameters: Map<String, Value>,
    ) -> Self {
        let name = name.into();
        let request = serde_json::json!({ "algorithmName": name, "parameters": parameters });
        Self::new(
            graph,
            JobKind::Algorithm {
                name,
                parameters,
                executor: crate::distributed::Executor::Local,
            },
            request,
        )
    }

    /// The job type of this spec.
    pub fn job_type(&self) -> JobType {
        match self.kind {
            JobKind::Algorithm { .. } => JobType::Algorithm,
            JobKind::ImportGraph(_) => JobType::ImportGraph,
            JobKind::CreateGraph => JobType::CreateGraph,
            JobKind::ClearGraph { .. } => JobType::ClearGraph,
            JobKind::DeleteGraph => JobType::DeleteGraph,
            JobKind::ExportResult(_) => JobType::ExportResult,
            JobKind::ExportGraph(_) => JobType::ExportGraph,
            JobKind::Query(ref q) => match q.target {
                crate::query::QueryTarget::Vertices => JobType::VertexQuery,
                crate::query::QueryTarget::Edges => JobType::EdgeQuery,
            },
            JobKind::FilteredQuery(_) => JobType::FilteredQuery,
            JobKind::PathQuery(_) => JobType::PathQuery,
            JobKind::DeleteVertices(_) => JobType::DeleteVertices,
            JobKind::HygSync(_) => JobType::HygSync,
            JobKind::HygDelete => JobType::HygDelete,
            JobKind::HygAlgorithm(_) | JobKind::HygDsl(_) => JobType::Algorithm,
        }
    }
}

/// The kinds of work the engine runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum JobKind {
    /// Run a catalogue algorithm.
    Algorithm {
        /// GES algorithm name.
        name: String,
        /// Its parameters.
        parameters: Map<String, Value>,
        /// Which executor runs it (header `X-Executor`); absent in stored specs when local.
        #[serde(
            default,
            skip_serializing_if = "crate::distributed::Executor::is_local"
        )]
        executor: crate::distributed::Executor,
    },
    /// Import CSV + schema into the graph (created if missing, incremental otherwise).
    ImportGraph(ImportSpec),
    /// Create an empty graph (no schema, no data).
    CreateGraph,
    /// Remove every vertex and edge; with `clear_metadata` the schema too.
    ClearGraph {
        /// Also drop the schema.
        clear_metadata: bool,
    },
    /// Delete the graph, its snapshots and its catalogue row.
    DeleteGraph,
    /// Dump a succeeded job's result (REFERENCE §2.4).
    ExportResult(crate::export::result::ExportResultSpec),
    /// Write the graph as schema + vertex + edge files (REFERENCE §5.2).
    ExportGraph(crate::export::graph::ExportGraphSpec),
    /// A vertex or edge filter query (REFERENCE §4.1–4.2).
    Query(crate::query::QuerySpec),
    /// A k-hop filtered query (REFERENCE §4.3).
    FilteredQuery(crate::query::filtered::FilteredQuerySpec),
    /// A Filtered Query V2: repeat/until/times traversal (REFERENCE §4.3).
    PathQuery(crate::query::path::PathQuerySpec),
    /// Delete the vertices a vertex filter matches, with their edges (REFERENCE §4.3).
    DeleteVertices(crate::query::QuerySpec),
    /// Sync a graph's HyG view (REFERENCE §13 #2).
    HygSync(crate::hyg::HygSync),
    /// Drop a graph's HyG view (§13 #5); the graph stays.
    HygDelete,
    /// Run an algorithm on a HyG view (§13 #6).
    HygAlgorithm(crate::hyg::HygAlgorithm),
    /// Run a user's Pregel script on a HyG view (§13 #7).
    HygDsl(crate::hyg::dsl::HygDsl),
}

impl JobKind {
    /// Whether this is a HyG job (shown in HyG's status words).
    pub fn is_hyg(&self) -> bool {
        matches!(
            self,
            Self::HygSync(_) | Self::HygDelete | Self::HygAlgorithm(_) | Self::HygDsl(_)
        )
    }

    /// Whether the job writes its graph: makes its next version from the current one
    /// (import, clear, delete by filter), makes it (create) or deletes it.
    pub fn writes_graph(&self) -> bool {
        matches!(
            self,
            Self::ImportGraph(_)
                | Self::CreateGraph
                | Self::ClearGraph { .. }
                | Self::DeleteGraph
                | Self::DeleteVertices(_)
        )
    }

    /// The FIFO key of the job on graph `graph` of `project`: the jobs that write a graph and
    /// its HyG jobs run one at a time per graph, in submit order (REFERENCE §13 asks it of HyG
    /// jobs; writers need it so each builds on the version the one before it published, where
    /// two at once would each build on the same version and the lower one's rows be lost).
    /// Readers (algorithms, queries, exports) have none: they read the version current when
    /// they start.
    pub fn fifo_key(&self, project: &str, graph: &str) -> Option<String> {
        (self.writes_graph() || self.is_hyg()).then(|| format!("{project}/{graph}"))
    }
}

/// An import's inputs, as the service-plane import-graph body names them (REFERENCE §5.1),
/// with paths already resolved to local files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ImportSpec {
    /// Metadata (schema) files or directories.
    pub schema_paths: Vec<String>,
    /// Vertex CSV files or directories.
    pub vertex_paths: Vec<String>,
    /// Edge CSV files or directories.
    pub edge_paths: Vec<String>,
    /// Where rejected rows are written.
    pub log_dir: Option<String>,
    /// Field delimiter (default `,`).
    pub delimiter: Option<char>,
    /// Quote character (default `"`).
    pub trim_quote: Option<char>,
    /// `allow` | `ignore` | `override` (default `allow`).
    pub parallel_edge_action: Option<String>,
    /// Duplicates keyed on ⟨src,dst⟩ (true, default) or ⟨src,dst,label⟩.
    pub parallel_edge_ignore_label: Option<bool>,
    /// Import partitioned into this many parts (the body's `partitions`, a graphjobs
    /// extension; see [`crate::graph::import::partitioned`]); `None`: whole, unless the CSV
    /// would exceed `--graph-cache-bytes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partitions: Option<u32>,
}

/// Replaces credentials anywhere in a request body with `"***"`.
fn redact(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                let key = k.to_ascii_lowercase();
                if key == "obsparameters"
                    || key == "secretkey"
                    || key == "accesskey"
                    || key == "obs_parameters"
                {
                    *val = Value::String("***".into());
                } else {
                    redact(val);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn obs_credentials_never_reach_the_stored_request() {
        let body = json!({"edgesetPath": "b/e.csv", "obsParameters": {"accessKey": "AK", "secretKey": "SK"},
                          "nested": [{"secretKey": "SK2"}]});
        let spec = JobSpec::new("g", JobKind::ImportGraph(ImportSpec::default()), body);
        let text = spec.request.to_string();
        assert!(!text.contains("SK") && !text.contains("AK"), "{text}");
        assert_eq!(spec.request["obsParameters"], "***");
        assert_eq!(spec.request["edgesetPath"], "b/e.csv");
    }
}
