//! [`SqlStore`]: the one [`JobStore`], written once for SQLite and PostgreSQL ([`Db`] holds the
//! little that differs).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde_json::Value;
use time::OffsetDateTime;

use super::db::{Db, Sql};
use super::open::{connect_pg_pool, open_sqlite_pool, prepare_data_dir};
use super::{
    CancelEffect, Credential, GraphInfo, IdleGraph, JobStore, NewJob, Outcome, ProgressReport,
    Recovery, Retention, Submitted, catalog, changes, credentials, insert, lifecycle, recovery,
};
use crate::auth::{Grant, Role};
use crate::job::{JobFilter, JobPage, JobRecord, JobState};
use crate::{EngineConfig, Error, Result};

/// The durable store of jobs, graphs and credentials: one SQLite file in the data dir (the
/// default, one node) or PostgreSQL shared by several nodes.
///
/// With PostgreSQL, what is shared between nodes and what is not:
/// - shared through PostgreSQL: projects, tokens, access keys, the graph catalogue (names and
///   versions), every job row and every visualization job. A claim is one `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP
///   LOCKED)`, so two nodes never run the same job; leases, fencing and the sweeps are single
///   conditional statements, safe to run on every node at once.
/// - shared through the file system, which must therefore be the nodes' common `--data-dir`
///   (an NFS or similar mount): graph snapshots (`graphs/`), job results (`results/`) and the
///   master key that derives access keys' secrets.
/// - not shared: each node's in-memory graph cache. A node with PostgreSQL opens no SQLite
///   file (visualization jobs kept in a node's `graphjobs.db` before they moved to PostgreSQL
///   are not carried over).
#[derive(Debug, Clone)]
pub struct SqlStore {
    db: Db,
    /// Writes through this store that change how a finished job reads (see [`Self::epoch`]).
    epoch: Arc<AtomicU64>,
}

impl SqlStore {
    /// Opens what `config` names: PostgreSQL when `database_url` is set, else the SQLite file.
    /// The data dir is created if missing; one that cannot be written is [`Error::DataDir`].
    pub async fn open(config: &EngineConfig) -> Result<Self> {
        prepare_data_dir(&config.data_dir)?;
        match &config.database_url {
            Some(url) => Self::connect_postgres(url).await,
            None => Self::open_sqlite(&config.database_path()).await,
        }
    }

    /// A store in the SQLite file `path` (created if needed), with pending migrations run.
    pub async fn open_sqlite(path: &Path) -> Result<Self> {
        Ok(Self {
            db: Db::Sqlite(open_sqlite_pool(path).await?),
            epoch: Arc::default(),
        })
    }

    /// A store in the PostgreSQL database `url` (`postgres://user:pass@host:port/db`), with
    /// pending migrations run (`engine/migrations_pg/`, under sqlx's advisory lock, so nodes may
    /// start together).
    ///
    /// A server that cannot be reached is tried five times, a second apart (a
    /// cluster's nodes may start before their database), then refused as
    /// [`Error::Unavailable`], naming the server and the last answer.
    pub async fn connect_postgres(url: &str) -> Result<Self> {
        let pool = connect_pg_pool(url).await?;
        Ok(Self {
            db: Db::Postgres(pool),
            epoch: Arc::default(),
        })
    }

    /// Whether several nodes may share this store (then a starting node must not recover jobs
    /// that other live nodes hold; expired leases are recovered by the sweep instead).
    pub fn is_shared(&self) -> bool {
        matches!(self.db, Db::Postgres(_))
    }

    /// The master key every node of a shared store derives access keys' secrets from: the one
    /// stored, or `proposal` when none is (the first node to start stores its own). `None` on
    /// SQLite, whose one node keeps the key in its data dir.
    pub(crate) async fn shared_master_key(&self, proposal: &[u8]) -> Result<Option<Vec<u8>>> {
        if !self.is_shared() {
            return Ok(None);
        }
        let proposal = hex::encode(proposal);
        let insert = Sql::new(
            "INSERT INTO secrets (name, value) VALUES ('master', $1) ON CONFLICT DO NOTHING",
        )
        .text(proposal.as_str());
        self.db.execute(&insert).await?;
        let stored: Vec<String> = self
            .db
            .scalars(&Sql::new("SELECT value FROM secrets WHERE name = 'master'"))
            .await?;
        let key = stored
            .first()
            .and_then(|h| hex::decode(h).ok())
            .filter(|k| k.len() == 32)
            .ok_or_else(|| Error::Internal("the stored master key is not 32 hex bytes".into()))?;
        Ok(Some(key))
    }

