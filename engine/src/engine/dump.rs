//! [`Engine::dump_result`]: a job's result dumped by the job's id alone (see
//! [`crate::export::dump`]).

use super::Engine;
use crate::Result;
use crate::export::dump;
use crate::job::JobRecord;
use crate::obs::ObsCredentials;

impl Engine {
    /// Submits an export-result job for `source_job` of `project` to `export_path`. Empty keys
    /// mean no credentials (a local `file://` path, or a bucket the server's own keys reach).
    ///
    /// # Errors
    /// As [`Engine::submit_with`] for an export-result job: `NotFound` for an
    /// unknown job, `InvalidArgument` for a job without a result or a bad path.
    pub async fn dump_result(
        &self,
        project: &str,
        source_job: &str,
        export_path: &str,
        erase: bool,
        keys: Option<ObsCredentials>,
    ) -> Result<JobRecord> {
        let source = self.job(project, source_job).await?;
        let keys = keys.filter(|k| !(k.access_key.is_empty() && k.secret_key.is_empty()));
        let spec = dump::spec(source.graph, source_job, export_path, erase, keys.is_some());
        let options = crate::SubmitOptions {
            credentials: keys,
            ..Default::default()
        };
        self.submit_with(project, spec, options).await
    }
}
