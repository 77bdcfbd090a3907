//! Bulk cancel: many jobs cancelled by one request, recorded as a parent job of type
//! `CancelJobs` (finished the moment it is made) whose `detail.subJobs` lists every job it
//! reached, so the generic job query shows them as `sub_jobs`. HyG's cancel-all-queued is one
//! such action; the console's "cancel selected" and "cancel all matching" are the others.
//!
//! Each job goes through the ordinary [`Engine::cancel`]: a queued one is cancelled at once, a
//! running one becomes `cancelling`; a job that finished meanwhile is reported as skipped with
//! its state, never as an error.

use serde_json::{Value, json};

use super::store::JobStore;
use super::{JobFilter, JobId, JobRecord, JobState, JobType};
use crate::{Engine, Error, Result, time_fmt};

/// Most jobs one bulk cancel reaches; a larger match says how many it left.
pub const MAX_BULK_CANCEL: u64 = 10_000;

/// What a bulk cancel did.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkCancel {
    /// The parent job recording the action.
    pub parent: JobRecord,
    /// Jobs now `cancelled` or `cancelling`, in the order they were reached.
    pub reached: Vec<JobRecord>,
    /// Jobs that were no longer cancellable when reached: `(id, state)`.
    pub skipped: Vec<(String, JobState)>,
    /// Matching jobs beyond [`MAX_BULK_CANCEL`], left alone.
    pub left: u64,
}

/// `filter` narrowed to the jobs a cancel can still reach (queued or running), all of them
/// (offset 0, no page limit). A filter asking only for finished states matches nothing.
pub fn cancellable(filter: &JobFilter) -> JobFilter {
    let live = [JobState::Queued, JobState::Running];
    let states = if filter.states.is_empty() {
        live.to_vec()
    } else {
        filter
            .states
            .iter()
            .copied()
            .filter(|s| live.contains(s))
            .collect()
    };
    JobFilter {
        states,
        offset: 0,
        limit: MAX_BULK_CANCEL,
        ..filter.clone()
    }
}

impl Engine {
    /// How many jobs [`cancel_matching`](Self::cancel_matching) would reach now.
    pub async fn count_cancellable(&self, project: &str, filter: &JobFilter) -> Result<u64> {
        let f = cancellable(filter);
        if f.states.is_empty() {
            return Ok(0);
        }
        Ok(self
            .jobs(project, &JobFilter { limit: 1, ..f })
            .await?
            .total)
    }

    /// Cancels every queued or running job matching `filter` (up to [`MAX_BULK_CANCEL`]).
    pub async fn cancel_matching(
        &self,
        project: &str,
        filter: &JobFilter,
        actor: &str,
        reason: &str,
    ) -> Result<BulkCancel> {
        let f = cancellable(filter);
        let (ids, total) = if f.states.is_empty() {
            (Vec::new(), 0)
        } else {
            let page = self.jobs(project, &f).await?;
            let ids = page.jobs.into_iter().map(|j| j.id.0).collect();
            (ids, page.total)
        };
        let request = json!({"action": "cancel jobs matching a filter", "actor": actor,
                             "reason": reason, "filter": describe(filter)});
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
    pub async fn cancel_jobs(
        &self,
        project: &str,
        ids: &[String],
        actor: &str,
        reason: &str,
    ) -> Result<BulkCancel> {
        if ids.is_empty() || ids.len() as u64 > MAX_BULK_CANCEL {
            return Err(Error::invalid(format!(
                "a bulk cancel takes 1 to {MAX_BULK_CANCEL} job ids"
            )));
        }
        let request = json!({"action": "cancel selected jobs", "actor": actor,
                             "reason": reason, "jobIds": ids});
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
        let sub_jobs: Vec<Value> = subs
            .iter()
            .map(|j| {
                json!({"jobId": j.id.0, "jobType": j.job_type.as_str(),
                       "state": j.state.as_str(), "algorithm": j.algorithm})
            })
            .collect();
        let id = JobId::generate(
            self.inner
                .seq
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        );
        let mut parent =
            JobRecord::finished(id, project, graph, JobType::CancelJobs, request, started);
        parent.detail = Some(json!({ "subJobs": sub_jobs }));
        self.inner.store.record_finished(&parent).await?;
        self.inner.events.changed(project, &parent.id.0);
        Ok(parent)
    }
}

/// The filter as the parent job's request shows it.
fn describe(f: &JobFilter) -> Value {
    json!({
        "graph": f.graph,
        "states": f.states.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "jobTypes": f.job_types.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        "text": f.text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancellable_keeps_only_live_states_and_drops_paging() {
        let any = cancellable(&JobFilter {
            offset: 40,
            limit: 20,
            ..Default::default()
        });
        assert_eq!(any.states, vec![JobState::Queued, JobState::Running]);
        assert_eq!((any.offset, any.limit), (0, MAX_BULK_CANCEL));
        let queued = cancellable(&JobFilter {
            states: vec![JobState::Queued, JobState::Succeeded],
            graph: Some("g".into()),
            ..Default::default()
        });
        assert_eq!(queued.states, vec![JobState::Queued]);
        assert_eq!(queued.graph.as_deref(), Some("g"));
        let finished = cancellable(&JobFilter {
            states: vec![JobState::Failed],
            ..Default::default()
        });
        assert!(finished.states.is_empty());
    }
}