    /// Changes of `project`'s jobs after change `after`, oldest first: `(seq, job id)`, at
    /// most `limit` (see `migrations/0010_job_changes.sql`).
    pub async fn job_changes(
        &self,
        project: &str,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, String)>> {
        changes::since(&self.db, project, after, limit).await
    }

    /// The newest change of `project`'s jobs (0 before the first).
    pub async fn last_job_change(&self, project: &str) -> Result<i64> {
        changes::last(&self.db, project).await
    }

    /// Keeps only the newest `keep` job changes; returns how many were deleted.
    pub async fn trim_job_changes(&self, keep: i64) -> Result<u64> {
        changes::trim(&self.db, keep).await
    }

    /// Counts the writes made through this store (and its clones) that change what the
    /// engine's short-lived caches hold (`crate::fresh`): a graph's catalogue row written or
    /// deleted (its current version, so whether a result is stale), finished jobs deleted, a
    /// credential revoked. A cache compares it to know that what it holds is still what the
    /// store says; writes by other processes it cannot see (those caches expire instead).
    pub(crate) fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    /// Records a write counted by [`Self::epoch`], after it is made.
    fn bump_epoch(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
    }

    /// The PostgreSQL pool, when the store is shared by several nodes.
    pub(crate) fn shared_pool(&self) -> Option<&sqlx::PgPool> {
        match &self.db {
            Db::Postgres(pool) => Some(pool),
            Db::Sqlite(_) => None,
        }
    }

    /// The database, for the engine's other tables (visualization jobs).
    pub(crate) fn db(&self) -> &Db {
        &self.db
    }

    /// Closes the pool (checkpointing SQLite's WAL).
    pub async fn close(&self) {
        self.db.close().await;
    }
}

impl JobStore for SqlStore {
    async fn ensure_project(&self, project: &str) -> Result<()> {
        credentials::ensure_project(&self.db, project).await
    }
    async fn insert_token(
        &self,
        hash: &str,
        project: &str,
        role: Role,
        name: Option<&str>,
    ) -> Result<()> {
        credentials::insert_token(&self.db, hash, project, role, name).await
    }
    async fn grant_token(&self, hash: &str, project: &str, role: Role) -> Result<()> {
        credentials::grant_token(&self.db, hash, project, role).await
    }
    async fn token_grants(&self, hash: &str) -> Result<Vec<Grant>> {
        credentials::token_grants(&self.db, hash).await
    }
    async fn insert_access_key(
        &self,
        access_key: &str,
        project: &str,
        role: Role,
        name: Option<&str>,
    ) -> Result<()> {
        credentials::insert_access_key(&self.db, access_key, project, role, name).await
    }
    async fn access_key_grants(&self, access_key: &str) -> Result<Vec<Grant>> {
        credentials::access_key_grants(&self.db, access_key).await
    }
    async fn credentials(&self) -> Result<Vec<Credential>> {
        credentials::credentials(&self.db).await
    }
    async fn revoke_credential(&self, id: &str, actions: &[crate::audit::Action]) -> Result<u64> {
        let revoked = credentials::revoke_credential(&self.db, id, actions).await;
        self.bump_epoch();
        revoked
    }

