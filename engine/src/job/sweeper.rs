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
//!    (a writer that starts after the look takes a higher one).

use time::OffsetDateTime;

use super::store::{JobStore, Recovery};
use crate::{Engine, Result, time_fmt};

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
}

/// How often a node sweeps unused snapshots (one object-store listing per graph).
pub const SNAPSHOT_SWEEP_EVERY: time::Duration = time::Duration::minutes(10);

/// Starts the sweep loop; it ends with the engine.
pub(crate) fn spawn(engine: &Engine) {
    let engine = engine.clone();
    tokio::spawn(async move {
        let every = engine.inner.config.sweep_every;
        loop {
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = engine.inner.shutdown.cancelled() => break,
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
                    "job sweep"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "job sweep failed; retrying next period"),
            }
        }
    });
}

/// Job changes the change log keeps (see `SqlStore::job_changes`).
const KEEP_CHANGES: i64 = 100_000;

impl Engine {
    /// Runs one sweep as if the time were `now` (the periodic loop passes the clock; tests pass
    /// a later time instead of waiting).
    pub async fn sweep_at(&self, now: OffsetDateTime) -> Result<SweepReport> {
        let inner = &self.inner;
        let leases = inner.store.expire_leases(now).await?;
        let overdue_cancels = inner.store.fail_overdue_cancels(now).await?;
        let deleted = inner
            .store
            .delete_expired(&inner.config.retention, now)
            .await?;
        if !deleted.is_empty() {
            let (engine, ids) = (self.clone(), deleted.clone());
            tokio::task::spawn_blocking(move || {
                for id in &ids {
                    if let Err(e) = engine.inner.results.purge(id) {
                        tracing::warn!(job = %id, error = %e, "cannot delete an expired result");
                    }
                }
            })
            .await
            .map_err(|e| crate::Error::Internal(format!("result cleanup: {e}")))?;
        }
        // The live stream's change log needs only its recent tail (a stream that reconnects
        // after more than this many changes refetches everything anyway).
        if let Err(e) = inner.store.trim_job_changes(KEEP_CHANGES).await {
            tracing::warn!(error = %e, "cannot trim the job change log");
        }
        // The audit log and uploads outlive every job they concern: the longest retention. A
        // failure here must not hold up the steps after it; it is retried next period.
        let keep = inner.config.retention.longest();
        let traces_deleted = match inner.store.prune_traces(now - keep).await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(error = %e, "cannot prune the audit log");
                0
            }
        };
        let uploads_removed = match self.remove_expired_uploads(now.into(), keep).await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(error = %e, "cannot remove expired uploads");
                0
            }
        };
        let snapshots_removed = match self.sweep_snapshots(now).await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(error = %e, "cannot sweep unused snapshots");
                0
            }
        };
        if leases != Recovery::default() || overdue_cancels > 0 {
            inner.events.changed_anywhere();
        }
        if leases.requeued > 0 {
            inner.wake.notify_one();
        }
        Ok(SweepReport {
            leases,
            overdue_cancels,
            deleted,
            traces_deleted,
            uploads_removed,
            snapshots_removed,
        })
    }

    /// Step 5 of the sweep, when [`SNAPSHOT_SWEEP_EVERY`] has passed since the last one.
    async fn sweep_snapshots(&self, now: OffsetDateTime) -> Result<u64> {
        if !self.inner.catalog.sweep_due(now, SNAPSHOT_SWEEP_EVERY) {
            return Ok(0);
        }
        let idle = self.inner.store.idle_graphs().await?;
        let engine = self.clone();
        tokio::task::spawn_blocking(move || {
            idle.iter().map(|g| engine.inner.catalog.sweep(g)).sum()
        })
        .await
        .map_err(|e| crate::Error::Internal(format!("snapshot sweep: {e}")))
    }
}
