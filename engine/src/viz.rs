//! ModelArts visualization jobs (REFERENCE §9): a job that serves a view of what lies at its
//! `train_url` while RUNNING. This module owns their lifecycle, API rules and what a job shows.
//!
//! - [`state`]: the lifecycle as pure functions (INIT → WAITING → RUNNING → KILLING → COMPLETED).
//! - [`validate`] / [`query`]: field rules and list parameters, with ModelArts' codes.
//! - `jobs`: what users and the scheduler do to jobs (the façade's verbs call it).
//! - `store`: the `visualization_jobs` table (migration 0004).
//! - [`view`]: what a job shows, built from the files at `train_url` (`source`) when it starts
//!   RUNNING — or the reason it FAILED instead.
//! - [`scheduler`]: the background task that takes the automatic steps and the schedule's
//!   auto-stop; [`Engine::visualization_tick`] is the same step, callable at any "now" (tests).
//!
//! Choices where the docs are silent or disagree (REFERENCE §14.7):
//! - `job_id` is one global sequence (never reused), so ids are unique across projects.
//! - A project holds at most [`JOB_QUOTA`] jobs (`quotas`); `job_count_limit` is what is left.
//!   Creating beyond it is refused ([`Refusal::QuotaExceeded`], which ModelArts numbers
//!   `ModelArts.0118`).
//! - Job names need not be unique.
//! - `schedule.duration` 0 (or no schedule) means the job runs until stopped.
//! - `duration` is how long the current (or last) run has been RUNNING, in ms; 0 before it runs.
//!   A restart starts a new run.
//!
//! [`Engine::visualization_tick`]: crate::Engine::visualization_tick
//! [`Refusal::QuotaExceeded`]: crate::Refusal::QuotaExceeded

pub(crate) mod jobs;
pub mod query;
pub(crate) mod scheduler;
mod source;
pub mod state;
mod store;
pub mod validate;
pub mod view;

use time::OffsetDateTime;

pub use query::{SortOrder, VizListQuery, VizSort};
pub use state::VizState;

use crate::time_fmt;

/// Visualization jobs a project may hold (`quotas` in the list response).
pub const JOB_QUOTA: u64 = 100;

/// How often a user action is retried when the scheduler moved the job at the same moment.
const ACTION_ATTEMPTS: usize = 5;

/// A visualization job as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VizJob {
    /// `job_id`: global sequence from 1.
    pub id: i64,
    /// Owning project.
    pub project: String,
    /// `job_name`.
    pub name: String,
    /// `job_desc` (may be empty).
    pub desc: String,
    /// `train_url` as sent (shape-checked).
    pub train_url: String,
    /// `TensorBoard` | `MindInsight`.
    pub job_type: String,
    /// `flavor.code` as sent; graphjobs has one flavour.
    pub flavor: Option<String>,
    /// `resource_id`: 32 hex digits.
    pub resource_id: String,
    /// Auto-stop after this many hours RUNNING (1–24); `None` = never.
    pub schedule_hours: Option<u8>,
    /// Current status.
    pub state: VizState,
    /// `create_time`.
    pub created_at: OffsetDateTime,
    /// When `state` last changed.
    pub changed_at: OffsetDateTime,
    /// When the current run became RUNNING.
    pub started_at: Option<OffsetDateTime>,
    /// When the current run stopped serving.
    pub ended_at: Option<OffsetDateTime>,
    /// Why the job is FAILED (what was found at `train_url`, or why it could not be read).
    pub fail_reason: Option<String>,
}

impl VizJob {
    /// `duration`: ms RUNNING in the current (or last) run, as of `now`.
    pub fn duration_ms(&self, now: OffsetDateTime) -> i64 {
        match self.started_at {
            None => 0,
            Some(start) => {
                let end = self.ended_at.unwrap_or(now);
                (time_fmt::to_millis(end) - time_fmt::to_millis(start)).max(0)
            }
        }
    }
}

/// A create request as the client sent it; [`validate::new_job`] checks every field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewVizJob {
    /// `job_name` (required).
    pub name: Option<String>,
    /// `job_desc`.
    pub desc: Option<String>,
    /// `train_url` (required).
    pub train_url: Option<String>,
    /// `job_type`, any case.
    pub job_type: Option<String>,
    /// `flavor.code`.
    pub flavor: Option<String>,
    /// `schedule` as sent: an object is one element, an array its elements (at most one allowed).
    pub schedule: Vec<ScheduleSpec>,
}

/// One `schedule` entry as sent (numbers already turned into text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleSpec {
    /// `type`: must be `stop`.
    pub kind: Option<String>,
    /// `time_unit`: must be `HOURS`.
    pub time_unit: Option<String>,
    /// `duration`: 0–24 (hours).
    pub duration: Option<String>,
}

/// A page of a project's visualization jobs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VizPage {
    /// This page.
    pub jobs: Vec<VizJob>,
    /// Jobs matching the filter in all (`job_total_count`).
    pub total: u64,
    /// Jobs the project may still create (`job_count_limit`).
    pub remaining: u64,
}

#[cfg(test)]
mod tests;
