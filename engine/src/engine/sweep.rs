//! [`Engine::sweep_at`]: one job sweep (see [`crate::job::sweeper`] for its steps).

use time::OffsetDateTime;

use super::Engine;
use crate::Result;
use crate::job::store::{JobStore, Recovery};
use crate::job::sweeper::{KEEP_CHANGES, SNAPSHOT_SWEEP_EVERY, SweepReport};

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
        // Steps 6 and 7 list the object store: every SNAPSHOT_SWEEP_EVERY only.
        let due = inner.catalog.sweep_due(now, SNAPSHOT_SWEEP_EVERY);
        let snapshots_removed = match self.sweep_snapshots(due).await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(error = %e, "cannot sweep unused snapshots");
                0
            }
        };
        let compute_scratch_removed = if due {
            crate::distributed::sweep::sweep_compute_scratch(self)
                .await
                .unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "cannot sweep distributed jobs' scratch");
                    0
                })
        } else {
            0
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
            compute_scratch_removed,
        })
    }

    /// Step 6 of the sweep, when `due` ([`SNAPSHOT_SWEEP_EVERY`] has passed since the last).
    async fn sweep_snapshots(&self, due: bool) -> Result<u64> {
        if !due {
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
