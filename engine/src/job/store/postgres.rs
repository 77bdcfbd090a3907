//! SQLite backend of [`JobStore`](super::JobStore): one file in the data dir, WAL journal,
//! migrations embedded at compile time. A process killed with SIGKILL loses no committed write
//! (WAL with `synchronous=NORMAL` is durable against process crashes).

//! PostgreSQL backend of [`JobStore`](super::JobStore), for several engine nodes sharing one
//! job store (`--database-url postgres://…`). Same semantics as the SQLite backend and the same
//! conformance suite. What is shared between nodes and what is not:
//!
//! - shared through PostgreSQL: projects, tokens, access keys, the graph catalogue (names and
//!   versions) and every job row. A claim is one `UPDATE … WHERE id = (SELECT … FOR UPDATE
//!   SKIP LOCKED)`, so two nodes never run the same job; leases, fencing and the sweeps are
//!   single conditional statements, safe to run on every node at once.
//! - shared through the file system, which must therefore be the nodes' common `--data-dir`
//!   (an NFS or similar mount): graph snapshots (`graphs/`), job results (`results/`) and the
//!   master key that derives access keys' secrets. A node loads a graph version from the
//!   snapshot the writing node left there.
//! - not shared: visualization jobs stay in each node's local SQLite file (`graphjobs.db` in
//!   the data dir), and each node's in-memory graph cache.
//!
//! Migrations (`engine/migrations_pg/`) run under sqlx's advisory lock, so nodes may start
//! together.

use std::time::Duration;

use serde_json::Value;
use sqlx::postgres::{PgPoolOptions, PgRow};
use sqlx::{FromRow, PgPool, Postgres, QueryBuilder, Row};
use time::OffsetDateTime;

use super::page_window::PageWindow;
use super::row::{JOB_COLUMNS, JobRow, counters_json, millis};
use super::{
    CancelEffect, Credential, GraphInfo, JobStore, LEASE_LOST_REASON, NewJob, Outcome,
    ProgressReport, Recovery, Retention, Submitted, debug_check,
};
use crate::job::{JobFilter, JobPage, JobRecord, JobState, JobType};
use crate::time_fmt::{from_millis, now, to_millis};
use crate::{Error, Result};

/// The shared job store of several engine nodes.
#[derive(Debug, Clone)]
pub struct PgStore {
    pub(crate) pool: PgPool,
}

impl PgStore {
    /// Connects to `url` (`postgres://user:pass@host:port/db`) and runs pending migrations.
    pub async fn connect(url: &str) -> Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations_pg").run(&pool).await?;
        Ok(Self { pool })
    }

    /// Closes the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn job_from_row(row: &PgRow) -> Result<JobRecord> {
    JobRow::from_row(row)?.into_record()
}

fn push_filter<'a>(qb: &mut QueryBuilder<'a, Postgres>, project: &'a str, filter: &'a JobFilter) {
    qb.push(" WHERE project_id = ").push_bind(project);
    if let Some(g) = &filter.graph {
        qb.push(" AND graph_name = ").push_bind(g.as_str());
    }
    if !filter.job_types.is_empty() {
        qb.push(" AND job_type IN (");
        let mut sep = qb.separated(", ");
        for t in &filter.job_types {
            sep.push_bind(t.as_str());
        }
        qb.push(")");
    }
    if let Some(t) = filter.created_from {
        qb.push(" AND created_at >= ").push_bind(to_millis(t));
    }
    if let Some(t) = filter.created_before {
        qb.push(" AND created_at < ").push_bind(to_millis(t));
    }
    if let Some(p) = filter.partial {
        qb.push(" AND partial = ").push_bind(i64::from(p));
    }
    if let Some(t) = filter.text.as_deref().filter(|t| !t.is_empty()) {
        // An id by its beginning, a graph or algorithm name anywhere (the SQLite store's rule,
        // `sqlite_list.rs`); position tests rather than LIKE, so `%` and `_` are plain.
        let t = t.to_ascii_lowercase();
        qb.push(" AND (starts_with(id, ").push_bind(t.clone());
        qb.push(") OR strpos(lower(graph_name), ")
            .push_bind(t.clone());
        qb.push(") > 0 OR strpos(lower(COALESCE(algorithm, '')), ")
            .push_bind(t);
        qb.push(") > 0)");
    }
    if !filter.states.is_empty() {
        qb.push(" AND state IN (");
        let mut sep = qb.separated(", ");
        for s in &filter.states {
            sep.push_bind(s.as_str());
        }
        qb.push(")");
    }
}

