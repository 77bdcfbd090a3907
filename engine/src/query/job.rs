//! The vertex and edge filter query, the k-hop filtered query and the path query job kinds: check at submit and
//! executors (REFERENCE §4).

use std::time::Instant;

use serde_json::{Map, Value};

use super::QuerySpec;
use super::filtered::{self, FilteredQuerySpec};
use super::path::{self, PathQuerySpec};
use crate::engine::graph_missing;
use crate::graph::Graph;
use crate::job::JobType;
use crate::job::control::JobControl;
use crate::job::kind::{Running, Submitting, blocking};
use crate::job::store::{JobStore, Outcome};
use crate::result::ResultKey;
use crate::{Error, FailKind, Result};

/// The job type of a filter query: a vertex or an edge query.
pub(crate) fn job_type(spec: &QuerySpec) -> JobType {
    match spec.target {
        super::QueryTarget::Vertices => JobType::VertexQuery,
        super::QueryTarget::Edges => JobType::EdgeQuery,
    }
}

/// The graph must exist and be whole, not partitioned (the filter itself is parsed when the
/// request is read).
pub(crate) async fn check(cx: Submitting<'_>) -> Result<()> {
    cx.require_whole_graph().await
}

/// Runs a vertex or edge query; its rows become the job's result under `vertices` or `edges`.
pub(crate) async fn run(cx: Running<'_>, spec: QuerySpec) -> Result<Outcome> {
    answer(cx, spec.target.key(), move |graph, ctl| {
        Ok(super::run(graph, &spec, ctl)?.map(|(rows, matched)| {
            let mut scalars = Map::new();
            scalars.insert("matched".into(), matched.into());
            (rows, scalars)
        }))
    })
    .await
}

/// Runs a k-hop filtered query; its rows become the job's result under `vertices`, `edges` or
/// `paths` (the query type's key).
pub(crate) async fn run_filtered(cx: Running<'_>, spec: FilteredQuerySpec) -> Result<Outcome> {
    answer(cx, spec.query_type.key(), move |graph, ctl| {
        filtered::run(graph, &spec, ctl)
    })
    .await
}

/// Runs a path query (Filtered Query V2); its vertex rows become the job's result under
/// `vertices`.
pub(crate) async fn run_path(cx: Running<'_>, spec: PathQuerySpec) -> Result<Outcome> {
    answer(cx, "vertices", move |graph, ctl| {
        path::run(graph, &spec, ctl)
    })
    .await
}

/// Runs `query` on the job's graph (`None`: cancelled) and writes its rows under `key` with its
/// scalars. A query's own errors (`InvalidArgument`) fail the job with their code.
async fn answer(
    cx: Running<'_>,
    key: &'static str,
    query: impl FnOnce(&Graph, &JobControl) -> Result<Option<filtered::Answer>> + Send + 'static,
) -> Result<Outcome> {
    let Running { engine, job, ctl } = cx;
    let Some(info) = engine.store().graph(&job.project, &job.graph).await? else {
        return Ok(failed(graph_missing(&job.graph)));
    };
    let (engine, job, ctl) = (engine.clone(), job.clone(), ctl.clone());
    blocking(move || {
        let graph = engine.catalog().graph_for(&job, info.version, &ctl)?;
        let started = Instant::now();
        let (rows, scalars): (Vec<Value>, _) = match query(&graph, &ctl) {
            Ok(Some(answer)) => answer,
            Ok(None) => return Ok(Outcome::Cancelled),
            Err(Error::InvalidArgument { message, .. }) => return Ok(failed(message)),
            Err(e) => return Err(e),
        };
        let mut w = engine.results().writer(&ResultKey::of_claim(&job))?;
        for row in &rows {
            w.push(row)?;
        }
        let total = w.finish(key, scalars, Some(started.elapsed().as_secs_f64()))?;
        ctl.set_rows(total);
        Ok(Outcome::Succeeded {
            result_total: total,
            graph_version: Some(info.version),
            detail: None,
            partial: false,
            graph_change: None,
        })
    })
    .await
}

fn failed(e: impl std::fmt::Display) -> Outcome {
    Outcome::Failed {
        kind: FailKind::Refused,
        reason: format!("query failed: {e}"),
        detail: None,
    }
}
