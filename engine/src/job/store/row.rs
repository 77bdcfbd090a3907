//! The `jobs` row as both backends select it, decoded by one piece of code (both schemas use
//! 64-bit integers, text and millisecond times, so the same `FromRow` works for each).

use serde_json::Value;

use crate::job::{FailKind, JobCounters, JobId, JobRecord, JobState, JobType};
use crate::time_fmt::from_millis;
use crate::{Error, Result};

/// The columns [`JobRow`] reads, in a form both dialects accept.
pub(super) const JOB_COLUMNS: &str = "id, project_id, graph_name, job_type, algorithm, request, state, \
     progress, created_at, started_at, ended_at, fail_reason, error_code, cancel_actor, \
     cancel_reason, graph_version, result_total, detail, partial, priority, counters, eta_at, \
     lease_expires_at, cancel_deadline_at, attempts, result_attempt, hyg";

/// One selected job row.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct JobRow {
    id: String,
    project_id: String,
    graph_name: String,
    job_type: String,
    algorithm: Option<String>,
    request: String,
    state: String,
    progress: Option<i64>,
    created_at: i64,
    started_at: Option<i64>,
    ended_at: Option<i64>,
    fail_reason: Option<String>,
    error_code: Option<String>,
    cancel_actor: Option<String>,
    cancel_reason: Option<String>,
    graph_version: Option<i64>,
    result_total: Option<i64>,
    detail: Option<String>,
    partial: i64,
    priority: i64,
    counters: Option<String>,
    eta_at: Option<i64>,
    lease_expires_at: Option<i64>,
    cancel_deadline_at: Option<i64>,
    attempts: i64,
    result_attempt: Option<i64>,
    hyg: i64,
}

impl JobRow {
    /// The record; an unknown state or type is an internal error, broken JSON is shown raw.
    pub(super) fn into_record(self) -> Result<JobRecord> {
        Ok(JobRecord {
            id: JobId(self.id),
            project: self.project_id,
            graph: self.graph_name,
            job_type: JobType::parse(&self.job_type)
                .ok_or_else(|| Error::Internal(format!("unknown job type {}", self.job_type)))?,
            algorithm: self.algorithm,
            state: JobState::parse(&self.state)
                .ok_or_else(|| Error::Internal(format!("unknown job state {}", self.state)))?,
            progress: self.progress.map(|p| p.clamp(0, 100) as u8),
            request: serde_json::from_str(&self.request).unwrap_or(Value::String(self.request)),
            created_at: from_millis(self.created_at),
            started_at: self.started_at.map(from_millis),
            ended_at: self.ended_at.map(from_millis),
            fail_reason: self.fail_reason,
            // A name this version does not know (written by an older node still running beside
            // a newer one) reads as no kind, as on jobs that never recorded one.
            fail_kind: self.error_code.as_deref().and_then(FailKind::parse),
            cancel_actor: self.cancel_actor,
            cancel_reason: self.cancel_reason,
            graph_version: self.graph_version,
            result_total: self.result_total.map(|n| n as u64),
            detail: self.detail.and_then(|d| serde_json::from_str(&d).ok()),
            partial: self.partial != 0,
            priority: self.priority,
            counters: self
                .counters
                .and_then(|c| serde_json::from_str(&c).ok())
                .unwrap_or_default(),
            eta: self.eta_at.map(from_millis),
            lease_expires_at: self.lease_expires_at.map(from_millis),
            cancel_deadline: self.cancel_deadline_at.map(from_millis),
            hyg: self.hyg != 0,
            attempt: u32::try_from(self.attempts).unwrap_or(u32::MAX),
            result_attempt: self
                .result_attempt
                .map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
        })
    }
}

/// The counters as stored (`NULL` when none is known).
pub(super) fn counters_json(c: &JobCounters) -> Option<String> {
    (!c.is_empty()).then(|| serde_json::to_string(c).unwrap_or_default())
}

/// Milliseconds of a duration, saturating.
pub(super) fn millis(d: std::time::Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}
