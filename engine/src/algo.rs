//! The GES algorithm catalogue over a [`Graph`]: parameter specs (which drive both validation
//! and the console's form), and the kernels behind them.
//!
//! Names, parameters, defaults and ranges follow REFERENCE §3.2 and DECISIONS.md:
//! - a parameter sent as `null` takes its default; unknown parameters are ignored, except the
//!   filter objects GES sends beside `parameters` (`vertex_filter`, `edge_filter`, `filters`,
//!   REFERENCE §3.1), which only the algorithms whose [`AlgorithmSpec::filters`] lists them
//!   take (the `filtered_*` path algorithms, see [`path_filter`]); any other algorithm refuses
//!   them rather than silently answering unfiltered;
//! - numbers may arrive as JSON numbers or numeric strings, booleans as `true`/`false` or the
//!   strings `"true"`/`"false"`, vertex ids as strings or numbers, id sets (`sources`,
//!   `targets`, `seeds`) as CSV text (`"Alice,Nana"`) or JSON arrays;
//! - `coveragence` is accepted as an alias of `convergence`;
//! - errors read as GES writes them, `parameter [source] is invalid!`, with a short reason
//!   appended for type and range errors (the caller adds the
//!   `Running algorithm [..] error:` prefix).
//!
//! Results: per-vertex metrics are rows `results: [{"id": vid, "<metric>": value}]` where the
//! metric is named after the older GES result key (`pagerank`, `personalrank`, `coreness`,
//! `distance`, `community`, `embedding`, `vertex_triangles`, `cluster_coefficient`,
//! `betweenness`); paths are rows of vertex-id arrays under `paths`; edge metrics are rows
//! under `edge_betweenness`; GES's scalar keys (`modularity`, `triangle_count`, `source`…) are
//! kept exactly. See [`Rows`].
//!
//! Every kernel checks [`JobControl::check`] between iterations (or BFS levels, or blocks of
//! work) and reports progress with [`JobControl::set_progress`]. Kernels that use rayon run in a
//! pool of `num_thread` threads (capped at the machine's parallelism) when the algorithm has
//! that parameter, else in the current pool.

pub mod all_shortest_paths;
pub mod all_shortest_paths_of_vertex_sets;
pub mod betweenness;
pub mod closeness;
pub mod cluster_coefficient;
pub mod common_neighbors;
pub mod common_neighbors_of_vertex_sets;
pub mod connected_component;
pub mod degree_correlation;
mod degree_view;
pub mod edge_betweenness;
pub mod filtered_all_pairs_shortest_paths;
pub mod filtered_all_shortest_paths;
pub mod filtered_circle_detection;
pub mod filtered_n_paths;
pub mod filtered_shortest_path;
pub(crate) mod job;
pub mod k_hop;
pub mod kcore;
pub mod label_propagation;
pub mod link_prediction;
pub mod louvain;
pub mod n_paths;
pub mod node2vec;
pub mod od_betweenness;
mod output;
pub mod pagerank;
mod params;
pub mod path_filter;
pub mod personalrank;
pub mod pixie;
pub mod realtime_recommendation;
pub mod recommend_walk;
mod rng;
pub mod shortest_path;
pub mod shortest_path_of_vertex_sets;
mod simple_graph;
pub mod single_vertex_circles_detection;
pub mod sssp;
pub mod time_window;
pub mod topicrank;
pub(crate) mod traversal;
pub mod triangle_count;
mod weights;

use serde_json::{Map, Value};

use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};
pub use output::{AlgoOutput, Circle, CircleFormat, MetricValues, PathGroup, Rows};
pub use params::{ParamKind, ParamSpec, Params};

/// Result alias for algorithm calls.
pub type Result<T, E = AlgoError> = std::result::Result<T, E>;

/// An algorithm as the catalogue describes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlgorithmSpec {
    /// The GES `algorithmName`.
    pub name: &'static str,
    /// One-paragraph description for the console.
    pub description: &'static str,
    /// Its parameters, in the order the console shows them.
    pub params: &'static [ParamSpec],
    /// Whether `executionMode: sync` is allowed (REFERENCE §3.1: path algorithms only).
    pub sync: bool,
    /// The key of its main result in `outputs` (`results`, `vertices`, `path`).
    pub result_key: &'static str,
    /// The filter objects it takes beside `parameters` (`vertex_filter`, `edge_filter`);
    /// empty for most. The engine reads them from the parameters under the same keys.
    pub filters: &'static [&'static str],
}

