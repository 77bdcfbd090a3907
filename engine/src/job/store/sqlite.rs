//! SQLite backend of [`JobStore`](super::JobStore): one file in the data dir, WAL journal,
//! migrations embedded at compile time. A process killed with SIGKILL loses no committed write
//! (WAL with `synchronous=NORMAL` is durable against process crashes).

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use serde_json::Value;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{Connection, FromRow, Row, SqliteConnection, SqlitePool};
use time::OffsetDateTime;

use super::row::{JOB_COLUMNS, JobRow, counters_json, millis};
use super::{
    CancelEffect, Credential, GraphInfo, JobStore, LEASE_LOST_REASON, NewJob, Outcome,
    ProgressReport, Recovery, Retention, Submitted, debug_check,
};
use crate::job::{JobFilter, JobPage, JobRecord, JobState, JobType};
use crate::time_fmt::{from_millis, now, to_millis};
use crate::{Error, Result};

/// The default job store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the store file and runs pending migrations.
    pub async fn open(path: &Path) -> Result<Self> {
        let opts = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        // sqlx's SQLite migrator takes no lock: a server starting while the CLI creates a token
        // would both apply migration 1. An OS file lock serialises them across processes; it
        // is taken before the first connection too, because switching a new file to WAL can
        // answer "database is locked" to a second process without waiting (seen with the CLI
        // creating a token while the server created the file).
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path.with_extension("migrate.lock"))?;
        let lock = tokio::task::spawn_blocking(move || lock.lock().map(|()| lock))
            .await
            .map_err(|e| crate::Error::Internal(format!("migration lock: {e}")))??;
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(opts)
            .await?;
        let migrated = sqlx::migrate!("./migrations").run(&pool).await;
        drop(lock);
        migrated?;
        Ok(Self { pool })
    }

    /// Closes the pool (checkpointing the WAL).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The transactions below run on a connection of their own, closed instead of pooled when the
