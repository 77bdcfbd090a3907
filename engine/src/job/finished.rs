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
use super::store::{JobStore, SqlStore};
use crate::fresh::FreshMap;
use crate::{Error, Result};

/// A job and its graph's version now, as
/// [`Engine::job_with_graph_version`](crate::Engine::job_with_graph_version) answers.
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

impl FinishedJobs {
    /// Job `id` of `project`: a finished one from this cache if it is fresh, else (and always an
    /// unfinished one) from `store`. `NotFound` if the job does not exist in this project.
    pub(crate) async fn job(
        &self,
        store: &SqlStore,
        project: &str,
        id: &str,
    ) -> Result<Arc<JobRecord>> {
        let epoch = store.epoch();
        let at = Instant::now();
        let job_key = key(project, id);
        if let Some(job) = self.jobs.get(&job_key, epoch) {
            return Ok(job);
        }
        let job = Arc::new(
            store
                .job(project, id)
                .await?
                .ok_or_else(|| Error::not_found(format!("job {id}")))?,
        );
        if job.state.is_terminal() {
            self.jobs.put(job_key, job.clone(), at, epoch);
        }
        Ok(job)
    }

    /// The current version of graph `graph` of `project` (`None`: no such graph), from this
    /// cache if it is fresh, else from `store`.
    pub(crate) async fn graph_version(
        &self,
        store: &SqlStore,
        project: &str,
        graph: &str,
    ) -> Result<Option<i64>> {
        let epoch = store.epoch();
        let at = Instant::now();
        let graph_key = key(project, graph);
        if let Some(version) = self.graphs.get(&graph_key, epoch) {
            return Ok(version);
        }
        let version = store.graph(project, graph).await?.map(|g| g.version);
        self.graphs.put(graph_key, version, at, epoch);
        Ok(version)
    }
}
