//! The worker pool: a semaphore of `workers` permits, one claim per permit, compute on blocking
//! threads (rayon inside), a heartbeat per job (progress, counters, ETA, lease renewal; see
//! [`super::heartbeat`]), every write fenced on this process's lease owner id.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::Semaphore;

use super::control::JobControl;
use super::heartbeat;
use super::store::{GraphInfo, JobStore, Outcome};
use super::{ImportSpec, JobKind, JobRecord, JobState};
use crate::algo::{self, AlgoError, AlgoOutput};
use crate::engine::{Engine, graph_missing};
use crate::graph::import::{self, ImportError, ImportOptions, ImportReport, ParallelEdge};
use crate::graph::{Graph, Schema};
use crate::result::ResultWriter;
use crate::{Error, Result};

const IDLE_POLL: Duration = Duration::from_secs(1);

/// Runs until the engine shuts down, then waits for the jobs in flight.
pub(crate) async fn run(engine: Engine) {
    let inner = &engine.inner;
    let permits = Arc::new(Semaphore::new(inner.config.workers));
    let mut tasks = tokio::task::JoinSet::new();
    loop {
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => p.expect("semaphore never closes"),
            _ = inner.shutdown.cancelled() => break,
        };
        match inner
            .store
            .claim_next_leased(&inner.owner, inner.config.lease)
            .await
        {
            Ok(Some(job)) => {
                let engine = engine.clone();
                tasks.spawn(async move {
                    execute(&engine, job).await;
                    drop(permit);
                });
            }
            Ok(None) => {
                drop(permit);
                tokio::select! {
                    _ = inner.wake.notified() => {}
                    _ = tokio::time::sleep(IDLE_POLL) => {}
                    _ = inner.shutdown.cancelled() => break,
                }
            }
            Err(e) => {
                drop(permit);
                tracing::error!(error = %e, "cannot claim a job; retrying");
                tokio::time::sleep(IDLE_POLL).await;
            }
        }
        while tasks.try_join_next().is_some() {}
    }
    while tasks.join_next().await.is_some() {}
}

/// Runs one claimed job to a terminal state.
async fn execute(engine: &Engine, job: JobRecord) {
    let inner = &engine.inner;
    let id = job.id.0.clone();
    let ctl = JobControl::new();
    inner.events.changed(&job.project, &id);
    inner
        .running
        .lock()
        .expect("running lock")
        .insert(id.clone(), ctl.clone());
    // A cancel that landed between the claim and the registration above found no control.
    if matches!(inner.store.job(&job.project, &id).await, Ok(Some(j)) if j.state == JobState::Cancelling)
    {
        ctl.cancel();
    }
    let started = Instant::now();
    let ticker = tokio::spawn(heartbeat::run(
        engine.clone(),
        job.project.clone(),
        id.clone(),
        ctl.clone(),
        started,
    ));
    let outcome = match run_job(engine, &job, &ctl).await {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::error!(job = %id, error = %e, "job failed on an internal error");
            Outcome::Failed {
                code: "GES.8301".into(),
                reason: format!("internal error: {e}"),
                detail: None,
            }
        }
    };
    ticker.abort();
    // The final counters (rows written…) are recorded with the outcome.
    let last = heartbeat::sample(&ctl, started.elapsed(), crate::time_fmt::now());
    if !last.counters.is_empty() {
        let _ = inner.store.report_progress(&id, &inner.owner, &last).await;
    }
    inner.running.lock().expect("running lock").remove(&id);
    let finished = inner.store.finish(&id, &inner.owner, &outcome).await;
    inner.events.changed(&job.project, &id);
    match finished {
        Ok(true) => {
            let state = match &outcome {
                Outcome::Succeeded { .. } => "succeeded",
                Outcome::Failed { .. } => "failed",
                Outcome::Cancelled => "cancelled",
            };
            let elapsed_ms = started.elapsed().as_millis() as u64;
            tracing::info!(job = %id, job_type = job.job_type.as_str(), state, elapsed_ms, "job finished");
        }
        Ok(false) => {
            tracing::warn!(job = %id, "job was taken from this worker; its outcome is discarded")
        }
        Err(e) => {
            tracing::error!(job = %id, error = %e, "cannot record the job's end; recovery will handle it")
        }
    }
}