/// Why an algorithm could not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AlgoError {
    /// No algorithm of that name (or not implemented yet).
    #[error("unknown algorithm [{0}]")]
    Unknown(String),
    /// A parameter is missing or invalid; the message is as GES writes it:
    /// `parameter [source] is invalid!`, possibly followed by a reason.
    #[error("{0}")]
    Param(String),
    /// The job was cancelled.
    #[error("cancelled")]
    Cancelled,
}

impl From<Cancelled> for AlgoError {
    fn from(_: Cancelled) -> Self {
        Self::Cancelled
    }
}

/// Checks an algorithm's parameters without a graph.
type ValidateFn = fn(&Params<'_>) -> Result<()>;
/// Runs an algorithm.
type RunFn = fn(&Graph, &Params<'_>, &JobControl) -> Result<AlgoOutput>;

/// Number of algorithms in the catalogue.
const COUNT: usize = 33;

/// The catalogue, in the order of REFERENCE §3.1 (then the 2.2.x additions).
static CATALOG: [AlgorithmSpec; COUNT] = [
    pagerank::SPEC,
    personalrank::SPEC,
    kcore::SPEC,
    k_hop::SPEC,
    shortest_path::SPEC,
    all_shortest_paths::SPEC,
    filtered_shortest_path::SPEC,
    sssp::SPEC,
    shortest_path_of_vertex_sets::SPEC,
    n_paths::SPEC,
    closeness::SPEC,
    label_propagation::SPEC,
    louvain::SPEC,
    link_prediction::SPEC,
    node2vec::SPEC,
    realtime_recommendation::SPEC,
    common_neighbors::SPEC,
    connected_component::SPEC,
    degree_correlation::SPEC,
    triangle_count::SPEC,
    cluster_coefficient::SPEC,
    common_neighbors_of_vertex_sets::SPEC,
    all_shortest_paths_of_vertex_sets::SPEC,
    filtered_circle_detection::SPEC,
    filtered_all_pairs_shortest_paths::SPEC,
    filtered_all_shortest_paths::SPEC,
    filtered_n_paths::SPEC,
    betweenness::SPEC,
    edge_betweenness::SPEC,
    od_betweenness::SPEC,
    topicrank::SPEC,
    pixie::SPEC,
    single_vertex_circles_detection::SPEC,
];

/// Validation and kernel of each [`CATALOG`] entry, in the same order.
static KERNELS: [(ValidateFn, RunFn); COUNT] = [
    (pagerank::validate, pagerank::run),
    (personalrank::validate, personalrank::run),
    (kcore::validate, kcore::run),
    (k_hop::validate, k_hop::run),
    (shortest_path::validate, shortest_path::run),
    (all_shortest_paths::validate, all_shortest_paths::run),
    (
        filtered_shortest_path::validate,
        filtered_shortest_path::run,
    ),
    (sssp::validate, sssp::run),
    (
        shortest_path_of_vertex_sets::validate,
        shortest_path_of_vertex_sets::run,
    ),
    (n_paths::validate, n_paths::run),
    (closeness::validate, closeness::run),
    (label_propagation::validate, label_propagation::run),
    (louvain::validate, louvain::run),
    (link_prediction::validate, link_prediction::run),
    (node2vec::validate, node2vec::run),
    (
        realtime_recommendation::validate,
        realtime_recommendation::run,
    ),
    (common_neighbors::validate, common_neighbors::run),
    (connected_component::validate, connected_component::run),
    (degree_correlation::validate, degree_correlation::run),
    (triangle_count::validate, triangle_count::run),
    (cluster_coefficient::validate, cluster_coefficient::run),
    (
        common_neighbors_of_vertex_sets::validate,
        common_neighbors_of_vertex_sets::run,
    ),
    (
        all_shortest_paths_of_vertex_sets::validate,
        all_shortest_paths_of_vertex_sets::run,
    ),
    (
        filtered_circle_detection::validate,
        filtered_circle_detection::run,
    ),
    (
        filtered_all_pairs_shortest_paths::validate,
        filtered_all_pairs_shortest_paths::run,
    ),
    (
        filtered_all_shortest_paths::validate,
        filtered_all_shortest_paths::run,
    ),
    (filtered_n_paths::validate, filtered_n_paths::run),
    (betweenness::validate, betweenness::run),
    (edge_betweenness::validate, edge_betweenness::run),
    (od_betweenness::validate, od_betweenness::run),
    (topicrank::validate, topicrank::run),
    (pixie::validate, pixie::run),
    (
        single_vertex_circles_detection::validate,
        single_vertex_circles_detection::run,
    ),
];

/// Every available algorithm.
pub fn catalog() -> &'static [AlgorithmSpec] {
    &CATALOG
}

/// The algorithm named `name` (exact GES spelling).
pub fn find(name: &str) -> Option<&'static AlgorithmSpec> {
    CATALOG.iter().find(|a| a.name == name)
}

