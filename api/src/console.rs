//! What the console's server functions return: the internal job model (states include
//! `cancelling` and `cancelled`, which the cloud APIs fold into others), ready to render.

pub mod explore;
pub mod graphs;
mod role;
pub mod viz;

pub use role::Role;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One row of the jobs table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobSummary {
    /// Job id.
    pub id: String,
    /// `Algorithm`, `ImportGraph`, …
    pub job_type: String,
    /// Algorithm name for algorithm jobs.
    pub algorithm: Option<String>,
    /// Graph name.
    pub graph: String,
    /// Internal state: `queued`, `running`, `cancelling`, `succeeded`, `failed`, `cancelled`.
    pub state: String,
    /// 0–100, or `None` when unknown.
    pub progress: Option<u8>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339, once started.
    pub started_at: Option<String>,
    /// RFC 3339, once finished.
    pub ended_at: Option<String>,
    /// Whether a cancel can still work (queued or running).
    pub can_cancel: bool,
}

/// A page of jobs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobList {
    /// The rows.
    pub jobs: Vec<JobSummary>,
    /// How many jobs match the filter in all.
    pub total: u64,
}

/// Everything about one job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobDetail {
    /// The table row fields.
    pub summary: JobSummary,
    /// Why it failed (or was cancelled).
    pub fail_reason: Option<String>,
    /// GES error code of the failure.
    pub error_code: Option<String>,
    /// The original request, secrets redacted.
    pub request: Value,
    /// Who cancelled it and why.
    pub cancel_actor: Option<String>,
    /// Reason given with the cancel.
    pub cancel_reason: Option<String>,
    /// Number of result rows, once succeeded.
    pub result_total: Option<u64>,
    /// Graph version the job read.
    pub graph_version: Option<i64>,
    /// The graph has changed since (a succeeded job's result describes an older version).
    pub stale: Option<bool>,
    /// The status word each API surface shows for this job, e.g. `("GES service plane", "success")`.
    pub renderings: Vec<(String, String)>,
    /// Expected end (RFC 3339) while running with known progress; `None` = unknown.
    pub eta: Option<String>,
    /// Known counters: `("rows", n)`, `("vertices", n)`, `("iterations", n)`,
    /// `("graph load ms", n)`.
    pub counters: Vec<(String, u64)>,
    /// An import's per-file counters.
    pub files: Vec<ImportFile>,
    /// A bulk action's sub-jobs (the jobs a `CancelJobs` job reached).
    pub sub_jobs: Vec<SubJob>,
    /// Whether "run again" can work (an import may have committed part of its rows, so it is
    /// resubmitted only by hand; a job that needed OBS keys needs them again).
    pub rerunnable: bool,
}

/// One input file of an import job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportFile {
    /// `schema`, `vertex` or `edge`.
    pub kind: String,
    /// The file's path as given.
    pub name: String,
    /// Lines read.
    pub total_lines: u64,
    /// Lines imported.
    pub successful_lines: u64,
    /// Lines rejected (written to `logDir` when given).
    pub failed_lines: u64,
}

/// The signed-in token's projects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionProjects {
    /// The one the console shows.
    pub current: String,
    /// Every project the token may use, sorted (one for most tokens).
    pub all: Vec<String>,
    /// The token's role in the current project.
    pub role: Role,
}

/// One row an import rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRow {
    /// The input file, as given.
    pub file: String,
    /// 1-based line in it.
    pub line: u64,
    /// Why it was rejected.
    pub reason: String,
    /// The row as read.
    pub row: String,
}

/// A page of an import's rejected rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRows {
    /// The rows, file by file, line by line.
    pub rows: Vec<RejectedRow>,
    /// Offset of the first.
    pub offset: u64,
    /// Rejected rows in all.
    pub total: u64,
}

/// A job reached by a bulk action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubJob {
    /// Its id.
    pub id: String,
    /// Its type word.
    pub job_type: String,
    /// Its state right after the action.
    pub state: String,
}

