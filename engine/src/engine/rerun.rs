//! [`Engine::job_spec`] and [`Engine::rerun`]: a job's stored spec, and the same job submitted
//! again from it.

use super::Engine;
use crate::job::JobRecord;
use crate::job::JobSpec;
use crate::job::store::JobStore;
use crate::job::submit::SubmitOptions;
use crate::{Error, Result};

impl Engine {
    /// The spec a job was submitted with (its graph, its kind with the arguments the engine
    /// checked, and its redacted request), as [`rerun`](crate::Engine::rerun) submits it
    /// again; the console's run form is filled from it.
    ///
    /// # Errors
    /// `NotFound` for a job not in this project.
    pub async fn job_spec(&self, project: &str, id: &str) -> Result<JobSpec> {
        let job = self.job(project, id).await?;
        let stored = self
            .store()
            .job_spec(id)
            .await?
            .ok_or_else(|| Error::not_found(format!("job {id}")))?;
        let kind = serde_json::from_value(stored)
            .map_err(|e| Error::Internal(format!("job {id} spec: {e}")))?;
        Ok(JobSpec {
            graph: job.graph,
            kind,
            request: job.request,
        })
    }

    /// Clone-and-re-run: submits a new job from a stored job's graph, spec and (redacted)
    /// request, in any state. The rules of [`submit_with`](crate::Engine::submit_with) apply:
    /// the request is validated again (the graph may be gone), and while the original is still
    /// queued or running the identical request returns it instead of a second job.
    ///
    /// # Errors
    /// `NotFound` for a job not in this project; as `submit_with` otherwise.
    pub async fn rerun(
        &self,
        project: &str,
        id: &str,
        options: SubmitOptions,
    ) -> Result<JobRecord> {
        let spec = self.job_spec(project, id).await?;
        self.submit_with(project, spec, options).await
    }
}
