//! What the job status routes of every surface read: a job, and its graph's current version,
//! through the per-node cache of finished jobs (see [`crate::job::finished`]).

use std::sync::Arc;

use super::Engine;
use crate::Result;
use crate::job::JobRecord;
use crate::job::finished::JobView;

impl Engine {
    /// Job `id` of `project` and its graph's current version, for the job status API. A
    /// finished job and a graph's version are read from the store at most once a second per
    /// node, and at once after this node changed the graph catalogue or deleted jobs (see
    /// `job::finished`). `NotFound` if the job does not exist in this project.
    pub async fn job_with_graph_version(&self, project: &str, id: &str) -> Result<JobView> {
        let job = self.job_for_status(project, id).await?;
        let graph_version = self
            .inner
            .finished
            .graph_version(&self.inner.store, project, &job.graph)
            .await?;
        Ok(JobView { job, graph_version })
    }

    /// Job `id` of `project` as the status routes of every surface read it: a finished job's
    /// record is read from the store at most once a second per node, and at once after this
    /// node deleted jobs (see `job::finished`); an unfinished one always from the store.
    /// `NotFound` if the job does not exist in this project.
    pub async fn job_for_status(&self, project: &str, id: &str) -> Result<Arc<JobRecord>> {
        self.inner
            .finished
            .job(&self.inner.store, project, id)
            .await
    }
}
