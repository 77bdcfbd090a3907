//! The two SQL databases behind [`SqlStore`](super::SqlStore), and the little that truly differs
//! between them. Every statement is written once, as a [`Sql`]: text with `$1, $2, …`
//! placeholders, which PostgreSQL reads natively and SQLite reads as numbered parameters, and
//! arguments that are 64-bit integers or text (the only column types of either schema). What
//! differs is here, and nowhere else:
//!
//! - **the claim**: PostgreSQL serialises claims across nodes with a transaction-scoped
//!   advisory lock and `FOR UPDATE SKIP LOCKED`; SQLite has one writer already. Insertion
//!   order is `seq` in PostgreSQL and the `rowid` in SQLite ([`Db::insertion_order`]).
//! - **transactions**: SQLite's run on a connection of their own that is closed, not pooled,
//!   when they fail (see [`Db::transaction`]).
//! - **a statement that returns rows while writing** is stepped to its end on SQLite, or a
//!   failed commit (disk full) would be dropped by sqlx ([`Db::fetch_all`] is used for every
//!   `RETURNING`).
//! - **the job list**, planned differently for each ([`sqlite_list`](super::sqlite_list) uses
//!   tallies SQLite keeps by trigger; [`pg_list`](super::pg_list) lets PostgreSQL plan).

use std::borrow::Cow;

use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{
    Arguments, Connection, Database, Encode, FromRow, PgPool, Postgres, Sqlite, SqlitePool, Type,
};

use super::row::{JOB_COLUMNS, JobRow};
use crate::job::{JobFilter, JobPage, JobRecord};
use crate::{Error, Result};

/// One bound value.
#[derive(Debug, Clone)]
pub(crate) enum Arg<'a> {
    /// A 64-bit integer or `NULL`.
    Int(Option<i64>),
    /// Text or `NULL`.
    Text(Option<Cow<'a, str>>),
}

/// A statement and its arguments, in placeholder order.
#[derive(Debug, Clone)]
pub(crate) struct Sql<'a> {
    text: Cow<'a, str>,
    args: Vec<Arg<'a>>,
}

impl<'a> Sql<'a> {
    /// A statement with no arguments yet.
    pub(crate) fn new(text: impl Into<Cow<'a, str>>) -> Self {
        Self {
            text: text.into(),
            args: Vec::new(),
        }
    }

    /// Binds the next placeholder to an integer (or `NULL`).
    pub(crate) fn int(mut self, value: impl Into<Option<i64>>) -> Self {
        self.args.push(Arg::Int(value.into()));
        self
    }

    /// Binds the next placeholder to borrowed text (or `NULL`).
    pub(crate) fn text(mut self, value: impl Into<Option<&'a str>>) -> Self {
        self.args.push(Arg::Text(value.into().map(Cow::Borrowed)));
        self
    }

    /// Binds the next placeholder to text made for this statement (or `NULL`).
    pub(crate) fn owned(mut self, value: Option<String>) -> Self {
        self.args.push(Arg::Text(value.map(Cow::Owned)));
        self
    }

    /// Appends text to a statement built piece by piece.
    pub(crate) fn push(&mut self, text: &str) -> &mut Self {
        self.text.to_mut().push_str(text);
        self
    }

    /// Appends the next placeholder, bound to an integer (or `NULL`).
    pub(crate) fn push_int(&mut self, value: impl Into<Option<i64>>) -> &mut Self {
        self.args.push(Arg::Int(value.into()));
        self.push_placeholder()
    }

    /// Appends the next placeholder, bound to borrowed text (or `NULL`).
    pub(crate) fn push_text(&mut self, value: impl Into<Option<&'a str>>) -> &mut Self {
        self.args.push(Arg::Text(value.into().map(Cow::Borrowed)));
        self.push_placeholder()
    }

    fn push_placeholder(&mut self) -> &mut Self {
        let n = self.args.len();
        self.text.to_mut().push_str(&format!("${n}"));
        self
    }

    /// The arguments as the database `DB` binds them.
    fn arguments<'q, DB>(&'q self) -> Result<DB::Arguments<'q>>
    where
        DB: Database,
        Option<i64>: Encode<'q, DB> + Type<DB>,
        Option<&'q str>: Encode<'q, DB> + Type<DB>,
    {
        let mut out = DB::Arguments::<'q>::default();
        for arg in &self.args {
            match arg {
                Arg::Int(v) => out.add(*v),
                Arg::Text(v) => out.add(v.as_deref()),
            }
            .map_err(|e| Error::Internal(format!("binding a statement's argument: {e}")))?;
        }
        Ok(out)
    }
}