/// transaction fails. When COMMIT fails (disk full) SQLite has already rolled back, sqlx's
/// ROLLBACK then fails too and its nesting count stays one too high: the connection's next
/// transaction would be a SAVEPOINT whose RELEASE commits nothing, holding the write lock
/// (every other writer "database is locked") and losing what it reported as done.
async fn recover_on(conn: &mut SqliteConnection, at: i64) -> Result<Recovery> {
    let mut tx = conn.begin().await?;
    let cancelled = sqlx::query(
        "UPDATE jobs SET state = 'cancelled', ended_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE state = 'cancelling'",
    )
    .bind(at)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let requeued = sqlx::query(
        "UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, started_at = NULL, \
         progress = NULL, counters = NULL, eta_at = NULL WHERE state = 'running' AND job_type != ?",
    )
    .bind(JobType::ImportGraph.as_str())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let failed = sqlx::query(
        "UPDATE jobs SET state = 'failed', ended_at = ?, lease_owner = NULL, lease_expires_at = NULL, eta_at = NULL, \
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

async fn expire_leases_on(conn: &mut SqliteConnection, at: i64) -> Result<Recovery> {
    let mut tx = conn.begin().await?;
    let cancelled = sqlx::query(
        "UPDATE jobs SET state = 'cancelled', ended_at = ?, lease_owner = NULL, lease_expires_at = NULL, \
         eta_at = NULL WHERE state = 'cancelling' AND (lease_expires_at IS NULL OR lease_expires_at < ?)",
    )
    .bind(at)
    .bind(at)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let requeued = sqlx::query(
        "UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, started_at = NULL, \
         progress = NULL, counters = NULL, eta_at = NULL WHERE state = 'running' AND job_type != ? \
         AND (lease_expires_at IS NULL OR lease_expires_at < ?)",
    )
    .bind(JobType::ImportGraph.as_str())
    .bind(at)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let failed = sqlx::query(
        "UPDATE jobs SET state = 'failed', ended_at = ?, lease_owner = NULL, lease_expires_at = NULL, \
         eta_at = NULL, error_code = 'GES.8000', fail_reason = ? \
         WHERE state = 'running' AND (lease_expires_at IS NULL OR lease_expires_at < ?)",
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

pub(super) fn job_from_row(row: &SqliteRow) -> Result<JobRecord> {
    JobRow::from_row(row)?.into_record()
}

impl JobStore for SqliteStore {
    async fn ensure_project(&self, project: &str) -> Result<()> {
        sqlx::query("INSERT OR IGNORE INTO projects (id, created_at) VALUES (?, ?)")
            .bind(project)
            .bind(to_millis(now()))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn insert_token(&self, hash: &str, project: &str) -> Result<()> {
        self.ensure_project(project).await?;
        sqlx::query("INSERT INTO tokens (hash, project_id, created_at) VALUES (?, ?, ?)")
            .bind(hash)
            .bind(project)
            .bind(to_millis(now()))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn token_projects(&self, hash: &str) -> Result<Vec<String>> {
        let rows = sqlx::query_scalar::<_, String>(
            "SELECT project_id FROM tokens WHERE hash = ? AND revoked_at IS NULL \
             UNION SELECT g.project_id FROM token_grants g JOIN tokens t ON t.hash = g.hash \
             WHERE g.hash = ? AND t.revoked_at IS NULL ORDER BY 1",
        )
        .bind(hash)
        .bind(hash)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }

    async fn grant_token(&self, hash: &str, project: &str) -> Result<()> {
        self.ensure_project(project).await?;
        sqlx::query("INSERT OR IGNORE INTO token_grants (hash, project_id) VALUES (?, ?)")
            .bind(hash)
            .bind(project)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn insert_access_key(&self, access_key: &str, project: &str) -> Result<()> {
        self.ensure_project(project).await?;
        sqlx::query(
            "INSERT INTO access_keys (access_key, project_id, created_at) VALUES (?, ?, ?)",
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
            "SELECT project_id FROM access_keys WHERE access_key = ? AND revoked_at IS NULL ORDER BY project_id",
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
            "UPDATE tokens SET revoked_at = ? WHERE hash LIKE ? AND revoked_at IS NULL",
        )
        .bind(at)
        .bind(&pattern)
        .execute(&self.pool)
        .await?
        .rows_affected();
        let keys = sqlx::query(
            "UPDATE access_keys SET revoked_at = ? WHERE access_key = ? AND revoked_at IS NULL",
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
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
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
                    "SELECT {JOB_COLUMNS} FROM jobs WHERE project_id = ? AND dedupe_key = ? \
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
            "SELECT {JOB_COLUMNS}, dedupe_key FROM jobs WHERE project_id = ? AND idempotency_key = ?"
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
            "SELECT {JOB_COLUMNS} FROM jobs WHERE id = ? AND project_id = ?"
        ))
        .bind(id)
        .bind(project)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    async fn job_spec(&self, id: &str) -> Result<Option<Value>> {
        let spec: Option<String> = sqlx::query_scalar("SELECT spec FROM jobs WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        spec.map(|s| {
            serde_json::from_str(&s).map_err(|e| Error::Internal(format!("job spec: {e}")))
        })
        .transpose()
    }

    async fn list_jobs(&self, project: &str, filter: &JobFilter) -> Result<JobPage> {
        super::sqlite_list::list_jobs(&self.pool, project, filter).await
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
        let row = sqlx::query(&format!(
            "UPDATE jobs SET state = 'running', started_at = ?, lease_owner = ?, lease_expires_at = ?, \
             attempts = attempts + 1, progress = NULL, counters = NULL, eta_at = NULL \
             WHERE id = (SELECT id FROM jobs q WHERE state = 'queued' AND {FIFO_FREE} \
             ORDER BY priority DESC, created_at, rowid LIMIT 1) RETURNING {JOB_COLUMNS}",
            FIFO_FREE = super::FIFO_FREE
        ))
        .bind(at)
        .bind(owner)
        .bind(at.saturating_add(millis(lease)))
        // `fetch_all`, not `fetch_optional`: the statement must be stepped to its end, where
        // the commit happens. Stopped after the first row, sqlx returns that row and drops the
        // commit's error (disk full), so a claim that never reached the file looked made.
        .fetch_all(&self.pool)
        .await?;
        row.first().map(job_from_row).transpose()
    }

    async fn renew_lease(&self, id: &str, owner: &str, lease: Duration) -> Result<bool> {
        let until = to_millis(now()).saturating_add(millis(lease));
        let done = sqlx::query(
            "UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND lease_owner = ? \
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
            "UPDATE jobs SET progress = ? WHERE id = ? AND lease_owner = ? AND state IN ('running', 'cancelling')",
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
            "UPDATE jobs SET progress = ?, counters = ?, eta_at = ? WHERE id = ? AND lease_owner = ? \
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
            "UPDATE jobs SET state = ?, ended_at = ?, error_code = ?, fail_reason = ?, result_total = ?, \
             graph_version = COALESCE(?, graph_version), detail = COALESCE(?, detail), \
             progress = CASE WHEN ? = 'succeeded' THEN 100 ELSE progress END, partial = ?, lease_owner = NULL, \
             lease_expires_at = NULL, eta_at = NULL WHERE id = ? AND lease_owner = ? AND state IN ('running', 'cancelling')",
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
            "UPDATE jobs SET state = 'cancelled', ended_at = ?, cancel_actor = ?, cancel_reason = ?, cancel_at = ? \
             WHERE id = ? AND project_id = ? AND state = 'queued'",
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
                "UPDATE jobs SET state = 'cancelling', cancel_actor = ?, cancel_reason = ?, cancel_at = ?, \
                 cancel_deadline_at = ? WHERE id = ? AND project_id = ? AND state = 'running'",
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
        let mut conn = self.pool.acquire().await?;
        let recovered = recover_on(&mut conn, at).await;
        if recovered.is_err() {
            conn.close_on_drop();
        }
        recovered
    }

    async fn expire_leases(&self, now: OffsetDateTime) -> Result<Recovery> {
        let mut conn = self.pool.acquire().await?;
        let expired = expire_leases_on(&mut conn, to_millis(now)).await;
        if expired.is_err() {
            conn.close_on_drop();
        }
        expired
    }

    async fn fail_overdue_cancels(&self, now: OffsetDateTime) -> Result<u64> {
        let at = to_millis(now);
        let n = sqlx::query(&format!(
            "UPDATE jobs SET state = 'failed', ended_at = ?, lease_owner = NULL, lease_expires_at = NULL, \
             eta_at = NULL, error_code = 'GES.8000', fail_reason = {} \
             WHERE state = 'cancelling' AND cancel_deadline_at IS NOT NULL AND cancel_deadline_at <= ?",
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
            "DELETE FROM jobs WHERE (state = 'succeeded' AND ended_at < ?) \
             OR (state = 'failed' AND ended_at < ?) OR (state = 'cancelled' AND ended_at < ?) RETURNING id",
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
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, name) DO UPDATE SET \
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
        let rows = sqlx::query("SELECT name, version, vertices, edges, created_at, updated_at FROM graphs WHERE project_id = ? ORDER BY name")
            .bind(project)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(graph_from_row).collect()
    }

    async fn delete_graph(&self, project: &str, name: &str) -> Result<bool> {
        let n = sqlx::query("DELETE FROM graphs WHERE project_id = ? AND name = ?")
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
            "INSERT INTO jobs (id, project_id, graph_name, job_type, spec, request, state, progress, created_at, started_at, ended_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?, 100, ?, ?, ?, ?)",
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
            "INSERT INTO hyg_graphs (project_id, graph_name, view) VALUES (?, ?, ?) ON CONFLICT (project_id, graph_name) DO UPDATE SET view = excluded.view",
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
            "SELECT view FROM hyg_graphs WHERE project_id = ? AND graph_name = ?",
        )
        .bind(project)
        .bind(graph)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn hygs(&self, project: &str) -> Result<Vec<(String, String)>> {
        Ok(sqlx::query_as(
            "SELECT graph_name, view FROM hyg_graphs WHERE project_id = ? ORDER BY graph_name",
        )
        .bind(project)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn delete_hyg(&self, project: &str, graph: &str) -> Result<bool> {
        let n = sqlx::query("DELETE FROM hyg_graphs WHERE project_id = ? AND graph_name = ?")
            .bind(project)
            .bind(graph)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    async fn graph(&self, project: &str, name: &str) -> Result<Option<GraphInfo>> {
        let row = sqlx::query("SELECT name, version, vertices, edges, created_at, updated_at FROM graphs WHERE project_id = ? AND name = ?")
            .bind(project)
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(graph_from_row).transpose()
    }
}

fn graph_from_row(row: &SqliteRow) -> Result<GraphInfo> {
    Ok(GraphInfo {
        name: row.try_get("name")?,
        version: row.try_get("version")?,
        vertices: row.try_get::<i64, _>("vertices")? as u64,
        edges: row.try_get::<i64, _>("edges")? as u64,
        created_at: from_millis(row.try_get("created_at")?),
        updated_at: from_millis(row.try_get("updated_at")?),
    })
}
