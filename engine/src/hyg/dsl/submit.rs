//! What a HyG dsl job is made of before it is queued: the checks of a script typed in the
//! console and the job specs of both forms. The façade's `hyg_dsl` / `hyg_dsl_text`
//! (`engine/hyg_dsl.rs`) read the script, check the view and queue them.

use serde_json::{Map, Value};

use super::{HygDsl, HygDslRequest};
use crate::job::{JobKind, JobSpec};
use crate::{Error, Refusal, Result};

/// The `scriptPath` a job shows whose script was typed in the console.
pub const TYPED_SCRIPT: &str = "(typed in the console)";

/// Refuses a typed script over [`super::MAX_SCRIPT_BYTES`] or empty, or a `timeout` outside
/// 1…2147483647, as a [`Refusal::BadScript`].
pub(crate) fn check_text(script: &str, timeout_s: Option<u64>) -> Result<()> {
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
    Ok(())
}

/// The job of a typed script: its request records the script as `script` and
/// [`TYPED_SCRIPT`] as its `scriptPath`.
pub(crate) fn text_spec(graph: &str, script: &str, timeout_s: Option<u64>) -> JobSpec {
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
    JobSpec::new(graph, kind, Value::Object(request))
}

/// The job of the request `body` (read as `req`) whose script, read from its path, is
/// `script`.
pub(crate) fn path_spec(
    graph: &str,
    req: HygDslRequest,
    script: String,
    body: Map<String, Value>,
) -> JobSpec {
    let kind = JobKind::HygDsl(HygDsl {
        script_path: req.script_path,
        script,
        timeout_s: req.timeout_s,
    });
    JobSpec::new(graph, kind, Value::Object(body))
}
