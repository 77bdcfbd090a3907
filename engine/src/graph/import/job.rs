//! The import job kind (REFERENCE §5.1): check at submit (paths the project may read, OBS
//! credentials for bucket paths) and executor (download bucket paths, import into the graph's
//! next version, report per-file counters and rejected rows).

use std::sync::Arc;

use serde_json::{Value, json};

use super::{FileKind, ImportError, ImportOptions, ImportReport, ParallelEdge};
use crate::Result;
use crate::job::kind::{Running, Submitting, blocking};
use crate::job::store::{GraphChange, GraphInfo, JobStore, Outcome};
use crate::job::{FailKind, ImportSpec};

/// Every path must be one the project may read; OBS paths need credentials. A partition
/// count must be in range and come with `parallelEdge` `allow`. The graph, if it exists, must
/// be whole ([`check_target`]).
pub(crate) async fn check(cx: Submitting<'_>, spec: &ImportSpec) -> Result<()> {
    check_spec(cx, spec)?;
    check_target(cx).await
}

/// [`check`]'s checks of the request itself.
fn check_spec(cx: Submitting<'_>, spec: &ImportSpec) -> Result<()> {
    if let Some(p) = spec.partitions {
        let max = crate::graph::partition::MAX_PARTS;
        if !(1..=max).contains(&p) {
            return Err(crate::Error::invalid(format!(
                "parameter [partitions] must be in 1..={max}, not {p}"
            )));
        }
        if parallel_edge(spec) != ParallelEdge::Allow {
            return Err(crate::Error::invalid(
                "parameter [partitions] needs parallelEdge action allow: a partitioned import keeps every edge",
            ));
        }
    }
    crate::obs::check_import(cx.engine, cx.project, spec, cx.has_credentials)
}

/// An import adds to the graph's version, which a partitioned graph does not hold whole.
async fn check_target(cx: Submitting<'_>) -> Result<()> {
    match cx.partitioned().await? {
        Some(p) => Err(crate::Error::refused(
            crate::Refusal::WrongState,
            format!(
                "graph [{}] is partitioned into {} parts: an import adds to a whole graph; clear or delete it first",
                cx.graph, p.parts
            ),
        )),
        None => Ok(()),
    }
}

fn failed(reason: impl std::fmt::Display) -> Outcome {
    Outcome::Failed {
        kind: FailKind::ImportFailed,
        reason: format!("import failed: {reason}"),
        detail: None,
    }
}

/// Imports into the graph's next version (a new graph when it has none).
pub(crate) async fn run(cx: Running<'_>, spec: ImportSpec) -> Result<Outcome> {
    let Running { engine, job, ctl } = cx;
    // Bucket paths are downloaded first (credentials taken from memory, used once).
    let creds = engine.take_credentials(&job.id.0);
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
        Err(reason) => return Ok(failed(reason)),
    };
    // Files uploaded on another node: this node's copy (see `Engine::localize_upload`).
    let spec = {
        let (engine, project, mut spec) = (engine.clone(), job.project.clone(), spec);
        blocking(move || {
            let paths = spec.schema_paths.iter_mut();
            for p in paths
                .chain(spec.vertex_paths.iter_mut())
                .chain(spec.edge_paths.iter_mut())
            {
                *p = engine.localize_upload(&project, p)?;
            }
            Ok(spec)
        })
        .await?
    };
    let current = engine.store().graph(&job.project, &job.graph).await?;
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
            None => engine.results().rejected_dir(&job.id.0),
        }),
    };
    let version = engine
        .store()
        .next_graph_version(&job.project, &job.graph)
        .await?;
    let job_id = job.id.0.clone();
    let (project, name, ctl2, engine2) = (
        job.project.clone(),
        job.graph.clone(),
        ctl.clone(),
        engine.clone(),
    );
    let cache_bytes = engine.config().graph_cache_bytes;
    let processes = engine.config().compute.processes;
    let asked = spec.partitions;
    let built = blocking(move || {
        let catalog = engine2.catalog();
        let has_data = current.as_ref().is_some_and(|g| g.vertices > 0);
        // Asked for, or automatic past the graph cache (only into a graph without data: an
        // import into one with data adds to its version, which needs the whole graph).
        let parts = match asked {
            Some(_) if has_data => {
                return Ok(Err(ImportError::InvalidOption(format!(
                    "partitions: graph [{name}] has data already; a partitioned import makes a new graph (delete or clear it first)"
                ))));
            }
            Some(p) => Some(p),
            None if has_data => None,
            None => match super::partitioned::estimate_bytes(&opts) {
                Ok(bytes) => super::partitioned::auto_parts(bytes, cache_bytes, processes),
                Err(e) => return Ok(Err(e)),
            },
        };
        if let Some(parts) = parts {
            let root = catalog.partition_root(&project, &name)?;
            let imported =
                match super::partitioned::import_partitioned(&opts, parts, &root, version, &ctl2) {
                    Ok(i) => i,
                    Err(e) => {
                        catalog.discard(&project, &name, version);
                        return Ok(Err(e));
                    }
                };
            // What fails or is cancelled after the parts were written (an upload, the marker)
            // removes them, uploaded ones too, as a failed read does: no row will name this
            // version, and no later import or run finds a manifest of it.
            let stored = catalog
                .store_partitioned(&project, &name, version, &imported, &ctl2)
                .and_then(|info| {
                    if info.is_some() {
                        engine2.results().publish_rejected(&job_id)?;
                    }
                    Ok(info)
                });
            let info = match stored {
                Ok(Some(info)) => info,
                Ok(None) => {
                    catalog.discard(&project, &name, version);
                    return Ok(Err(ImportError::Cancelled));
                }
                Err(e) => {
                    catalog.discard(&project, &name, version);
                    return Err(e);
                }
            };
            return Ok(Ok(((info.vertices, info.edges), imported.report)));
        }
        let base = match &current {
            Some(g) => Some(catalog.get(&project, &name, g.version)?),
            None => None,
        };
        match super::import(base.as_deref(), &opts, &ctl2) {
            Ok((graph, report)) => {
                let graph = Arc::new(graph);
                catalog.store(&project, &name, version, graph.clone())?;
                engine2.results().publish_rejected(&job_id)?;
                let stats = graph.stats();
                Ok(Ok(((stats.vertices, stats.edges), report)))
            }
            Err(e) => Ok(Err(e)),
        }
    })
    .await?;
    let ((vertices, edges), report) = match built {
        Ok(done) => done,
        Err(ImportError::Cancelled) => return Ok(Outcome::Cancelled),
        Err(e) => return Ok(failed(e)),
    };
    let partial = report.files.iter().any(|f| f.failed_lines > 0);
    ctl.set_vertices(vertices);
    ctl.set_rows(report.files.iter().map(|f| f.total_lines).sum());
    Ok(Outcome::Succeeded {
        result_total: 0,
        graph_version: Some(version),
        detail: Some(import_detail(&report)),
        partial,
        graph_change: Some(GraphChange::Publish(GraphInfo::new(
            &job.graph, version, vertices, edges,
        ))),
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
                "kind": match f.kind { FileKind::Schema => "schema", FileKind::Vertex => "vertex", FileKind::Edge => "edge" },
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
