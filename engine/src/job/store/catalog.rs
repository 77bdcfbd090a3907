//! The graph catalogue (names, versions, sizes) and the graphs' HyG views.

use super::credentials::ensure_project;
use super::db::{Db, Sql};
use super::{GraphInfo, IdleGraph};
use crate::Result;
use crate::time_fmt::{from_millis, now, to_millis};

/// A `graphs` row.
#[derive(sqlx::FromRow)]
struct GraphRow {
    name: String,
    version: i64,
    vertices: i64,
    edges: i64,
    created_at: i64,
    updated_at: i64,
}

impl From<GraphRow> for GraphInfo {
    fn from(r: GraphRow) -> Self {
        Self {
            name: r.name,
            version: r.version,
            vertices: r.vertices as u64,
            edges: r.edges as u64,
            created_at: from_millis(r.created_at),
            updated_at: from_millis(r.updated_at),
        }
    }
}

const GRAPH_COLUMNS: &str = "name, version, vertices, edges, created_at, updated_at";

pub(super) async fn upsert_graph(db: &Db, project: &str, g: &GraphInfo) -> Result<()> {
    ensure_project(db, project).await?;
    let q = upsert("VALUES ($1, $2, $3, $4, $5, $6, $7)", project, g);
    db.execute(&q).await.map(drop)
}

/// The upsert of [`upsert_graph`], made only when job `id` has just succeeded with the graph's
/// version (run in the transaction that records the success; see [`Outcome::Succeeded`]).
///
/// [`Outcome::Succeeded`]: super::Outcome::Succeeded
pub(super) fn publish_graph<'a>(id: &'a str, g: &'a GraphInfo) -> Sql<'a> {
    let rows = "SELECT project_id, $2, $3, $4, $5, $6, $7 FROM jobs \
         WHERE id = $1 AND state = 'succeeded' AND graph_version = $3";
    upsert(rows, id, g)
}

/// Deletes the graph of job `id`, and its HyG view (run in the transaction that records the
/// job's success; see [`super::GraphChange::Delete`]).
pub(super) fn delete_graph_of(id: &str) -> Vec<Sql<'_>> {
    let of_job = |table: &str, name: &str| {
        Sql::new(format!(
            "DELETE FROM {table} WHERE ({table}.project_id, {table}.{name}) IN \
             (SELECT project_id, graph_name FROM jobs WHERE id = $1)"
        ))
        .text(id)
    };
    vec![of_job("graphs", "name"), of_job("hyg_graphs", "graph_name")]
}

pub(super) async fn next_graph_version(db: &Db, project: &str, name: &str) -> Result<i64> {
    let q = Sql::new(
        "INSERT INTO graph_versions (project_id, name, last_version) VALUES ($1, $2, \
         COALESCE((SELECT version FROM graphs WHERE project_id = $3 AND name = $4), 0) + 1) \
         ON CONFLICT (project_id, name) DO UPDATE SET \
         last_version = graph_versions.last_version + 1 RETURNING last_version",
    )
    .text(project)
    .text(name)
    .text(project)
    .text(name);
    db.scalar(&q)
        .await?
        .ok_or_else(|| crate::Error::Internal("no graph version was given".into()))
}

/// `INSERT INTO graphs … {rows} ON CONFLICT … DO UPDATE` of `g`: `rows` makes the row from `$1`
/// (`first`: the project, or a job of it) and `$2`–`$7` (name, version, counts, times). A
/// version never replaces a higher one (see [`next_graph_version`]).
fn upsert<'a>(rows: &str, first: &'a str, g: &'a GraphInfo) -> Sql<'a> {
    let at = to_millis(now());
    Sql::new(format!(
        "INSERT INTO graphs (project_id, name, version, vertices, edges, created_at, updated_at) \
         {rows} ON CONFLICT (project_id, name) DO UPDATE SET \
         version = excluded.version, vertices = excluded.vertices, edges = excluded.edges, \
         updated_at = excluded.updated_at WHERE excluded.version >= graphs.version"
    ))
    .text(first)
    .text(g.name.as_str())
    .int(g.version)
    .int(g.vertices as i64)
    .int(g.edges as i64)
    .int(at)
    .int(at)
}

/// A `graph_versions` row joined with its graph's current version.
#[derive(sqlx::FromRow)]
struct IdleRow {
    project_id: String,
    name: String,
    current: Option<i64>,
    last_version: i64,
}

pub(super) async fn idle_graphs(db: &Db) -> Result<Vec<IdleGraph>> {
    let q = Sql::new(
        "SELECT v.project_id, v.name, g.version AS current, v.last_version FROM graph_versions v \
         LEFT JOIN graphs g ON g.project_id = v.project_id AND g.name = v.name \
         WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.fifo_key = v.project_id || '/' || v.name \
         AND j.state IN ('queued', 'running', 'cancelling')) ORDER BY v.project_id, v.name",
    );
    let rows: Vec<IdleRow> = db.fetch_all(&q).await?;
    Ok(rows
        .into_iter()
        .map(|r| IdleGraph {
            project: r.project_id,
            name: r.name,
            current: r.current,
            last_version: r.last_version,
        })
        .collect())
}

pub(super) async fn graphs(db: &Db, project: &str) -> Result<Vec<GraphInfo>> {
    let q = Sql::new(format!(
        "SELECT {GRAPH_COLUMNS} FROM graphs WHERE project_id = $1 ORDER BY name"
    ))
    .text(project);
    let rows: Vec<GraphRow> = db.fetch_all(&q).await?;
    Ok(rows.into_iter().map(GraphInfo::from).collect())
}

pub(super) async fn graph(db: &Db, project: &str, name: &str) -> Result<Option<GraphInfo>> {
    let q = Sql::new(format!(
        "SELECT {GRAPH_COLUMNS} FROM graphs WHERE project_id = $1 AND name = $2"
    ))
    .text(project)
    .text(name);
    let row: Option<GraphRow> = db.fetch_optional(&q).await?;
    Ok(row.map(GraphInfo::from))
}

pub(super) async fn put_hyg(db: &Db, project: &str, graph: &str, view: &str) -> Result<()> {
    let q = Sql::new(
        "INSERT INTO hyg_graphs (project_id, graph_name, view) VALUES ($1, $2, $3) \
         ON CONFLICT (project_id, graph_name) DO UPDATE SET view = excluded.view",
    )
    .text(project)
    .text(graph)
    .text(view);
    db.execute(&q).await.map(drop)
}

pub(super) async fn hyg(db: &Db, project: &str, graph: &str) -> Result<Option<String>> {
    let q = Sql::new("SELECT view FROM hyg_graphs WHERE project_id = $1 AND graph_name = $2")
        .text(project)
        .text(graph);
    db.scalar(&q).await
}

pub(super) async fn hygs(db: &Db, project: &str) -> Result<Vec<(String, String)>> {
    let q = Sql::new(
        "SELECT graph_name, view FROM hyg_graphs WHERE project_id = $1 ORDER BY graph_name",
    )
    .text(project);
    db.fetch_all(&q).await
}

pub(super) async fn delete_hyg(db: &Db, project: &str, graph: &str) -> Result<bool> {
    let q = Sql::new("DELETE FROM hyg_graphs WHERE project_id = $1 AND graph_name = $2")
        .text(project)
        .text(graph);
    Ok(db.execute(&q).await? == 1)
}
