//! The façade: the only entry point web layers use. Cheap to clone (an `Arc` inside).

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::algo::{self, AlgorithmSpec};
use crate::catalog::GraphCatalog;
use crate::job::running::RunningJobs;
use crate::job::store::{CancelEffect, GraphInfo, JobStore, Recovery, SqlStore};
use crate::job::submit::{self, SubmitOptions};
use crate::job::{JobFilter, JobPage, JobRecord, JobSpec, JobState, runner};
use crate::objects::Objects;
use crate::result::{ResultKey, ResultPage, ResultStore};
use crate::{EngineConfig, Error, Result, auth, time_fmt};

mod audit;
mod bulk_cancel;
mod dump;
mod explore;
mod graph_detail;
mod graph_read;
mod hyg;
mod hyg_dsl;
mod job_counts;
mod job_events;
mod job_parts;
mod job_status;
mod local_path;
mod parts;
mod raw_result_page;
mod rejected_rows;
mod rerun;
mod sweep;
mod upload;
mod viz;

/// The graphjobs engine.
#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

/// What the engine holds. Its fields are private to the façade (`engine.rs` and `engine/`):
/// the domain modules reach them through `engine/parts.rs`, the job machinery through
/// `engine/job_parts.rs`.
struct Inner {
    config: EngineConfig,
    store: SqlStore,
    catalog: GraphCatalog,
    /// Job results, in the data dir and the object store.
    results: ResultStore,
    /// The object store (also behind `catalog` and `results`; uploads use it directly).
    objects: Arc<Objects>,
    /// Controls of the jobs this process runs, by job id.
    running: RunningJobs,
    /// Woken on submit so idle workers pick the job up at once.
    wake: Notify,
    /// Derives access keys' secrets (see [`crate::auth`]).
    master_key: Vec<u8>,
    /// This process's id (its node id in cross-node events; with a claim number, the fence
    /// token of each job it claims, see `runner::fence_token`).
    owner: String,
    /// Claims made by this process, numbering their fence tokens.
    claims: AtomicU64,
    shutdown: CancellationToken,
    seq: AtomicU64,
    /// OBS credentials of queued jobs, in memory only (see [`crate::obs`]).
    obs_vault: crate::obs::vault::CredentialVault,
    /// Job change notifications (see [`crate::job::events`]).
    events: crate::job::events::JobEvents,
    /// Finished jobs and graph versions the job status API read (see [`crate::job::finished`]).
    finished: crate::job::finished::FinishedJobs,
    /// The grants of tokens recently authenticated, by token hash (see [`crate::fresh`]).
    tokens: crate::fresh::FreshMap<Vec<auth::Grant>>,
    workers: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("data_dir", &self.inner.config.data_dir)
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// Opens the data dir, accounts for every job a previous process left unfinished, and starts
    /// the worker pool. Old jobs never make this fail.
    pub async fn open(config: EngineConfig) -> Result<Self> {
        // First: it creates the data dir, and names it if it cannot be written.
        let store = SqlStore::open(&config).await?;
        std::fs::create_dir_all(config.results_dir())?;
        let master_key = crate::admin::master_key(&store, &config).await?;
        let objects =
            Arc::new(Objects::open(&config.object_store, &config.data_dir, &config.obs).await?);
        // A shared store's running jobs may belong to live nodes: only expired leases are
        // recovered there. The SQLite file has one node, so everything left running is stale.
        let recovery = if store.is_shared() {
            store.expire_leases(time_fmt::now()).await?
        } else {
            store.recover().await?
        };
        if recovery != Recovery::default() {
            tracing::warn!(
                ?recovery,
                "recovered jobs left unfinished by a previous process"
            );
        }
        let inner = Arc::new(Inner {
            catalog: GraphCatalog::new(
                config.graphs_dir(),
                objects.clone(),
                config.graph_cache_bytes,
            ),
            results: ResultStore::new(config.results_dir(), objects.clone()),
            objects,
            config,
            store,
            running: RunningJobs::default(),
            wake: Notify::new(),
            master_key,
            owner: uuid::Uuid::new_v4().to_string(),
            claims: AtomicU64::new(0),
            shutdown: CancellationToken::new(),
            seq: AtomicU64::new(time_fmt::to_millis(time_fmt::now()) as u64),
            obs_vault: Default::default(),
            events: Default::default(),
            finished: Default::default(),
            tokens: Default::default(),
            workers: Mutex::default(),
        });
        let engine = Engine { inner };
        if let Some(pool) = engine.inner.store.shared_pool() {
            crate::job::cluster_events::spawn(&engine, pool.clone());
        }
        // `workers == 0` is a submit-only engine: jobs queue up for another process.
        if engine.inner.config.workers > 0 {
            let handle = tokio::spawn(runner::run(engine.clone()));
            *engine.inner.workers.lock().expect("workers lock") = Some(handle);
            crate::viz::scheduler::spawn(&engine);
            crate::job::sweeper::spawn(&engine);
        }
        Ok(engine)
    }

