//! Visualization jobs as the console shows them: table rows, a page of them, and the job's
//! view (what it serves while RUNNING). Plain serde types, so the wasm build can use them; the
//! engine → DTO conversions are in `convert::viz` (feature `engine`).

use serde::{Deserialize, Serialize};

/// Every status a visualization job reaches: ModelArts' status integer and the engine's name
/// for it (`engine::viz::VizState`), in lifecycle order.
pub const VIZ_STATES: [(i64, &str); 7] = [
    (1, "INIT"),
    (7, "WAITING"),
    (8, "RUNNING"),
    (9, "KILLING"),
    (10, "COMPLETED"),
    (11, "FAILED"),
    (12, "KILLED"),
];

/// What a user may do to a job in its current state (the console leaves out, too, what the
/// signed-in role may not do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VizActions {
    /// Stop is allowed (RUNNING).
    pub stop: bool,
    /// Restart is allowed (COMPLETED, FAILED, KILLED).
    pub restart: bool,
    /// Delete is allowed (any state but KILLING).
    pub delete: bool,
}

/// One row of the visualization jobs table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VizRow {
    /// `job_id`.
    pub id: i64,
    /// `job_name`.
    pub name: String,
    /// `job_desc` (may be empty).
    pub desc: String,
    /// ModelArts status integer (1, 7, 8, 9, 10, 11, 12).
    pub state_code: i64,
    /// The status's name: `INIT`, `WAITING`, `RUNNING`, `KILLING`, `COMPLETED`, `FAILED`, `KILLED`.
    pub state: String,
    /// The folder it shows.
    pub train_url: String,
    /// RFC 3339.
    pub created_at: String,
    /// ms RUNNING in the current (or last) run, as of the server's `now_ms`.
    pub duration_ms: i64,
    /// Why a FAILED job failed.
    pub fail_reason: Option<String>,
    /// Auto-stop after this many hours RUNNING, if set.
    pub auto_stop_hours: Option<u8>,
    /// Whether the job has not settled yet (not COMPLETED, FAILED or KILLED), so a page
    /// showing it keeps refreshing.
    pub live: bool,
    /// What may be done now.
    pub actions: VizActions,
}

/// A page of the visualization jobs table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VizPage {
    /// This page, newest first.
    pub rows: Vec<VizRow>,
    /// Jobs matching the filter in all.
    pub total: u64,
    /// Jobs the project may still create.
    pub remaining: u64,
    /// Server time, Unix milliseconds.
    pub now_ms: i64,
}

/// One histogram bin: `[lo, hi)` (the last one closed) and how many values fell in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VizBin {
    /// Lower bound.
    pub lo: f64,
    /// Upper bound.
    pub hi: f64,
    /// Values in the bin.
    pub count: u64,
}

/// One scalar series of a TensorBoard run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VizSeries {
    /// Summary tag (`loss`, `accuracy`…).
    pub tag: String,
    /// `(step, value)` by step.
    pub points: Vec<(i64, f64)>,
}

/// What a job shows; the shape of `engine::viz::view::VizView`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VizView {
    /// A numeric metric per vertex or edge.
    Metric {
        /// Job whose dump this is.
        job_id: String,
        /// Metric column (`pagerank`, `coreness`…).
        metric: String,
        /// Rows in the dump.
        rows: u64,
        /// Smallest value.
        min: f64,
        /// Largest value.
        max: f64,
        /// Mean value.
        mean: f64,
        /// Equal-width bins over `[min, max]`.
        histogram: Vec<VizBin>,
        /// Highest values first: `(id, value)`.
        top: Vec<(String, f64)>,
    },
    /// A community (or component) id per vertex.
    Communities {
        /// Job whose dump this is.
        job_id: String,
        /// Column holding the community.
        metric: String,
        /// Rows in the dump.
        rows: u64,
        /// Distinct communities.
        communities: u64,
        /// Largest first: `(community, size)`.
        sizes: Vec<(String, u64)>,
    },
    /// Path results.
    Paths {
        /// Job whose dump this is.
        job_id: String,
        /// Paths in the dump.
        total: u64,
        /// The first paths, each a vertex sequence.
        paths: Vec<Vec<String>>,
    },
    /// TensorBoard scalars.
    Scalars {
        /// Event files read.
        files: Vec<String>,
        /// One series per tag, by tag.
        series: Vec<VizSeries>,
    },
}

/// The detail page: the job, what it shows once it has a view, and the server clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VizJobView {
    /// The job.
    pub row: VizRow,
    /// Its view; `None` until it has built one (and for a FAILED job).
    pub view: Option<VizView>,
    /// Server time, Unix milliseconds.
    pub now_ms: i64,
}