async fn run_job(engine: &Engine, job: &JobRecord, ctl: &JobControl) -> Result<Outcome> {
    let spec = engine
        .inner
        .store
        .job_spec(&job.id.0)
        .await?
        .ok_or_else(|| Error::not_found("job spec"))?;
    let kind: JobKind =
        serde_json::from_value(spec).map_err(|e| Error::Internal(format!("job spec: {e}")))?;
    match kind {
        JobKind::Algorithm { name, parameters } => {
            let Some(info) = engine.inner.store.graph(&job.project, &job.graph).await? else {
                let reason = format!(
                    "Running algorithm [{name}] error: {}",
                    graph_missing(&job.graph)
                );
                return Ok(Outcome::Failed {
                    code: "GES.8301".into(),
                    reason,
                    detail: None,
                });
            };
            let (engine, job, ctl) = (engine.clone(), job.clone(), ctl.clone());
            blocking(move || run_algorithm(&engine, &job, &info, &name, &parameters, &ctl)).await
        }
        JobKind::ImportGraph(spec) => {
            // Bucket paths are downloaded first (credentials taken from memory, used once).
            let creds = engine.inner.obs_vault.take(&job.id.0);
            let (spec, _downloaded) = match crate::obs::download::localize(
                engine,
                &job.project,
                &job.id.0,
                &spec,
                creds.as_ref(),
            )
            .await
            {
                Ok(local) => local,
                Err(reason) => {
                    return Ok(Outcome::Failed {
                        code: "GES.8013".into(),
                        reason: format!("import failed: {reason}"),
                        detail: None,
                    });
                }
            };
            run_import(engine, job, spec, ctl).await
        }
        JobKind::ExportResult(spec) => {
            let creds = engine.inner.obs_vault.take(&job.id.0);
            crate::obs::export_result::run(engine, job, &spec, creds, ctl).await
        }
        JobKind::ExportGraph(spec) => {
            let creds = engine.inner.obs_vault.take(&job.id.0);
            crate::obs::export_graph::run(engine, job, &spec, creds, ctl).await
        }
        JobKind::Query(spec) => {
            let Some(info) = engine.inner.store.graph(&job.project, &job.graph).await? else {
                return Ok(Outcome::Failed {
                    code: "GES.8000".into(),
                    reason: format!("query failed: {}", graph_missing(&job.graph)),
                    detail: None,
                });
            };
            let (engine, job, ctl) = (engine.clone(), job.clone(), ctl.clone());
            blocking(move || run_query(&engine, &job, &info, &spec, &ctl)).await
        }
        JobKind::CreateGraph => {
            replace_graph(engine, job, |_| Ok(Graph::empty(Schema::new()))).await
        }
        JobKind::ClearGraph { clear_metadata } => {
            let keep = !clear_metadata;
            replace_graph(engine, job, move |old| {
                let old = old.ok_or_else(|| graph_missing("graph"))?;
                Ok(Graph::empty(if keep {
                    old.schema().clone()
                } else {
                    Schema::new()
                }))
            })
            .await
        }
        JobKind::HygSync(sync) => crate::hyg::run_sync(engine, job, &sync).await,
        JobKind::HygDelete => crate::hyg::run_delete(engine, job).await,
        JobKind::HygAlgorithm(spec) => crate::hyg::run_algorithm(engine, job, spec, ctl).await,
        JobKind::DeleteGraph => {
            let deleted = engine
                .inner
                .store
                .delete_graph(&job.project, &job.graph)
                .await?;
            engine
                .inner
                .store
                .delete_hyg(&job.project, &job.graph)
                .await?;
            let inner = engine.inner.clone();
            let (project, name) = (job.project.clone(), job.graph.clone());
            blocking(move || inner.catalog.remove(&project, &name)).await?;
            if !deleted {
                tracing::info!(job = %job.id, "graph was already gone; delete is idempotent");
            }
            Ok(Outcome::Succeeded {
                result_total: 0,
                graph_version: None,
                detail: None,
                partial: false,
            })
        }
    }
}