/// A row type both databases decode (every `#[derive(FromRow)]` of this module's rows is).
pub(crate) trait AnyRow:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}
impl<T> AnyRow for T where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

/// The database a [`SqlStore`](super::SqlStore) writes to.
#[derive(Debug, Clone)]
pub(crate) enum Db {
    /// One SQLite file (the default, one node).
    Sqlite(SqlitePool),
    /// PostgreSQL, shared by several nodes.
    Postgres(PgPool),
}

impl Db {
    /// Runs a statement; returns the rows it changed.
    pub(crate) async fn execute(&self, q: &Sql<'_>) -> Result<u64> {
        Ok(match self {
            Self::Sqlite(pool) => sqlx::query_with(&q.text, q.arguments::<Sqlite>()?)
                .execute(pool)
                .await?
                .rows_affected(),
            Self::Postgres(pool) => sqlx::query_with(&q.text, q.arguments::<Postgres>()?)
                .execute(pool)
                .await?
                .rows_affected(),
        })
    }

    /// Every row of a statement (stepped to its end: safe for `… RETURNING`).
    pub(crate) async fn fetch_all<T: AnyRow>(&self, q: &Sql<'_>) -> Result<Vec<T>> {
        Ok(match self {
            Self::Sqlite(pool) => {
                sqlx::query_as_with(&q.text, q.arguments::<Sqlite>()?)
                    .fetch_all(pool)
                    .await?
            }
            Self::Postgres(pool) => {
                sqlx::query_as_with(&q.text, q.arguments::<Postgres>()?)
                    .fetch_all(pool)
                    .await?
            }
        })
    }

    /// The first row of a read-only statement, if any.
    pub(crate) async fn fetch_optional<T: AnyRow>(&self, q: &Sql<'_>) -> Result<Option<T>> {
        Ok(match self {
            Self::Sqlite(pool) => {
                sqlx::query_as_with(&q.text, q.arguments::<Sqlite>()?)
                    .fetch_optional(pool)
                    .await?
            }
            Self::Postgres(pool) => {
                sqlx::query_as_with(&q.text, q.arguments::<Postgres>()?)
                    .fetch_optional(pool)
                    .await?
            }
        })
    }

