//! Job throughput: trivial jobs (pagerank on a 5-vertex graph) submitted and run to success
//! through the engine façade, against the store alone doing the same jobs' writes.

use std::path::Path;
use std::time::{Duration, Instant};

use engine::job::ImportSpec;
use engine::job::JobType;
use engine::job::store::{JobStore, Outcome, SqlStore};
use engine::{Engine, EngineConfig, JobId, JobKind, JobRecord, JobSpec, JobState};
use serde_json::{Map, Value, json};

const PROJECT: &str = "bench";
/// Concurrent submitters (the API's clients).
const SUBMITTERS: u64 = 8;

fn tiny_graph(dir: &Path) -> Result<ImportSpec, std::io::Error> {
    let input = dir.join("input");
    std::fs::create_dir_all(&input)?;
    std::fs::write(
        input.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"></label><label name="e"></label></labels></PMML>"#,
    )?;
    std::fs::write(input.join("v.csv"), "a,n\nb,n\nc,n\nx,n\ny,n\n")?;
    std::fs::write(input.join("e.csv"), "a,b,e\nb,c,e\nx,y,e\nc,a,e\n")?;
    let p = |n: &str| input.join(n).display().to_string();
    Ok(ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("v.csv")],
        edge_paths: vec![p("e.csv")],
        ..Default::default()
    })
}

async fn succeeded(engine: &Engine) -> Result<u64, engine::Error> {
    let counts = engine.job_counts(PROJECT).await?;
    Ok(counts
        .iter()
        .find(|(s, _)| *s == JobState::Succeeded)
        .map_or(0, |c| c.1))
}

async fn wait_for(engine: &Engine, want: u64) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    while succeeded(engine).await? < want {
        let counts = engine.job_counts(PROJECT).await?;
        if counts.iter().any(|(s, n)| *s == JobState::Failed && *n > 0) {
            return Err(format!("a job failed: {counts:?}").into());
        }
        if started.elapsed() > Duration::from_secs(600) {
            return Err(format!("jobs did not finish in 10 min: {counts:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Ok(())
}

/// The engine: submit `n` jobs from [`SUBMITTERS`] tasks, wait until all succeeded.
async fn engine_run(n: u64, workers: usize) -> Result<Value, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut config = EngineConfig::new(dir.path());
    config.workers = workers;
    config.queue_limit = n + 10;
    let engine = Engine::open(config).await?;
    let import = JobSpec::new(
        "g",
        JobKind::ImportGraph(tiny_graph(dir.path())?),
        json!({}),
    );
    engine.submit(PROJECT, import).await?;
    wait_for(&engine, 1).await?;

    let started = Instant::now();
    let mut tasks = Vec::new();
    for s in 0..SUBMITTERS {
        let engine = engine.clone();
        tasks.push(tokio::spawn(async move {
            for i in (s..n).step_by(SUBMITTERS as usize) {
                let mut parameters = Map::new();
                parameters.insert("alpha".into(), json!(0.85));
                let kind = JobKind::Algorithm {
                    name: "pagerank".into(),
                    parameters,
                    executor: engine::distributed::Executor::Local,
                };
                // Distinct requests, so duplicate-submit protection does not fold them.
                let spec = JobSpec::new("g", kind, json!({"algorithmName": "pagerank", "n": i}));
                engine.submit(PROJECT, spec).await?;
            }
            Ok::<_, engine::Error>(())
        }));
    }
    for t in tasks {
        t.await??;
    }
    let submitted_s = started.elapsed().as_secs_f64();
    wait_for(&engine, n + 1).await?;
    let completed_s = started.elapsed().as_secs_f64();
    engine.shutdown(Duration::from_secs(5)).await;
    Ok(json!({
        "jobs": n, "workers": workers, "submitters": SUBMITTERS,
        "submitted_per_s": n as f64 / submitted_s, "completed_per_s": n as f64 / completed_s,
        "all_done_s": completed_s,
    }))
}

/// The reference: the store's own writes for `n` jobs (insert, claim, finish), one at a time.
async fn store_run(n: u64) -> Result<Value, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let store = SqlStore::open_sqlite(&dir.path().join("graphjobs.db")).await?;
    let started = Instant::now();
    for i in 0..n {
        let job = JobRecord {
            algorithm: Some("pagerank".into()),
            ..JobRecord::new(
                JobId::generate(i),
                PROJECT,
                "g",
                JobType::Algorithm,
                json!({"algorithmName": "pagerank", "n": i}),
            )
        };
        store.insert_job(&job, &json!({}), 0).await?;
        let claimed = store.claim_next("w").await?.ok_or("nothing to claim")?;
        let done = Outcome::Succeeded {
            result_total: 5,
            graph_version: Some(1),
            detail: None,
            partial: false,
            graph_change: None,
        };
        if !store.finish(&claimed.id.0, "w", &done).await? {
            return Err("finish was fenced".into());
        }
    }
    let s = started.elapsed().as_secs_f64();
    Ok(json!({"jobs": n, "completed_per_s": n as f64 / s}))
}

pub(crate) async fn run(n: u64, workers: usize) -> Result<Value, Box<dyn std::error::Error>> {
    let ours = engine_run(n, workers).await?;
    let reference = store_run(n).await?;
    eprintln!(
        "jobs_bench: {n} pagerank jobs, {workers} workers: {:.0} submitted/s, {:.0} completed/s; \
         the store's writes alone: {:.0} jobs/s",
        ours["submitted_per_s"].as_f64().unwrap_or(f64::NAN),
        ours["completed_per_s"].as_f64().unwrap_or(f64::NAN),
        reference["completed_per_s"].as_f64().unwrap_or(f64::NAN),
    );
    Ok(json!({"engine": ours, "store_writes_only": reference}))
}