/// Stores `make(current graph)` as the graph's next version (create and clear).
async fn replace_graph(
    engine: &Engine,
    job: &JobRecord,
    make: impl FnOnce(Option<&Graph>) -> Result<Graph> + Send + 'static,
) -> Result<Outcome> {
    let current = engine.inner.store.graph(&job.project, &job.graph).await?;
    let version = current.as_ref().map_or(1, |g| g.version + 1);
    let (engine2, project, name) = (engine.clone(), job.project.clone(), job.graph.clone());
    let graph = blocking(move || {
        let old = match &current {
            Some(g) => Some(engine2.inner.catalog.get(&project, &name, g.version)?),
            None => None,
        };
        let graph = Arc::new(make(old.as_deref())?);
        engine2
            .inner
            .catalog
            .store(&project, &name, version, graph.clone())?;
        Ok(graph)
    })
    .await?;
    let stats = graph.stats();
    let info = GraphInfo::new(&job.graph, version, stats.vertices, stats.edges);
    engine.inner.store.upsert_graph(&job.project, &info).await?;
    engine
        .inner
        .catalog
        .prune(&job.project, &job.graph, version);
    Ok(Outcome::Succeeded {
        result_total: 0,
        graph_version: Some(version),
        detail: None,
        partial: false,
    })
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::Internal(format!("compute task: {e}")))?
}

fn run_algorithm(
    engine: &Engine,
    job: &JobRecord,
    info: &GraphInfo,
    name: &str,
    params: &serde_json::Map<String, Value>,
    ctl: &JobControl,
) -> Result<Outcome> {
    let graph = engine
        .inner
        .catalog
        .get(&job.project, &job.graph, info.version)?;
    ctl.set_vertices(graph.stats().vertices);
    let started = Instant::now();
    let output = match algo::run(&graph, name, params, ctl) {
        Ok(out) => out,
        Err(AlgoError::Cancelled) => return Ok(Outcome::Cancelled),
        Err(e) => {
            let reason = format!("Running algorithm [{name}] error: {e}");
            return Ok(Outcome::Failed {
                code: "GES.8301".into(),
                reason,
                detail: None,
            });
        }
    };
    if ctl.is_cancelled() {
        return Ok(Outcome::Cancelled);
    }
    let runtime = started.elapsed().as_secs_f64();
    let total = write_result(engine, &job.id.0, &graph, output, runtime)?;
    ctl.set_rows(total);
    Ok(Outcome::Succeeded {
        result_total: total,
        graph_version: Some(info.version),
        detail: None,
        partial: false,
    })
}

/// Runs a filter query; its rows become the job's result under `vertices` or `edges`.
fn run_query(
    engine: &Engine,
    job: &JobRecord,
    info: &GraphInfo,
    spec: &crate::query::QuerySpec,
    ctl: &JobControl,
) -> Result<Outcome> {
    let graph = engine
        .inner
        .catalog
        .get(&job.project, &job.graph, info.version)?;
    let started = Instant::now();
    let (rows, matched) = match crate::query::run(&graph, spec, ctl) {
        Ok(Some(answer)) => answer,
        Ok(None) => return Ok(Outcome::Cancelled),
        Err(Error::InvalidArgument { code, message }) => {
            return Ok(Outcome::Failed {
                code: code.into(),
                reason: format!("query failed: {message}"),
                detail: None,
            });
        }
        Err(e) => return Err(e),
    };
    let mut w = ResultWriter::create(&engine.inner.config.results_dir(), &job.id.0)?;
    for row in &rows {
        w.push(row)?;
    }
    let mut scalars = serde_json::Map::new();
    scalars.insert("matched".into(), matched.into());
    let total = w.finish(
        spec.target.key(),
        scalars,
        Some(started.elapsed().as_secs_f64()),
    )?;
    Ok(Outcome::Succeeded {
        result_total: total,
        graph_version: Some(info.version),
        detail: None,
        partial: false,
    })
}

/// Writes an algorithm's rows (rendered with vertex names) and scalars as the job's result.
fn write_result(
    engine: &Engine,
    job_id: &str,
    graph: &Graph,
    output: AlgoOutput,
    runtime: f64,
) -> Result<u64> {
    let mut w = ResultWriter::create(&engine.inner.config.results_dir(), job_id)?;
    output.rows.render(graph, |row| w.push(&row))?;
    w.finish(output.rows.key(), output.scalars, Some(runtime))
}

