//! What the console's server functions return: the internal job model (states include
//! `cancelling` and `cancelled`, which the cloud APIs fold into others), ready to render.

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
