//! Helpers shared by the engine's own tests (unit and integration); not part of the API.

/// The URL of a new, empty database on the PostgreSQL server `GRAPHJOBS_TEST_PG_URL` names
/// (`scripts/pg_test.sh` starts a throwaway one), or `None` when it names none. Each test gets
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
