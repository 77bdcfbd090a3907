//! The SQLite store's job list, planned so that a million jobs in the store cost little more
//! than a thousand (the tallies and indexes of migration `0008_job_list.sql`).
//!
//! - **`total`** is a sum over `job_tallies` (a few rows per project), not a `COUNT(*)` over
//!   the jobs. Only a time range (`created_from`/`created_before`) is counted over the jobs,
//!   through the `(project_id, …, created_at)` indexes.
//! - **The page** is found by rowid first (`SELECT rowid … LIMIT n OFFSET k`, which reads index
//!   entries only where the filter is covered by an index), then the 20-odd rows are read.
//! - **Dense or sparse.** With the exact total known before the page is read, the plan is
//!   chosen by cost: walking the newest-first index and skipping non-matching rows reads about
//!   `(offset + limit) × project_total / total` rows; looking the matches up by the filter's own
//!   index and sorting them reads `total`. The walk wins for common filters, the lookup for a
//!   rare state, type, graph or algorithm. (SQLite has no statistics here to choose by itself.)
//! - **Text search** ("the console's search box") matches a job id by its beginning, and a
//!   graph or an algorithm name anywhere in it, ignoring ASCII case. Graph and algorithm names
//!   are resolved against the tallies first, so the search becomes `graph_name IN (…) OR
//!   algorithm IN (…) OR id BETWEEN prefix bounds`, all of them index lookups. An id is matched
//!   by prefix rather than anywhere because only a prefix can use the id's index: a substring
//!   test reads every id (0.3 s at a million jobs); the console's ids are copied whole or by
//!   their first characters. Job ids hold only hex digits and `-`, so other text skips the id
//!   part entirely.

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::row::JOB_COLUMNS;
use super::sqlite::job_from_row;
use crate::Result;
use crate::job::{JobFilter, JobPage};
use crate::time_fmt::to_millis;

/// The walk is chosen while it reads at most this many times the rows the lookup would.
const WALK_FACTOR: u128 = 4;

/// The search text resolved into exact values.
#[derive(Debug, Default)]
struct Search {
    graphs: Vec<String>,
    algorithms: Vec<String>,
    /// `[lower, upper)` of the ids that start with the text.
    ids: Option<(String, String)>,
}

impl Search {
    async fn resolve(pool: &SqlitePool, project: &str, text: &str) -> Result<Self> {
        let text = text.to_ascii_lowercase();
        let names = async |column: &str| -> Result<Vec<String>> {
            let sql = format!(
                "SELECT DISTINCT {column} FROM job_tallies WHERE project_id = ? AND n > 0 \
                 AND {column} <> '' AND instr(lower({column}), ?) > 0"
            );
            Ok(sqlx::query_scalar(&sql)
                .bind(project)
                .bind(&text)
                .fetch_all(pool)
                .await?)
        };
        let ids = text
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b'-')
            .then(|| (text.clone(), format!("{text}{}", char::MAX)));
        Ok(Self {
            graphs: names("graph_name").await?,
            algorithms: names("algorithm").await?,
            ids,
        })
    }

    /// `(graph_name IN (…) OR algorithm IN (…))`, or `0` when no name matches.
    fn push_names<'a>(&'a self, qb: &mut QueryBuilder<'a, Sqlite>) {
        let mut terms = 0;
        qb.push("(");
        for (column, values) in [
            ("graph_name", &self.graphs),
            ("algorithm", &self.algorithms),
        ] {
            if values.is_empty() {
                continue;
            }
            if terms > 0 {
                qb.push(" OR ");
            }
            push_in(qb, column, values.iter().map(String::as_str));
            terms += 1;
        }
        if terms == 0 {
            qb.push("0");
        }
        qb.push(")");
    }

    /// The whole search as one condition on `jobs`.
    fn push_condition<'a>(&'a self, qb: &mut QueryBuilder<'a, Sqlite>) {
        qb.push("(");
        self.push_names(qb);
        if let Some((lo, hi)) = &self.ids {
            qb.push(" OR (id >= ").push_bind(lo.as_str());
            qb.push(" AND id < ").push_bind(hi.as_str()).push(")");
        }
        qb.push(")");
    }

    /// The search as a union of index lookups (the sparse plan): rowids of `project`'s jobs,
    /// one branch per index (an `OR` inside one `SELECT` would read every row).
    fn push_lookups<'a>(&'a self, qb: &mut QueryBuilder<'a, Sqlite>, project: &'a str) {
        qb.push("rowid IN (");
        let mut branches = 0;
        for (column, values) in [
            ("graph_name", &self.graphs),
            ("algorithm", &self.algorithms),
        ] {
            if values.is_empty() {
                continue;
            }
            if branches > 0 {
                qb.push(" UNION ALL ");
            }
            qb.push("SELECT rowid FROM jobs WHERE project_id = ")
                .push_bind(project)
                .push(" AND ");
            push_in(qb, column, values.iter().map(String::as_str));
            branches += 1;
        }
        if let Some((lo, hi)) = &self.ids {
            if branches > 0 {
                qb.push(" UNION ALL ");
            }
            // `+project_id`: the id's own index, not the project's, finds the prefix.
            qb.push("SELECT rowid FROM jobs WHERE +project_id = ")
                .push_bind(project);
            qb.push(" AND id >= ").push_bind(lo.as_str());
            qb.push(" AND id < ").push_bind(hi.as_str());
            branches += 1;
        }
        if branches == 0 {
            qb.push("SELECT NULL WHERE 0");
        }
        qb.push(")");
    }
}