impl JobStore for PgStore {
    async fn ensure_project(&self, project: &str) -> Result<()> {
        sqlx::query("INSERT INTO projects (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(project)
            .bind(to_millis(now()))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn insert_token(&self, hash: &str, project: &str) -> Result<()> {
        self.ensure_project(project).await?;
        sqlx::query("INSERT INTO tokens (hash, project_id, created_at) VALUES ($1, $2, $3)")
            .bind(hash)
            .bind(project)
            .bind(to_millis(now()))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn token_projects(&self, hash: &str) -> Result<Vec<String>> {
        let rows = sqlx::query_scalar::<_, String>(
            "SELECT project_id FROM tokens WHERE hash = $1 AND revoked_at IS NULL \
             UNION SELECT g.project_id FROM token_grants g JOIN tokens t ON t.hash = g.hash \
             WHERE g.hash = $2 AND t.revoked_at IS NULL ORDER BY 1",
        )
        .bind(hash)
        .bind(hash)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }

    async fn grant_token(&self, hash: &str, project: &str) -> Result<()> {
        self.ensure_project(project).await?;
        sqlx::query(
            "INSERT INTO token_grants (hash, project_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(hash)
        .bind(project)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn insert_access_key(&self, access_key: &str, project: &str) -> Result<()> {
        self.ensure_project(project).await?;
        sqlx::query(
            "INSERT INTO access_keys (access_key, project_id, created_at) VALUES ($1, $2, $3)",
        )
        .bind(access_key)
        .bind(project)
        .bind(to_millis(now()))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn access_key_projects(&self, access_key: &str) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar::<_, String>(
            "SELECT project_id FROM access_keys WHERE access_key = $1 AND revoked_at IS NULL ORDER BY project_id",
        )
        .bind(access_key)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn credentials(&self) -> Result<Vec<Credential>> {
        let rows = sqlx::query(
            "SELECT 'token' AS kind, substr(hash, 1, 12) AS id, project_id, created_at, revoked_at FROM tokens \
             UNION ALL SELECT 'access_key', access_key, project_id, created_at, revoked_at FROM access_keys \
             ORDER BY created_at, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("kind")?;
                Ok(Credential {
                    kind: if kind == "token" {
                        "token"
                    } else {
                        "access_key"
                    },
                    id: r.try_get("id")?,
                    project: r.try_get("project_id")?,
                    created_at: r.try_get("created_at")?,
                    revoked_at: r.try_get("revoked_at")?,
                })
            })
            .collect()
    }

    async fn revoke_credential(&self, id: &str) -> Result<u64> {
        if id.len() < 8 {
            return Ok(0);
        }
        let at = to_millis(now());
        let pattern = format!("{}%", id.replace(['%', '_'], ""));
        let tokens = sqlx::query(
            "UPDATE tokens SET revoked_at = $1 WHERE hash LIKE $2 AND revoked_at IS NULL",
        )
        .bind(at)
        .bind(&pattern)
        .execute(&self.pool)
        .await?
        .rows_affected();
        let keys = sqlx::query(
            "UPDATE access_keys SET revoked_at = $1 WHERE access_key = $2 AND revoked_at IS NULL",
        )
        .bind(at)
        .bind(id)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(tokens + keys)
    }

    async fn submit_job(&self, new: &NewJob<'_>) -> Result<Submitted> {
        let job = new.job;
        self.ensure_project(&job.project).await?;
        // The unique indexes on the idempotency key and on in-flight dedupe keys decide races;
        // a row that conflicted may finish before we read it, hence the retry.
        for _ in 0..3 {
            let inserted = sqlx::query(
                "INSERT INTO jobs (id, project_id, graph_name, job_type, algorithm, spec, request, state, \
                 priority, created_at, graph_version, idempotency_key, dedupe_key, fifo_key) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING",
            )
            .bind(&job.id.0)
            .bind(&job.project)
            .bind(&job.graph)
            .bind(job.job_type.as_str())
            .bind(&job.algorithm)
            .bind(new.spec.to_string())
            .bind(job.request.to_string())
            .bind(job.state.as_str())
            .bind(new.priority)
            .bind(to_millis(job.created_at))
            .bind(job.graph_version)
            .bind(new.idempotency_key)
            .bind(new.dedupe_key)
            .bind(new.fifo_key)
            .execute(&self.pool)
            .await?
            .rows_affected();
            if inserted == 1 {
                let stored = self.job(&job.project, &job.id.0).await?;
                return stored
                    .map(Submitted::Created)
                    .ok_or_else(|| Error::Internal("inserted job vanished".into()));
            }
            if let Some(key) = new.idempotency_key
                && let Some((existing, dedupe)) =
                    self.job_by_idempotency_key(&job.project, key).await?
            {
                return super::same_request(existing, dedupe.as_deref(), new.dedupe_key, key);
            }
            if let Some(dedupe) = new.dedupe_key {
                let row = sqlx::query(&format!(
                    "SELECT {JOB_COLUMNS} FROM jobs WHERE project_id = $1 AND dedupe_key = $2 \
                     AND state IN ('queued', 'running')"
                ))
                .bind(&job.project)
                .bind(dedupe)
                .fetch_optional(&self.pool)
                .await?;
                if let Some(row) = row {
                    return Ok(Submitted::Existing(job_from_row(&row)?));
                }
            }
        }
        Err(Error::Internal(format!(
            "job {} conflicts with a job that cannot be found",
            job.id
        )))
    }

    async fn job_by_idempotency_key(
        &self,
        project: &str,
        key: &str,
    ) -> Result<Option<(JobRecord, Option<String>)>> {
        let row = sqlx::query(&format!(
            "SELECT {JOB_COLUMNS}, dedupe_key FROM jobs WHERE project_id = $1 AND idempotency_key = $2"
        ))
        .bind(project)
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((job_from_row(&r)?, r.try_get("dedupe_key")?)))
            .transpose()
    }

    async fn job(&self, project: &str, id: &str) -> Result<Option<JobRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {JOB_COLUMNS} FROM jobs WHERE id = $1 AND project_id = $2"
        ))
        .bind(id)
        .bind(project)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    async fn job_spec(&self, id: &str) -> Result<Option<Value>> {
        let spec: Option<String> = sqlx::query_scalar("SELECT spec FROM jobs WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        spec.map(|s| {
            serde_json::from_str(&s).map_err(|e| Error::Internal(format!("job spec: {e}")))
        })
        .transpose()
    }

    async fn list_jobs(&self, project: &str, filter: &JobFilter) -> Result<JobPage> {
        let mut count = QueryBuilder::<Postgres>::new("SELECT COUNT(*) FROM jobs");
        push_filter(&mut count, project, filter);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;

        // A page in the older half is read oldest first and reversed (`page_window`).
        let window = PageWindow::new(filter.offset, filter.limit, total.max(0) as u64);
        let dir = if window.oldest_first { "ASC" } else { "DESC" };
        let mut qb = QueryBuilder::<Postgres>::new(format!("SELECT {JOB_COLUMNS} FROM jobs"));
        push_filter(&mut qb, project, filter);
        qb.push(format!(" ORDER BY created_at {dir}, seq {dir} LIMIT "))
            .push_bind(window.limit.min(i64::MAX as u64) as i64)
            .push(" OFFSET ")
            .push_bind(window.offset.min(i64::MAX as u64) as i64);
        let rows = qb.build().fetch_all(&self.pool).await?;
        let mut jobs = rows.iter().map(job_from_row).collect::<Result<Vec<_>>>()?;
        if window.oldest_first {
            jobs.reverse();
        }
        Ok(JobPage {
            jobs,
            total: total as u64,
        })
    }

    async fn queued_count(&self) -> Result<u64> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE state = 'queued'")
            .fetch_one(&self.pool)
            .await?;
        Ok(n as u64)
    }

