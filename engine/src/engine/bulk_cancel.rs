//! Bulk cancel through the façade (see [`crate::job::bulk_cancel`]): many jobs cancelled by
//! one request, recorded as a finished `CancelJobs` parent job.

use serde_json::Value;

use super::Engine;
use crate::job::bulk_cancel::{self, BulkCancel};
use crate::job::store::JobStore;
use crate::job::{JobFilter, JobId, JobRecord};
use crate::{Error, Result, time_fmt};

impl Engine {
    /// How many jobs [`cancel_matching`](Self::cancel_matching) would reach now.
    pub async fn count_cancellable(&self, project: &str, filter: &JobFilter) -> Result<u64> {
        let f = bulk_cancel::cancellable(filter);
        if f.states.is_empty() {
            return Ok(0);
        }
        Ok(self
            .jobs(project, &JobFilter { limit: 1, ..f })
            .await?
            .total)
    }

    /// Cancels every queued or running job matching `filter` (up to [`MAX_BULK_CANCEL`]).
    ///
    /// [`MAX_BULK_CANCEL`]: bulk_cancel::MAX_BULK_CANCEL
    pub async fn cancel_matching(
        &self,
        project: &str,
        filter: &JobFilter,
        actor: &str,
        reason: &str,
    ) -> Result<BulkCancel> {
        let f = bulk_cancel::cancellable(filter);
        let (ids, total) = if f.states.is_empty() {
            (Vec::new(), 0)
        } else {
            let page = self.jobs(project, &f).await?;
            let ids = page.jobs.into_iter().map(|j| j.id.0).collect();
            (ids, page.total)
        };
        let request = bulk_cancel::matching_request(filter, actor, reason);
        let graph = filter.graph.clone().unwrap_or_default();
        let mut done = self
            .cancel_each(project, &graph, &ids, actor, reason, request)
            .await?;
        done.left = total.saturating_sub(ids.len() as u64);
        Ok(done)
    }

    /// Cancels the jobs `ids` of `project` (at most [`MAX_BULK_CANCEL`]). Ids that name no
    /// job of the project are in neither list (the parent's request still shows them).
    ///
    /// # Errors
    /// `InvalidArgument` for an empty list or more than [`MAX_BULK_CANCEL`] ids.
    ///
    /// [`MAX_BULK_CANCEL`]: bulk_cancel::MAX_BULK_CANCEL
    pub async fn cancel_jobs(
        &self,
        project: &str,
        ids: &[String],
        actor: &str,
        reason: &str,
    ) -> Result<BulkCancel> {
        bulk_cancel::check_ids(ids)?;
        let request = bulk_cancel::selected_request(ids, actor, reason);
        self.cancel_each(project, "", ids, actor, reason, request)
            .await
    }

    async fn cancel_each(
        &self,
        project: &str,
        graph: &str,
        ids: &[String],
        actor: &str,
        reason: &str,
        request: Value,
    ) -> Result<BulkCancel> {
        let started = time_fmt::now();
        let (mut reached, mut skipped) = (Vec::new(), Vec::new());
        for id in ids {
            match self.cancel(project, id, actor, reason).await {
                Ok(job) => reached.push(job),
                Err(Error::Conflict { .. }) => {
                    if let Ok(job) = self.job(project, id).await {
                        skipped.push((id.clone(), job.state));
                    }
                }
                Err(Error::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        let parent = self
            .record_bulk_parent(project, graph, request, started, &reached)
            .await?;
        Ok(BulkCancel {
            parent,
            reached,
            skipped,
            left: 0,
        })
    }

    /// Records a finished `CancelJobs` parent whose `detail.subJobs` lists `subs`.
    pub(crate) async fn record_bulk_parent(
        &self,
        project: &str,
        graph: &str,
        request: Value,
        started: time::OffsetDateTime,
        subs: &[JobRecord],
    ) -> Result<JobRecord> {
        let id = JobId::generate(
            self.inner
                .seq
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        );
        let parent = bulk_cancel::parent(id, project, graph, request, started, subs);
        self.inner.store.record_finished(&parent).await?;
        self.inner.events.changed(project, &parent.id.0);
        Ok(parent)
    }
}
