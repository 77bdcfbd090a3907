//! Durable job store. [`JobStore`] is the contract; [`SqlStore`] the one implementation, over
//! SQLite (one file in the data dir, the default) or PostgreSQL (shared by several engine
//! nodes). Every statement is written once (`store/db.rs` holds what differs between the two).
//!
//! Every write that a worker makes about a running job is *fenced* on the worker's lease owner
//! id: after a restart (or a cancel deadline) has taken the job from a worker, that worker's
//! late writes change nothing.
//!
//! Both databases pass the same conformance suite (`engine/tests/store_conformance.rs`).
//!
//! Leases: a claim gives the worker a lease until `now + lease`; the worker's heartbeat renews
//! it ([`JobStore::renew_lease`]). A job whose lease ran out (its node died or stalled) is
//! recovered by the periodic sweep ([`JobStore::expire_leases`]) with the same rules as a
//! restart, and its old worker's writes are fenced out.

mod catalog;
mod changes;
mod credentials;
pub(crate) mod db;
mod graph_info;
mod insert;
mod lifecycle;
mod open;
mod page_window;
mod pg_list;
mod recovery;
mod retention;
mod row;
mod sql;
mod sqlite_list;

pub use credentials::Credential;
pub use graph_info::{GraphChange, GraphInfo, IdleGraph};
pub use retention::Retention;
pub use sql::SqlStore;

use std::time::Duration;

use serde_json::Value;
use time::OffsetDateTime;

use super::{FailKind, JobCounters, JobFilter, JobPage, JobRecord, JobState};
use crate::Result;
use crate::auth::{Grant, Role};

/// Lease given by [`JobStore::claim_next`] (callers that pick their own use
/// [`JobStore::claim_next_leased`]).
pub const DEFAULT_LEASE: Duration = Duration::from_secs(30);
/// Cancel deadline used by [`JobStore::request_cancel`].
pub const DEFAULT_CANCEL_DEADLINE: Duration = Duration::from_secs(60);

/// Reason written on a running job whose lease ran out and that cannot safely run again.
pub const LEASE_LOST_REASON: &str = "interrupted: lease lost (the node running it stopped renewing \
     its lease); the job may have partly run, submit it again";

/// Claims a job gets: one whose node stopped (a crash, a lost lease) this many times while
/// running it is failed instead of queued again, so a job that brings its node down (out of
/// memory, say) does not bring down every node in turn, for ever.
pub const MAX_ATTEMPTS: u32 = 5;

/// A job to insert, with what protects against duplicate submits.
#[derive(Debug, Clone, Copy)]
pub struct NewJob<'a> {
    /// The queued job.
    pub job: &'a JobRecord,
    /// The spec JSON the worker will run.
    pub spec: &'a Value,
    /// Claim order (higher first).
    pub priority: i64,
    /// Client-chosen key: the same key in the same project always yields the same job.
    pub idempotency_key: Option<&'a str>,
    /// Hash of the request: while a job with the same key is queued or running in the project,
    /// a second insert yields that job instead.
    pub dedupe_key: Option<&'a str>,
    /// Jobs sharing this key run one at a time, oldest first (a graph's writers and HyG jobs:
    /// see [`crate::job::JobKind::fifo_key`]).
    pub fifo_key: Option<&'a str>,
}

/// What [`JobStore::submit_job`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum Submitted {
    /// A new job was queued.
    Created(JobRecord),
    /// An earlier job with the same idempotency key, or an identical in-flight one, is returned.
    Existing(JobRecord),
}

impl Submitted {
    /// The job either way.
    pub fn into_job(self) -> JobRecord {
        match self {
            Self::Created(j) | Self::Existing(j) => j,
        }
    }
}

