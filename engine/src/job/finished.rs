//! What the job status API reads about a job, kept per node: the record of a finished job and
//! its graph's current version. A client polls a finished job's result page after page; each
//! poll would otherwise read the job and the graph from the store.
//!
//! A finished job's row never changes again; it can only be deleted (retention). A graph's
//! version changes with an import, a clear or a delete. Both are kept in a
//! [`FreshMap`](crate::fresh::FreshMap): served for a second at most, and no longer once this
//! process writes the graph catalogue or deletes jobs ([`SqlStore::epoch`]). So a job deleted,
//! or a graph changed, by this node shows at once; by another node sharing the PostgreSQL
//! store, within [`FRESH`](crate::fresh::FRESH). A job that has not finished is never kept
//! (its state changes), nor is an unknown one.
//!
//! [`SqlStore::epoch`]: super::store::SqlStore::epoch

use std::sync::Arc;
use std::time::Instant;

use super::JobRecord;
use super::store::JobStore;
use crate::fresh::FreshMap;
use crate::{Engine, Error, Result};

/// A job and its graph's version now, as [`Engine::job_with_graph_version`] answers.
#[derive(Debug, Clone)]
pub struct JobView {
    /// The job.
    pub job: Arc<JobRecord>,
    /// The current version of the job's graph; `None` when the graph does not exist (a job
    /// outlives its graph).
    pub graph_version: Option<i64>,
}

/// The cache (one per engine), by `project` and id or graph name.
#[derive(Debug, Default)]
pub(crate) struct FinishedJobs {
    jobs: FreshMap<Arc<JobRecord>>,
    graphs: FreshMap<Option<i64>>,
}

fn key(project: &str, name: &str) -> String {
    format!("{project}/{name}")
}

impl Engine {
    /// Job `id` of `project` and its graph's current version, for the job status API. A
    /// finished job and a graph's version are read from the store at most once a second per
    /// node, and at once after this node changed the graph catalogue or deleted jobs (see
    /// `job::finished`). `NotFound` if the job does not exist in this project.
    pub async fn job_with_graph_version(&self, project: &str, id: &str) -> Result<JobView> {
        let job = self.job_for_status(project, id).await?;
        let cache = &self.inner.finished;
        let store = &self.inner.store;
        let epoch = store.epoch();
        let at = Instant::now();
        let graph_key = key(project, &job.graph);
        let graph_version = match cache.graphs.get(&graph_key, epoch) {
            Some(version) => version,
            None => {
                let version = store.graph(project, &job.graph).await?.map(|g| g.version);
                cache.graphs.put(graph_key, version, at, epoch);
                version
            }
        };
        Ok(JobView { job, graph_version })
    }

    /// Job `id` of `project` as the status routes of every surface read it: a finished job's
    /// record is read from the store at most once a second per node, and at once after this
    /// node deleted jobs (see `job::finished`); an unfinished one always from the store.
    /// `NotFound` if the job does not exist in this project.
    pub async fn job_for_status(&self, project: &str, id: &str) -> Result<Arc<JobRecord>> {
        let cache = &self.inner.finished;
        let store = &self.inner.store;
        let epoch = store.epoch();
        let at = Instant::now();
        let job_key = key(project, id);
        let job = match cache.jobs.get(&job_key, epoch) {
            Some(job) => job,
            None => {
                let job = Arc::new(
                    store
                        .job(project, id)
                        .await?
                        .ok_or_else(|| Error::not_found(format!("job {id}")))?,
                );
                if job.state.is_terminal() {
                    cache.jobs.put(job_key, job.clone(), at, epoch);
                }
                job
            }
        };
        Ok(job)
    }
}
