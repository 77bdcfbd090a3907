//! ModelArts visualization jobs (REFERENCE §9): a job that serves a view of what lies at its
//! `train_url` while RUNNING. This module owns their lifecycle, API rules and what a job shows.
//!
//! - [`state`]: the lifecycle as pure functions (INIT → WAITING → RUNNING → KILLING → COMPLETED).
//! - [`validate`] / [`query`]: field rules and list parameters, with ModelArts' codes.
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

use crate::engine::Engine;
use crate::{Error, Refusal, Result, time_fmt};

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

impl Engine {
    fn viz_db(&self) -> &crate::job::store::db::Db {
        self.inner.store.db()
    }

    /// Creates a visualization job in INIT; the scheduler takes it to RUNNING.
    ///
    /// # Errors
    /// `InvalidArgument`: a [`Refusal::BadParameter`] naming the bad field, or
    /// [`Refusal::QuotaExceeded`] when the project's quota is used up.
    pub async fn create_visualization_job(
        &self,
        project: &str,
        input: NewVizJob,
    ) -> Result<VizJob> {
        validate::project(project)?;
        let valid = validate::new_job(input)?;
        if store::count(self.viz_db(), project).await? >= JOB_QUOTA {
            return Err(Error::refused(
                Refusal::QuotaExceeded,
                format!(
                    "the quota of {JOB_QUOTA} visualization jobs is used up; delete some jobs first"
                ),
            ));
        }
        store::insert(self.viz_db(), project, &valid, time_fmt::now()).await
    }

    /// A filtered, sorted page of a project's visualization jobs.
    pub async fn visualization_jobs(&self, project: &str, query: &VizListQuery) -> Result<VizPage> {
        let now = time_fmt::now();
        let (jobs, total) = store::list(self.viz_db(), project, query, now).await?;
        let held = store::count(self.viz_db(), project).await?;
        Ok(VizPage {
            jobs,
            total,
            remaining: JOB_QUOTA.saturating_sub(held),
        })
    }

    /// One visualization job. `NotFound` unless it exists *in this project* (a non-numeric id
    /// names no job).
    pub async fn visualization_job(&self, project: &str, id: &str) -> Result<VizJob> {
        let found = match validate::job_id(id) {
            Some(n) => store::get(self.viz_db(), project, n).await?,
            None => None,
        };
        found.ok_or_else(|| not_found(id))
    }

    /// Replaces a job's description (any state).
    ///
    /// # Errors
    /// `InvalidArgument` for a missing or too long `job_desc`; `NotFound`.
    pub async fn update_visualization_job(
        &self,
        project: &str,
        id: &str,
        desc: Option<&str>,
    ) -> Result<VizJob> {
        let desc = validate::job_desc_required(desc)?;
        let job = self.visualization_job(project, id).await?;
        if !store::set_desc(self.viz_db(), job.id, &desc).await? {
            return Err(not_found(id));
        }
        self.visualization_job(project, id).await
    }

    /// Deletes a job (refused while KILLING).
    ///
    /// # Errors
    /// `Conflict` with ModelArts' message ("This job can't be delete. job status: 9"); `NotFound`.
    pub async fn delete_visualization_job(&self, project: &str, id: &str) -> Result<()> {
        for _ in 0..ACTION_ATTEMPTS {
            let job = self.visualization_job(project, id).await?;
            state::delete(job.state).map_err(refused)?;
            if store::delete(self.viz_db(), job.id, job.state).await? {
                return Ok(());
            }
        }
        Err(busy(id))
    }

    /// Stops a RUNNING job: KILLING, then COMPLETED.
    ///
    /// # Errors
    /// `Conflict` ("This job can't be stop. job status: 10"); `NotFound`.
    pub async fn stop_visualization_job(&self, project: &str, id: &str) -> Result<VizJob> {
        self.act_on_visualization_job(project, id, state::stop)
            .await
    }

    /// Restarts a finished job from INIT.
    ///
    /// # Errors
    /// `Conflict` ("This job can't be resubmit. job status: 8"); `NotFound`.
    pub async fn restart_visualization_job(&self, project: &str, id: &str) -> Result<VizJob> {
        self.act_on_visualization_job(project, id, state::restart)
            .await
    }

    /// Takes every automatic step due at `now` (INIT → WAITING → RUNNING, KILLING →
    /// COMPLETED, and the schedule's auto-stop) and returns how many it took. The background
    /// scheduler calls it with the clock; tests call it with any time to play out a schedule
    /// of hours at once.
    pub async fn visualization_tick(&self, now: OffsetDateTime) -> Result<u64> {
        let mut moved = 0;
        for job in store::active(self.viz_db()).await? {
            let Some(mut step) = scheduler::next_step(&job, now) else {
                continue;
            };
            // Starting to serve means building the view from train_url; a job whose content
            // cannot be shown fails with the reason instead.
            let mut outcome = None;
            if step.to == VizState::Running {
                let built = match source::read(self, &job.project, &job.train_url).await {
                    Ok(files) => view::build(&files),
                    Err(reason) => Err(reason),
                };
                outcome = Some(match built {
                    Ok(view) => (
                        Some(serde_json::to_string(&view).expect("a view serialises")),
                        None,
                    ),
                    Err(reason) => {
                        step.to = VizState::Failed;
                        (None, Some(reason))
                    }
                });
            }
            // Entering WAITING (a new run) clears the last run's view and reason.
            let outcome = match &outcome {
                Some((view, reason)) => Some((view.as_deref(), reason.as_deref())),
                None if step.to == VizState::Waiting => Some((None, None)),
                None => None,
            };
            if store::transition_with(
                self.viz_db(),
                &job,
                step.to,
                step.at,
                step.ended_at,
                outcome,
            )
            .await?
            {
                moved += 1;
            }
        }
        Ok(moved)
    }

    /// What a RUNNING (or since stopped) job shows.
    ///
    /// # Errors
    /// `NotFound`; `Conflict` when the job has not built a view (not started yet, or FAILED —
    /// its `fail_reason` says why).
    pub async fn visualization_view(&self, project: &str, id: &str) -> Result<view::VizView> {
        let job = self.visualization_job(project, id).await?;
        let Some(text) = store::view(self.viz_db(), project, job.id).await? else {
            return Err(Error::Conflict {
                message: match job.fail_reason {
                    Some(reason) => format!("visualization job [{id}] failed: {reason}"),
                    None => format!(
                        "visualization job [{id}] has no view yet (status {})",
                        job.state.code()
                    ),
                },
            });
        };
        serde_json::from_str(&text).map_err(|e| Error::Internal(format!("stored view: {e}")))
    }

    async fn act_on_visualization_job(
        &self,
        project: &str,
        id: &str,
        action: fn(VizState) -> std::result::Result<VizState, state::Refused>,
    ) -> Result<VizJob> {
        for _ in 0..ACTION_ATTEMPTS {
            let job = self.visualization_job(project, id).await?;
            let to = action(job.state).map_err(refused)?;
            let now = time_fmt::now();
            if store::transition(self.viz_db(), &job, to, now, None).await? {
                return self.visualization_job(project, id).await;
            }
        }
        Err(busy(id))
    }
}

fn not_found(id: &str) -> Error {
    Error::not_found(format!("visualization job [{id}]"))
}

fn refused(r: state::Refused) -> Error {
    Error::Conflict {
        message: r.to_string(),
    }
}

fn busy(id: &str) -> Error {
    Error::Conflict {
        message: format!("visualization job [{id}] is changing state; retry"),
    }
}

#[cfg(test)]
mod tests;