/// A progress sample as the runner persists it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ProgressReport {
    /// 0–100, `None` = unknown.
    pub percent: Option<u8>,
    /// Work counters.
    pub counters: JobCounters,
    /// Expected end, `None` = unknown.
    pub eta: Option<OffsetDateTime>,
}

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
        /// What the job did to its graph's catalogue row, done in the same transaction that
        /// records the success: a node killed between the two can neither leave a job failed
        /// whose graph changed nor a job succeeded whose graph did not.
        graph_change: Option<GraphChange>,
    },
    /// The job failed.
    Failed {
        /// What kind of failure.
        kind: FailKind,
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

/// The durable store behind jobs, graphs and credentials.
#[allow(async_fn_in_trait)]
pub trait JobStore: Send + Sync {
    /// Creates a project if missing.
    async fn ensure_project(&self, project: &str) -> Result<()>;
    /// Stores a token hash for a project, with its role there and its name, if given.
    async fn insert_token(
        &self,
        hash: &str,
        project: &str,
        role: Role,
        name: Option<&str>,
    ) -> Result<()>;
    /// Lets the token `hash` also use `project` (created on first use) with `role`; a project
    /// it may already use keeps its role.
    async fn grant_token(&self, hash: &str, project: &str, role: Role) -> Result<()>;
    /// The projects a non-revoked token hash may use, with its role in each, by project.
    async fn token_grants(&self, hash: &str) -> Result<Vec<Grant>>;
    /// Stores an access key id for a project, with its role there and its name, if given.
    async fn insert_access_key(
        &self,
        access_key: &str,
        project: &str,
        role: Role,
        name: Option<&str>,
    ) -> Result<()>;
    /// The project a non-revoked access key may use, with its role (none when unknown).
    async fn access_key_grants(&self, access_key: &str) -> Result<Vec<Grant>>;
    /// Every credential (tokens by hash prefix, access keys by id), oldest first, one row per
    /// project.
    async fn credentials(&self) -> Result<Vec<Credential>>;
    /// Revokes the token whose hash starts with `id`, or the access key `id`, and appends
    /// `actions` to the audit log in the same transaction if it revoked any. Returns how many.
    async fn revoke_credential(&self, id: &str, actions: &[crate::audit::Action]) -> Result<u64>;

    /// Inserts a new queued job (with the spec JSON the worker will run), no duplicate checks.
    async fn insert_job(&self, job: &JobRecord, spec: &Value, priority: i64) -> Result<()> {
        let new = NewJob {
            job,
            spec,
            priority,
            idempotency_key: None,
            dedupe_key: None,
            fifo_key: None,
        };
        self.submit_job(&new).await.map(|_| ())
    }
    /// Inserts a new queued job unless its idempotency key was used before in the project (that
    /// job is returned; `Conflict` if it was for a different request) or an identical job is
    /// in flight (that job is returned). Atomic against concurrent submits.
    async fn submit_job(&self, new: &NewJob<'_>) -> Result<Submitted>;
    /// The job a project submitted with an idempotency key, with its dedupe key.
    async fn job_by_idempotency_key(
        &self,
        project: &str,
        key: &str,
    ) -> Result<Option<(JobRecord, Option<String>)>>;
    /// One job of a project.
    async fn job(&self, project: &str, id: &str) -> Result<Option<JobRecord>>;
    /// The spec JSON of a job.
    async fn job_spec(&self, id: &str) -> Result<Option<Value>>;
    /// The state of job `id` of whichever project (`None`: no such job): what a sweep that
    /// finds a job's id in the object store asks.
    async fn job_state(&self, id: &str) -> Result<Option<JobState>>;
    /// A filtered page of a project's jobs, newest first.
    async fn list_jobs(&self, project: &str, filter: &JobFilter) -> Result<JobPage>;
    /// Jobs waiting in the queue.
    async fn queued_count(&self) -> Result<u64>;

    /// Takes the next queued job for `owner` (queued → running), highest priority, oldest
    /// first, with the [`DEFAULT_LEASE`].
    async fn claim_next(&self, owner: &str) -> Result<Option<JobRecord>> {
        self.claim_next_leased(owner, DEFAULT_LEASE).await
    }
    /// Takes the next queued job for `owner` with a lease of `lease`. Atomic: two workers (or
    /// nodes) never claim the same job.
    async fn claim_next_leased(&self, owner: &str, lease: Duration) -> Result<Option<JobRecord>>;
    /// Extends `owner`'s lease on a running or cancelling job to `now + lease`. False if the
    /// lease was lost (expired and swept, deadline passed, job finished): the worker must stop.
    async fn renew_lease(&self, id: &str, owner: &str, lease: Duration) -> Result<bool>;
    /// Records progress; fenced on `owner`.
    async fn set_progress(&self, id: &str, owner: &str, progress: Option<u8>) -> Result<bool>;
    /// Records progress, counters and ETA; fenced on `owner`.
    async fn report_progress(&self, id: &str, owner: &str, report: &ProgressReport)
    -> Result<bool>;
    /// Records the end of a job; fenced on `owner`. Returns whether the write took effect.
    async fn finish(&self, id: &str, owner: &str, outcome: &Outcome) -> Result<bool>;
    /// Requests a cancel with the [`DEFAULT_CANCEL_DEADLINE`].
    async fn request_cancel(
        &self,
        project: &str,
        id: &str,
        actor: &str,
        reason: &str,
    ) -> Result<CancelEffect> {
        self.request_cancel_until(project, id, actor, reason, DEFAULT_CANCEL_DEADLINE)
            .await
    }
    /// Requests a cancel: a queued job is cancelled at once, a running one becomes
    /// `cancelling` with a deadline `now + deadline` (kept if it already was cancelling).
    /// Errors with `Conflict` on a finished job, `NotFound` if unknown.
    async fn request_cancel_until(
        &self,
        project: &str,
        id: &str,
        actor: &str,
        reason: &str,
        deadline: Duration,
    ) -> Result<CancelEffect>;
    /// After a restart of the only node: every job left running or cancelling by a dead
    /// process is accounted for (running: re-queued if re-runnable and claimed fewer than
    /// [`MAX_ATTEMPTS`] times, else failed "interrupted by restart" or "gave up after N
    /// attempts"; cancelling: cancelled).
    async fn recover(&self) -> Result<Recovery>;
    /// The periodic sweep: jobs whose lease expired before `now` are recovered with the same
    /// rules as [`recover`](Self::recover), failing with [`LEASE_LOST_REASON`].
    async fn expire_leases(&self, now: OffsetDateTime) -> Result<Recovery>;
    /// Cancelling jobs past their cancel deadline are failed with the cancel's actor and reason
    /// and the deadline named; their worker's later writes are ignored. Returns how many.
    async fn fail_overdue_cancels(&self, now: OffsetDateTime) -> Result<u64>;
    /// Deletes finished jobs that ended longer ago than their state's retention; returns their
    /// ids so the caller can delete their result files.
    async fn delete_expired(
        &self,
        retention: &Retention,
        now: OffsetDateTime,
    ) -> Result<Vec<String>>;

    /// Records a graph's new version and size.
    async fn upsert_graph(&self, project: &str, graph: &GraphInfo) -> Result<()>;
    /// A version number for a job that writes the graph's next version: above the current one
    /// and above every number given before, never given twice (a stale writer and the one
    /// that took over write different snapshots; the higher published version stays current).
    async fn next_graph_version(&self, project: &str, name: &str) -> Result<i64>;
    /// A project's graphs.
    async fn graphs(&self, project: &str) -> Result<Vec<GraphInfo>>;
    /// One graph.
    async fn graph(&self, project: &str, name: &str) -> Result<Option<GraphInfo>>;
    /// Every graph name ever given a version that no job writes now (none queued, running or
    /// cancelling under its FIFO key), with its current and last given versions: the snapshot
    /// sweep removes the versions it no longer needs.
    async fn idle_graphs(&self) -> Result<Vec<IdleGraph>>;

    /// Records a job that is already finished when it is created (a bulk action's parent job:
    /// the work was done by the request itself). Its `detail` lists what it acted on.
    async fn record_finished(&self, job: &JobRecord) -> Result<()>;

    /// Stores a graph's HyG view (JSON, see [`crate::hyg::HygView`]), replacing any earlier one.
    async fn put_hyg(&self, project: &str, graph: &str, view: &str) -> Result<()>;
    /// A graph's HyG view, if it has one.
    async fn hyg(&self, project: &str, graph: &str) -> Result<Option<String>>;
    /// A project's HyG views as (graph, view), by graph name.
    async fn hygs(&self, project: &str) -> Result<Vec<(String, String)>>;
    /// Drops a graph's HyG view; false if it had none.
    async fn delete_hyg(&self, project: &str, graph: &str) -> Result<bool>;
}

/// SQL condition on a queued job `q`: it has no FIFO key, or no job with its key is running
/// (or cancelling) and no job with its key queued before it (by `order`, the insertion order:
/// `rowid` or `seq`, so two jobs of one millisecond, or of two nodes whose clocks differ, keep
/// their submit order) is still queued.
pub(crate) fn fifo_free(order: &str) -> String {
    format!(
        "(q.fifo_key IS NULL OR (NOT EXISTS (SELECT 1 FROM jobs r \
         WHERE r.fifo_key = q.fifo_key AND r.state IN ('running', 'cancelling')) AND NOT EXISTS \
         (SELECT 1 FROM jobs o WHERE o.fifo_key = q.fifo_key AND o.state = 'queued' \
         AND o.{order} < q.{order})))"
    )
}

/// Checks that a state transition written by the store is one the lifecycle allows.
pub(crate) fn debug_check(from: JobState, to: JobState) {
    debug_assert!(from.can_become(to), "illegal transition {from} -> {to}");
}

/// SQL expression for the reason of a cancel that missed its deadline: who
/// asked, why, and the deadline, as DECISIONS.md "Cancellation" requires.
pub(crate) const OVERDUE_CANCEL_REASON_SQL: &str = "'cancelled by ' || COALESCE(cancel_actor, 'unknown') \
     || ': ' || COALESCE(cancel_reason, '') || ' (the job did not stop within its ' \
     || CAST((cancel_deadline_at - COALESCE(cancel_at, cancel_deadline_at)) / 1000 AS TEXT) \
     || ' s cancel deadline and was failed; later writes by its worker are ignored)'";

/// An idempotency key seen again: the same job if the request is the same, else `Conflict`.
fn same_request(
    existing: JobRecord,
    stored: Option<&str>,
    new: Option<&str>,
    key: &str,
) -> Result<Submitted> {
    if stored == new {
        Ok(Submitted::Existing(existing))
    } else {
        Err(crate::Error::Conflict {
            message: format!(
                "idempotency key [{key}] was already used for a different request (job {})",
                existing.id
            ),
        })
    }
}