    /// Stops taking jobs, gives running ones `grace` to finish, and closes the store. Jobs still
    /// running afterwards are recovered by the next start.
    pub async fn shutdown(&self, grace: Duration) {
        self.inner.shutdown.cancel();
        let handle = self.inner.workers.lock().expect("workers lock").take();
        if let Some(h) = handle {
            let _ = tokio::time::timeout(grace, h).await;
        }
        self.inner.store.close().await;
    }

    /// The configuration the engine runs with.
    pub fn config(&self) -> &EngineConfig {
        &self.inner.config
    }

    /// Creates an admin token for `project` (creating the project on first use) and returns
    /// it. Only its hash is stored.
    pub async fn create_token(&self, project: &str) -> Result<String> {
        self.create_token_with(project, auth::Role::DEFAULT).await
    }

    /// Creates a token with `role` in `project` (creating the project on first use) and
    /// returns it. Only its hash is stored.
    pub async fn create_token_with(&self, project: &str, role: auth::Role) -> Result<String> {
        check_project(project)?;
        let token = auth::generate_token();
        self.inner
            .store
            .insert_token(&auth::hash_token(&token), project, role, None)
            .await?;
        Ok(token)
    }

    /// The projects a token may use, with its role in each, sorted by project.
    /// `Unauthenticated` if unknown or revoked. A valid token's grants are read from the store
    /// at most once a second per node (see [`crate::fresh`]; [`crate::admin::revoke_credential`]
    /// returns after that second, so a revoked token is refused by then).
    pub async fn authenticate(&self, token: &str) -> Result<Vec<auth::Grant>> {
        if token.is_empty() || token.len() > 256 {
            return Err(Error::Unauthenticated);
        }
        let hash = auth::hash_token(token);
        let (epoch, at) = (self.inner.store.epoch(), std::time::Instant::now());
        if let Some(grants) = self.inner.tokens.get(&hash, epoch) {
            return Ok(grants);
        }
        let grants = self.inner.store.token_grants(&hash).await?;
        if grants.is_empty() {
            Err(Error::Unauthenticated)
        } else {
            self.inner.tokens.put(hash, grants.clone(), at, epoch);
            Ok(grants)
        }
    }

    /// The project a request signed with `SDK-HMAC-SHA256` may use, with the key's role there.
    /// `Unauthenticated` (with the reason logged at debug level) for an unknown or revoked key,
    /// a bad signature, or a date outside the replay window.
    pub async fn authenticate_signed(
        &self,
        authorization: &str,
        parts: &auth::signature::RequestParts<'_>,
    ) -> Result<Vec<auth::Grant>> {
        let refuse = |why: &dyn std::fmt::Display| {
            tracing::debug!(reason = %why, "signed request refused");
            Error::Unauthenticated
        };
        let parsed = auth::signature::parse_authorization(authorization).map_err(|e| refuse(&e))?;
        let grants = self.inner.store.access_key_grants(&parsed.access).await?;
        if grants.is_empty() {
            return Err(refuse(&"unknown or revoked access key"));
        }
        let secret = auth::derive_secret(&self.inner.master_key, &parsed.access);
        auth::signature::verify(parts, &parsed, &secret, time::OffsetDateTime::now_utc())
            .map_err(|e| refuse(&e))?;
        Ok(grants)
    }

