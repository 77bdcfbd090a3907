//! Putting jobs in the store and reading them back one at a time.

use serde_json::Value;

use super::credentials::ensure_project;
use super::db::{Db, Sql, select_jobs};
use super::row::JobRow;
use super::{NewJob, Submitted};
use crate::job::{JobRecord, JobState};
use crate::time_fmt::to_millis;
use crate::{Error, Result};

/// A job row with the dedupe key it was submitted with.
#[derive(sqlx::FromRow)]
struct KeyedJobRow {
    #[sqlx(flatten)]
    job: JobRow,
    dedupe_key: Option<String>,
}

pub(super) async fn submit_job(db: &Db, new: &NewJob<'_>) -> Result<Submitted> {
    let job = new.job;
    ensure_project(db, &job.project).await?;
    let spec = new.spec.to_string();
    let request = job.request.to_string();
    let insert = Sql::new(
        "INSERT INTO jobs (id, project_id, graph_name, job_type, algorithm, spec, request, state, \
         priority, created_at, graph_version, idempotency_key, dedupe_key, fifo_key, hyg) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
         ON CONFLICT DO NOTHING",
    )
    .text(job.id.0.as_str())
    .text(job.project.as_str())
    .text(job.graph.as_str())
    .text(job.job_type.as_str())
    .text(job.algorithm.as_deref())
    .text(spec.as_str())
    .text(request.as_str())
    .text(job.state.as_str())
    .int(new.priority)
    .int(to_millis(job.created_at))
    .int(job.graph_version)
    .text(new.idempotency_key)
    .text(new.dedupe_key)
    .text(new.fifo_key)
    .int(i64::from(job.hyg));
    // The unique indexes on the idempotency key and on in-flight dedupe keys decide races; a
    // row that conflicted may finish before we read it, hence the retry.
    for _ in 0..3 {
        if db.execute(&insert).await? == 1 {
            return self::job(db, &job.project, &job.id.0)
                .await?
                .map(Submitted::Created)
                .ok_or_else(|| Error::Internal("inserted job vanished".into()));
        }
        if let Some(key) = new.idempotency_key
            && let Some((existing, dedupe)) = job_by_idempotency_key(db, &job.project, key).await?
        {
            return super::same_request(existing, dedupe.as_deref(), new.dedupe_key, key);
        }
        if let Some(dedupe) = new.dedupe_key {
            let in_flight = Sql::new(select_jobs(
                "FROM jobs WHERE project_id = $1 AND dedupe_key = $2 AND state IN ('queued', 'running')",
            ))
            .text(job.project.as_str())
            .text(dedupe);
            if let Some(existing) = db.job(&in_flight).await? {
                return Ok(Submitted::Existing(existing));
            }
        }
    }
    Err(Error::Internal(format!(
        "job {} conflicts with a job that cannot be found",
        job.id
    )))
}

pub(super) async fn job_by_idempotency_key(
    db: &Db,
    project: &str,
    key: &str,
) -> Result<Option<(JobRecord, Option<String>)>> {
    let q = Sql::new(select_jobs(
        ", dedupe_key FROM jobs WHERE project_id = $1 AND idempotency_key = $2",
    ))
    .text(project)
    .text(key);
    let row: Option<KeyedJobRow> = db.fetch_optional(&q).await?;
    row.map(|r| Ok((r.job.into_record()?, r.dedupe_key)))
        .transpose()
}

pub(super) async fn job(db: &Db, project: &str, id: &str) -> Result<Option<JobRecord>> {
    let q = Sql::new(select_jobs("FROM jobs WHERE id = $1 AND project_id = $2"))
        .text(id)
        .text(project);
    db.job(&q).await
}

pub(super) async fn job_spec(db: &Db, id: &str) -> Result<Option<Value>> {
    let spec: Option<String> = db
        .scalar(&Sql::new("SELECT spec FROM jobs WHERE id = $1").text(id))
        .await?;
    spec.map(|s| serde_json::from_str(&s).map_err(|e| Error::Internal(format!("job spec: {e}"))))
        .transpose()
}

pub(super) async fn job_state(db: &Db, id: &str) -> Result<Option<JobState>> {
    let state: Option<String> = db
        .scalar(&Sql::new("SELECT state FROM jobs WHERE id = $1").text(id))
        .await?;
    state
        .map(|s| JobState::parse(&s).ok_or_else(|| Error::Internal(format!("job state [{s}]"))))
        .transpose()
}

pub(super) async fn queued_count(db: &Db) -> Result<u64> {
    let n: Option<i64> = db
        .scalar(&Sql::new(
            "SELECT COUNT(*) FROM jobs WHERE state = 'queued'",
        ))
        .await?;
    Ok(n.unwrap_or(0) as u64)
}

pub(super) async fn record_finished(db: &Db, job: &JobRecord) -> Result<()> {
    debug_assert!(
        job.state.is_terminal(),
        "record_finished takes a finished job"
    );
    ensure_project(db, &job.project).await?;
    let request = job.request.to_string();
    let q = Sql::new(
        "INSERT INTO jobs (id, project_id, graph_name, job_type, spec, request, state, progress, \
         created_at, started_at, ended_at, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 100, $8, $9, $10, $11)",
    )
    .text(job.id.0.as_str())
    .text(job.project.as_str())
    .text(job.graph.as_str())
    .text(job.job_type.as_str())
    .text("null")
    .text(request.as_str())
    .text(job.state.as_str())
    .int(to_millis(job.created_at))
    .int(job.started_at.map(to_millis))
    .int(job.ended_at.map(to_millis))
    .owned(job.detail.as_ref().map(Value::to_string));
    db.execute(&q).await.map(drop)
}
