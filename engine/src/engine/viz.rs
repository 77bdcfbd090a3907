//! Visualization jobs through the façade (see [`crate::viz`]; the work is in `viz::jobs`).

use time::OffsetDateTime;

use super::Engine;
use crate::Result;
use crate::job::store::db::Db;
use crate::viz::{NewVizJob, VizJob, VizListQuery, VizPage, jobs, state, view};

impl Engine {
    /// The database of the `visualization_jobs` table (the job store's).
    pub(crate) fn viz_db(&self) -> &Db {
        self.inner.store.db()
    }

    /// Creates a visualization job in INIT; the scheduler takes it to RUNNING.
    ///
    /// # Errors
    /// `InvalidArgument`: a [`Refusal::BadParameter`](crate::Refusal::BadParameter) naming the
    /// bad field, or [`Refusal::QuotaExceeded`](crate::Refusal::QuotaExceeded) when the
    /// project's quota is used up.
    pub async fn create_visualization_job(
        &self,
        project: &str,
        input: NewVizJob,
    ) -> Result<VizJob> {
        jobs::create(self.viz_db(), project, input).await
    }

    /// A filtered, sorted page of a project's visualization jobs.
    pub async fn visualization_jobs(&self, project: &str, query: &VizListQuery) -> Result<VizPage> {
        jobs::list(self.viz_db(), project, query).await
    }

    /// One visualization job. `NotFound` unless it exists *in this project* (a non-numeric id
    /// names no job).
    pub async fn visualization_job(&self, project: &str, id: &str) -> Result<VizJob> {
        jobs::get(self.viz_db(), project, id).await
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
        jobs::update_desc(self.viz_db(), project, id, desc).await
    }

    /// Deletes a job (refused while KILLING).
    ///
    /// # Errors
    /// `Conflict` with ModelArts' message ("This job can't be delete. job status: 9"); `NotFound`.
    pub async fn delete_visualization_job(&self, project: &str, id: &str) -> Result<()> {
        jobs::delete(self.viz_db(), project, id).await
    }

    /// Stops a RUNNING job: KILLING, then COMPLETED.
    ///
    /// # Errors
    /// `Conflict` ("This job can't be stop. job status: 10"); `NotFound`.
    pub async fn stop_visualization_job(&self, project: &str, id: &str) -> Result<VizJob> {
        jobs::act(self.viz_db(), project, id, state::stop).await
    }

    /// Restarts a finished job from INIT.
    ///
    /// # Errors
    /// `Conflict` ("This job can't be resubmit. job status: 8"); `NotFound`.
    pub async fn restart_visualization_job(&self, project: &str, id: &str) -> Result<VizJob> {
        jobs::act(self.viz_db(), project, id, state::restart).await
    }

    /// Takes every automatic step due at `now` (INIT → WAITING → RUNNING, KILLING →
    /// COMPLETED, and the schedule's auto-stop) and returns how many it took. The background
    /// scheduler calls it with the clock; tests call it with any time to play out a schedule
    /// of hours at once.
    pub async fn visualization_tick(&self, now: OffsetDateTime) -> Result<u64> {
        jobs::tick(self.viz_db(), self, now).await
    }

    /// What a RUNNING (or since stopped) job shows.
    ///
    /// # Errors
    /// `NotFound`; `Conflict` when the job has not built a view (not started yet, or FAILED —
    /// its `fail_reason` says why).
    pub async fn visualization_view(&self, project: &str, id: &str) -> Result<view::VizView> {
        jobs::view(self.viz_db(), project, id).await
    }
}
