//! Helpers shared by the engine's own tests (unit and integration); not part of the API.

/// The URL of a new, empty database on the PostgreSQL server `GRAPHJOBS_TEST_PG_URL` names
/// (`scripts/system/pg_test.sh` starts a throwaway one), or `None` when it names none. Each test gets
/// its own database, so tests run in parallel without seeing each other's rows.
///
/// # Panics
/// When the server cannot be reached or refuses to create the database: a test that was told
/// to use PostgreSQL must not pass without it.
pub async fn fresh_pg_database() -> Option<String> {
    let url = std::env::var("GRAPHJOBS_TEST_PG_URL").ok()?;
    let admin = sqlx::PgPool::connect(&url)
        .await
        .expect("connect to GRAPHJOBS_TEST_PG_URL");
    let db = format!("gj_{}", uuid::Uuid::new_v4().simple());
    sqlx::query(&format!("CREATE DATABASE {db}"))
        .execute(&admin)
        .await
        .expect("create a test database");
    admin.close().await;
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url.as_str(), String::new()),
    };
    let server = base.rsplit_once('/').map_or(base, |(s, _)| s);
    Some(format!("{server}/{db}{query}"))
}

/// A job's lifecycle columns as the store keeps them: state, lease owner (the fence token),
/// lease expiry and cancel deadline (milliseconds since the epoch), and claims so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lifecycle {
    /// The job's state.
    pub state: crate::JobState,
    /// The claim holding it.
    pub owner: Option<String>,
    /// When the holder's lease runs out.
    pub lease_expires_at: Option<i64>,
    /// When a cancelling job not stopped by then is failed.
    pub cancel_deadline_at: Option<i64>,
    /// Claims so far (the store gives up on a job after `MAX_ATTEMPTS`).
    pub attempts: i64,
}

/// state, lease_owner, lease_expires_at, cancel_deadline_at, attempts.
type LifecycleRow = (String, Option<String>, Option<i64>, Option<i64>, i64);

/// Reads job `id`'s lifecycle columns (the lifecycle model reads each state back so).
pub async fn lifecycle(store: &crate::job::store::SqlStore, id: &str) -> crate::Result<Lifecycle> {
    use crate::job::store::db::Sql;
    let q = Sql::new(
        "SELECT state, lease_owner, lease_expires_at, cancel_deadline_at, attempts FROM jobs \
         WHERE id = $1",
    )
    .text(id);
    let row: Option<LifecycleRow> = store.db().fetch_optional(&q).await?;
    let (state, owner, lease_expires_at, cancel_deadline_at, attempts) =
        row.ok_or_else(|| crate::Error::not_found(format!("job {id}")))?;
    Ok(Lifecycle {
        state: crate::JobState::parse(&state)
            .ok_or_else(|| crate::Error::Internal(format!("state {state}")))?,
        owner,
        lease_expires_at,
        cancel_deadline_at,
        attempts,
    })
}

/// Puts job `id`'s lifecycle columns into the given state (the lifecycle model loads each state
/// it explores so, then runs the store's own statements on it).
pub async fn set_lifecycle(
    store: &crate::job::store::SqlStore,
    id: &str,
    l: &Lifecycle,
) -> crate::Result<()> {
    use crate::job::store::db::Sql;
    let q = Sql::new(
        "UPDATE jobs SET state = $1, lease_owner = $2, lease_expires_at = $3, \
         cancel_deadline_at = $4, attempts = $5 WHERE id = $6",
    )
    .text(l.state.as_str())
    .text(l.owner.as_deref())
    .int(l.lease_expires_at)
    .int(l.cancel_deadline_at)
    .int(l.attempts)
    .text(id);
    store.db().execute(&q).await.map(drop)
}