    /// The first column of every row.
    pub(crate) async fn scalars<S>(&self, q: &Sql<'_>) -> Result<Vec<S>>
    where
        (S,): AnyRow,
    {
        let rows: Vec<(S,)> = self.fetch_all(q).await?;
        Ok(rows.into_iter().map(|(s,)| s).collect())
    }

    /// The first column of the first row, if any.
    pub(crate) async fn scalar<S>(&self, q: &Sql<'_>) -> Result<Option<S>>
    where
        (S,): AnyRow,
    {
        let row: Option<(S,)> = self.fetch_optional(q).await?;
        Ok(row.map(|(s,)| s))
    }

    /// Jobs selected by a statement whose columns are [`JOB_COLUMNS`].
    pub(super) async fn jobs(&self, q: &Sql<'_>) -> Result<Vec<JobRecord>> {
        self.fetch_all::<JobRow>(q)
            .await?
            .into_iter()
            .map(JobRow::into_record)
            .collect()
    }

    /// The one job a read-only statement selects, if any.
    pub(super) async fn job(&self, q: &Sql<'_>) -> Result<Option<JobRecord>> {
        self.fetch_optional::<JobRow>(q)
            .await?
            .map(JobRow::into_record)
            .transpose()
    }

    /// Runs the statements in one transaction; returns the rows each changed.
    ///
    /// On SQLite the transaction runs on a connection of its own, closed instead of pooled when
    /// the transaction fails. When COMMIT fails (disk full) SQLite has already rolled back,
    /// sqlx's ROLLBACK then fails too and its nesting count stays one too high: the
    /// connection's next transaction would be a SAVEPOINT whose RELEASE commits nothing,
    /// holding the write lock (every other writer "database is locked") and losing what it
    /// reported as done.
    pub(super) async fn transaction(&self, statements: &[Sql<'_>]) -> Result<Vec<u64>> {
        self.run_transaction(statements, false).await
    }

    /// As [`Db::transaction`], but when the first statement changes no row the transaction
    /// stops there and is rolled back: it returns `[0]` and has changed nothing.
    pub(super) async fn transaction_if_first(&self, statements: &[Sql<'_>]) -> Result<Vec<u64>> {
        self.run_transaction(statements, true).await
    }

    async fn run_transaction(&self, statements: &[Sql<'_>], if_first: bool) -> Result<Vec<u64>> {
        let stop = |changed: &[u64]| if_first && changed == [0];
        match self {
            Self::Sqlite(pool) => {
                let mut conn = pool.acquire().await?;
                let done = async {
                    let mut tx = conn.begin().await?;
                    let mut changed = Vec::with_capacity(statements.len());
                    for q in statements {
                        let n = sqlx::query_with(&q.text, q.arguments::<Sqlite>()?)
                            .execute(&mut *tx)
                            .await?
                            .rows_affected();
                        changed.push(n);
                        if stop(&changed) {
                            tx.rollback().await?;
                            return Ok(changed);
                        }
                    }
                    tx.commit().await?;
                    Ok::<_, Error>(changed)
                }
                .await;
                if done.is_err() {
                    conn.close_on_drop();
                }
                done
            }
            Self::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let mut changed = Vec::with_capacity(statements.len());
                for q in statements {
                    let n = sqlx::query_with(&q.text, q.arguments::<Postgres>()?)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                    changed.push(n);
                    if stop(&changed) {
                        tx.rollback().await?;
                        return Ok(changed);
                    }
                }
                tx.commit().await?;
                Ok(changed)
            }
        }
    }

    /// Runs a claim statement (an `UPDATE … WHERE id = (SELECT … {row_locking}) RETURNING`
    /// [`JOB_COLUMNS`]) and returns the claimed job.
    ///
    /// PostgreSQL: claims are serialised across nodes by a transaction-scoped advisory lock, as
    /// the per-graph FIFO check ("no running job with this fifo_key") reads rows another node's
    /// claim may be changing, which SKIP LOCKED alone would not see. A claim is one short
    /// statement. SQLite: one writer at a time already; the statement is stepped to its end,
    /// where the commit happens (stopped after the first row, sqlx returns that row and drops
    /// the commit's error, so a claim that never reached the file would look made).
    pub(super) async fn claim(&self, q: &Sql<'_>) -> Result<Option<JobRecord>> {
        match self {
            Self::Sqlite(_) => Ok(self.jobs(q).await?.into_iter().next()),
            Self::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock(7251001)")
                    .execute(&mut *tx)
                    .await?;
                let row: Option<JobRow> = sqlx::query_as_with(&q.text, q.arguments::<Postgres>()?)
                    .fetch_optional(&mut *tx)
                    .await?;
                tx.commit().await?;
                row.map(JobRow::into_record).transpose()
            }
        }
    }

    /// The column that orders jobs submitted in the same millisecond.
    pub(super) fn insertion_order(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "rowid",
            Self::Postgres(_) => "seq",
        }
    }

    /// The larger of two values: SQLite's two-argument `MAX`, PostgreSQL's `GREATEST`.
    pub(super) fn greatest(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "MAX",
            Self::Postgres(_) => "GREATEST",
        }
    }

    /// What the claim's inner `SELECT` ends with, so concurrent claims skip each other's row.
    pub(super) fn row_locking(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "",
            Self::Postgres(_) => " FOR UPDATE SKIP LOCKED",
        }
    }

    /// A filtered page of a project's jobs, newest first.
    pub(super) async fn list_jobs(&self, project: &str, filter: &JobFilter) -> Result<JobPage> {
        match self {
            Self::Sqlite(pool) => super::sqlite_list::list_jobs(pool, project, filter).await,
            Self::Postgres(pool) => super::pg_list::list_jobs(pool, project, filter).await,
        }
    }

    /// The function giving the position of a text in another (1-based, 0 when absent):
    /// `instr(haystack, needle)` in SQLite, `strpos(haystack, needle)` in PostgreSQL.
    pub(crate) fn position_fn(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "instr",
            Self::Postgres(_) => "strpos",
        }
    }

    /// Closes the pool (on SQLite, checkpointing the WAL).
    pub(super) async fn close(&self) {
        match self {
            Self::Sqlite(pool) => pool.close().await,
            Self::Postgres(pool) => pool.close().await,
        }
    }
}

/// `SELECT` of every job column, for statements that add their own `FROM … WHERE`.
pub(super) fn select_jobs(rest: &str) -> String {
    format!("SELECT {JOB_COLUMNS} {rest}")
}
