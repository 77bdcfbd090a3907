//! The delete-by-filter job kind (REFERENCE §4.3, `…/vertices/action?action_id=delete`, async
//! only): the vertices a vertex query's `labels` and `vertexFilters` match are removed with every
//! edge that touches them, as the graph's next version.
//!
//! Our choices where the docs are silent:
//! - The filter means what it means in a vertex query (see [`crate::query`]); `limit` deletes
//!   at most that many matches, the first by vertex id, and without it every match goes
//!   (`QuerySpec::parse_delete` refuses the fields a delete does not take).
//! - The job's result has no rows; its outputs say what went: `deleted_vertex_num` and
//!   `deleted_edge_num` (the edges of the deleted vertices).
//! - Nothing matched: the job succeeds with zeros and the graph keeps its version.

use serde_json::Map;

use super::builder::GraphBuilder;
use super::import::ParallelEdge;
use crate::FailKind;
use crate::Result;
use crate::engine::graph_missing;
use crate::job::kind::{Running, blocking};
use crate::job::store::{GraphChange, GraphInfo, JobStore, Outcome};
use crate::query::QuerySpec;
use crate::result::ResultKey;

/// Deletes what `spec` matches; the new version is published with the job's success.
pub(crate) async fn run(cx: Running<'_>, spec: QuerySpec) -> Result<Outcome> {
    let Running { engine, job, ctl } = cx;
    let Some(info) = engine.store().graph(&job.project, &job.graph).await? else {
        return Ok(Outcome::Failed {
            kind: FailKind::Refused,
            reason: graph_missing(&job.graph).to_string(),
            detail: None,
        });
    };
    // Taken up front (the store is async); a delete that matches nothing leaves it unused.
    let version = engine
        .store()
        .next_graph_version(&job.project, &job.graph)
        .await?;
    let (engine2, job2, ctl2) = (engine.clone(), job.clone(), ctl.clone());
    let done = blocking(move || {
        let graph = engine2.catalog().graph_for(&job2, info.version, &ctl2)?;
        ctl2.set_vertices(graph.stats().vertices);
        let Some(mut matched) = crate::query::matching_vertices(&graph, &spec, &ctl2)? else {
            return Ok(None);
        };
        let limit = usize::try_from(spec.limit).unwrap_or(usize::MAX);
        if matched.len() > limit {
            matched.sort_unstable_by(|&a, &b| graph.vertex_name(a).cmp(graph.vertex_name(b)));
            matched.truncate(limit);
        }
        let mut published = None;
        let mut dropped_edges = 0;
        if !matched.is_empty() {
            let mut removed = vec![false; graph.vertex_count()];
            for &v in &matched {
                removed[v as usize] = true;
            }
            let (builder, dropped) = GraphBuilder::without_vertices(&graph, &removed);
            dropped_edges = dropped;
            let next = std::sync::Arc::new(builder.build(ParallelEdge::Allow));
            let stats = next.stats();
            engine2
                .catalog()
                .store(&job2.project, &job2.graph, version, next)?;
            published = Some(GraphInfo::new(
                &job2.graph,
                version,
                stats.vertices,
                stats.edges,
            ));
        }
        let mut scalars = Map::new();
        scalars.insert("deleted_vertex_num".into(), (matched.len() as u64).into());
        scalars.insert("deleted_edge_num".into(), dropped_edges.into());
        let w = engine2.results().writer(&ResultKey::of_claim(&job2))?;
        w.finish("vertices", scalars, None)?;
        Ok(Some(published))
    })
    .await?;
    let Some(published) = done else {
        return Ok(Outcome::Cancelled);
    };
    Ok(Outcome::Succeeded {
        result_total: 0,
        graph_version: Some(published.as_ref().map_or(info.version, |g| g.version)),
        detail: None,
        partial: false,
        graph_change: published.map(GraphChange::Publish),
    })
}
