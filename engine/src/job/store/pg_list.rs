//! PostgreSQL's job list: one `COUNT(*)` and one page, both over the filter below, planned by
//! PostgreSQL with the indexes of `engine/migrations_pg/`. A page in the older half is read
//! oldest first and reversed ([`PageWindow`]).

use sqlx::{FromRow, PgPool, Postgres, QueryBuilder};

use super::page_window::PageWindow;
use super::row::{JOB_COLUMNS, JobRow};
use crate::Result;
use crate::job::{JobFilter, JobPage};
use crate::time_fmt::to_millis;

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

/// A filtered page of a project's jobs, newest first, and the exact total.
pub(super) async fn list_jobs(pool: &PgPool, project: &str, filter: &JobFilter) -> Result<JobPage> {
    let mut count = QueryBuilder::<Postgres>::new("SELECT COUNT(*) FROM jobs");
    push_filter(&mut count, project, filter);
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;

    let window = PageWindow::new(filter.offset, filter.limit, total.max(0) as u64);
    let dir = if window.oldest_first { "ASC" } else { "DESC" };
    let mut qb = QueryBuilder::<Postgres>::new(format!("SELECT {JOB_COLUMNS} FROM jobs"));
    push_filter(&mut qb, project, filter);
    qb.push(format!(" ORDER BY created_at {dir}, seq {dir} LIMIT "))
        .push_bind(window.limit.min(i64::MAX as u64) as i64)
        .push(" OFFSET ")
        .push_bind(window.offset.min(i64::MAX as u64) as i64);
    let rows = qb.build().fetch_all(pool).await?;
    let mut jobs = rows
        .iter()
        .map(|row| JobRow::from_row(row)?.into_record())
        .collect::<Result<Vec<_>>>()?;
    if window.oldest_first {
        jobs.reverse();
    }
    Ok(JobPage {
        jobs,
        total: total as u64,
    })
}
