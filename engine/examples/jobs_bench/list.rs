//! The job list with a million jobs in the store: `JobStore::list_jobs` against the plain
//! `COUNT(*)` + `LIMIT/OFFSET` query on the same database, per query shape. Every shape's first
//! run is checked against the reference (same total, same page).

use std::time::{Duration, Instant};

use engine::job::store::{JobStore, SqlStore};
use engine::job::{JobFilter, JobState, JobType};
use engine::time_fmt::{from_millis, now, to_millis};
use rand::{Rng, SeedableRng, rngs::StdRng};
use serde_json::{Value, json};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

use super::stats::Latencies;

const PROJECT: &str = "bench";
const PAGE: u64 = 20;
/// Time spacing of the generated jobs.
const STEP_MS: i64 = 50;
/// The reference stops repeating a shape after this long (its slow shapes take seconds).
const REFERENCE_BUDGET: Duration = Duration::from_secs(8);

/// One statement: `n` jobs over 7 graphs (and one rare graph), mostly pagerank/sssp algorithm
/// runs, a tenth imports, a tenth queries; 92% succeeded, 8% failed, 4% cancelled, the newest
/// 110 running or queued; a rare algorithm (louvain) once in 10,007.
async fn fill(pool: &SqlitePool, n: u64, base_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ?1), \
         t(i, ty) AS (SELECT i, CASE WHEN i % 10 = 0 THEN 'ImportGraph' WHEN i % 10 = 1 \
           THEN 'VertexQuery' WHEN i % 50 = 2 THEN 'ExportResult' ELSE 'Algorithm' END FROM c) \
         INSERT INTO jobs (id, project_id, graph_name, job_type, algorithm, spec, request, state, \
           progress, created_at, started_at, ended_at, partial, attempts) \
         SELECT lower(hex(randomblob(16))) || printf('%09d', i), ?2, \
           CASE WHEN i % 100003 = 17 THEN 'rare-graph' ELSE 'graph' || (i % 7) END, ty, \
           CASE WHEN ty <> 'Algorithm' THEN NULL WHEN i % 10007 = 3 THEN 'louvain' \
             WHEN i % 3 = 0 THEN 'sssp' ELSE 'pagerank' END, '{}', \
           json_object('algorithmName', 'pagerank', 'parameters', \
             json_object('alpha', 0.85, 'convergence', 0.00001, 'max_iterations', 100, \
               'directed', json('true'))), \
           CASE WHEN i >= ?1 - 100 THEN 'queued' WHEN i >= ?1 - 110 THEN 'running' \
             WHEN i % 25 < 2 THEN 'failed' WHEN i % 25 = 2 THEN 'cancelled' \
             ELSE 'succeeded' END, \
           CASE WHEN i >= ?1 - 100 THEN NULL ELSE 100 END, ?3 + i * ?4, ?3 + i * ?4 + 5, \
           CASE WHEN i >= ?1 - 110 THEN NULL ELSE ?3 + i * ?4 + 40 END, \
           ty = 'ImportGraph' AND i % 30 = 0, 1 \
         FROM t",
    )
    .bind(n as i64)
    .bind(PROJECT)
    .bind(base_ms)
    .bind(STEP_MS)
    .execute(pool)
    .await?;
    Ok(())
}

/// The reference: the straightforward list query (the store's before migration 0008).
async fn reference(pool: &SqlitePool, f: &JobFilter) -> Result<(u64, Vec<String>), sqlx::Error> {
    fn push<'a>(qb: &mut QueryBuilder<'a, Sqlite>, f: &'a JobFilter) {
        qb.push(" WHERE project_id = ").push_bind(PROJECT);
        if let Some(g) = &f.graph {
            qb.push(" AND graph_name = ").push_bind(g.as_str());
        }
        for (column, values) in [
            (
                "job_type",
                f.job_types.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            ),
            ("state", f.states.iter().map(|s| s.as_str()).collect()),
        ] {
            if !values.is_empty() {
                qb.push(format!(" AND {column} IN ("));
                let mut sep = qb.separated(", ");
                for v in values {
                    sep.push_bind(v);
                }
                qb.push(")");
            }
        }
        if let Some(t) = f.created_from {
            qb.push(" AND created_at >= ").push_bind(to_millis(t));
        }
        if let Some(t) = f.created_before {
            qb.push(" AND created_at < ").push_bind(to_millis(t));
        }
        if let Some(t) = f.text.as_deref() {
            let t = t.to_ascii_lowercase();
            qb.push(" AND (instr(lower(id), ").push_bind(t.clone());
            qb.push(") > 0 OR instr(lower(graph_name), ")
                .push_bind(t.clone());
            qb.push(") > 0 OR instr(lower(COALESCE(algorithm, '')), ")
                .push_bind(t);
            qb.push(") > 0)");
        }
    }
    let mut count = QueryBuilder::new("SELECT COUNT(*) FROM jobs");
    push(&mut count, f);
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
    let mut page = QueryBuilder::new("SELECT * FROM jobs");
    push(&mut page, f);
    page.push(" ORDER BY created_at DESC, rowid DESC LIMIT ")
        .push_bind(f.limit as i64)
        .push(" OFFSET ")
        .push_bind(f.offset as i64);
    let rows = page.build().fetch_all(pool).await?;
    let ids = rows.iter().map(|r| r.get::<String, _>("id")).collect();
    Ok((total as u64, ids))
}

struct Shape {
    name: &'static str,
    /// A fresh filter per run (random offsets).
    make: Box<dyn Fn(&mut StdRng) -> JobFilter>,
}

fn page(offset: u64) -> JobFilter {
    JobFilter {
        offset,
        limit: PAGE,
        ..Default::default()
    }
}

