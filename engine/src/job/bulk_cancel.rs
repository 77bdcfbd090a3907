//! Bulk cancel: many jobs cancelled by one request, recorded as a parent job of type
//! `CancelJobs` (finished the moment it is made) whose `detail.subJobs` lists every job it
//! reached, so the generic job query shows them as `sub_jobs`. HyG's cancel-all-queued is one
//! such action; the console's "cancel selected" and "cancel all matching" are the others.
//!
//! The façade's verbs (`engine/bulk_cancel.rs`) run it: each job goes through the ordinary
//! [`Engine::cancel`](crate::Engine::cancel): a queued one is cancelled at once, a
//! running one becomes `cancelling`; a job that finished meanwhile is reported as skipped with
//! its state, never as an error.

use serde_json::{Value, json};

use super::{JobFilter, JobId, JobRecord, JobState, JobType};
use crate::{Error, Result};

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

/// The parent job's request for a cancel of the jobs matching `filter`.
pub(crate) fn matching_request(filter: &JobFilter, actor: &str, reason: &str) -> Value {
    json!({"action": "cancel jobs matching a filter", "actor": actor,
           "reason": reason, "filter": describe(filter)})
}

/// The parent job's request for a cancel of the jobs `ids`.
pub(crate) fn selected_request(ids: &[String], actor: &str, reason: &str) -> Value {
    json!({"action": "cancel selected jobs", "actor": actor,
           "reason": reason, "jobIds": ids})
}

/// Refuses an empty id list or one of more than [`MAX_BULK_CANCEL`] ids.
pub(crate) fn check_ids(ids: &[String]) -> Result<()> {
    if ids.is_empty() || ids.len() as u64 > MAX_BULK_CANCEL {
        return Err(Error::invalid(format!(
            "a bulk cancel takes 1 to {MAX_BULK_CANCEL} job ids"
        )));
    }
    Ok(())
}

/// A finished `CancelJobs` parent `id` whose `detail.subJobs` lists `subs`.
pub(crate) fn parent(
    id: JobId,
    project: &str,
    graph: &str,
    request: Value,
    started: time::OffsetDateTime,
    subs: &[JobRecord],
) -> JobRecord {
    let sub_jobs: Vec<Value> = subs
        .iter()
        .map(|j| {
            json!({"jobId": j.id.0, "jobType": j.job_type.as_str(),
                   "state": j.state.as_str(), "algorithm": j.algorithm})
        })
        .collect();
    let mut parent = JobRecord::finished(id, project, graph, JobType::CancelJobs, request, started);
    parent.detail = Some(json!({ "subJobs": sub_jobs }));
    parent
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
