//! A job's life after it is queued: the claim, the lease and progress its worker keeps up
//! (fenced on the worker's lease owner id), the end, and a cancel request.

use std::time::Duration;

use super::db::{Db, Sql};
use super::row::{JOB_COLUMNS, counters_json, millis};
use super::{CancelEffect, GraphChange, Outcome, ProgressReport, debug_check, fifo_free};
use crate::job::{JobRecord, JobState};
use crate::time_fmt::{now, to_millis};
use crate::{Error, Result};

/// What every fenced write adds: the job is still the owner's and not finished.
const FENCE: &str = "lease_owner = $2 AND state IN ('running', 'cancelling')";

pub(super) async fn claim(db: &Db, owner: &str, lease: Duration) -> Result<Option<JobRecord>> {
    debug_check(JobState::Queued, JobState::Running);
    let at = to_millis(now());
    // A job of a FIFO group starts no earlier than the end recorded for the one before it: the
    // time is read before the statement, which may wait for that job's finish to commit (or,
    // across nodes, come from a clock a little behind).
    let q = Sql::new(format!(
        "UPDATE jobs SET state = 'running', started_at = {greatest}($1, COALESCE((SELECT MAX(p.ended_at) \
         FROM jobs p WHERE p.fifo_key = jobs.fifo_key AND p.state IN ('succeeded', 'failed', 'cancelled')), $4)), \
         lease_owner = $2, lease_expires_at = $3, \
         attempts = attempts + 1, progress = NULL, counters = NULL, eta_at = NULL \
         WHERE id = (SELECT id FROM jobs q WHERE state = 'queued' AND {free} \
         ORDER BY priority DESC, created_at, {order} LIMIT 1{locking}) RETURNING {JOB_COLUMNS}",
        greatest = db.greatest(),
        free = fifo_free(db.insertion_order()),
        order = db.insertion_order(),
        locking = db.row_locking(),
    ))
    .int(at)
    .text(owner)
    .int(at.saturating_add(millis(lease)))
    .int(at);
    db.claim(&q).await
}

/// A fenced write `SET {set}` (whose own placeholders start at `$3`) on job `id` of `owner`.
fn fenced<'a>(set: &str, id: &'a str, owner: &'a str) -> Sql<'a> {
    Sql::new(format!("UPDATE jobs SET {set} WHERE id = $1 AND {FENCE}"))
        .text(id)
        .text(owner)
}

pub(super) async fn renew_lease(db: &Db, id: &str, owner: &str, lease: Duration) -> Result<bool> {
    let until = to_millis(now()).saturating_add(millis(lease));
    let q = fenced("lease_expires_at = $3", id, owner).int(until);
    Ok(db.execute(&q).await? == 1)
}

pub(super) async fn set_progress(
    db: &Db,
    id: &str,
    owner: &str,
    progress: Option<u8>,
) -> Result<bool> {
    let q = fenced("progress = $3", id, owner).int(progress.map(i64::from));
    Ok(db.execute(&q).await? == 1)
}

pub(super) async fn report_progress(
    db: &Db,
    id: &str,
    owner: &str,
    report: &ProgressReport,
) -> Result<bool> {
    let q = fenced("progress = $3, counters = $4, eta_at = $5", id, owner)
        .int(report.percent.map(i64::from))
        .owned(counters_json(&report.counters))
        .int(report.eta.map(to_millis));
    Ok(db.execute(&q).await? == 1)
}

pub(super) async fn finish(db: &Db, id: &str, owner: &str, outcome: &Outcome) -> Result<bool> {
    let (state, code, reason, total, version, detail, partial) = match outcome {
        Outcome::Succeeded {
            result_total,
            graph_version,
            detail,
            partial,
            ..
        } => (
            JobState::Succeeded,
            None,
            None,
            Some(*result_total as i64),
            *graph_version,
            detail.as_ref(),
            *partial,
        ),
        Outcome::Failed {
            kind,
            reason,
            detail,
        } => (
            JobState::Failed,
            Some(kind.as_str()),
            Some(reason.as_str()),
            None,
            None,
            detail.as_ref(),
            false,
        ),
        Outcome::Cancelled => (JobState::Cancelled, None, None, None, None, None, false),
    };
    let progress = (state == JobState::Succeeded).then_some(100);
    let q = fenced(
        "state = $3, ended_at = $4, error_code = $5, fail_reason = $6, result_total = $7, \
         graph_version = COALESCE($8, graph_version), detail = COALESCE($9, detail), \
         progress = COALESCE($10, progress), partial = $11, lease_owner = NULL, \
         lease_expires_at = NULL, eta_at = NULL, result_attempt = attempts",
        id,
        owner,
    )
    .text(state.as_str())
    .int(to_millis(now()))
    .text(code)
    .text(reason)
    .int(total)
    .int(version)
    .owned(detail.map(ToString::to_string))
    .int(progress)
    .int(i64::from(partial));
    let Outcome::Succeeded {
        graph_change: Some(change),
        ..
    } = outcome
    else {
        return Ok(db.execute(&q).await? == 1);
    };
    // The graph row changes only if this very transaction recorded the job's success: the
    // transaction stops, changing nothing, when the fenced update above matched no row (the
    // job is no longer this owner's), and that update locked the job's row until the commit.
    // The project row exists: the job's insert made it (`jobs.project_id` references it).
    let then = match change {
        GraphChange::Publish(graph) => vec![super::catalog::publish_graph(id, graph)],
        GraphChange::Delete => super::catalog::delete_graph_of(id),
    };
    let statements: Vec<_> = std::iter::once(q).chain(then).collect();
    let changed = db.transaction_if_first(&statements).await?;
    Ok(changed[0] == 1)
}