fn lookup(name: &str) -> Result<(&'static AlgorithmSpec, ValidateFn, RunFn)> {
    let i = CATALOG
        .iter()
        .position(|a| a.name == name)
        .ok_or_else(|| AlgoError::Unknown(name.to_string()))?;
    Ok((&CATALOG[i], KERNELS[i].0, KERNELS[i].1))
}

/// Checks `params` for algorithm `name` without a graph: unknown algorithm, missing required
/// parameter, wrong type, out of range, incompatible options, a filter object the algorithm
/// does not take. Vertex ids (and the properties a filter names) are only checked by [`run`].
///
/// # Errors
/// [`AlgoError::Unknown`] or [`AlgoError::Param`].
pub fn validate(name: &str, params: &Map<String, Value>) -> Result<()> {
    let (spec, validate, _) = lookup(name)?;
    refuse_foreign_filters(spec, params)?;
    validate(&Params::new(spec, params))
}

/// Refuses a filter object (`vertex_filter`, `edge_filter`, `filters`; `null` counts as absent)
/// given to an algorithm that does not take it: ignoring it would answer a filtered question
/// with an unfiltered result.
fn refuse_foreign_filters(spec: &AlgorithmSpec, params: &Map<String, Value>) -> Result<()> {
    let given = path_filter::ALL_KEYS.iter().find(|&&key| {
        !spec.filters.contains(&key) && params.get(key).is_some_and(|v| !v.is_null())
    });
    let Some(&key) = given else {
        return Ok(());
    };
    let takers: Vec<&str> = CATALOG
        .iter()
        .filter(|a| a.filters.contains(&key))
        .map(|a| a.name)
        .collect();
    let who = match takers.as_slice() {
        [one] => format!("only {one} takes it"),
        [init @ .., last] => format!("only {} and {last} take it", init.join(", ")),
        [] => "no algorithm takes it".to_owned(),
    };
    Err(AlgoError::Param(format!(
        "parameter [{key}] is invalid! Algorithm [{}] does not take {key}; {who}.",
        spec.name
    )))
}

/// Runs algorithm `name` on `graph`.
///
/// # Errors
/// As [`validate`], plus unknown vertex ids (`parameter [source] is invalid!`) and
/// [`AlgoError::Cancelled`].
pub fn run(
    graph: &Graph,
    name: &str,
    params: &Map<String, Value>,
    ctl: &JobControl,
) -> Result<AlgoOutput> {
    let (spec, _, run) = lookup(name)?;
    refuse_foreign_filters(spec, params)?;
    let started = std::time::Instant::now();
    let out = run(graph, &Params::new(spec, params), ctl);
    tracing::debug!(
        algorithm = name,
        elapsed_ms = started.elapsed().as_millis() as u64,
        ok = out.is_ok(),
        "algorithm finished"
    );
    out
}

/// Runs `f` in a rayon pool of `threads` threads (capped at the machine's parallelism); runs it
/// in the current pool when that already has the wanted size or a pool cannot be built.
fn in_pool<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    let cap = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = threads.clamp(1, cap);
    if threads == rayon::current_num_threads() {
        return f();
    }
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}

/// Looks up a vertex id given as parameter `param`.
fn vertex(graph: &Graph, param: &str, name: &str) -> Result<u32> {
    graph
        .vertex_index(name)
        .ok_or_else(|| AlgoError::Param(format!("parameter [{param}] is invalid!")))
}

/// Looks up the vertex ids listed in parameter `param`, dropping repeats (first occurrence
/// kept).
fn vertex_set(graph: &Graph, param: &str, names: &[String]) -> Result<Vec<u32>> {
    let mut seen = std::collections::HashSet::with_capacity(names.len());
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let v = graph.vertex_index(name).ok_or_else(|| {
            AlgoError::Param(format!(
                "parameter [{param}] is invalid! Vertex [{name}] does not exist."
            ))
        })?;
        if seen.insert(v) {
            out.push(v);
        }
    }
    Ok(out)
}

/// `x` as a JSON number, `null` when it is not finite.
fn number(x: f64) -> Value {
    output::float(x)
}

#[cfg(test)]
mod tests;
