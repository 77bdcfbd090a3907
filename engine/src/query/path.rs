//! Filtered Query V2 (REFERENCE §4.3, `…/graphs/{g}/action?action_id=path-query`): from the
//! `vertices` given, walk `times` hops, each hop following the `repeat` element of its layer,
//! optionally stopping walkers where the `until` condition holds; `emit` says whether every
//! vertex met comes back or only where the walk ended.
//!
//! GES documents the body's fields, two request samples (each with its Gremlin equivalent) and
//! the sync answer's shape; the rest is ours, and written down here:
//! - **Hops.** Hop `k` (0-based) follows `repeat[k % repeat.len()]`: one element is repeated
//!   for every hop (the samples' `repeat(out().hasLabel('rate')).times(2)`), several form a
//!   loop body whose elements take turns ("each element is the query and filter of its
//!   layer"). A `repeat` longer than `times` is refused, since its tail would never run.
//! - **Elements.** `operator` is `outV`, `inV` or `bothV` as the GES samples send it; `out`,
//!   `in` and `both` (the k-hop filtered query's words) are accepted as the same. `vertex_filter`
//!   holds for the vertex a hop reaches and `edge_filter` for the edge it takes, each one
//!   `property_filter` condition read exactly as the k-hop filtered query and the `filtered_*`
//!   algorithms read theirs (`algo/path_filter.rs`). Any other key is refused.
//! - **Walkers.** Walks are kept per layer as a set of vertices (two walks meeting at a vertex
//!   go on as one), which gives the same vertices as walking every path and then `dedup()`,
//!   as the samples' Gremlin does, without the path explosion.
//! - **`until`** is one element (GES 2.2.22 takes one stop condition) with a `vertex_filter`
//!   and/or an `edge_filter`. It is tested after each hop on the vertex reached and the edge
//!   taken to it (both must hold when both are given), as in the sample's
//!   `repeat(…).until(…)`: the start vertices are not tested (the doc's table calls the loop
//!   "while/do" but its sample is Gremlin's do/while; we follow the sample). A walker that
//!   meets the condition stops there. `times` stays an upper bound: walkers still going after
//!   `times` hops stop without having met it, and are not part of the answer.
//! - **Answer.** With `emit` false (the default): the vertices where walkers stopped, i.e. those
//!   that met `until`, or without `until` those reached by hop `times`. With `emit` true: every
//!   vertex reached by some hop (Gremlin's `emit()` after `repeat`: a start vertex comes back
//!   only when a hop reaches it again). Rows have the vertex query's shape, in vertex id order,
//!   once each; the first `limit` come back, `matched` counts them all and `truncated` says
//!   whether `limit` cut the list.
//! - **`limit`** defaults to 10,000 and may go up to [`MAX_LIMIT`] (the most one job status
//!   page returns); 0, negative or larger values are refused. `times` is 1 to 20, default 2.
//! - **`queryType` `Tree`** is refused: the doc names it ("path information organised as a
//!   tree", tied to `emit` and to `select`/`as`) but shows neither the tree's JSON nor a sample,
//!   so any shape we chose would be a guess clients could come to rely on. `select`, `by`,
//!   `as` and `statistics` are refused for the same reason; none is ever ignored.
//! - An unknown start vertex fails the query, naming it, as in the k-hop filtered query.
//! - `executionMode` is the REST layer's: `sync` (the default) answers with the rows, `async`
//!   with a job id.

mod parse;
mod run;

pub use run::run;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::filtered::Hop;

/// Default `times`.
pub const DEFAULT_TIMES: u32 = 2;
/// Largest `times`.
pub const MAX_TIMES: u32 = 20;
/// Default `limit`.
pub const DEFAULT_LIMIT: u64 = 10_000;
/// Largest `limit`: one job status page (REFERENCE §2.1).
pub const MAX_LIMIT: u64 = 100_000;

/// The `until` stop condition (raw filters, checked when the body is parsed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Until {
    /// The condition on the vertex a hop reaches.
    pub vertex_filter: Option<Value>,
    /// The condition on the edge a hop takes.
    pub edge_filter: Option<Value>,
}

/// A parsed path-query body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathQuerySpec {
    /// Start vertex ids.
    pub vertices: Vec<String>,
    /// The loop body: hop `k` follows `repeat[k % repeat.len()]`.
    pub repeat: Vec<Hop>,
    /// Where walkers stop early.
    pub until: Option<Until>,
    /// How many hops at most.
    pub times: u32,
    /// Return every vertex met, not only where walkers stopped.
    pub emit: bool,
    /// Rows returned at most.
    pub limit: u64,
}

#[cfg(test)]
mod tests;
