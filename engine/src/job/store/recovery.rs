//! Accounting for jobs whose worker is gone (a restart, an expired lease, a missed cancel
//! deadline) and deleting finished jobs past their retention.

use time::OffsetDateTime;

use super::db::{Db, Sql};
use super::row::millis;
use super::{LEASE_LOST_REASON, MAX_ATTEMPTS, OVERDUE_CANCEL_REASON_SQL, Recovery, Retention};
use crate::Result;
use crate::job::{FailKind, JobType};
use crate::time_fmt::{now, to_millis};

/// Reason written on a running job that a restart found and that cannot safely run again.
const RESTART_REASON: &str = "interrupted by restart; the job may have partly run, submit it again";

/// The kind every job failed here is stored with.
const ABANDONED: &str = FailKind::Abandoned.as_str();

/// In one transaction: cancelling jobs become cancelled, running jobs are re-queued (imports,
/// which may have partly written a graph, are failed with `reason` instead, and so is a job
/// already claimed [`MAX_ATTEMPTS`] times, with a reason that says so). With `expired_before`,
/// only jobs whose lease ran out before it; without, every one.
async fn account(
    db: &Db,
    at: i64,
    expired_before: Option<i64>,
    reason: &str,
    gave_up: &str,
) -> Result<Recovery> {
    const LOST: &str = "($2 IS NULL OR lease_expires_at IS NULL OR lease_expires_at < $2)";
    let cancelled = Sql::new(format!(
        "UPDATE jobs SET state = 'cancelled', ended_at = $1, lease_owner = NULL, lease_expires_at = NULL, \
         eta_at = NULL WHERE state = 'cancelling' AND {LOST}"
    ))
    .int(at)
    .int(expired_before);
    let requeued = Sql::new(format!(
        "UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, started_at = NULL, \
         progress = NULL, counters = NULL, eta_at = NULL WHERE state = 'running' AND job_type != $1 \
         AND attempts < $3 AND {LOST}"
    ))
    .text(JobType::ImportGraph.as_str())
    .int(expired_before)
    .int(i64::from(MAX_ATTEMPTS));
    let failed = Sql::new(format!(
        "UPDATE jobs SET state = 'failed', ended_at = $1, lease_owner = NULL, lease_expires_at = NULL, \
         eta_at = NULL, error_code = '{ABANDONED}', fail_reason = CASE WHEN job_type = $4 THEN $3 \
         ELSE 'gave up after ' || CAST(attempts AS TEXT) || ' attempts: each time, ' || $5 END \
         WHERE state = 'running' AND {LOST}"
    ))
    .int(at)
    .int(expired_before)
    .text(reason)
    .text(JobType::ImportGraph.as_str())
    .text(gave_up);
    let changed = db.transaction(&[cancelled, requeued, failed]).await?;
    Ok(Recovery {
        cancelled: changed[0],
        requeued: changed[1],
        failed: changed[2],
    })
}

pub(super) async fn recover(db: &Db) -> Result<Recovery> {
    let gave_up = "the node running it stopped (a restart found it running)";
    account(db, to_millis(now()), None, RESTART_REASON, gave_up).await
}

pub(super) async fn expire_leases(db: &Db, now: OffsetDateTime) -> Result<Recovery> {
    let at = to_millis(now);
    let gave_up = "the node running it stopped renewing its lease";
    account(db, at, Some(at), LEASE_LOST_REASON, gave_up).await
}

pub(super) async fn fail_overdue_cancels(db: &Db, now: OffsetDateTime) -> Result<u64> {
    let at = to_millis(now);
    let q = Sql::new(format!(
        "UPDATE jobs SET state = 'failed', ended_at = $1, lease_owner = NULL, lease_expires_at = NULL, \
         eta_at = NULL, error_code = '{ABANDONED}', fail_reason = {OVERDUE_CANCEL_REASON_SQL} \
         WHERE state = 'cancelling' AND cancel_deadline_at IS NOT NULL AND cancel_deadline_at <= $2"
    ))
    .int(at)
    .int(at);
    db.execute(&q).await
}

pub(super) async fn delete_expired(
    db: &Db,
    retention: &Retention,
    now: OffsetDateTime,
) -> Result<Vec<String>> {
    let at = to_millis(now);
    let q = Sql::new(
        "DELETE FROM jobs WHERE (state = 'succeeded' AND ended_at < $1) \
         OR (state = 'failed' AND ended_at < $2) OR (state = 'cancelled' AND ended_at < $3) RETURNING id",
    )
    .int(at.saturating_sub(millis(retention.succeeded)))
    .int(at.saturating_sub(millis(retention.failed)))
    .int(at.saturating_sub(millis(retention.cancelled)))
    ;
    db.scalars(&q).await
}