async fn run_import(
    engine: &Engine,
    job: &JobRecord,
    spec: ImportSpec,
    ctl: &JobControl,
) -> Result<Outcome> {
    let inner = &engine.inner;
    let current = inner.store.graph(&job.project, &job.graph).await?;
    let resolve = |paths: &[String]| {
        paths
            .iter()
            .map(|p| engine.resolve_local_path(&job.project, p))
            .collect::<Result<Vec<_>>>()
    };
    let opts = ImportOptions {
        schema_paths: resolve(&spec.schema_paths)?,
        vertex_paths: resolve(&spec.vertex_paths)?,
        edge_paths: resolve(&spec.edge_paths)?,
        delimiter: spec.delimiter.map_or(b',', |c| c as u8),
        trim_quote: Some(spec.trim_quote.map_or(b'"', |c| c as u8)),
        parallel_edge: parallel_edge(&spec),
        // Without a `logDir` the rejected rows still go somewhere: beside the job's result,
        // where the console pages them (`rejected_rows`) and retention deletes them.
        log_dir: Some(match spec.log_dir.as_deref() {
            Some(d) => engine.resolve_local_path(&job.project, d)?,
            None => {
                crate::rejected_rows::default_dir(&engine.inner.config.results_dir(), &job.id.0)
            }
        }),
    };
    let version = current.as_ref().map_or(1, |g| g.version + 1);
    let (project, name, ctl2, engine2) = (
        job.project.clone(),
        job.graph.clone(),
        ctl.clone(),
        engine.clone(),
    );
    let built = blocking(move || {
        let base = match &current {
            Some(g) => Some(engine2.inner.catalog.get(&project, &name, g.version)?),
            None => None,
        };
        match import::import(base.as_deref(), &opts, &ctl2) {
            Ok((graph, report)) => {
                let graph = Arc::new(graph);
                engine2
                    .inner
                    .catalog
                    .store(&project, &name, version, graph.clone())?;
                Ok(Ok((graph, report)))
            }
            Err(e) => Ok(Err(e)),
        }
    })
    .await?;
    let (graph, report) = match built {
        Ok(done) => done,
        Err(ImportError::Cancelled) => return Ok(Outcome::Cancelled),
        Err(e) => {
            return Ok(Outcome::Failed {
                code: "GES.8013".into(),
                reason: format!("import failed: {e}"),
                detail: None,
            });
        }
    };
    let stats = graph.stats();
    let info = GraphInfo::new(&job.graph, version, stats.vertices, stats.edges);
    inner.store.upsert_graph(&job.project, &info).await?;
    inner.catalog.prune(&job.project, &job.graph, version);
    let partial = report.files.iter().any(|f| f.failed_lines > 0);
    ctl.set_vertices(stats.vertices);
    ctl.set_rows(report.files.iter().map(|f| f.total_lines).sum());
    Ok(Outcome::Succeeded {
        result_total: 0,
        graph_version: Some(version),
        detail: Some(import_detail(&report)),
        partial,
    })
}

fn parallel_edge(spec: &ImportSpec) -> ParallelEdge {
    let ignore_label = spec.parallel_edge_ignore_label.unwrap_or(true);
    match spec.parallel_edge_action.as_deref() {
        Some("ignore") => ParallelEdge::Ignore { ignore_label },
        Some("override") => ParallelEdge::Override { ignore_label },
        _ => ParallelEdge::Allow,
    }
}

/// Per-file counters in the job list's `files` shape (REFERENCE §2.2).
fn import_detail(report: &ImportReport) -> Value {
    let files: Vec<Value> = report
        .files
        .iter()
        .map(|f| {
            json!({
                "kind": match f.kind { import::FileKind::Schema => "schema", import::FileKind::Vertex => "vertex", import::FileKind::Edge => "edge" },
                "fileName": f.path,
                "totalLines": f.total_lines,
                "successfulLines": f.successful_lines,
                "failedLines": f.failed_lines,
                "startTime": f.start_us,
                "endTime": f.end_us,
                "status": if f.failed_lines == 0 { "success" } else if f.successful_lines == 0 { "failed" } else { "partFailed" },
            })
        })
        .collect();
    // Where each file's rejected rows went, in file order (read back by `rejected_rows`; not
    // part of any API answer, which shows `files` only).
    let logs: Vec<Value> = report
        .files
        .iter()
        .filter_map(|f| {
            let log = f.rejected_log.as_ref()?;
            Some(json!({"file": f.path, "log": log.display().to_string(), "rows": f.failed_lines}))
        })
        .collect();
    json!({ "files": files, "rejectedLogs": logs })
}
