//! HyG `dsl` (REFERENCE §13 #7, `POST …/hyg/{graph_name}/dsl`): runs a user's Python script
//! written against HyG's `hyg.analytics` Pregel API, as a HyG job.
//!
//! The HyG "DSL" is Python (HyG's "DSL Syntax" pages: `load_base_graph`, `graph.nid`,
//! `graph.run_pregel(Model, result_filter=…, debug_mode=…)`, a `@pregel_types` model with
//! static `init(ctx, nid)` / `compute(ctx, nid, msgs)`, and the `ctx` API). graphjobs embeds no
//! Python: the script is parsed with RustPython's parser and only the documented shape is
//! accepted ([`compile`] lists it) and interpreted over the engine's CSR graph ([`pregel`]).
//! Choices where the docs are silent (also in README's coverage table, §13 #7):
//! - **Submit.** The body is `scriptPath` (required), `obsParameters` (`accessKey`,
//!   `secretKey`; needed for bucket paths only) and `timeout` (seconds, 1…2147483647). The
//!   script is read at submit — a `file:///` path below the allowed roots or a bucket path on
//!   the configured OBS endpoint, at most [`MAX_SCRIPT_BYTES`], UTF-8 — and checked against
//!   the HyG view (it must exist and be synced, as for `algorithm`). A bad body, an unreadable
//!   script, a syntax error, a construct outside the subset or a misuse seen statically
//!   (`load_base_graph` naming another graph, `print` in a method without `debug_mode=True`,
//!   …) is a [`Refusal::BadScript`] (the service plane's **400 GES.8005**, the code the `dsl`
//!   page shows) with the line and the construct. The script text is kept in the job, so the job needs no
//!   credentials when it runs. Expressions and blocks nest at most 64 levels (the
//!   interpreter recurses on them; deeper ones are refused). The answer is `{"jobId", "result": "success"}` like the other
//!   HyG jobs.
//! - **The job** is a HyG job (per-graph FIFO, HyG status words, cancellable, `timeout` as for
//!   `algorithm`) of type `Algorithm` named `dsl`, on the graph version the view last synced.
//!   Runtime errors (`ZeroDivisionError`, `graph.nid` of an unknown id, a value not of
//!   `ntype`, …) fail it ([`crate::FailKind::RunFailed`], shown as `GES.8301`) with "Running
//!   dsl error: line N: …". Progress is
//!   supersteps out of [`MAX_SUPERSTEPS`].
//! - **Vertex ids.** `nid` is the dense vertex index of the synced graph; `ext_id(nid)` the
//!   external id as an int (an error for ids that are not integers, as HyG documents);
//!   `graph.nid(x)` takes an int or str literal/constant and looks up that external id.
//! - **Output.** The script runs once per partition in HyG; graphjobs writes
//!   [`PARTITIONS`] partitions' stdout ([`script`]). The result is rows
//!   `{"partition": k, "line": "…"}` under the key [`STDOUT_KEY`] (paged by job status, with
//!   scalars `partitions`, `supersteps`, `converged`), and export-result writes them as
//!   `partition-{k}/stdout` files (`fileName` renames `stdout`), then the manifest.
//! - **Printing.** A run's result prints as a Python dict from external id (str) to value,
//!   in `nid` order; values print as Python prints them ([`repr`]).

mod compile;
mod eval;
mod ir;
mod job;
mod pregel;
mod repr;
mod script;
pub(crate) mod source;
pub(crate) mod submit;
mod value;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_refused;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::obs::ObsCredentials;
use crate::{Error, Refusal, Result};

pub(crate) use job::run;
pub use pregel::MAX_SUPERSTEPS;
pub use script::PARTITIONS;
pub use submit::TYPED_SCRIPT;

/// Largest script accepted.
pub const MAX_SCRIPT_BYTES: u64 = 64 * 1024;
/// Key of a dsl job's result rows (stdout lines).
pub const STDOUT_KEY: &str = "stdout";
/// Timeouts accepted, in seconds (GES's positive 32-bit integers).
pub const TIMEOUT_S: std::ops::RangeInclusive<u64> = 1..=2_147_483_647;
/// The algorithm name dsl jobs show in job lists.
pub const NAME: &str = "dsl";

/// A dsl job, as queued.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HygDsl {
    /// `scriptPath` as sent.
    pub script_path: String,
    /// The script text read at submit.
    pub script: String,
    /// Fail the job if it runs longer than this many seconds.
    pub timeout_s: Option<u64>,
}

/// The `dsl` request body.
#[derive(Debug, Clone, PartialEq)]
pub struct HygDslRequest {
    /// `scriptPath`.
    pub script_path: String,
    /// `obsParameters`.
    pub credentials: Option<ObsCredentials>,
    /// `timeout`.
    pub timeout_s: Option<u64>,
}

impl HygDslRequest {
    /// Reads the body (`scriptPath`, `obsParameters`, `timeout`).
    ///
    /// # Errors
    /// `InvalidArgument` ([`Refusal::BadScript`]) naming the field that is wrong.
    pub fn from_request(body: &Map<String, Value>) -> Result<Self> {
        let bad = |m: &str| Error::refused(Refusal::BadScript, format!("Parameter error! {m}"));
        let script_path = match body.get("scriptPath") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            _ => return Err(bad("parameter [scriptPath] is required (a string)")),
        };
        let credentials = match body.get("obsParameters") {
            None | Some(Value::Null) => None,
            Some(Value::Object(o)) => match (o.get("accessKey"), o.get("secretKey")) {
                (Some(Value::String(ak)), Some(Value::String(sk))) => Some(ObsCredentials {
                    access_key: ak.clone(),
                    secret_key: sk.clone(),
                }),
                _ => {
                    return Err(bad(
                        "parameter [obsParameters] needs accessKey and secretKey strings",
                    ));
                }
            },
            Some(_) => return Err(bad("parameter [obsParameters] must be an object")),
        };
        let timeout_s = match body.get("timeout") {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_u64() {
                Some(n) if TIMEOUT_S.contains(&n) => Some(n),
                _ => {
                    return Err(bad(&format!(
                        "parameter [timeout] must be an integer in (0, 2147483648), got {v}"
                    )));
                }
            },
        };
        Ok(Self {
            script_path,
            credentials,
            timeout_s,
        })
    }
}

/// Checks a script meant for HyG graph `graph` without running it.
///
/// # Errors
/// `InvalidArgument` ([`Refusal::BadScript`]) with the line and what is wrong.
pub fn check(script: &str, graph: &str) -> Result<()> {
    compile::compile(script, graph)
        .map(drop)
        .map_err(|r| Error::refused(Refusal::BadScript, format!("script refused: {r}")))
}
