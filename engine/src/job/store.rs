//! Durable job store. [`JobStore`] is the contract; [`SqliteStore`] the default backend.
//!
//! Every write that a worker makes about a running job is *fenced* on the worker's lease owner
//! id: after a restart (or a cancel deadline) has taken the job from a worker, that worker's
//! late writes change nothing.
//!
//! A PostgreSQL backend (several engine nodes) is meant to implement the same trait and pass the
//! same conformance tests (`engine/tests/store_conformance.rs`).

mod sqlite;

pub use sqlite::SqliteStore;

use serde_json::Value;

use super::{JobFilter, JobPage, JobRecord, JobState};
use crate::Result;

/// How a finished job ended, as the worker reports it.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Result written; `result_total` rows.
    Succeeded {
        /// Result rows.
        result_total: u64,
        /// Graph version read or written.
        graph_version: Option<i64>,
        /// Type-specific detail (import counters).
        detail: Option<Value>,
        /// Some input rows were rejected.
        partial: bool,
    },
    /// The job failed.
    Failed {
        /// GES error code.
        code: String,
        /// Reason shown to users.
        reason: String,
        /// Type-specific detail.
        detail: Option<Value>,
    },
    /// The job stopped because it was asked to.
    Cancelled,
}

/// What a cancel request did.
#[derive(Debug, Clone, PartialEq)]
pub enum CancelEffect {
    /// It was queued and is now cancelled.
    Cancelled(JobRecord),
    /// It was running and is now cancelling; the worker must be told.
    Cancelling(JobRecord),
}

/// What recovery after a restart did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Running jobs put back in the queue.
    pub requeued: u64,
    /// Running jobs failed with "interrupted by restart".
    pub failed: u64,
    /// Cancelling jobs marked cancelled.
    pub cancelled: u64,
}

/// A graph as the catalogue records it (what `Engine::graphs` returns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphInfo {
    /// Name, unique per project.
    pub name: String,
    /// Bumped on every write.
    pub version: i64,
    /// Vertex count.
    pub vertices: u64,
    /// Edge count.
    pub edges: u64,
    /// When the graph was first created (set by the store).
    pub created_at: time::OffsetDateTime,
    /// When its data last changed (set by the store).
    pub updated_at: time::OffsetDateTime,
}

impl GraphInfo {
    /// A graph row to store (the store sets the times).
    pub fn new(name: &str, version: i64, vertices: u64, edges: u64) -> Self {
        let now = crate::time_fmt::now();
        Self {
            name: name.to_owned(),
            version,
            vertices,
            edges,
            created_at: now,
            updated_at: now,
        }
    }
}

/// A credential as listed by the CLI (never the secret itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    /// `token` or `access_key`.
    pub kind: &'static str,
    /// Token: first 12 hex digits of its hash; access key: the AK.
    pub id: String,
    /// Project it is scoped to.
    pub project: String,
    /// Creation time, ms since the epoch.
    pub created_at: i64,
    /// Revocation time, if revoked.
    pub revoked_at: Option<i64>,
}

/// The durable store behind jobs, graphs and credentials.
#[allow(async_fn_in_trait)]
pub trait JobStore: Send + Sync {
    /// Creates a project if missing.
    async fn ensure_project(&self, project: &str) -> Result<()>;
    /// Stores a token hash for a project.
    async fn insert_token(&self, hash: &str, project: &str) -> Result<()>;
    /// Projects a non-revoked token hash may use.
    async fn token_projects(&self, hash: &str) -> Result<Vec<String>>;
    /// Stores an access key id for a project.
    async fn insert_access_key(&self, access_key: &str, project: &str) -> Result<()>;
    /// Projects a non-revoked access key may use.
    async fn access_key_projects(&self, access_key: &str) -> Result<Vec<String>>;
    /// Every credential (tokens by hash prefix, access keys by id), oldest first.
    async fn credentials(&self) -> Result<Vec<Credential>>;
    /// Revokes the token whose hash starts with `id`, or the access key `id`. Returns how many.
    async fn revoke_credential(&self, id: &str) -> Result<u64>;

    /// Inserts a new queued job (with the spec JSON the worker will run).
    async fn insert_job(&self, job: &JobRecord, spec: &Value, priority: i64) -> Result<()>;
    /// One job of a project.
    async fn job(&self, project: &str, id: &str) -> Result<Option<JobRecord>>;
    /// The spec JSON of a job.
    async fn job_spec(&self, id: &str) -> Result<Option<Value>>;
    /// A filtered page of a project's jobs, newest first.
    async fn list_jobs(&self, project: &str, filter: &JobFilter) -> Result<JobPage>;
    /// Jobs waiting in the queue.
    async fn queued_count(&self) -> Result<u64>;

    /// Takes the next queued job for `owner` (queued → running), highest priority, oldest first.
    async fn claim_next(&self, owner: &str) -> Result<Option<JobRecord>>;
    /// Records progress; fenced on `owner`.
    async fn set_progress(&self, id: &str, owner: &str, progress: Option<u8>) -> Result<bool>;
    /// Records the end of a job; fenced on `owner`. Returns whether the write took effect.
    async fn finish(&self, id: &str, owner: &str, outcome: &Outcome) -> Result<bool>;
    /// Requests a cancel. Errors with `Conflict` on a finished job, `NotFound` if unknown.
    async fn request_cancel(
        &self,
        project: &str,
        id: &str,
        actor: &str,
        reason: &str,
    ) -> Result<CancelEffect>;
    /// After a restart: every job left running or cancelling by a dead process is accounted for.
    async fn recover(&self) -> Result<Recovery>;

    /// Records a graph's new version and size.
    async fn upsert_graph(&self, project: &str, graph: &GraphInfo) -> Result<()>;
    /// A project's graphs.
    async fn graphs(&self, project: &str) -> Result<Vec<GraphInfo>>;
    /// One graph.
    async fn graph(&self, project: &str, name: &str) -> Result<Option<GraphInfo>>;
    /// Removes a graph's catalogue row; false if it did not exist.
    async fn delete_graph(&self, project: &str, name: &str) -> Result<bool>;
}

/// Checks that a state transition written by the store is one the lifecycle allows.
pub(crate) fn debug_check(from: JobState, to: JobState) {
    debug_assert!(from.can_become(to), "illegal transition {from} -> {to}");
}
