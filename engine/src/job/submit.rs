//! Submit options and duplicate-submit protection.
//!
//! - **Idempotency key** (chosen surface: the HTTP header `X-Idempotency-Key` on every
//!   job-creating request, passed to [`Engine::submit_with`](crate::Engine::submit_with)): the
//!   same key in the same project always returns the job first created with it, for as long as
//!   that job is retained; reusing a key for a different request is a `Conflict`. Keys are
//!   1–128 printable ASCII characters.
//! - **Identical in-flight requests**: a submit whose project, graph, job kind, spec and request
//!   body equal those of a job still queued or running returns that job instead of queuing a
//!   second one (a finished or cancelling job does not count). A unique index decides races.
//! - **Priority** (chosen surface: the HTTP header `X-Job-Priority`, an integer −100…100,
//!   default 0): workers claim the highest priority first, FIFO within a priority.

use serde_json::json;
use sha2::{Digest, Sha256};

use super::kind::Submitting;
use super::store::{JobStore, NewJob, SqlStore, Submitted};
use super::{JobId, JobKind, JobRecord, JobSpec};
use crate::distributed::Executor;
use crate::engine::check_graph_name;
use crate::obs::ObsCredentials;
use crate::{Engine, Error, Result};

/// Lowest accepted priority.
pub const MIN_PRIORITY: i64 = -100;
/// Highest accepted priority.
pub const MAX_PRIORITY: i64 = 100;
/// Longest accepted idempotency key.
pub const MAX_IDEMPOTENCY_KEY: usize = 128;

/// How a job is submitted, besides what it does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubmitOptions {
    /// Claim order, [`MIN_PRIORITY`]…[`MAX_PRIORITY`]; higher runs first.
    pub priority: i64,
    /// Client's idempotency key.
    pub idempotency_key: Option<String>,
    /// The executor an algorithm job asks for (header `X-Executor`; other jobs ignore it).
    pub executor: crate::distributed::Executor,
    /// The request's `obsParameters`, which the job may use for its OBS paths. They are held
    /// in memory until a worker takes the job and never stored (a restart before that fails
    /// the job with a reason; see [`crate::obs`]).
    pub credentials: Option<ObsCredentials>,
}

impl SubmitOptions {
    /// `InvalidArgument` naming the bad option.
    pub fn validate(&self) -> Result<()> {
        if !(MIN_PRIORITY..=MAX_PRIORITY).contains(&self.priority) {
            return Err(Error::invalid(format!(
                "priority [{}] is out of range {MIN_PRIORITY}..{MAX_PRIORITY}",
                self.priority
            )));
        }
        if let Some(key) = &self.idempotency_key {
            let ok = (1..=MAX_IDEMPOTENCY_KEY).contains(&key.len())
                && key.bytes().all(|b| b.is_ascii_graphic());
            if !ok {
                return Err(Error::invalid(format!(
                    "idempotency key is invalid: 1-{MAX_IDEMPOTENCY_KEY} printable ASCII characters without spaces"
                )));
            }
        }
        Ok(())
    }
}

