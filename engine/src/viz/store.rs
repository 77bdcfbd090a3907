//! The `visualization_jobs` table (SQLite migrations 0004 and 0007, PostgreSQL 0004), in the job
//! store's database: shared by every node when that is PostgreSQL. Every status write is
//! conditional on the status it was computed from, so a user action and the scheduler (of this
//! node or another) never both win.

use time::OffsetDateTime;

use super::VizJob;
use super::query::{SortOrder, VizListQuery, VizSort};
use super::state::{self, VizState};
use super::validate::ValidJob;
use crate::job::store::db::{Db, Sql};
use crate::time_fmt::{from_millis, to_millis};
use crate::{Error, Result};

const COLUMNS: &str = "id, project_id, name, description, train_url, job_type, flavor, \
     resource_id, schedule_hours, status, created_at, changed_at, started_at, ended_at, fail_reason";

/// A row of [`COLUMNS`].
#[derive(sqlx::FromRow)]
struct VizRow {
    id: i64,
    project_id: String,
    name: String,
    description: String,
    train_url: String,
    job_type: String,
    flavor: Option<String>,
    resource_id: String,
    schedule_hours: Option<i64>,
    status: i64,
    created_at: i64,
    changed_at: i64,
    started_at: Option<i64>,
    ended_at: Option<i64>,
    fail_reason: Option<String>,
}

impl VizRow {
    fn into_job(self) -> Result<VizJob> {
        let code = self.status;
        Ok(VizJob {
            id: self.id,
            project: self.project_id,
            name: self.name,
            desc: self.description,
            train_url: self.train_url,
            job_type: self.job_type,
            flavor: self.flavor,
            resource_id: self.resource_id,
            schedule_hours: self.schedule_hours.and_then(|h| u8::try_from(h).ok()),
            state: VizState::from_code(code).ok_or_else(|| {
                Error::Internal(format!("unknown visualization job status {code}"))
            })?,
            created_at: from_millis(self.created_at),
            changed_at: from_millis(self.changed_at),
            started_at: self.started_at.map(from_millis),
            ended_at: self.ended_at.map(from_millis),
            fail_reason: self.fail_reason,
        })
    }
}

async fn jobs(db: &Db, q: &Sql<'_>) -> Result<Vec<VizJob>> {
    db.fetch_all::<VizRow>(q)
        .await?
        .into_iter()
        .map(VizRow::into_job)
        .collect()
}

/// Inserts a new job in INIT.
pub(super) async fn insert(
    db: &Db,
    project: &str,
    job: &ValidJob,
    now: OffsetDateTime,
) -> Result<VizJob> {
    let resource_id = uuid::Uuid::new_v4().simple().to_string();
    let q = Sql::new(format!(
        "INSERT INTO visualization_jobs (project_id, name, description, train_url, job_type, \
         flavor, resource_id, schedule_hours, status, created_at, changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING {COLUMNS}"
    ))
    .text(project)
    .text(job.name.as_str())
    .text(job.desc.as_str())
    .text(job.train_url.as_str())
    .text(job.job_type)
    .text(job.flavor.as_deref())
    .text(resource_id.as_str())
    .int(job.schedule_hours.map(i64::from))
    .int(VizState::Init.code())
    .int(to_millis(now))
    .int(to_millis(now));
    // `fetch_all`: stepped to the end, so a failed commit is an error (see `Db::fetch_all`).
    jobs(db, &q)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| Error::Internal("insert returned no row".into()))
}

/// One job of a project.
pub(super) async fn get(db: &Db, project: &str, id: i64) -> Result<Option<VizJob>> {
    let q = Sql::new(format!(
        "SELECT {COLUMNS} FROM visualization_jobs WHERE id = $1 AND project_id = $2"
    ))
    .int(id)
    .text(project);
    db.fetch_optional::<VizRow>(&q)
        .await?
        .map(VizRow::into_job)
        .transpose()
}

/// How many jobs a project holds.
pub(super) async fn count(db: &Db, project: &str) -> Result<u64> {
    let q = Sql::new("SELECT COUNT(*) FROM visualization_jobs WHERE project_id = $1").text(project);
    let n: Option<i64> = db.scalar(&q).await?;
    Ok(n.unwrap_or(0) as u64)
}

/// `statement` with the list filter appended.
fn filtered<'a>(db: &Db, statement: &str, project: &'a str, q: &'a VizListQuery) -> Sql<'a> {
    let mut sql = Sql::new(statement.to_owned());
    sql.push(" WHERE project_id = ").push_text(project);
    if let Some(s) = q.status {
        sql.push(" AND status = ").push_int(s);
    }
    if let Some(s) = &q.search {
        // A position test, not LIKE: `%` and `_` in the search are plain characters.
        sql.push(&format!(" AND {}(lower(name), lower(", db.position_fn()))
            .push_text(s.as_str())
            .push(")) > 0");
    }
    sql
}

