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

use sqlx::{FromRow, QueryBuilder, Row, Sqlite, SqlitePool};

use super::page_window::PageWindow;
use super::row::JOB_COLUMNS;
use super::row::JobRow;
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

    /// The name columns with at least one matching value, and those values.
    fn name_lists(&self) -> impl Iterator<Item = (&'static str, &[String])> {
        [
            ("graph_name", self.graphs.as_slice()),
            ("algorithm", self.algorithms.as_slice()),
        ]
        .into_iter()
        .filter(|(_, values)| !values.is_empty())
    }

    /// `(graph_name IN (…) OR algorithm IN (…))`, or `0` when no name matches.
    fn push_names<'a>(&'a self, qb: &mut QueryBuilder<'a, Sqlite>) {
        let mut terms = 0;
        qb.push("(");
        for (column, values) in self.name_lists() {
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
        for (column, values) in self.name_lists() {
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

/// A newest-first index a page can be walked along: the project's, or one of a filter term's
/// with a single value (its equality prefix keeps the order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Walk {
    Project,
    State,
    Type,
    Graph,
}

impl Walk {
    fn index(self) -> &'static str {
        match self {
            Self::Project => "jobs_by_project",
            Self::State => "jobs_by_state",
            Self::Type => "jobs_by_type",
            Self::Graph => "jobs_by_graph",
        }
    }
}

/// Each walkable index with the number of the project's jobs under its prefix (from the
/// tallies, one query).
async fn walks(pool: &SqlitePool, project: &str, filter: &JobFilter) -> Result<Vec<(Walk, u64)>> {
    let mut qb = QueryBuilder::<Sqlite>::new("SELECT SUM(n)");
    let mut order = vec![Walk::Project];
    if let [state] = filter.states.as_slice() {
        qb.push(", SUM(CASE WHEN state = ")
            .push_bind(state.as_str());
        qb.push(" THEN n ELSE 0 END)");
        order.push(Walk::State);
    }
    if let [job_type] = filter.job_types.as_slice() {
        qb.push(", SUM(CASE WHEN job_type = ")
            .push_bind(job_type.as_str());
        qb.push(" THEN n ELSE 0 END)");
        order.push(Walk::Type);
    }
    if let Some(graph) = &filter.graph {
        qb.push(", SUM(CASE WHEN graph_name = ")
            .push_bind(graph.as_str());
        qb.push(" THEN n ELSE 0 END)");
        order.push(Walk::Graph);
    }
    qb.push(" FROM job_tallies WHERE project_id = ")
        .push_bind(project);
    let row = qb.build().fetch_one(pool).await?;
    order
        .into_iter()
        .enumerate()
        .map(|(i, walk)| {
            let n: Option<i64> = row.try_get(i)?;
            Ok((walk, n.unwrap_or(0).max(0) as u64))
        })
        .collect()
}

/// The cheapest plan: walking one of `walks` newest first reads about `reach × base / total`
/// rows to collect `reach` matches; looking the `total` matches up and sorting them reads
/// `total`. `None` is the lookup.
fn plan(offset: u64, limit: u64, total: u64, walks: &[(Walk, u64)]) -> Option<Walk> {
    let reach = u128::from(offset.saturating_add(limit));
    let total = u128::from(total.max(1));
    let (walk, base) = walks.iter().min_by_key(|(_, base)| *base)?;
    (reach * u128::from(*base) <= WALK_FACTOR * total * total).then_some(*walk)
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
    let window = PageWindow::new(filter.offset, filter.limit, total);
    let walk = plan(
        window.offset,
        window.limit,
        total,
        &walks(pool, project, filter).await?,
    );

    let mut qb = QueryBuilder::<Sqlite>::new(format!(
        "SELECT {JOB_COLUMNS} FROM jobs WHERE rowid IN (SELECT rowid FROM jobs "
    ));
    if let Some(w) = walk {
        qb.push(format!("INDEXED BY {} ", w.index()));
    }
    qb.push("WHERE ");
    match (&search, walk) {
        (Some(s), None) => s.push_lookups(&mut qb, project),
        _ => {
            qb.push("project_id = ").push_bind(project);
        }
    }
    push_exact(&mut qb, filter);
    push_time(&mut qb, filter);
    if let (Some(s), Some(_)) = (&search, walk) {
        qb.push(" AND ");
        s.push_condition(&mut qb);
    }
    // The unary `+` keeps SQLite from walking an index for the order (the lookup plan). A
    // page in the older half is read oldest first (`page_window`); the outer order puts its
    // rows back newest first.
    let (plus, dir) = (
        if walk.is_some() { "" } else { "+" },
        if window.oldest_first { "ASC" } else { "DESC" },
    );
    qb.push(format!(
        " ORDER BY {plus}created_at {dir}, {plus}rowid {dir}"
    ));
    qb.push(" LIMIT ")
        .push_bind(window.limit.min(i64::MAX as u64) as i64)
        .push(" OFFSET ")
        .push_bind(window.offset.min(i64::MAX as u64) as i64)
        .push(") ORDER BY created_at DESC, rowid DESC");
    let rows = qb.build().fetch_all(pool).await?;
    let jobs = rows
        .iter()
        .map(|row| JobRow::from_row(row)?.into_record())
        .collect::<Result<Vec<_>>>()?;
    Ok(JobPage { jobs, total })
}

#[cfg(test)]
mod tests {
    use super::{Walk, plan};

    #[test]
    fn common_filters_walk_an_index_and_rare_ones_are_looked_up() {
        let project = [(Walk::Project, 1_000_000)];
        // Every job matches: walk.
        assert_eq!(plan(0, 20, 1_000_000, &project), Some(Walk::Project));
        // One job in ten, first page: 200 rows walked against 100,000 looked up.
        assert_eq!(plan(0, 20, 100_000, &project), Some(Walk::Project));
        // Ten running jobs among a million: the walk could read all of them.
        assert_eq!(plan(0, 20, 10, &project), None);
        // A thousand matches, first page: 20,000 rows walked against 1,000 looked up.
        assert_eq!(plan(0, 20, 1_000, &project), None);
        // A deep page of one job in ten walks the type's own index, not the project's.
        let typed = [(Walk::Project, 1_000_000), (Walk::Type, 100_000)];
        assert_eq!(plan(90_000, 20, 100_000, &typed), Some(Walk::Type));
        assert_eq!(plan(90_000, 20, 100_000, &project), None);
        // A graph's rare state: the state's index holds fewer rows to walk.
        let both = [
            (Walk::Project, 1_000_000),
            (Walk::State, 50),
            (Walk::Graph, 140_000),
        ];
        assert_eq!(plan(0, 20, 40, &both), Some(Walk::State));
        // No overflow at the extremes.
        assert_eq!(
            plan(u64::MAX, u64::MAX, 1, &[(Walk::Project, u64::MAX)]),
            None
        );
    }
}
