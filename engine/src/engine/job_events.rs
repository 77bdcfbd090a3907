//! Job changes through the façade (see [`crate::job::events`]): this process's own as they
//! happen, every node's from the change log.

use tokio::sync::broadcast;

use super::Engine;
use crate::Result;
use crate::job::events::JobEvent;

impl Engine {
    /// Whether this node receives the other nodes' job changes now (always false on a store
    /// that is not shared: there are no other nodes).
    pub fn listening_to_other_nodes(&self) -> bool {
        self.inner.events.listening()
    }

    /// Changes of `project`'s jobs after change `after` (an event id the live stream sent),
    /// oldest first: `(seq, job id)`, at most `limit`. Every node reads the same log.
    pub async fn job_changes(
        &self,
        project: &str,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, String)>> {
        self.inner.store.job_changes(project, after, limit).await
    }

    /// The id of the newest change of `project`'s jobs (where a new live stream starts).
    pub async fn last_job_change(&self, project: &str) -> Result<i64> {
        self.inner.store.last_job_change(project).await
    }

    /// Subscribes to job changes made by this process from now on. A receiver that falls more
    /// than a thousand events behind gets `RecvError::Lagged`: treat it as "something changed".
    pub fn job_events(&self) -> broadcast::Receiver<JobEvent> {
        self.inner.events.subscribe()
    }
}
