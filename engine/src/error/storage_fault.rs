//! [`StorageFault`]: an internal error caused by the data dir's disk (full, read-only, failing
//! writes) rather than by a bug, told apart by OS error kinds and SQLite result codes, so the
//! web layers can say so instead of a bare "internal error".

use std::fmt;
use std::io::ErrorKind;

use super::Error;

/// Why the data dir refused a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageFault {
    /// No space left (ENOSPC, EDQUOT, `SQLITE_FULL`).
    Full,
    /// The filesystem is read-only (EROFS, `SQLITE_READONLY`).
    ReadOnly,
    /// A write or sync failed with an I/O error (`SQLITE_IOERR_WRITE`/`_FSYNC`/`_TRUNCATE`;
    /// what SQLite reports when the filesystem turns read-only under an open database).
    WriteFailed,
}

impl fmt::Display for StorageFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Full => "the data dir is full (no space left on device)",
            Self::ReadOnly => "the data dir is read-only",
            Self::WriteFailed => {
                "the data dir is not writable (a write failed with a disk I/O error)"
            }
        })
    }
}

impl Error {
    /// The disk condition behind this error, if it is one.
    pub fn storage_fault(&self) -> Option<StorageFault> {
        match self {
            Self::Io(e) | Self::DataDir { source: e, .. } => io_fault(e),
            Self::Storage(e) | Self::Migrate(sqlx::migrate::MigrateError::Execute(e)) => {
                sqlx_fault(e)
            }
            _ => None,
        }
    }
}

fn io_fault(e: &std::io::Error) -> Option<StorageFault> {
    match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Some(StorageFault::Full),
        ErrorKind::ReadOnlyFilesystem => Some(StorageFault::ReadOnly),
        _ => None,
    }
}

fn sqlx_fault(e: &sqlx::Error) -> Option<StorageFault> {
    match e {
        sqlx::Error::Io(e) => io_fault(e),
        sqlx::Error::Database(db) => {
            db.try_downcast_ref::<sqlx::sqlite::SqliteError>()?;
            let code: i32 = db.code()?.parse().ok()?;
            // Extended result codes; the primary code is the low byte.
            match (code & 0xff, code) {
                (13, _) => Some(StorageFault::Full),
                (8, _) => Some(StorageFault::ReadOnly),
                (10, 778 | 1034 | 1546) => Some(StorageFault::WriteFailed),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(code: i32) -> Error {
        Error::Io(std::io::Error::from_raw_os_error(code))
    }

    #[test]
    fn os_errors_name_the_disk_condition() {
        assert_eq!(os(28).storage_fault(), Some(StorageFault::Full)); // ENOSPC
        assert_eq!(os(122).storage_fault(), Some(StorageFault::Full)); // EDQUOT
        assert_eq!(os(30).storage_fault(), Some(StorageFault::ReadOnly)); // EROFS
        assert_eq!(os(2).storage_fault(), None); // ENOENT is not a disk condition
        let probe = Error::DataDir {
            path: "/data".into(),
            source: std::io::Error::from_raw_os_error(30),
        };
        assert_eq!(probe.storage_fault(), Some(StorageFault::ReadOnly));
        assert!(
            probe
                .to_string()
                .starts_with("the data dir /data is not writable (")
        );
        assert_eq!(Error::Internal("x".into()).storage_fault(), None);
    }

    #[tokio::test]
    async fn sqlite_result_codes_name_the_disk_condition() {
        // A read-only connection refused a write: SQLITE_READONLY from the real library.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let url = format!("sqlite://{}", path.display());
        let opts: sqlx::sqlite::SqliteConnectOptions = url.parse().unwrap();
        let pool = sqlx::SqlitePool::connect_with(opts.clone().create_if_missing(true))
            .await
            .unwrap();
        sqlx::query("CREATE TABLE t (x)")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        let ro = sqlx::SqlitePool::connect_with(opts.read_only(true))
            .await
            .unwrap();
        let err: Error = sqlx::query("INSERT INTO t VALUES (1)")
            .execute(&ro)
            .await
            .unwrap_err()
            .into();
        assert_eq!(err.storage_fault(), Some(StorageFault::ReadOnly), "{err}");
        // An SQL error (no such table) is not a disk condition.
        let err: Error = sqlx::query("SELECT * FROM missing")
            .execute(&ro)
            .await
            .unwrap_err()
            .into();
        assert_eq!(err.storage_fault(), None, "{err}");
    }
}