fn states(states: Vec<JobState>) -> JobFilter {
    JobFilter { states, ..page(0) }
}

fn text(t: &str) -> JobFilter {
    JobFilter {
        text: Some(t.to_owned()),
        ..page(0)
    }
}

fn shapes(n: u64, base_ms: i64, id_head: String) -> Vec<Shape> {
    let mid = base_ms + (n as i64 / 2) * STEP_MS;
    vec![
        Shape {
            name: "first page",
            make: Box::new(move |_| page(0)),
        },
        Shape {
            name: "random page",
            make: Box::new(move |r| page(r.gen_range(0..n.saturating_sub(PAGE).max(1)))),
        },
        Shape {
            name: "last page",
            make: Box::new(move |_| page(n.saturating_sub(PAGE))),
        },
        Shape {
            name: "state failed (8%)",
            make: Box::new(move |_| states(vec![JobState::Failed])),
        },
        Shape {
            name: "states running+cancelling (10 jobs)",
            make: Box::new(move |_| states(vec![JobState::Running, JobState::Cancelling])),
        },
        Shape {
            name: "states queued+running, page 3",
            make: Box::new(move |_| JobFilter {
                offset: 2 * PAGE,
                ..states(vec![JobState::Queued, JobState::Running])
            }),
        },
        Shape {
            name: "type import, random page",
            make: Box::new(move |r| JobFilter {
                job_types: vec![JobType::ImportGraph],
                ..page(r.gen_range(0..n / 10 - PAGE))
            }),
        },
        Shape {
            name: "graph graph3 + succeeded",
            make: Box::new(move |_| JobFilter {
                graph: Some("graph3".into()),
                states: vec![JobState::Succeeded],
                ..page(0)
            }),
        },
        Shape {
            name: "search \"louv\" (rare algorithm)",
            make: Box::new(move |_| text("louv")),
        },
        Shape {
            name: "search \"pagerank\"",
            make: Box::new(move |_| text("pagerank")),
        },
        Shape {
            name: "search \"rare-gr\" (rare graph)",
            make: Box::new(move |_| text("rare-gr")),
        },
        Shape {
            name: "search an id's first 12",
            make: Box::new(move |_| text(&id_head)),
        },
        Shape {
            name: "created in a 1-hour window",
            make: Box::new(move |_| JobFilter {
                created_from: Some(from_millis(mid)),
                created_before: Some(from_millis(mid + 3_600_000)),
                ..page(0)
            }),
        },
    ]
}

pub(crate) async fn run(n: u64, runs: usize) -> Result<Value, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("graphjobs.db");
    let store = SqlStore::open_sqlite(&path).await?;
    store.ensure_project(PROJECT).await?;
    let raw = SqlitePool::connect(&format!("sqlite://{}", path.display())).await?;
    let base_ms = to_millis(now()) - n as i64 * STEP_MS;
    let t = Instant::now();
    fill(&raw, n, base_ms).await?;
    let fill_s = t.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(&path)?.len()
        + std::fs::metadata(dir.path().join("graphjobs.db-wal")).map_or(0, |m| m.len());
    eprintln!(
        "jobs_bench: {n} jobs written in {fill_s:.1}s ({} MB)",
        bytes / 1_000_000
    );
    let id_head: String = sqlx::query_scalar("SELECT substr(id, 1, 12) FROM jobs WHERE rowid = ?")
        .bind((n / 3) as i64)
        .fetch_one(&raw)
        .await?;

    let mut rng = StdRng::seed_from_u64(7);
    let (mut all_store, mut all_ref) = (Latencies::default(), Latencies::default());
    let mut rows = Vec::new();
    eprintln!(
        "{:<40} {:>22} {:>22}",
        "shape (ms: p50 / p99)", "list_jobs", "reference"
    );
    for shape in shapes(n, base_ms, id_head) {
        let (mut ours, mut theirs) = (Latencies::default(), Latencies::default());
        let ref_started = Instant::now();
        for i in 0..runs {
            let filter = (shape.make)(&mut rng);
            let t = Instant::now();
            let page = store.list_jobs(PROJECT, &filter).await?;
            ours.push(t.elapsed());
            if i == 0 || ref_started.elapsed() < REFERENCE_BUDGET {
                let t = Instant::now();
                let (total, ids) = reference(&raw, &filter).await?;
                theirs.push(t.elapsed());
                let got: Vec<String> = page.jobs.into_iter().map(|j| j.id.0).collect();
                if (page.total, &got) != (total, &ids) {
                    return Err(format!(
                        "{}: list_jobs gave {} jobs / {got:?}, the reference {total} / {ids:?}",
                        shape.name, page.total
                    )
                    .into());
                }
            }
        }
        eprintln!(
            "{:<40} {:>10.2} / {:>9.2} {:>10.2} / {:>9.2}",
            shape.name,
            ours.percentile(50.0),
            ours.percentile(99.0),
            theirs.percentile(50.0),
            theirs.percentile(99.0)
        );
        all_store.0.extend(&ours.0);
        all_ref.0.extend(&theirs.0);
        rows.push(json!({"shape": shape.name, "list_jobs": ours.summary(), "reference": theirs.summary()}));
    }
    eprintln!(
        "{:<40} {:>10.2} / {:>9.2} {:>10.2} / {:>9.2}",
        "all shapes",
        all_store.percentile(50.0),
        all_store.percentile(99.0),
        all_ref.percentile(50.0),
        all_ref.percentile(99.0)
    );
    Ok(json!({
        "jobs": n, "fill_s": fill_s, "db_bytes": bytes, "page": PAGE, "runs": runs,
        "shapes": rows, "all": {"list_jobs": all_store.summary(), "reference": all_ref.summary()},
    }))
}