    async fn claim_next_leased(&self, owner: &str, lease: Duration) -> Result<Option<JobRecord>> {
        debug_check(JobState::Queued, JobState::Running);
        let at = to_millis(now());
        // Claims are serialised across nodes by a transaction-scoped advisory lock: the per-graph
        // FIFO check ("no running job with this fifo_key") reads rows another node's claim may
        // be changing, which SKIP LOCKED alone would not see. A claim is one short statement.
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock(7251001)")
            .execute(&mut *tx)
            .await?;
        let row = sqlx::query(&format!(
            "UPDATE jobs SET state = 'running', started_at = $1, lease_owner = $2, lease_expires_at = $3, \
             attempts = attempts + 1, progress = NULL, counters = NULL, eta_at = NULL \
             WHERE id = (SELECT id FROM jobs q WHERE state = 'queued' AND {FIFO_FREE} \
             ORDER BY priority DESC, created_at, seq LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING {JOB_COLUMNS}",
            FIFO_FREE = super::FIFO_FREE
        ))
        .bind(at)
        .bind(owner)
        .bind(at.saturating_add(millis(lease)))
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        row.as_ref().map(job_from_row).transpose()
    }

    async fn renew_lease(&self, id: &str, owner: &str, lease: Duration) -> Result<bool> {
        let until = to_millis(now()).saturating_add(millis(lease));
        let done = sqlx::query(
            "UPDATE jobs SET lease_expires_at = $1 WHERE id = $2 AND lease_owner = $3 \
             AND state IN ('running', 'cancelling')",
        )
        .bind(until)
        .bind(id)
        .bind(owner)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn set_progress(&self, id: &str, owner: &str, progress: Option<u8>) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE jobs SET progress = $1 WHERE id = $2 AND lease_owner = $3 AND state IN ('running', 'cancelling')",
        )
        .bind(progress.map(i64::from))
        .bind(id)
        .bind(owner)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn report_progress(
        &self,
        id: &str,
        owner: &str,
        report: &ProgressReport,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE jobs SET progress = $1, counters = $2, eta_at = $3 WHERE id = $4 AND lease_owner = $5 \
             AND state IN ('running', 'cancelling')",
        )
        .bind(report.percent.map(i64::from))
        .bind(counters_json(&report.counters))
        .bind(report.eta.map(to_millis))
        .bind(id)
        .bind(owner)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn finish(&self, id: &str, owner: &str, outcome: &Outcome) -> Result<bool> {
        let (state, code, reason, total, version, detail, partial) = match outcome {
            Outcome::Succeeded {
                result_total,
                graph_version,
                detail,
                partial,
            } => (
                JobState::Succeeded,
                None,
                None,
                Some(*result_total as i64),
                *graph_version,
                detail.as_ref(),
                *partial,
            ),
            Outcome::Failed {
                code,
                reason,
                detail,
            } => (
                JobState::Failed,
                Some(code.as_str()),
                Some(reason.as_str()),
                None,
                None,
                detail.as_ref(),
                false,
            ),
            Outcome::Cancelled => (JobState::Cancelled, None, None, None, None, None, false),
        };
        let done = sqlx::query(
            "UPDATE jobs SET state = $1, ended_at = $2, error_code = $3, fail_reason = $4, result_total = $5, \
             graph_version = COALESCE($6, graph_version), detail = COALESCE($7, detail), \
             progress = CASE WHEN $8 = 'succeeded' THEN 100 ELSE progress END, partial = $9, lease_owner = NULL, \
             lease_expires_at = NULL, eta_at = NULL WHERE id = $10 AND lease_owner = $11 AND state IN ('running', 'cancelling')",
        )
        .bind(state.as_str())
        .bind(to_millis(now()))
        .bind(code)
        .bind(reason)
        .bind(total)
        .bind(version)
        .bind(detail.map(|d| d.to_string()))
        .bind(state.as_str())
        .bind(i64::from(partial))
        .bind(id)
        .bind(owner)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn request_cancel_until(
        &self,
        project: &str,
        id: &str,
        actor: &str,
        reason: &str,
        deadline: Duration,
    ) -> Result<CancelEffect> {
        let at = to_millis(now());
        let queued = sqlx::query(
            "UPDATE jobs SET state = 'cancelled', ended_at = $1, cancel_actor = $2, cancel_reason = $3, cancel_at = $4 \
             WHERE id = $5 AND project_id = $6 AND state = 'queued'",
        )
        .bind(at)
        .bind(actor)
        .bind(reason)
        .bind(at)
        .bind(id)
        .bind(project)
        .execute(&self.pool)
        .await?;
        let running = if queued.rows_affected() == 0 {
            sqlx::query(
                "UPDATE jobs SET state = 'cancelling', cancel_actor = $1, cancel_reason = $2, cancel_at = $3, \
                 cancel_deadline_at = $4 WHERE id = $5 AND project_id = $6 AND state = 'running'",
            )
            .bind(actor)
            .bind(reason)
            .bind(at)
            .bind(at.saturating_add(millis(deadline)))
            .bind(id)
            .bind(project)
            .execute(&self.pool)
            .await?
            .rows_affected()
        } else {
            0
        };
        let job = self
            .job(project, id)
            .await?
            .ok_or_else(|| Error::not_found(format!("job {id}")))?;
        match job.state {
            JobState::Cancelled if queued.rows_affected() == 1 => Ok(CancelEffect::Cancelled(job)),
            JobState::Cancelling if running == 1 => Ok(CancelEffect::Cancelling(job)),
            JobState::Cancelling => Ok(CancelEffect::Cancelling(job)),
            s => Err(Error::Conflict {
                message: format!("job {id} is already {s} and cannot be cancelled"),
            }),
        }
    }

    async fn recover(&self) -> Result<Recovery> {
        let at = to_millis(now());
        let mut tx = self.pool.begin().await?;
        let cancelled = sqlx::query(
            "UPDATE jobs SET state = 'cancelled', ended_at = $1, lease_owner = NULL, lease_expires_at = NULL WHERE state = 'cancelling'",
        )
        .bind(at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let requeued = sqlx::query(
            "UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, started_at = NULL, \
             progress = NULL, counters = NULL, eta_at = NULL WHERE state = 'running' AND job_type != $1",
        )
        .bind(JobType::ImportGraph.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let failed = sqlx::query(
            "UPDATE jobs SET state = 'failed', ended_at = $1, lease_owner = NULL, lease_expires_at = NULL, eta_at = NULL, \
             error_code = 'GES.8000', fail_reason = 'interrupted by restart; the job may have partly run, submit it again' \
             WHERE state = 'running'",
        )
        .bind(at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(Recovery {
            requeued,
            failed,
            cancelled,
        })
    }

    async fn expire_leases(&self, now: OffsetDateTime) -> Result<Recovery> {
        let at = to_millis(now);
        let mut tx = self.pool.begin().await?;
        let cancelled = sqlx::query(
            "UPDATE jobs SET state = 'cancelled', ended_at = $1, lease_owner = NULL, lease_expires_at = NULL, \
             eta_at = NULL WHERE state = 'cancelling' AND (lease_expires_at IS NULL OR lease_expires_at < $2)",
        )
        .bind(at)
        .bind(at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let requeued = sqlx::query(
            "UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, started_at = NULL, \
             progress = NULL, counters = NULL, eta_at = NULL WHERE state = 'running' AND job_type != $1 \
             AND (lease_expires_at IS NULL OR lease_expires_at < $2)",
        )
        .bind(JobType::ImportGraph.as_str())
        .bind(at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let failed = sqlx::query(
            "UPDATE jobs SET state = 'failed', ended_at = $1, lease_owner = NULL, lease_expires_at = NULL, \
             eta_at = NULL, error_code = 'GES.8000', fail_reason = $2 \
             WHERE state = 'running' AND (lease_expires_at IS NULL OR lease_expires_at < $3)",
        )
        .bind(at)
        .bind(LEASE_LOST_REASON)
        .bind(at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(Recovery {
            requeued,
            failed,
            cancelled,
        })
    }

    async fn fail_overdue_cancels(&self, now: OffsetDateTime) -> Result<u64> {
        let at = to_millis(now);
        let n = sqlx::query(&format!(
            "UPDATE jobs SET state = 'failed', ended_at = $1, lease_owner = NULL, lease_expires_at = NULL, \
             eta_at = NULL, error_code = 'GES.8000', fail_reason = {} \
             WHERE state = 'cancelling' AND cancel_deadline_at IS NOT NULL AND cancel_deadline_at <= $2",
            super::OVERDUE_CANCEL_REASON_SQL
        ))
        .bind(at)
        .bind(at)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(n)
    }

    async fn delete_expired(
        &self,
        retention: &Retention,
        now: OffsetDateTime,
    ) -> Result<Vec<String>> {
        let at = to_millis(now);
        let ids = sqlx::query_scalar::<_, String>(
            "DELETE FROM jobs WHERE (state = 'succeeded' AND ended_at < $1) \
             OR (state = 'failed' AND ended_at < $2) OR (state = 'cancelled' AND ended_at < $3) RETURNING id",
        )
        .bind(at.saturating_sub(millis(retention.succeeded)))
        .bind(at.saturating_sub(millis(retention.failed)))
        .bind(at.saturating_sub(millis(retention.cancelled)))
        .fetch_all(&self.pool)
        .await?;
        Ok(ids)
    }

    async fn upsert_graph(&self, project: &str, g: &GraphInfo) -> Result<()> {
        self.ensure_project(project).await?;
        let at = to_millis(now());
        sqlx::query(
            "INSERT INTO graphs (project_id, name, version, vertices, edges, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (project_id, name) DO UPDATE SET \
             version = excluded.version, vertices = excluded.vertices, edges = excluded.edges, updated_at = excluded.updated_at",
        )
        .bind(project)
        .bind(&g.name)
        .bind(g.version)
        .bind(g.vertices as i64)
        .bind(g.edges as i64)
        .bind(at)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn graphs(&self, project: &str) -> Result<Vec<GraphInfo>> {
        let rows = sqlx::query("SELECT name, version, vertices, edges, created_at, updated_at FROM graphs WHERE project_id = $1 ORDER BY name")
            .bind(project)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(graph_from_row).collect()
    }

    async fn delete_graph(&self, project: &str, name: &str) -> Result<bool> {
        let n = sqlx::query("DELETE FROM graphs WHERE project_id = $1 AND name = $2")
            .bind(project)
            .bind(name)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    async fn record_finished(&self, job: &JobRecord) -> Result<()> {
        debug_assert!(
            job.state.is_terminal(),
            "record_finished takes a finished job"
        );
        self.ensure_project(&job.project).await?;
        sqlx::query(
            "INSERT INTO jobs (id, project_id, graph_name, job_type, spec, request, state, progress, created_at, started_at, ended_at, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, 100, $8, $9, $10, $11)",
        )
        .bind(&job.id.0)
        .bind(&job.project)
        .bind(&job.graph)
        .bind(job.job_type.as_str())
        .bind("null")
        .bind(job.request.to_string())
        .bind(job.state.as_str())
        .bind(to_millis(job.created_at))
        .bind(job.started_at.map(to_millis))
        .bind(job.ended_at.map(to_millis))
        .bind(job.detail.as_ref().map(|d| d.to_string()))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn put_hyg(&self, project: &str, graph: &str, view: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO hyg_graphs (project_id, graph_name, view) VALUES ($1, $2, $3) ON CONFLICT (project_id, graph_name) DO UPDATE SET view = excluded.view",
        )
        .bind(project)
        .bind(graph)
        .bind(view)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn hyg(&self, project: &str, graph: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar(
            "SELECT view FROM hyg_graphs WHERE project_id = $1 AND graph_name = $2",
        )
        .bind(project)
        .bind(graph)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn hygs(&self, project: &str) -> Result<Vec<(String, String)>> {
        Ok(sqlx::query_as(
            "SELECT graph_name, view FROM hyg_graphs WHERE project_id = $1 ORDER BY graph_name",
        )
        .bind(project)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn delete_hyg(&self, project: &str, graph: &str) -> Result<bool> {
        let n = sqlx::query("DELETE FROM hyg_graphs WHERE project_id = $1 AND graph_name = $2")
            .bind(project)
            .bind(graph)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    async fn graph(&self, project: &str, name: &str) -> Result<Option<GraphInfo>> {
        let row = sqlx::query("SELECT name, version, vertices, edges, created_at, updated_at FROM graphs WHERE project_id = $1 AND name = $2")
            .bind(project)
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(graph_from_row).transpose()
    }
}

fn graph_from_row(row: &PgRow) -> Result<GraphInfo> {
    Ok(GraphInfo {
        name: row.try_get("name")?,
        version: row.try_get("version")?,
        vertices: row.try_get::<i64, _>("vertices")? as u64,
        edges: row.try_get::<i64, _>("edges")? as u64,
        created_at: from_millis(row.try_get("created_at")?),
        updated_at: from_millis(row.try_get("updated_at")?),
    })
}