    async fn submit_job(&self, new: &NewJob<'_>) -> Result<Submitted> {
        insert::submit_job(&self.db, new).await
    }
    async fn job_by_idempotency_key(
        &self,
        project: &str,
        key: &str,
    ) -> Result<Option<(JobRecord, Option<String>)>> {
        insert::job_by_idempotency_key(&self.db, project, key).await
    }
    async fn job(&self, project: &str, id: &str) -> Result<Option<JobRecord>> {
        insert::job(&self.db, project, id).await
    }
    async fn job_spec(&self, id: &str) -> Result<Option<Value>> {
        insert::job_spec(&self.db, id).await
    }
    async fn job_state(&self, id: &str) -> Result<Option<JobState>> {
        insert::job_state(&self.db, id).await
    }
    async fn list_jobs(&self, project: &str, filter: &JobFilter) -> Result<JobPage> {
        self.db.list_jobs(project, filter).await
    }
    async fn queued_count(&self) -> Result<u64> {
        insert::queued_count(&self.db).await
    }
    async fn record_finished(&self, job: &JobRecord) -> Result<()> {
        insert::record_finished(&self.db, job).await
    }

    async fn claim_next_leased(&self, owner: &str, lease: Duration) -> Result<Option<JobRecord>> {
        lifecycle::claim(&self.db, owner, lease).await
    }
    async fn renew_lease(&self, id: &str, owner: &str, lease: Duration) -> Result<bool> {
        lifecycle::renew_lease(&self.db, id, owner, lease).await
    }
    async fn set_progress(&self, id: &str, owner: &str, progress: Option<u8>) -> Result<bool> {
        lifecycle::set_progress(&self.db, id, owner, progress).await
    }
    async fn report_progress(
        &self,
        id: &str,
        owner: &str,
        report: &ProgressReport,
    ) -> Result<bool> {
        lifecycle::report_progress(&self.db, id, owner, report).await
    }
    async fn finish(&self, id: &str, owner: &str, outcome: &Outcome) -> Result<bool> {
        let finished = lifecycle::finish(&self.db, id, owner, outcome).await;
        if matches!(
            outcome,
            Outcome::Succeeded {
                graph_change: Some(_),
                ..
            }
        ) {
            self.bump_epoch();
        }
        finished
    }
    async fn request_cancel_until(
        &self,
        project: &str,
        id: &str,
        actor: &str,
        reason: &str,
        deadline: Duration,
    ) -> Result<CancelEffect> {
        lifecycle::request_cancel_until(&self.db, project, id, actor, reason, deadline).await
    }

    async fn recover(&self) -> Result<Recovery> {
        recovery::recover(&self.db).await
    }
    async fn expire_leases(&self, now: OffsetDateTime) -> Result<Recovery> {
        recovery::expire_leases(&self.db, now).await
    }
    async fn fail_overdue_cancels(&self, now: OffsetDateTime) -> Result<u64> {
        recovery::fail_overdue_cancels(&self.db, now).await
    }
    async fn delete_expired(
        &self,
        retention: &Retention,
        now: OffsetDateTime,
    ) -> Result<Vec<String>> {
        let deleted = recovery::delete_expired(&self.db, retention, now).await?;
        if !deleted.is_empty() {
            self.bump_epoch();
        }
        Ok(deleted)
    }

    async fn upsert_graph(&self, project: &str, graph: &GraphInfo) -> Result<()> {
        let written = catalog::upsert_graph(&self.db, project, graph).await;
        self.bump_epoch();
        written
    }
    async fn next_graph_version(&self, project: &str, name: &str) -> Result<i64> {
        catalog::next_graph_version(&self.db, project, name).await
    }
    async fn graphs(&self, project: &str) -> Result<Vec<GraphInfo>> {
        catalog::graphs(&self.db, project).await
    }
    async fn graph(&self, project: &str, name: &str) -> Result<Option<GraphInfo>> {
        catalog::graph(&self.db, project, name).await
    }
    async fn idle_graphs(&self) -> Result<Vec<IdleGraph>> {
        catalog::idle_graphs(&self.db).await
    }
    async fn put_hyg(&self, project: &str, graph: &str, view: &str) -> Result<()> {
        catalog::put_hyg(&self.db, project, graph, view).await
    }
    async fn hyg(&self, project: &str, graph: &str) -> Result<Option<String>> {
        catalog::hyg(&self.db, project, graph).await
    }
    async fn hygs(&self, project: &str) -> Result<Vec<(String, String)>> {
        catalog::hygs(&self.db, project).await
    }
    async fn delete_hyg(&self, project: &str, graph: &str) -> Result<bool> {
        catalog::delete_hyg(&self.db, project, graph).await
    }
}
