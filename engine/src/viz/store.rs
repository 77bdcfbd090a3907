//! The `visualization_jobs` table (migration 0004). Every status write is conditional on the
//! status it was computed from, so a user action and the scheduler never both win.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use time::OffsetDateTime;

use super::VizJob;
use super::query::{SortOrder, VizListQuery, VizSort};
use super::state::{self, VizState};
use super::validate::ValidJob;
use crate::time_fmt::{from_millis, to_millis};
use crate::{Error, Result};

const COLUMNS: &str = "id, project_id, name, description, train_url, job_type, flavor, \
     resource_id, schedule_hours, status, created_at, changed_at, started_at, ended_at, fail_reason";

fn from_row(row: &SqliteRow) -> Result<VizJob> {
    let code: i64 = row.try_get("status")?;
    let opt_time =
        |col: &str| -> Result<_> { Ok(row.try_get::<Option<i64>, _>(col)?.map(from_millis)) };
    Ok(VizJob {
        id: row.try_get("id")?,
        project: row.try_get("project_id")?,
        name: row.try_get("name")?,
        desc: row.try_get("description")?,
        train_url: row.try_get("train_url")?,
        job_type: row.try_get("job_type")?,
        flavor: row.try_get("flavor")?,
        resource_id: row.try_get("resource_id")?,
        schedule_hours: row
            .try_get::<Option<i64>, _>("schedule_hours")?
            .and_then(|h| u8::try_from(h).ok()),
        state: VizState::from_code(code)
            .ok_or_else(|| Error::Internal(format!("unknown visualization job status {code}")))?,
        created_at: from_millis(row.try_get("created_at")?),
        changed_at: from_millis(row.try_get("changed_at")?),
        started_at: opt_time("started_at")?,
        ended_at: opt_time("ended_at")?,
        fail_reason: row.try_get("fail_reason")?,
    })
}

/// Inserts a new job in INIT.
pub(super) async fn insert(
    pool: &SqlitePool,
    project: &str,
    job: &ValidJob,
    now: OffsetDateTime,
) -> Result<VizJob> {
    let row = sqlx::query(&format!(
        "INSERT INTO visualization_jobs (project_id, name, description, train_url, job_type, \
         flavor, resource_id, schedule_hours, status, created_at, changed_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {COLUMNS}"
    ))
    .bind(project)
    .bind(&job.name)
    .bind(&job.desc)
    .bind(&job.train_url)
    .bind(job.job_type)
    .bind(&job.flavor)
    .bind(uuid::Uuid::new_v4().simple().to_string())
    .bind(job.schedule_hours.map(i64::from))
    .bind(VizState::Init.code())
    .bind(to_millis(now))
    .bind(to_millis(now))
    // Stepped to the end so a failed commit is an error (see `Db::claim` in job/store/db.rs).
    .fetch_all(pool)
    .await?;
    from_row(
        row.first()
            .ok_or_else(|| Error::Internal("insert returned no row".into()))?,
    )
}

/// One job of a project.
pub(super) async fn get(pool: &SqlitePool, project: &str, id: i64) -> Result<Option<VizJob>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM visualization_jobs WHERE id = ? AND project_id = ?"
    ))
    .bind(id)
    .bind(project)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// How many jobs a project holds.
pub(super) async fn count(pool: &SqlitePool, project: &str) -> Result<u64> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM visualization_jobs WHERE project_id = ?")
        .bind(project)
        .fetch_one(pool)
        .await?;
    Ok(n as u64)
}

fn push_filter<'a>(qb: &mut QueryBuilder<'a, Sqlite>, project: &'a str, q: &'a VizListQuery) {
    qb.push(" WHERE project_id = ").push_bind(project);
    if let Some(s) = q.status {
        qb.push(" AND status = ").push_bind(s);
    }
    if let Some(s) = &q.search {
        // instr, not LIKE: `%` and `_` in the search are plain characters.
        qb.push(" AND instr(lower(name), lower(")
            .push_bind(s.as_str())
            .push(")) > 0");
    }
}