/// Validation, duplicate detection and queueing of [`Engine::submit_with`].
pub(crate) async fn submit(
    engine: &Engine,
    project: &str,
    mut spec: JobSpec,
    options: SubmitOptions,
) -> Result<JobRecord> {
    options.validate()?;
    let store = engine.store();
    if let JobKind::Algorithm { executor, .. } = &mut spec.kind
        && options.executor != Executor::Local
    {
        *executor = options.executor;
    }
    let dedupe = dedupe_key(&spec)?;
    if let Some(key) = &options.idempotency_key
        && let Some(earlier) = find_earlier(store, project, key, &dedupe).await?
    {
        return Ok(earlier);
    }
    check_graph_name(&spec.graph)?;
    let algorithm = spec
        .kind
        .check(Submitting {
            engine,
            project,
            graph: &spec.graph,
            has_credentials: options.credentials.is_some(),
        })
        .await?;
    let limit = engine.config().queue_limit;
    if store.queued_count().await? >= limit {
        return Err(Error::QueueFull { limit });
    }
    let id = JobId::generate(engine.next_job_seq());
    let job = JobRecord::queued(id, project, &spec, algorithm, options.priority);
    let kind = serde_json::to_value(&spec.kind).map_err(|e| Error::Internal(e.to_string()))?;
    let fifo_key = spec.kind.fifo_key(project, &spec.graph);
    let new = NewJob {
        job: &job,
        spec: &kind,
        priority: options.priority,
        idempotency_key: options.idempotency_key.as_deref(),
        dedupe_key: Some(&dedupe),
        fifo_key: fifo_key.as_deref(),
    };
    if let Some(creds) = options.credentials {
        engine.vault().put(&job.id.0, creds);
    }
    let submitted = match store.submit_job(&new).await {
        Ok(submitted) => submitted,
        Err(e) => {
            engine.vault().take(&job.id.0);
            return Err(e);
        }
    };
    if matches!(submitted, Submitted::Created(_)) {
        engine.events().changed(project, &job.id.0);
        engine.wake().notify_one();
    } else {
        // An earlier identical job was returned: these credentials belong to no job.
        engine.vault().take(&job.id.0);
    }
    Ok(submitted.into_job())
}

/// SHA-256 (hex) of graph, kind, spec and request: equal for identical requests. serde_json's
/// maps are sorted, so key order in the client's body does not matter.
pub(crate) fn dedupe_key(spec: &JobSpec) -> Result<String> {
    let kind = serde_json::to_value(&spec.kind).map_err(|e| Error::Internal(e.to_string()))?;
    let canonical = json!([spec.graph, spec.job_type().as_str(), kind, spec.request]).to_string();
    Ok(hex::encode(Sha256::digest(canonical.as_bytes())))
}

/// The job an idempotency key already produced: `Some` if the request is the same,
/// `Conflict` if not, `None` for a new key.
pub(crate) async fn find_earlier(
    store: &SqlStore,
    project: &str,
    key: &str,
    dedupe: &str,
) -> Result<Option<JobRecord>> {
    match store.job_by_idempotency_key(project, key).await? {
        None => Ok(None),
        Some((job, stored)) if stored.as_deref() == Some(dedupe) => Ok(Some(job)),
        Some((job, _)) => Err(Error::Conflict {
            message: format!(
                "idempotency key [{key}] was already used for a different request (job {})",
                job.id
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Map, json};

    fn params(v: serde_json::Value) -> Map<String, serde_json::Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn identical_requests_share_a_key_and_different_ones_do_not() {
        let a = JobSpec::algorithm("g", "pagerank", params(json!({"alpha": 0.85, "k": 1})));
        let b = JobSpec::algorithm("g", "pagerank", params(json!({"k": 1, "alpha": 0.85})));
        let c = JobSpec::algorithm("g", "pagerank", params(json!({"alpha": 0.8, "k": 1})));
        let d = JobSpec::algorithm("h", "pagerank", params(json!({"alpha": 0.85, "k": 1})));
        let key = |s: &JobSpec| dedupe_key(s).unwrap();
        assert_eq!(key(&a), key(&b));
        assert_ne!(key(&a), key(&c));
        assert_ne!(key(&a), key(&d));
    }

    #[test]
    fn options_are_checked() {
        let ok = SubmitOptions {
            priority: 100,
            idempotency_key: Some("req-42".into()),
            ..Default::default()
        };
        assert!(ok.validate().is_ok());
        for bad in [
            SubmitOptions {
                priority: 101,
                ..Default::default()
            },
            SubmitOptions {
                idempotency_key: Some(String::new()),
                ..Default::default()
            },
            SubmitOptions {
                idempotency_key: Some("has space".into()),
                ..Default::default()
            },
            SubmitOptions {
                idempotency_key: Some("x".repeat(129)),
                ..Default::default()
            },
        ] {
            assert!(
                matches!(bad.validate(), Err(Error::InvalidArgument { .. })),
                "{bad:?}"
            );
        }
    }
}
