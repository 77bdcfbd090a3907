//! The engine façade's `dsl` call: read the body, check the view, read the script, queue
//! the job (its kind check compiles the script).

use serde_json::{Map, Value};

use super::{HygDsl, HygDslRequest};
use crate::engine::Engine;
use crate::job::{JobKind, JobRecord, JobSpec};
use crate::{Error, Result, SubmitOptions};

impl Engine {
    /// Submits a HyG dsl job (REFERENCE §13 #7) for the request `body` on `graph`.
    ///
    /// # Errors
    /// `InvalidArgument`: `GES.8000` when the graph has no HyG view or it is not synced,
    /// [`super::CODE`] (`GES.8005`) for a bad body, an unreadable script or a refused script; as
    /// [`Engine::submit_with`] otherwise.
    pub async fn hyg_dsl(
        &self,
        project: &str,
        graph: &str,
        body: Map<String, Value>,
        options: SubmitOptions,
    ) -> Result<JobRecord> {
        let req = HygDslRequest::from_request(&body)?;
        let view = self.hyg_view(project, graph).await?;
        if !view.synced {
            return Err(Error::invalid(
                "GES.8000",
                format!("HyG graph [{graph}] has not been synced; run sync first"),
            ));
        }
        let script =
            super::source::read(self, project, &req.script_path, req.credentials.as_ref()).await?;
        let kind = JobKind::HygDsl(HygDsl {
            script_path: req.script_path,
            script,
            timeout_s: req.timeout_s,
        });
        let spec = JobSpec::new(graph, kind, Value::Object(body));
        // The script is read: the job itself needs no credentials.
        let options = SubmitOptions {
            credentials: None,
            ..options
        };
        self.submit_with(project, spec, options).await
    }
}
