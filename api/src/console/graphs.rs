//! What the console's graphs pages and overview page send and receive: graph rows, one graph
//! with its schema and label counts, an import request, and the overview's job counts.

use serde::{Deserialize, Serialize};

use super::{GraphSummary, JobSummary};

/// One row of the graphs table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphRow {
    /// Graph name.
    pub name: String,
    /// Bumped on every write.
    pub version: i64,
    /// Vertex count.
    pub vertices: u64,
    /// Edge count.
    pub edges: u64,
    /// Number of labels in the schema; `None` when the graph could not be loaded.
    pub labels: Option<u64>,
    /// The part count of a partitioned graph, `None` for a whole one.
    #[serde(default)]
    pub partitions: Option<u32>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339, when its data last changed.
    pub updated_at: String,
}

/// One property a label declares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PropertyInfo {
    /// Property name.
    pub name: String,
    /// GES `dataType`: `string`, `int`, `char array`, `enum`, …
    pub data_type: String,
    /// What the type allows, when it says more than its name: `F, M` for an enum,
    /// `at most 12 bytes` for a char array.
    pub type_detail: Option<String>,
    /// `single`, `list` or `set`.
    pub cardinality: String,
}

/// One label of a graph's schema, with how many vertices and edges carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelInfo {
    /// Label name.
    pub name: String,
    /// Properties in declaration (= CSV column) order.
    pub properties: Vec<PropertyInfo>,
    /// Vertices with this label.
    pub vertices: u64,
    /// Edges with this label.
    pub edges: u64,
}

/// Everything the graph page shows about the graph itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphDetail {
    /// Name, sizes, version and times.
    pub row: GraphRow,
    /// Every label of the schema, in schema order.
    pub labels: Vec<LabelInfo>,
    /// Approximate bytes the loaded graph holds in memory.
    pub memory_bytes: u64,
    /// The parts of a partitioned graph (only its distributed algorithms run on it).
    #[serde(default)]
    pub partitions: Option<u32>,
}

/// The graph page: the graph, its most recent jobs and the server clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphView {
    /// The graph.
    pub detail: GraphDetail,
    /// Its newest jobs, newest first.
    pub recent_jobs: Vec<JobSummary>,
    /// How many jobs the graph has in all.
    pub total_jobs: u64,
    /// Server time, Unix milliseconds.
    pub now_ms: i64,
}

/// An import into a new or existing graph, already checked by the console (paths are checked
/// against the allowed roots by the engine).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportRequest {
    /// Target graph (created by the first import).
    pub graph: String,
    /// Schema (metadata) file or directory.
    pub schema_path: Option<String>,
    /// Vertex CSV file or directory.
    pub vertex_path: Option<String>,
    /// Edge CSV file or directory.
    pub edge_path: Option<String>,
    /// Field delimiter (default `,`).
    pub delimiter: Option<char>,
    /// Quote character (default `"`).
    pub trim_quote: Option<char>,
    /// `allow`, `ignore` or `override` (default `allow`).
    pub parallel_edge: Option<String>,
    /// Parallel edges are keyed on ⟨src,dst⟩ (true) rather than ⟨src,dst,label⟩.
    pub ignore_label: bool,
    /// Where rejected rows are written (a local directory).
    pub log_dir: Option<String>,
    /// Import partitioned into this many parts (the GES body's `partitions` extension).
    #[serde(default)]
    pub partitions: Option<u32>,
}

/// How many of the project's jobs are in one state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateCount {
    /// Internal state word.
    pub state: String,
    /// Number of jobs.
    pub count: u64,
}

/// A failed job with its reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailedJob {
    /// The table row fields.
    pub summary: JobSummary,
    /// Why it failed.
    pub reason: Option<String>,
    /// GES error code of the failure.
    pub error_code: Option<String>,
}

/// The overview page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    /// Jobs per state, every state in lifecycle order.
    pub counts: Vec<StateCount>,
    /// Running (and cancelling) jobs, newest first, at most a page of them.
    pub running: Vec<JobSummary>,
    /// How many jobs are running or cancelling in all.
    pub running_total: u64,
    /// The most recent failures, newest first.
    pub failures: Vec<FailedJob>,
    /// The project's graphs with their sizes.
    pub graphs: Vec<GraphSummary>,
    /// Server time, Unix milliseconds.
    pub now_ms: i64,
}