pub(super) async fn request_cancel_until(
    db: &Db,
    project: &str,
    id: &str,
    actor: &str,
    reason: &str,
    deadline: Duration,
) -> Result<CancelEffect> {
    let at = to_millis(now());
    let queued = Sql::new(
        "UPDATE jobs SET state = 'cancelled', ended_at = $1, cancel_actor = $2, cancel_reason = $3, \
         cancel_at = $4 WHERE id = $5 AND project_id = $6 AND state = 'queued'",
    )
    .int(at)
    .text(actor)
    .text(reason)
    .int(at)
    .text(id)
    .text(project);
    let was_queued = db.execute(&queued).await? == 1;
    if !was_queued {
        let running = Sql::new(
            "UPDATE jobs SET state = 'cancelling', cancel_actor = $1, cancel_reason = $2, cancel_at = $3, \
             cancel_deadline_at = $4 WHERE id = $5 AND project_id = $6 AND state = 'running'",
        )
        .text(actor)
        .text(reason)
        .int(at)
        .int(at.saturating_add(millis(deadline)))
        .text(id)
        .text(project);
        db.execute(&running).await?;
    }
    let job = super::insert::job(db, project, id)
        .await?
        .ok_or_else(|| Error::not_found(format!("job {id}")))?;
    match job.state {
        JobState::Cancelled if was_queued => Ok(CancelEffect::Cancelled(job)),
        // Cancelling now, by this request or an earlier one (whose deadline is kept).
        JobState::Cancelling => Ok(CancelEffect::Cancelling(job)),
        s => Err(Error::Conflict {
            message: format!("job {id} is already {s} and cannot be cancelled"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::{JobStore, NewJob, Outcome, SqlStore};
    use super::Sql;
    use crate::job::{JobId, JobRecord, JobType};
    use crate::time_fmt::{now, to_millis};

    /// The end recorded for the job before it may lie ahead of the claiming worker's clock
    /// (another node's clock, or a claim whose time was read before its statement waited for
    /// that end to commit): the next job of the group still starts no earlier.
    #[tokio::test]
    async fn a_fifo_job_starts_no_earlier_than_the_end_recorded_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let s = SqlStore::open_sqlite(&dir.path().join("jobs.db"))
            .await
            .unwrap();
        let spec = json!({});
        let mut ids = Vec::new();
        for n in 1..=2 {
            let job = JobRecord::new(
                JobId::generate(n),
                "p",
                "g",
                JobType::ImportGraph,
                json!({}),
            );
            let new = NewJob {
                job: &job,
                spec: &spec,
                priority: 0,
                idempotency_key: None,
                dedupe_key: None,
                fifo_key: Some("p/g"),
            };
            s.submit_job(&new).await.unwrap();
            ids.push(job.id.0);
        }
        let first = s.claim_next("w").await.unwrap().unwrap();
        assert_eq!(first.id.0, ids[0]);
        let done = Outcome::Succeeded {
            result_total: 0,
            graph_version: None,
            detail: None,
            partial: false,
            graph_change: None,
        };
        assert!(s.finish(&ids[0], "w", &done).await.unwrap());
        let ahead = to_millis(now()) + 60_000;
        let q = Sql::new("UPDATE jobs SET ended_at = $1 WHERE id = $2")
            .int(ahead)
            .text(ids[0].as_str());
        assert_eq!(s.db().execute(&q).await.unwrap(), 1);
        let second = s.claim_next("w").await.unwrap().unwrap();
        assert_eq!(second.id.0, ids[1]);
        assert!(
            to_millis(second.started_at.unwrap()) >= ahead,
            "{:?} started before {ahead}",
            second.started_at
        );
    }
}