/// A page of a project's jobs and how many match in all.
pub(super) async fn list(
    pool: &SqlitePool,
    project: &str,
    q: &VizListQuery,
    now: OffsetDateTime,
) -> Result<(Vec<VizJob>, u64)> {
    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM visualization_jobs");
    push_filter(&mut count, project, q);
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;

    let mut qb = QueryBuilder::<Sqlite>::new(format!("SELECT {COLUMNS} FROM visualization_jobs"));
    push_filter(&mut qb, project, q);
    let dir = match q.order {
        SortOrder::Asc => "ASC",
        SortOrder::Desc => "DESC",
    };
    qb.push(" ORDER BY ");
    match q.sort {
        VizSort::JobId => qb.push("id"),
        VizSort::JobName => qb.push("name"),
        VizSort::JobDesc => qb.push("description"),
        VizSort::CreateTime => qb.push("created_at"),
        VizSort::Status => qb.push("status"),
        VizSort::TrainUrl => qb.push("train_url"),
        VizSort::Duration => qb
            .push("CASE WHEN started_at IS NULL THEN 0 ELSE COALESCE(ended_at, ")
            .push_bind(to_millis(now))
            .push(") - started_at END"),
    };
    qb.push(format!(" {dir}, id {dir} LIMIT "))
        .push_bind(q.per_page.min(i64::MAX as u64) as i64)
        .push(" OFFSET ")
        .push_bind(q.offset().min(i64::MAX as u64) as i64);
    let rows = qb.build().fetch_all(pool).await?;
    let jobs = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    Ok((jobs, total as u64))
}

/// Sets a job's description; false if it is gone.
pub(super) async fn set_desc(pool: &SqlitePool, id: i64, desc: &str) -> Result<bool> {
    let done = sqlx::query("UPDATE visualization_jobs SET description = ? WHERE id = ?")
        .bind(desc)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes a job if it is still in `state`.
pub(super) async fn delete(pool: &SqlitePool, id: i64, state: VizState) -> Result<bool> {
    let done = sqlx::query("DELETE FROM visualization_jobs WHERE id = ? AND status = ?")
        .bind(id)
        .bind(state.code())
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Jobs the scheduler may have to move: stepping states, and RUNNING jobs with a schedule.
pub(super) async fn active(pool: &SqlitePool) -> Result<Vec<VizJob>> {
    let stepping: Vec<i64> = VizState::ALL
        .into_iter()
        .filter(|s| state::advance(*s).is_some())
        .map(VizState::code)
        .collect();
    let mut qb = QueryBuilder::<Sqlite>::new(format!(
        "SELECT {COLUMNS} FROM visualization_jobs WHERE status IN ("
    ));
    let mut sep = qb.separated(", ");
    for code in &stepping {
        sep.push_bind(*code);
    }
    qb.push(") OR (status = ")
        .push_bind(VizState::Running.code())
        .push(" AND schedule_hours > 0) ORDER BY id");
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter().map(from_row).collect()
}

/// Moves `job` from the state it was read in to `to` at `at`, if nobody moved it meanwhile
/// (status and `changed_at` both unchanged).
/// Entering RUNNING starts a run; KILLING ends it at `ended_at` (default `at`); INIT (a restart)
/// clears the last run.
pub(super) async fn transition(
    pool: &SqlitePool,
    job: &VizJob,
    to: VizState,
    at: OffsetDateTime,
    ended_at: Option<OffsetDateTime>,
) -> Result<bool> {
    transition_with(pool, job, to, at, ended_at, None).await
}

/// [`transition`] that also replaces the job's `(view, fail_reason)` in the same write, so no
/// reader sees the new status without them.
pub(super) async fn transition_with(
    pool: &SqlitePool,
    job: &VizJob,
    to: VizState,
    at: OffsetDateTime,
    ended_at: Option<OffsetDateTime>,
    outcome: Option<(Option<&str>, Option<&str>)>,
) -> Result<bool> {
    debug_assert!(
        state::can_become(job.state, to),
        "illegal visualization transition {:?} -> {to:?}",
        job.state
    );
    let (started, ended) = match to {
        VizState::Init => (None, None),
        VizState::Running => (Some(at), None),
        VizState::Killing => (job.started_at, Some(ended_at.unwrap_or(at))),
        VizState::Waiting => (job.started_at, job.ended_at),
        VizState::Completed | VizState::Failed | VizState::Killed => {
            (job.started_at, job.ended_at.or(Some(at)))
        }
    };
    let done = sqlx::query(
        "UPDATE visualization_jobs SET status = ?, changed_at = ?, started_at = ?, ended_at = ?, \
         view = CASE WHEN ? THEN ? ELSE view END, \
         fail_reason = CASE WHEN ? THEN ? ELSE fail_reason END \
         WHERE id = ? AND status = ? AND changed_at = ?",
    )
    .bind(to.code())
    .bind(to_millis(at))
    .bind(started.map(to_millis))
    .bind(ended.map(to_millis))
    .bind(outcome.is_some())
    .bind(outcome.and_then(|o| o.0))
    .bind(outcome.is_some())
    .bind(outcome.and_then(|o| o.1))
    .bind(job.id)
    .bind(job.state.code())
    .bind(to_millis(job.changed_at))
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The stored view of a job of a project.
pub(super) async fn view(pool: &SqlitePool, project: &str, id: i64) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT view FROM visualization_jobs WHERE id = ? AND project_id = ?")
            .bind(id)
            .bind(project)
            .fetch_optional(pool)
            .await?
            .flatten(),
    )
}
