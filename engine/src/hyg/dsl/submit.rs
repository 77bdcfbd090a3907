//! The engine façade's `dsl` call: read the body, check the view, read the script, queue
//! the job (its kind check compiles the script).

use serde_json::{Map, Value};

use super::{HygDsl, HygDslRequest};
use crate::engine::Engine;
use crate::job::{JobKind, JobRecord, JobSpec};
use crate::{Error, Refusal, Result, SubmitOptions};

/// The `scriptPath` a job shows whose script was typed in the console.
pub const TYPED_SCRIPT: &str = "(typed in the console)";

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

    /// Submits a HyG dsl job whose script is given as text (the console's form): the checks of
    /// [`Engine::hyg_dsl`] without reading a path. The job's request records the script as
    /// `script` and [`TYPED_SCRIPT`] as its `scriptPath`.
    ///
    /// # Errors
    /// As [`Engine::hyg_dsl`]; a script over [`super::MAX_SCRIPT_BYTES`] or a `timeout` outside
    /// 1…2147483647 is a [`Refusal::BadScript`].
    pub async fn hyg_dsl_text(
        &self,
        project: &str,
        graph: &str,
        script: &str,
        timeout_s: Option<u64>,
        options: SubmitOptions,
    ) -> Result<JobRecord> {
        let bad = |m: String| Error::refused(Refusal::BadScript, format!("Parameter error! {m}"));
        if script.len() as u64 > super::MAX_SCRIPT_BYTES {
            return Err(bad(format!(
                "the script is {} bytes; at most {} are accepted",
                script.len(),
                super::MAX_SCRIPT_BYTES
            )));
        }
        if script.trim().is_empty() {
            return Err(bad("the script is empty".into()));
        }
        if timeout_s.is_some_and(|t| !super::TIMEOUT_S.contains(&t)) {
            return Err(bad(
                "parameter [timeout] must be an integer in (0, 2147483648)".into(),
            ));
        }
        self.synced_view(project, graph).await?;
        let mut request = Map::new();
        request.insert("scriptPath".into(), TYPED_SCRIPT.into());
        request.insert("script".into(), script.into());
        if let Some(t) = timeout_s {
            request.insert("timeout".into(), t.into());
        }
        let kind = JobKind::HygDsl(HygDsl {
            script_path: TYPED_SCRIPT.into(),
            script: script.to_owned(),
            timeout_s,
        });
        self.submit_with(
            project,
            JobSpec::new(graph, kind, Value::Object(request)),
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