fn push_in<'a>(
    qb: &mut QueryBuilder<'a, Sqlite>,
    column: &str,
    values: impl IntoIterator<Item = &'a str>,
) {
    qb.push(format!("{column} IN ("));
    let mut sep = qb.separated(", ");
    for v in values {
        sep.push_bind(v);
    }
    qb.push(")");
}

/// The filter's exact terms, the ones `job_tallies` has columns for (after `WHERE project_id`).
fn push_exact<'a>(qb: &mut QueryBuilder<'a, Sqlite>, filter: &'a JobFilter) {
    if let Some(g) = &filter.graph {
        qb.push(" AND graph_name = ").push_bind(g.as_str());
    }
    if !filter.job_types.is_empty() {
        qb.push(" AND ");
        push_in(qb, "job_type", filter.job_types.iter().map(|t| t.as_str()));
    }
    if !filter.states.is_empty() {
        qb.push(" AND ");
        push_in(qb, "state", filter.states.iter().map(|s| s.as_str()));
    }
    if let Some(p) = filter.partial {
        qb.push(" AND partial = ").push_bind(i64::from(p));
    }
}

fn push_time<'a>(qb: &mut QueryBuilder<'a, Sqlite>, filter: &'a JobFilter) {
    if let Some(t) = filter.created_from {
        qb.push(" AND created_at >= ").push_bind(to_millis(t));
    }
    if let Some(t) = filter.created_before {
        qb.push(" AND created_at < ").push_bind(to_millis(t));
    }
}

fn has_time(filter: &JobFilter) -> bool {
    filter.created_from.is_some() || filter.created_before.is_some()
}

async fn scalar(pool: &SqlitePool, mut qb: QueryBuilder<'_, Sqlite>) -> Result<u64> {
    let n: Option<i64> = qb.build_query_scalar().fetch_one(pool).await?;
    Ok(n.unwrap_or(0).max(0) as u64)
}

/// How many of `project`'s jobs match.
async fn count(
    pool: &SqlitePool,
    project: &str,
    filter: &JobFilter,
    search: Option<&Search>,
) -> Result<u64> {
    if has_time(filter) {
        let mut qb = QueryBuilder::new("SELECT COUNT(*) FROM jobs WHERE project_id = ");
        qb.push_bind(project);
        push_exact(&mut qb, filter);
        push_time(&mut qb, filter);
        if let Some(s) = search {
            qb.push(" AND ");
            s.push_condition(&mut qb);
        }
        return scalar(pool, qb).await;
    }
    let mut qb = QueryBuilder::new("SELECT SUM(n) FROM job_tallies WHERE project_id = ");
    qb.push_bind(project);
    push_exact(&mut qb, filter);
    if let Some(s) = search {
        qb.push(" AND ");
        s.push_names(&mut qb);
    }
    let mut total = scalar(pool, qb).await?;
    if let Some((s, (lo, hi))) = search.and_then(|s| Some((s, s.ids.as_ref()?))) {
        // Jobs found by their id and not already counted by their graph or algorithm.
        let mut qb = QueryBuilder::new("SELECT COUNT(*) FROM jobs WHERE +project_id = ");
        qb.push_bind(project);
        qb.push(" AND id >= ").push_bind(lo.as_str());
        qb.push(" AND id < ").push_bind(hi.as_str());
        push_exact(&mut qb, filter);
        qb.push(" AND NOT ");
        s.push_names(&mut qb);
        total += scalar(pool, qb).await?;
    }
    Ok(total)
}

