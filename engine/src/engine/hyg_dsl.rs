//! The engine façade's HyG `dsl` calls: read the body, check the view, read the script, queue
//! the job (its kind check compiles the script); see [`crate::hyg::dsl`].

use serde_json::{Map, Value};

use super::Engine;
use crate::hyg::dsl::{HygDslRequest, source, submit};
use crate::job::JobRecord;
use crate::{Error, Refusal, Result, SubmitOptions};

impl Engine {
    /// Submits a HyG dsl job (REFERENCE §13 #7) for the request `body` on `graph`.
    ///
    /// # Errors
    /// `InvalidArgument`: [`Refusal::BadParameter`] when the graph has no HyG view,
    /// [`Refusal::WrongState`] when it is not synced, [`Refusal::BadScript`] for a bad body, an
    /// unreadable script or a refused script; as
    /// [`Engine::submit_with`] otherwise.
    pub async fn hyg_dsl(
        &self,
        project: &str,
        graph: &str,
        body: Map<String, Value>,
        options: SubmitOptions,
    ) -> Result<JobRecord> {
        let req = HygDslRequest::from_request(&body)?;
        self.synced_view(project, graph).await?;
        let script =
            source::read(self, project, &req.script_path, req.credentials.as_ref()).await?;
        let spec = submit::path_spec(graph, req, script, body);
        // The script is read: the job itself needs no credentials.
        let options = SubmitOptions {
            credentials: None,
            ..options
        };
        self.submit_with(project, spec, options).await
    }

    /// Submits a HyG dsl job whose script is given as text (the console's form): the checks of
    /// [`Engine::hyg_dsl`] without reading a path. The job's request records the script as
    /// `script` and [`TYPED_SCRIPT`] as its `scriptPath`.
    ///
    /// # Errors
    /// As [`Engine::hyg_dsl`]; a script over [`MAX_SCRIPT_BYTES`] or a `timeout` outside
    /// 1…2147483647 is a [`Refusal::BadScript`].
    ///
    /// [`TYPED_SCRIPT`]: crate::hyg::dsl::TYPED_SCRIPT
    /// [`MAX_SCRIPT_BYTES`]: crate::hyg::dsl::MAX_SCRIPT_BYTES
    pub async fn hyg_dsl_text(
        &self,
        project: &str,
        graph: &str,
        script: &str,
        timeout_s: Option<u64>,
        options: SubmitOptions,
    ) -> Result<JobRecord> {
        submit::check_text(script, timeout_s)?;
        self.synced_view(project, graph).await?;
        self.submit_with(
            project,
            submit::text_spec(graph, script, timeout_s),
            options,
        )
        .await
    }

    /// Checks that `graph` has a HyG view and that it is synced.
    async fn synced_view(&self, project: &str, graph: &str) -> Result<()> {
        let view = self.hyg_view(project, graph).await?;
        if !view.synced {
            return Err(Error::refused(
                Refusal::WrongState,
                format!("HyG graph [{graph}] has not been synced; run sync first"),
            ));
        }
        Ok(())
    }
}
