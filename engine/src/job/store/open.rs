//! Opening the store's database: the data dir checked, SQLite's file (WAL, migrations under a
//! file lock) or PostgreSQL's pool (a cluster's nodes may start before their database, so it is
//! tried a few times), with pending migrations run.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgConnection, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, PgPool, SqlitePool};

use crate::{Error, Result};

/// Creates the data dir if needed and creates and removes an empty file in it, so a read-only or
/// unwritable dir fails here with one error naming it, not with whichever file happened to be
/// written first.
pub(super) fn prepare_data_dir(dir: &Path) -> Result<()> {
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

/// Opens (creating if needed) a SQLite store file and runs pending migrations. WAL journal with
/// `synchronous=NORMAL`: a process killed with SIGKILL loses no committed write.
pub(super) async fn open_sqlite_pool(path: &Path) -> Result<SqlitePool> {
    let opts = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true);
    // sqlx's SQLite migrator takes no lock: a server starting while the CLI creates a token
    // would both apply migration 1. An OS file lock serialises them across processes; it is
    // taken before the first connection too, because switching a new file to WAL can answer
    // "database is locked" to a second process without waiting (seen with the CLI creating a
    // token while the server created the file).
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path.with_extension("migrate.lock"))?;
    let lock = tokio::task::spawn_blocking(move || lock.lock().map(|()| lock))
        .await
        .map_err(|e| Error::Internal(format!("migration lock: {e}")))??;
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(opts)
        .await?;
    let migrated = sqlx::migrate!("./migrations").run(&pool).await;
    drop(lock);
    migrated?;
    Ok(pool)
}

/// Connection attempts [`connect_pg_pool`] makes before it gives up.
const CONNECT_TRIES: u32 = 5;

/// A pool on the PostgreSQL database `url`, with pending migrations run (`engine/migrations_pg/`,
/// under sqlx's advisory lock, so nodes may start together). See [`super::SqlStore::connect_postgres`].
pub(super) async fn connect_pg_pool(url: &str) -> Result<PgPool> {
    const FORM: &str = "postgres://user:password@host:port/database";
    let refused = |why: String| Error::invalid(format!("--database-url: {why} (expected {FORM})"));
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return Err(refused("not a postgres:// URL".into()));
    }
    let options = PgConnectOptions::from_str(url).map_err(|e| refused(e.to_string()))?;
    let what = format!(
        "PostgreSQL at {}:{} (database {}, user {})",
        options.get_host(),
        options.get_port(),
        options.get_database().unwrap_or("(default)"),
        options.get_username()
    );
    // A first connection of its own, for the server's own answer (a pool's is "timed out").
    let mut tries = 0;
    loop {
        tries += 1;
        match PgConnection::connect_with(&options).await {
            Ok(conn) => {
                let _ = conn.close().await;
                break;
            }
            Err(e) if tries < CONNECT_TRIES && !matches!(e, sqlx::Error::Database(_)) => {
                tracing::warn!(server = %what, error = %e, tries, "cannot connect yet; trying again");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(e) => {
                return Err(Error::Unavailable {
                    what,
                    reason: format!("{tries} connection attempt(s) a second apart, the last: {e}"),
                });
            }
        }
    }
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations_pg").run(&pool).await?;
    Ok(pool)
}