    /// The algorithm catalogue (drives validation and the console's form).
    pub fn algorithms(&self) -> &'static [AlgorithmSpec] {
        algo::catalog()
    }

    /// Validates and queues a job (priority 0, no idempotency key; an identical in-flight job
    /// is returned instead of a second one): [`submit_with`](Self::submit_with) with the
    /// default options.
    ///
    /// # Errors
    /// `InvalidArgument` for an unknown graph, algorithm or bad parameter, or an
    /// import path outside the allowed roots; `QueueFull` when the queue is at its limit.
    pub async fn submit(&self, project: &str, spec: JobSpec) -> Result<JobRecord> {
        self.submit_with(project, spec, SubmitOptions::default())
            .await
    }

    /// Validates and queues a job with a priority, an idempotency key, an executor and the
    /// request's `obsParameters` (see [`SubmitOptions`]). Returns the earlier job for a
    /// repeated key or an identical in-flight request.
    ///
    /// # Errors
    /// As [`submit`](Self::submit); also `InvalidArgument` for a bad key or priority and
    /// `Conflict` for a key already used with a different request.
    pub async fn submit_with(
        &self,
        project: &str,
        spec: JobSpec,
        options: SubmitOptions,
    ) -> Result<JobRecord> {
        check_project(project)?;
        submit::submit(self, project, spec, options).await
    }

    /// One job of a project. `NotFound` if it does not exist *in this project*.
    pub async fn job(&self, project: &str, id: &str) -> Result<JobRecord> {
        self.inner
            .store
            .job(project, id)
            .await?
            .ok_or_else(|| Error::not_found(format!("job {id}")))
    }

    /// A filtered page of a project's jobs, newest first.
    pub async fn jobs(&self, project: &str, filter: &JobFilter) -> Result<JobPage> {
        self.inner.store.list_jobs(project, filter).await
    }

    /// Cancels a job: a queued one at once, a running one cooperatively (`cancelling` until its
    /// compute notices; failed with the actor and reason if it has not stopped within the
    /// configured cancel deadline). `Conflict` for a finished job.
    pub async fn cancel(
        &self,
        project: &str,
        id: &str,
        actor: &str,
        reason: &str,
    ) -> Result<JobRecord> {
        let deadline = self.inner.config.cancel_deadline;
        let effect = self
            .inner
            .store
            .request_cancel_until(project, id, actor, reason, deadline)
            .await?;
        self.inner.events.changed(project, id);
        match effect {
            CancelEffect::Cancelled(job) => {
                self.inner.obs_vault.take(id);
                Ok(job)
            }
            CancelEffect::Cancelling(job) => {
                if let Some(ctl) = self.inner.running.get(id) {
                    ctl.cancel();
                }
                Ok(job)
            }
        }
    }

    /// A page of a succeeded job's result.
    pub async fn result_page(
        &self,
        project: &str,
        id: &str,
        offset: u64,
        limit: u64,
    ) -> Result<ResultPage> {
        let at = self.results_of(project, id).await?;
        let engine = self.clone();
        tokio::task::spawn_blocking(move || engine.inner.results.page(&at, offset, limit))
            .await
            .map_err(|e| Error::Internal(format!("result reader: {e}")))?
    }

    /// Where the result of job `id` of `project` is (`Conflict` before it has succeeded).
    pub(crate) async fn results_of(&self, project: &str, id: &str) -> Result<ResultKey> {
        let job = self.job(project, id).await?;
        if job.state != JobState::Succeeded {
            return Err(Error::Conflict {
                message: format!("job {id} is {} and has no result", job.state),
            });
        }
        Ok(ResultKey::recorded(&job))
    }

    /// A page of a succeeded job's result in descending order of the column `metric` (rows
    /// without a numeric value last); the first call for a metric builds its index.
    pub async fn result_page_sorted(
        &self,
        project: &str,
        id: &str,
        metric: &str,
        offset: u64,
        limit: u64,
    ) -> Result<ResultPage> {
        let at = self.results_of(project, id).await?;
        let (engine, metric) = (self.clone(), metric.to_owned());
        tokio::task::spawn_blocking(move || {
            engine
                .inner
                .results
                .sorted_page(&at, &metric, offset, limit)
        })
        .await
        .map_err(|e| Error::Internal(format!("result reader: {e}")))?
    }

    /// A project's graphs.
    pub async fn graphs(&self, project: &str) -> Result<Vec<GraphInfo>> {
        self.inner.store.graphs(project).await
    }

    /// One graph of a project.
    pub async fn graph(&self, project: &str, name: &str) -> Result<GraphInfo> {
        self.inner
            .store
            .graph(project, name)
            .await?
            .ok_or_else(|| graph_missing(name))
    }
}

pub(crate) fn check_project(project: &str) -> Result<()> {
    if auth::valid_project_id(project) {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "project_id [{project}] is invalid: 1-64 letters and digits"
        )))
    }
}

/// Graph names: 1–64 characters, letters, digits, `_` and `-`, starting with a letter
/// ([`rules::graph::graph_name_ok`], which the console's import form states as its pattern).
pub(crate) fn check_graph_name(name: &str) -> Result<()> {
    if rules::graph::graph_name_ok(name) {
        Ok(())
    } else {
        Err(Error::invalid(format!("graph name [{name}] is invalid")))
    }
}

/// GES's wording for a missing graph ("graph : movidde not exist").
pub(crate) fn graph_missing(name: &str) -> Error {
    Error::NotFound {
        what: format!("graph [{name}]"),
    }
}
