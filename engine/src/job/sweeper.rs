//! The periodic job sweep, run by every engine with workers (every node, for PostgreSQL; each
//! step is one conditional statement, so nodes sweeping at once do no harm):
//!
//! 1. jobs whose lease expired (their node died or stalled) are recovered like after a restart:
//!    re-queued if re-runnable, else failed "lease lost"; `cancelling` ones become cancelled;
//! 2. `cancelling` jobs past their cancel deadline are failed with the cancel's actor and
//!    reason (DECISIONS.md "Cancellation"); their worker's later writes are ignored;
//! 3. finished jobs older than their state's retention are deleted, rows first, then their
//!    result files (a crash in between leaves only unreferenced files, never a row without
//!    its result);
//! 4. audit log entries older than the longest job retention are deleted ([`crate::audit`]:
//!    the record of who acted on a job outlives the job);
//! 5. import uploads older than the longest job retention are removed ([`crate::upload`]);
//! 6. every [`SNAPSHOT_SWEEP_EVERY`], the snapshots of graph versions no longer used are
//!    removed: what a job's own cleanup missed because its node died between recording the
//!    job's end and the cleanup, or what a writer that failed or was fenced left. Only graphs
//!    no job writes at the moment are looked at, and only versions up to the last one given
//!    (a writer that starts after the look takes a higher one);
//! 7. at the same pace (the first sweep after a start included), the scratch of distributed
//!    jobs (`compute/<job>/` in the object store, the group's working dir) that a node killed
//!    midway left, for jobs that are terminal or gone ([`crate::distributed`]'s sweep).
//!
//! One sweep is [`Engine::sweep_at`] (`engine/sweep.rs`, the façade's); this module holds its
//! report and the loop that runs it.

use super::store::Recovery;
use crate::{Engine, time_fmt};

/// What one sweep did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// Jobs recovered from expired leases.
    pub leases: Recovery,
    /// Cancelling jobs failed at their cancel deadline.
    pub overdue_cancels: u64,
    /// Finished jobs deleted by retention.
    pub deleted: Vec<String>,
    /// Audit log entries deleted by retention.
    pub traces_deleted: u64,
    /// Expired upload areas removed.
    pub uploads_removed: u64,
    /// Unused snapshot files and objects removed.
    pub snapshots_removed: u64,
    /// Finished or deleted distributed jobs whose leftover scratch was removed.
    pub compute_scratch_removed: u64,
}

/// How often a node sweeps unused snapshots (one object-store listing per graph).
pub const SNAPSHOT_SWEEP_EVERY: time::Duration = time::Duration::minutes(10);

/// Starts the sweep loop; it ends with the engine.
pub(crate) fn spawn(engine: &Engine) {
    let engine = engine.clone();
    tokio::spawn(async move {
        let every = engine.config().sweep_every;
        loop {
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = engine.shutdown_signal().cancelled() => break,
            }
            match engine.sweep_at(time_fmt::now()).await {
                Ok(r) if r != SweepReport::default() => tracing::info!(
                    requeued = r.leases.requeued,
                    failed = r.leases.failed,
                    cancelled = r.leases.cancelled,
                    overdue_cancels = r.overdue_cancels,
                    deleted = r.deleted.len(),
                    traces_deleted = r.traces_deleted,
                    uploads_removed = r.uploads_removed,
                    snapshots_removed = r.snapshots_removed,
                    compute_scratch_removed = r.compute_scratch_removed,
                    "job sweep"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "job sweep failed; retrying next period"),
            }
        }
    });
}

/// Job changes the change log keeps (see `SqlStore::job_changes`).
pub(crate) const KEEP_CHANGES: i64 = 100_000;
