//! [`AnyStore`]: the backend the engine was configured with, behind the one [`JobStore`] trait
//! (the trait's `async fn`s are not object-safe, so an enum delegates instead of a `dyn`).

use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use sqlx::SqlitePool;
use time::OffsetDateTime;

use super::{
    CancelEffect, Credential, GraphInfo, JobStore, NewJob, Outcome, PgStore, ProgressReport,
    Recovery, Retention, SqliteStore, Submitted,
};
use crate::job::{JobFilter, JobPage, JobRecord};
use crate::{EngineConfig, Error, Result};

/// Creates the data dir if needed and creates and removes an empty file in it, so a read-only or
/// unwritable dir fails here with one error naming it, not with whichever file happened to be
/// written first.
fn prepare_data_dir(dir: &Path) -> Result<()> {
    // Unique per call: several opens may run at once, in one process or several.
    let probe = dir.join(format!(".write-probe-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&probe, b""))
        .and_then(|()| std::fs::remove_file(&probe))
        .map_err(|source| Error::DataDir {
            path: dir.to_path_buf(),
            source,
        })
}

/// The configured job store.
#[derive(Debug, Clone)]
pub enum AnyStore {
    /// One SQLite file in the data dir (the default, one node).
    Sqlite(SqliteStore),
    /// PostgreSQL shared by several nodes; `local` is the node's SQLite file, which keeps only
    /// what is not shared (visualization jobs).
    Postgres {
        /// The shared store.
        shared: PgStore,
        /// The node-local file.
        local: SqliteStore,
    },
}

impl AnyStore {
    /// Opens what `config` names: PostgreSQL when `database_url` is set, else the SQLite file.
    /// The data dir is created if missing; one that cannot be written is [`Error::DataDir`].
    pub async fn open(config: &EngineConfig) -> Result<Self> {
        prepare_data_dir(&config.data_dir)?;
        let local = SqliteStore::open(&config.database_path()).await?;
        match &config.database_url {
            Some(url) => Ok(Self::Postgres {
                shared: PgStore::connect(url).await?,
                local,
            }),
            None => Ok(Self::Sqlite(local)),
        }
    }

    /// Whether several nodes may share this store (then a starting node must not recover jobs
    /// that other live nodes hold; expired leases are recovered by the sweep instead).
    pub fn is_shared(&self) -> bool {
        matches!(self, Self::Postgres { .. })
    }

    /// The node-local SQLite pool (visualization jobs).
    pub(crate) fn local_pool(&self) -> &SqlitePool {
        match self {
            Self::Sqlite(s) | Self::Postgres { local: s, .. } => &s.pool,
        }
    }

    /// Closes every pool.
    pub async fn close(&self) {
        match self {
            Self::Sqlite(s) => s.close().await,
            Self::Postgres { shared, local } => {
                shared.close().await;
                local.close().await;
            }
        }
    }
}

macro_rules! delegate {
    ($self:ident . $method:ident ( $($arg:expr),* )) => {
        match $self {
            AnyStore::Sqlite(s) => s.$method($($arg),*).await,
            AnyStore::Postgres { shared, .. } => shared.$method($($arg),*).await,
        }
    };
}

impl JobStore for AnyStore {
    async fn ensure_project(&self, project: &str) -> Result<()> {
        delegate!(self.ensure_project(project))
    }
    async fn insert_token(&self, hash: &str, project: &str) -> Result<()> {
        delegate!(self.insert_token(hash, project))
    }

    async fn grant_token(&self, hash: &str, project: &str) -> Result<()> {
        delegate!(self.grant_token(hash, project))
    }
    async fn token_projects(&self, hash: &str) -> Result<Vec<String>> {
        delegate!(self.token_projects(hash))
    }
    async fn insert_access_key(&self, access_key: &str, project: &str) -> Result<()> {
        delegate!(self.insert_access_key(access_key, project))
    }
    async fn access_key_projects(&self, access_key: &str) -> Result<Vec<String>> {
        delegate!(self.access_key_projects(access_key))
    }
    async fn credentials(&self) -> Result<Vec<Credential>> {
        delegate!(self.credentials())
    }
    async fn revoke_credential(&self, id: &str) -> Result<u64> {
        delegate!(self.revoke_credential(id))
    }
    async fn insert_job(&self, job: &JobRecord, spec: &Value, priority: i64) -> Result<()> {
        delegate!(self.insert_job(job, spec, priority))
    }
    async fn submit_job(&self, new: &NewJob<'_>) -> Result<Submitted> {
        delegate!(self.submit_job(new))
    }
    async fn job_by_idempotency_key(
        &self,
        project: &str,
        key: &str,
    ) -> Result<Option<(JobRecord, Option<String>)>> {
        delegate!(self.job_by_idempotency_key(project, key))
    }
    async fn job(&self, project: &str, id: &str) -> Result<Option<JobRecord>> {
        delegate!(self.job(project, id))
    }
    async fn job_spec(&self, id: &str) -> Result<Option<Value>> {
        delegate!(self.job_spec(id))
    }
    async fn list_jobs(&self, project: &str, filter: &JobFilter) -> Result<JobPage> {
        delegate!(self.list_jobs(project, filter))
    }
    async fn queued_count(&self) -> Result<u64> {
        delegate!(self.queued_count())
    }
    async fn claim_next_leased(&self, owner: &str, lease: Duration) -> Result<Option<JobRecord>> {
        delegate!(self.claim_next_leased(owner, lease))
    }
    async fn renew_lease(&self, id: &str, owner: &str, lease: Duration) -> Result<bool> {
        delegate!(self.renew_lease(id, owner, lease))
    }
    async fn set_progress(&self, id: &str, owner: &str, progress: Option<u8>) -> Result<bool> {
        delegate!(self.set_progress(id, owner, progress))
    }
    async fn report_progress(
        &self,
        id: &str,
        owner: &str,
        report: &ProgressReport,
    ) -> Result<bool> {
        delegate!(self.report_progress(id, owner, report))
    }
    async fn finish(&self, id: &str, owner: &str, outcome: &Outcome) -> Result<bool> {
        delegate!(self.finish(id, owner, outcome))
    }
    async fn request_cancel_until(
        &self,
        project: &str,
        id: &str,
        actor: &str,
        reason: &str,
        deadline: Duration,
    ) -> Result<CancelEffect> {
        delegate!(self.request_cancel_until(project, id, actor, reason, deadline))
    }
    async fn recover(&self) -> Result<Recovery> {
        delegate!(self.recover())
    }
    async fn expire_leases(&self, now: OffsetDateTime) -> Result<Recovery> {
        delegate!(self.expire_leases(now))
    }
    async fn fail_overdue_cancels(&self, now: OffsetDateTime) -> Result<u64> {
        delegate!(self.fail_overdue_cancels(now))
    }
    async fn delete_expired(
        &self,
        retention: &Retention,
        now: OffsetDateTime,
    ) -> Result<Vec<String>> {
        delegate!(self.delete_expired(retention, now))
    }
    async fn upsert_graph(&self, project: &str, graph: &GraphInfo) -> Result<()> {
        delegate!(self.upsert_graph(project, graph))
    }
    async fn graphs(&self, project: &str) -> Result<Vec<GraphInfo>> {
        delegate!(self.graphs(project))
    }
    async fn graph(&self, project: &str, name: &str) -> Result<Option<GraphInfo>> {
        delegate!(self.graph(project, name))
    }
    async fn delete_graph(&self, project: &str, name: &str) -> Result<bool> {
        delegate!(self.delete_graph(project, name))
    }
    async fn record_finished(&self, job: &JobRecord) -> Result<()> {
        delegate!(self.record_finished(job))
    }
    async fn put_hyg(&self, project: &str, graph: &str, view: &str) -> Result<()> {
        delegate!(self.put_hyg(project, graph, view))
    }
    async fn hyg(&self, project: &str, graph: &str) -> Result<Option<String>> {
        delegate!(self.hyg(project, graph))
    }
    async fn hygs(&self, project: &str) -> Result<Vec<(String, String)>> {
        delegate!(self.hygs(project))
    }
    async fn delete_hyg(&self, project: &str, graph: &str) -> Result<bool> {
        delegate!(self.delete_hyg(project, graph))
    }
}
