//! Dumping a job's result by its id alone (the console's "Dump to OBS"): the graph is the
//! source job's own, and the request is recorded as the REST body would have been, with
//! `obsParameters` redacted like every stored request.

use serde_json::json;

use super::result::ExportResultSpec;
use crate::Result;
use crate::engine::Engine;
use crate::job::{JobKind, JobRecord, JobSpec};
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
        let request = json!({
            "exportPath": export_path,
            "erase": erase,
            "obsParameters": keys.as_ref().map(|_| json!({"accessKey": "***", "secretKey": "***"})),
        });
        let kind = JobKind::ExportResult(ExportResultSpec {
            source_job: source_job.to_owned(),
            export_path: export_path.to_owned(),
            file_name: None,
            erase,
        });
        let spec = JobSpec::new(source.graph, kind, request);
        let options = crate::SubmitOptions {
            credentials: keys,
            ..Default::default()
        };
        self.submit_with(project, spec, options).await
    }
}
