//! The algorithm job kind: its check at submit and its executor (REFERENCE §2.1 execute
//! algorithm).
//!
//! **Refused or failed.** What can be judged without the graph's data is refused at submit
//! (a [`crate::Refusal::BadParameter`] "Running algorithm [X] error: …", which the service plane
//! answers with HTTP 400 `GES.8000`) and makes no job: an unknown algorithm, a missing parameter,
//! a wrong type, a value out of its documented range, a filter sent to an algorithm that takes
//! none, a graph that does not exist. What needs the data fails the job ([`FailKind::RunFailed`],
//! shown as `GES.8301`) with the same words in `failReason`/`errorMessage`, as GES 2.2.13's job
//! list shows it ("Running algorithm [shortest_path] error: parameter [source] is invalid!"): a
//! vertex id the graph does not hold, a weight property no edge label has, a weight out of range
//! on an edge.

use std::time::Instant;

use serde_json::{Map, Value};

use super::{AlgoError, AlgoOutput};
use crate::distributed::Executor;
use crate::engine::{Engine, graph_missing};
use crate::graph::Graph;
use crate::job::control::JobControl;
use crate::job::kind::{Running, Submitting, blocking};
use crate::job::store::{GraphInfo, JobStore, Outcome};
use crate::job::{FailKind, JobRecord};
use crate::result::ResultKey;
use crate::{Error, Result};

/// The graph must exist and the parameters must be the algorithm's; returns its name.
pub(crate) async fn check(
    cx: Submitting<'_>,
    name: &str,
    parameters: &Map<String, Value>,
    executor: Executor,
) -> Result<String> {
    cx.require_graph().await?;
    super::validate(name, parameters)
        .map_err(|e| Error::invalid(format!("Running algorithm [{name}] error: {e}")))?;
    if !crate::distributed::ALGORITHMS.contains(&name) {
        let has = crate::distributed::ALGORITHMS.join(", ");
        if executor == Executor::Distributed {
            return Err(Error::invalid(format!(
                "Running algorithm [{name}] error: the distributed executor has no kernel for it (it has {has})"
            )));
        }
        if let Some(p) = cx.partitioned().await? {
            return Err(Error::invalid(format!(
                "Running algorithm [{name}] error: graph [{}] is partitioned into {} parts and only the distributed executor runs on it, which has no kernel for [{name}] (it has {has})",
                cx.graph, p.parts
            )));
        }
    }
    Ok(name.to_owned())
}

/// Runs the algorithm on the graph's current version and writes its result.
pub(crate) async fn run(
    cx: Running<'_>,
    name: String,
    parameters: Map<String, Value>,
    executor: Executor,
) -> Result<Outcome> {
    let Running { engine, job, ctl } = cx;
    let Some(info) = engine.store().graph(&job.project, &job.graph).await? else {
        return Ok(failed(&name, graph_missing(&job.graph)));
    };
    let (engine, job, ctl) = (engine.clone(), job.clone(), ctl.clone());
    blocking(move || {
        // A partitioned version runs distributed, with or without `X-Executor`.
        let partitioned = engine
            .catalog()
            .partitioned(&job.project, &job.graph, info.version)?;
        match executor {
            Executor::Local if partitioned.is_none() => {
                compute(&engine, &job, &info, &name, &parameters, &ctl)
            }
            _ => crate::distributed::job::compute(&engine, &job, &info, &name, &parameters, &ctl),
        }
    })
    .await
}

/// An algorithm job's failure, worded as GES words it ("Running algorithm [X] error: …").
pub(crate) fn failed(name: &str, e: impl std::fmt::Display) -> Outcome {
    Outcome::Failed {
        kind: FailKind::RunFailed,
        reason: format!("Running algorithm [{name}] error: {e}"),
        detail: None,
    }
}

fn compute(
    engine: &Engine,
    job: &JobRecord,
    info: &GraphInfo,
    name: &str,
    params: &Map<String, Value>,
    ctl: &JobControl,
) -> Result<Outcome> {
    let graph = engine.catalog().graph_for(job, info.version, ctl)?;
    ctl.set_vertices(graph.stats().vertices);
    let started = Instant::now();
    let output = match super::run(&graph, name, params, ctl) {
        Ok(out) => out,
        Err(AlgoError::Cancelled) => return Ok(Outcome::Cancelled),
        Err(e) => return Ok(failed(name, e)),
    };
    if ctl.is_cancelled() {
        return Ok(Outcome::Cancelled);
    }
    let runtime = started.elapsed().as_secs_f64();
    let total = write_result(engine, &ResultKey::of_claim(job), &graph, output, runtime)?;
    ctl.set_rows(total);
    Ok(Outcome::Succeeded {
        result_total: total,
        graph_version: Some(info.version),
        detail: None,
        partial: false,
        graph_change: None,
    })
}

/// Writes an algorithm's rows (rendered with vertex names) and scalars as the job's result.
pub(crate) fn write_result(
    engine: &Engine,
    at: &ResultKey,
    graph: &Graph,
    output: AlgoOutput,
    runtime: f64,
) -> Result<u64> {
    let mut w = engine.results().writer(at)?;
    output.rows.render(graph, |row| w.push(&row))?;
    w.finish(output.rows.key(), output.scalars, Some(runtime))
}
