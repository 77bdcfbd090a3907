//! [`Engine::job_counts`](super::Engine::job_counts): how many of a project's jobs are in each state (the console's
//! overview). Composed from the job list's totals, one `COUNT(*)` per state and no rows, so
//! every store backend supports it without a method of its own.

use super::Engine;
use crate::Result;
use crate::job::{JobFilter, JobState};

impl Engine {
    /// `(state, number of jobs)` for every state, in lifecycle order ([`JobState::ALL`]),
    /// zeros included.
    ///
    /// # Errors
    /// A store failure.
    pub async fn job_counts(&self, project: &str) -> Result<Vec<(JobState, u64)>> {
        let mut counts = Vec::with_capacity(JobState::ALL.len());
        for state in JobState::ALL {
            let filter = JobFilter {
                states: vec![state],
                limit: 0,
                ..Default::default()
            };
            counts.push((state, self.jobs(project, &filter).await?.total));
        }
        Ok(counts)
    }
}
