//! The graph lifecycle job kinds: create an empty graph, clear one (keeping or dropping its
//! schema), delete one with its snapshots and HyG view.

use std::sync::Arc;

use super::{Graph, Schema};
use crate::engine::graph_missing;
use crate::job::kind::{Running, Submitting, blocking};
use crate::job::store::{GraphChange, GraphInfo, JobStore, Outcome};
use crate::{Error, FailKind, Result};

/// A graph of that name must not exist yet.
pub(crate) async fn check_create(cx: Submitting<'_>) -> Result<()> {
    match cx.engine.store().graph(cx.project, cx.graph).await? {
        Some(_) => Err(Error::Conflict {
            message: format!("graph [{}] already exists", cx.graph),
        }),
        None => Ok(()),
    }
}

/// Stores an empty graph with no schema as the graph's first version. A graph of that name
/// made since the submit (by an import queued before it in the graph's FIFO) fails the job
/// ([`FailKind::Refused`], as the submit would have refused it) instead of being emptied.
pub(crate) async fn create(cx: Running<'_>) -> Result<Outcome> {
    if cx
        .engine
        .store()
        .graph(&cx.job.project, &cx.job.graph)
        .await?
        .is_some()
    {
        return Ok(Outcome::Failed {
            kind: FailKind::Refused,
            reason: format!("graph [{}] already exists", cx.job.graph),
            detail: None,
        });
    }
    replace_graph(cx, |_| Ok(Graph::empty(Schema::new()))).await
}

/// Stores an empty graph as the next version, with the old schema unless `clear_metadata`.
pub(crate) async fn clear(cx: Running<'_>, clear_metadata: bool) -> Result<Outcome> {
    replace_graph(cx, move |old| {
        let old = old.ok_or_else(|| graph_missing("graph"))?;
        Ok(Graph::empty(if clear_metadata {
            Schema::new()
        } else {
            old.schema().clone()
        }))
    })
    .await
}

/// Deletes the graph: its catalogue row and HyG view go in the transaction that records the
/// job's success ([`GraphChange::Delete`]), its snapshots after it (the runner removes them).
/// Deleting a graph already gone succeeds (the delete is idempotent).
pub(crate) async fn delete(cx: Running<'_>) -> Result<Outcome> {
    let Running { engine, job, .. } = cx;
    let current = engine.store().graph(&job.project, &job.graph).await?;
    if current.is_none() {
        tracing::info!(job = %job.id, "graph was already gone; delete is idempotent");
    }
    Ok(Outcome::Succeeded {
        result_total: 0,
        // The version deleted: its snapshots and older ones go.
        graph_version: current.map(|g| g.version),
        detail: None,
        partial: false,
        graph_change: Some(GraphChange::Delete),
    })
}

/// Stores `make(current graph)` as the graph's next version.
async fn replace_graph(
    cx: Running<'_>,
    make: impl FnOnce(Option<&Graph>) -> Result<Graph> + Send + 'static,
) -> Result<Outcome> {
    let Running { engine, job, .. } = cx;
    let current = engine.store().graph(&job.project, &job.graph).await?;
    let version = engine
        .store()
        .next_graph_version(&job.project, &job.graph)
        .await?;
    let (engine2, project, name) = (engine.clone(), job.project.clone(), job.graph.clone());
    let graph = blocking(move || {
        let old = match &current {
            // A partitioned version's vertices carry its schema (all `make` reads).
            Some(g) => Some(
                engine2
                    .catalog()
                    .get_or_vertices(&project, &name, g.version)?,
            ),
            None => None,
        };
        let graph = Arc::new(make(old.as_deref())?);
        engine2
            .catalog()
            .store(&project, &name, version, graph.clone())?;
        Ok(graph)
    })
    .await?;
    let stats = graph.stats();
    Ok(Outcome::Succeeded {
        result_total: 0,
        graph_version: Some(version),
        detail: None,
        partial: false,
        graph_change: Some(GraphChange::Publish(GraphInfo::new(
            &job.graph,
            version,
            stats.vertices,
            stats.edges,
        ))),
    })
}