/// Whether walking the newest-first index reads fewer rows than looking the matches up.
fn walk(offset: u64, limit: u64, total: u64, project_total: u64) -> bool {
    let reach = u128::from(offset.saturating_add(limit));
    let total = u128::from(total.max(1));
    reach * u128::from(project_total) <= WALK_FACTOR * total * total
}

/// [`JobStore::list_jobs`](super::JobStore::list_jobs) for SQLite.
pub(super) async fn list_jobs(
    pool: &SqlitePool,
    project: &str,
    filter: &JobFilter,
) -> Result<JobPage> {
    let search = match filter.text.as_deref().filter(|t| !t.is_empty()) {
        Some(t) => Some(Search::resolve(pool, project, t).await?),
        None => None,
    };
    let total = count(pool, project, filter, search.as_ref()).await?;
    if filter.limit == 0 || filter.offset >= total {
        return Ok(JobPage {
            jobs: Vec::new(),
            total,
        });
    }
    let mut all = QueryBuilder::new("SELECT SUM(n) FROM job_tallies WHERE project_id = ");
    all.push_bind(project);
    let walk = walk(filter.offset, filter.limit, total, scalar(pool, all).await?);

    let mut qb = QueryBuilder::<Sqlite>::new(format!(
        "SELECT {JOB_COLUMNS} FROM jobs WHERE rowid IN (SELECT rowid FROM jobs WHERE "
    ));
    match (&search, walk) {
        (Some(s), false) => s.push_lookups(&mut qb, project),
        _ => {
            qb.push("project_id = ").push_bind(project);
        }
    }
    push_exact(&mut qb, filter);
    push_time(&mut qb, filter);
    if let (Some(s), true) = (&search, walk) {
        qb.push(" AND ");
        s.push_condition(&mut qb);
    }
    // The unary `+` keeps SQLite from walking an index for the order (the sparse plan).
    qb.push(if walk {
        " ORDER BY created_at DESC, rowid DESC"
    } else {
        " ORDER BY +created_at DESC, +rowid DESC"
    });
    qb.push(" LIMIT ")
        .push_bind(filter.limit.min(i64::MAX as u64) as i64)
        .push(" OFFSET ")
        .push_bind(filter.offset.min(i64::MAX as u64) as i64)
        .push(") ORDER BY created_at DESC, rowid DESC");
    let rows = qb.build().fetch_all(pool).await?;
    let jobs = rows.iter().map(job_from_row).collect::<Result<Vec<_>>>()?;
    Ok(JobPage { jobs, total })
}

#[cfg(test)]
mod tests {
    use super::walk;

    #[test]
    fn the_walk_is_chosen_for_common_filters_and_the_lookup_for_rare_ones() {
        // Every job matches: walk.
        assert!(walk(0, 20, 1_000_000, 1_000_000));
        // One job in ten, first page: 200 rows walked against 100,000 looked up.
        assert!(walk(0, 20, 100_000, 1_000_000));
        // Ten running jobs among a million: the walk could read all of them.
        assert!(!walk(0, 20, 10, 1_000_000));
        // A thousand matches, first page: 20,000 rows walked against 1,000 looked up.
        assert!(!walk(0, 20, 1_000, 1_000_000));
        // Deep pages of a common filter still walk (the walk reads index entries only).
        assert!(walk(500_000, 20, 900_000, 1_000_000));
        // No overflow at the extremes.
        assert!(!walk(u64::MAX, u64::MAX, 1, u64::MAX));
    }
}
