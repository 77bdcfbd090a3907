//! [`Engine::raw_result_page`]: a result page whose rows stay the stored JSON text (see
//! [`crate::result::raw`]).

use super::Engine;
use crate::result::{RawResultPage, ResultKey};
use crate::{Error, JobRecord, JobState, Result};

impl Engine {
    /// A page of the result of `job` (as read by [`Engine::job`] or
    /// [`Engine::job_with_graph_version`]) with its rows as stored, for answers that pass them
    /// on; [`Engine::result_page`] parses them. A small result is read once and then served
    /// from memory (see `result::cache`). `Conflict` before the job has succeeded.
    pub async fn raw_result_page(
        &self,
        job: &JobRecord,
        offset: u64,
        limit: u64,
    ) -> Result<RawResultPage> {
        if job.state != JobState::Succeeded {
            return Err(Error::Conflict {
                message: format!("job {} is {} and has no result", job.id.0, job.state),
            });
        }
        let at = ResultKey::recorded(job);
        if let Some(page) = self.inner.results.fresh_page(&at, offset, limit) {
            return Ok(page);
        }
        let engine = self.clone();
        tokio::task::spawn_blocking(move || engine.inner.results.raw_page(&at, offset, limit))
            .await
            .map_err(|e| Error::Internal(format!("result reader: {e}")))?
    }
}
