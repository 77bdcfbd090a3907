//! [`Engine::rejected_rows`]: the rows an import rejected, paged (see
//! [`crate::rejected_rows`]).

use super::Engine;
use crate::rejected_rows::{self, RejectedPage};
use crate::{Error, Result};

impl Engine {
    /// Rows `offset..offset + limit` of what import job `id` rejected (empty for other jobs and
    /// imports that rejected nothing).
    ///
    /// # Errors
    /// No such job in `project`, or a log that cannot be read.
    pub async fn rejected_rows(
        &self,
        project: &str,
        id: &str,
        offset: u64,
        limit: u64,
    ) -> Result<RejectedPage> {
        let job = self.job(project, id).await?;
        let (engine, id) = (self.clone(), id.to_owned());
        tokio::task::spawn_blocking(move || {
            rejected_rows::page(
                &engine.inner.results,
                &id,
                job.detail.as_ref(),
                offset,
                limit,
            )
        })
        .await
        .map_err(|e| Error::Internal(format!("rejected rows: {e}")))?
    }
}