/// A page of a job's result rows plus its scalar outputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultPage {
    /// The key the rows appear under in `data.outputs` (`results`, `vertices`, `path`…).
    pub key: String,
    /// The rows of this page, as the job status API returns them.
    pub rows: Vec<Value>,
    /// Offset of the first row.
    pub offset: u64,
    /// Total number of rows.
    pub total: u64,
    /// Scalar outputs (`Max_WCC_size`, `source`, …).
    pub scalars: Map<String, Value>,
}

/// A graph of the project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphSummary {
    /// Graph name.
    pub name: String,
    /// Bumped on every write.
    pub version: i64,
    /// Vertex count.
    pub vertices: u64,
    /// Edge count.
    pub edges: u64,
}

/// One algorithm parameter, for generated forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamInfo {
    /// GES parameter name.
    pub name: String,
    /// `int`, `float`, `bool`, `string` or `enum`.
    pub kind: String,
    /// Allowed values of an enum.
    pub choices: Vec<String>,
    /// Must be given.
    pub required: bool,
    /// Documented default.
    pub default: Option<String>,
    /// Inclusive lower bound.
    pub min: Option<f64>,
    /// Inclusive upper bound.
    pub max: Option<f64>,
    /// One-line help.
    pub help: String,
}

/// One algorithm of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlgorithmInfo {
    /// GES algorithm name.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// Parameters in form order.
    pub params: Vec<ParamInfo>,
    /// The filter objects it takes beside its parameters (`vertex_filter`, `edge_filter`,
    /// `filters`); empty for most.
    #[serde(default)]
    pub filters: Vec<String>,
}

/// The jobs table page: a page of jobs plus the server clock, against which the durations of
/// running jobs are measured (so server rendering and hydration show the same text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobsPage {
    /// The page of jobs.
    pub list: JobList,
    /// Server time, Unix milliseconds.
    pub now_ms: i64,
}

/// The job detail page: the job, the requested page of its result once it has succeeded,
/// and the server clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobView {
    /// Everything about the job.
    pub detail: JobDetail,
    /// The requested window of result rows; `None` until the job has succeeded.
    pub result: Option<ResultPage>,
    /// Server time, Unix milliseconds.
    pub now_ms: i64,
}

/// What a bulk cancel did (the console's "cancel selected" / "cancel all matching").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkCancelDone {
    /// The `CancelJobs` parent job recording the action (its sub-jobs are the jobs reached).
    pub parent_id: String,
    /// Jobs cancelled at once (they were queued).
    pub cancelled: u64,
    /// Running jobs asked to stop, now `cancelling`.
    pub cancelling: u64,
    /// Jobs that had finished before the cancel reached them.
    pub skipped: u64,
    /// Matching jobs beyond the per-request limit, left alone.
    pub left: u64,
}

/// A row of the job center (management-plane jobs: imports, create/clear/delete, exports).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManagementJobRow {
    /// The console row.
    pub summary: JobSummary,
    /// The job center's status word (`waiting`… `partiallyFailed`).
    pub status: String,
    /// Input files of an import.
    pub files: u64,
    /// Lines those files had rejected.
    pub rejected_lines: u64,
}

/// A page of the job center.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManagementPage {
    /// The rows, newest first.
    pub rows: Vec<ManagementJobRow>,
    /// Jobs matching in all.
    pub total: u64,
    /// Server time, Unix milliseconds.
    pub now_ms: i64,
}

/// A HyG view of a graph, for the HyG page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HygViewRow {
    /// Graph name.
    pub name: String,
    /// Whether a sync has completed.
    pub synced: bool,
    /// Synced vertices.
    pub vertices: u64,
    /// Synced edges.
    pub edges: u64,
    /// End of the last sync.
    pub updated: String,
    /// In-edges kept.
    pub in_edge: bool,
}