/// A page of a project's jobs and how many match in all.
pub(super) async fn list(
    db: &Db,
    project: &str,
    q: &VizListQuery,
    now: OffsetDateTime,
) -> Result<(Vec<VizJob>, u64)> {
    let count = filtered(db, "SELECT COUNT(*) FROM visualization_jobs", project, q);
    let total: Option<i64> = db.scalar(&count).await?;

    let mut page = filtered(
        db,
        &format!("SELECT {COLUMNS} FROM visualization_jobs"),
        project,
        q,
    );
    let dir = match q.order {
        SortOrder::Asc => "ASC",
        SortOrder::Desc => "DESC",
    };
    page.push(" ORDER BY ");
    match q.sort {
        VizSort::JobId => page.push("id"),
        VizSort::JobName => page.push("name"),
        VizSort::JobDesc => page.push("description"),
        VizSort::CreateTime => page.push("created_at"),
        VizSort::Status => page.push("status"),
        VizSort::TrainUrl => page.push("train_url"),
        VizSort::Duration => page
            .push("CASE WHEN started_at IS NULL THEN 0 ELSE COALESCE(ended_at, ")
            .push_int(to_millis(now))
            .push(") - started_at END"),
    };
    page.push(&format!(" {dir}, id {dir} LIMIT "))
        .push_int(q.per_page.min(i64::MAX as u64) as i64)
        .push(" OFFSET ")
        .push_int(q.offset().min(i64::MAX as u64) as i64);
    Ok((jobs(db, &page).await?, total.unwrap_or(0) as u64))
}

/// Sets a job's description; false if it is gone.
pub(super) async fn set_desc(db: &Db, id: i64, desc: &str) -> Result<bool> {
    let q = Sql::new("UPDATE visualization_jobs SET description = $1 WHERE id = $2")
        .text(desc)
        .int(id);
    Ok(db.execute(&q).await? == 1)
}

/// Deletes a job if it is still in `state`.
pub(super) async fn delete(db: &Db, id: i64, state: VizState) -> Result<bool> {
    let q = Sql::new("DELETE FROM visualization_jobs WHERE id = $1 AND status = $2")
        .int(id)
        .int(state.code());
    Ok(db.execute(&q).await? == 1)
}

/// Jobs the scheduler may have to move: stepping states, and RUNNING jobs with a schedule.
pub(super) async fn active(db: &Db) -> Result<Vec<VizJob>> {
    let stepping: Vec<String> = VizState::ALL
        .into_iter()
        .filter(|s| state::advance(*s).is_some())
        .map(|s| s.code().to_string())
        .collect();
    // The codes are the engine's own integers, written into the statement.
    let q = Sql::new(format!(
        "SELECT {COLUMNS} FROM visualization_jobs WHERE status IN ({}) \
         OR (status = $1 AND schedule_hours > 0) ORDER BY id",
        stepping.join(", ")
    ))
    .int(VizState::Running.code());
    jobs(db, &q).await
}

/// Moves `job` from the state it was read in to `to` at `at`, if nobody moved it meanwhile
/// (status and `changed_at` both unchanged).
/// Entering RUNNING starts a run; KILLING ends it at `ended_at` (default `at`); INIT (a restart)
/// clears the last run.
pub(super) async fn transition(
    db: &Db,
    job: &VizJob,
    to: VizState,
    at: OffsetDateTime,
    ended_at: Option<OffsetDateTime>,
) -> Result<bool> {
    transition_with(db, job, to, at, ended_at, None).await
}

/// [`transition`] that also replaces the job's `(view, fail_reason)` in the same write, so no
/// reader sees the new status without them.
pub(super) async fn transition_with(
    db: &Db,
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
    let replace = i64::from(outcome.is_some());
    let q = Sql::new(
        "UPDATE visualization_jobs SET status = $1, changed_at = $2, started_at = $3, ended_at = $4, \
         view = CASE WHEN $5 = 1 THEN $6 ELSE view END, \
         fail_reason = CASE WHEN $5 = 1 THEN $7 ELSE fail_reason END \
         WHERE id = $8 AND status = $9 AND changed_at = $10",
    )
    .int(to.code())
    .int(to_millis(at))
    .int(started.map(to_millis))
    .int(ended.map(to_millis))
    .int(replace)
    .text(outcome.and_then(|o| o.0))
    .text(outcome.and_then(|o| o.1))
    .int(job.id)
    .int(job.state.code())
    .int(to_millis(job.changed_at));
    Ok(db.execute(&q).await? == 1)
}

/// The stored view of a job of a project.
pub(super) async fn view(db: &Db, project: &str, id: i64) -> Result<Option<String>> {
    let q = Sql::new("SELECT view FROM visualization_jobs WHERE id = $1 AND project_id = $2")
        .int(id)
        .text(project);
    let view: Option<Option<String>> = db.scalar(&q).await?;
    Ok(view.flatten())
}
