//! PageRank (GES `pagerank`).
//!
//! Pull-based power iteration: each vertex sums `rank(u) / degree(u)` over its in-neighbours
//! (over all neighbours when `directed` is false), in parallel with rayon over vertices.
//! Normalisation: ranks sum to 1. Every iteration computes
//! `rank'(v) = (1 - alpha) / n + alpha * (Σ_{u→v} rank(u) / outdeg(u) + dangling / n)`,
//! where `dangling` is the rank held by vertices without out-edges (redistributed uniformly, so
//! the sum stays 1). Iteration stops after `max_iterations` or once the L1 change
//! `Σ |rank'(v) - rank(v)|` drops below `convergence`. The iteration itself is in
//! `pagerank/power.rs`; undirected runs use a degree-ordered view cached with the graph
//! (`algo/degree_view.rs`, shared with the undirected BFS), summed over source segments on
//! large graphs (`pagerank/segments.rs`).

use serde_json::{Map, Value};

use super::{
    AlgoOutput, AlgorithmSpec, MetricValues, ParamKind, ParamSpec, Params, Result, Rows, in_pool,
};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

mod power;
mod segments;

pub(super) use power::kernel;

/// The GES algorithm name.
pub const NAME: &str = "pagerank";

/// The power iteration's parameters, shared by `pagerank`, `personalrank` and `topicrank`.
pub(super) const ALPHA: ParamSpec = ParamSpec::new(
    "alpha",
    ParamKind::Float,
    "Damping factor: probability of following an edge.",
)
.default("0.85")
.open_range(0.0, 1.0);
/// See [`ALPHA`].
pub(super) const CONVERGENCE: ParamSpec = ParamSpec::new(
    "convergence",
    ParamKind::Float,
    "Stop when the L1 change of the ranks is below this (alias: coveragence).",
)
.default("0.00001")
.open_range(0.0, 1.0);
/// See [`ALPHA`].
pub(super) const MAX_ITERATIONS: ParamSpec = ParamSpec::new(
    "max_iterations",
    ParamKind::Int,
    "Maximum number of iterations.",
)
.default("1000")
.range(1.0, 2_147_483_647.0);
/// See [`ALPHA`].
pub(super) const DIRECTED: ParamSpec = ParamSpec::new(
    "directed",
    ParamKind::Bool,
    "Follow edge directions; false treats every edge as undirected.",
)
.default("true");

/// Parameters as REFERENCE §3.2 lists them.
const PARAMS: &[ParamSpec] = &[
    ALPHA,
    CONVERGENCE,
    MAX_ITERATIONS,
    ParamSpec::new(
        "num_thread",
        ParamKind::Int,
        "Worker threads (clamped to 1–40 and to the machine's cores).",
    )
    .default("4")
    .range(1.0, 40.0)
    .clamped(),
    DIRECTED,
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "PageRank: the stationary importance of each vertex under a random walk that \
                  follows edges with probability alpha and jumps to a random vertex otherwise. \
                  Ranks sum to 1.",
    params: PARAMS,
    sync: false,
    result_key: "results",
    filters: &[],
};

/// PageRank settings.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRankConfig {
    /// Damping factor, in (0, 1).
    pub alpha: f64,
    /// L1 convergence threshold, in (0, 1).
    pub convergence: f64,
    /// Iteration cap, ≥ 1.
    pub max_iterations: u32,
    /// Threads to use.
    pub num_thread: usize,
    /// Whether to follow edge directions.
    pub directed: bool,
}

impl PageRankConfig {
    /// GES default damping factor.
    pub const DEFAULT_ALPHA: f64 = 0.85;
    /// GES default convergence threshold.
    pub const DEFAULT_CONVERGENCE: f64 = 0.00001;
    /// GES default iteration cap.
    pub const DEFAULT_MAX_ITERATIONS: u32 = 1000;
    /// GES default thread count.
    pub const DEFAULT_NUM_THREAD: usize = 4;

    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// A parameter of the wrong type or out of range.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            alpha: p.float("alpha")?,
            convergence: p.float("convergence")?,
            max_iterations: p.int("max_iterations")? as u32,
            num_thread: p.int("num_thread")? as usize,
            directed: p.bool("directed")?,
        })
    }
}

impl Default for PageRankConfig {
    fn default() -> Self {
        Self {
            alpha: Self::DEFAULT_ALPHA,
            convergence: Self::DEFAULT_CONVERGENCE,
            max_iterations: Self::DEFAULT_MAX_ITERATIONS,
            num_thread: Self::DEFAULT_NUM_THREAD,
            directed: true,
        }
    }
}

/// PageRank output.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRankResult {
    /// Rank per vertex (sums to 1).
    pub ranks: Vec<f64>,
    /// Iterations run.
    pub iterations: u32,
    /// L1 change of the last iteration.
    pub delta: f64,
}

/// Computes PageRank.
///
/// # Arguments
/// `graph`, settings `cfg`, and `ctl`, checked before every iteration.
///
/// # Returns
/// Ranks summing to 1 (empty for an empty graph).
///
/// # Errors
/// [`Cancelled`] if the job was cancelled.
///
/// # Complexity
/// O((n + m) · iterations) work, parallel over vertices.
///
/// # Example
/// ```
/// use engine::algo::pagerank::{page_rank, PageRankConfig};
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// let cycle = Graph::from_edges(3, &[(0, 1), (1, 2), (2, 0)]);
/// let r = page_rank(&cycle, &PageRankConfig::default(), &JobControl::new()).unwrap();
/// assert!(r.ranks.iter().all(|x| (x - 1.0 / 3.0).abs() < 1e-9));
/// ```
pub fn page_rank(
    graph: &Graph,
    cfg: &PageRankConfig,
    ctl: &JobControl,
) -> Result<PageRankResult, Cancelled> {
    in_pool(cfg.num_thread, || {
        kernel(graph, cfg, Teleport::Uniform, ctl)
    })
}

/// Where a jump (and all dangling rank) lands.
#[derive(Debug, Clone, Copy)]
pub(super) enum Teleport<'a> {
    /// A uniformly random vertex: PageRank.
    Uniform,
    /// Always this vertex: personalized PageRank, as `personalrank` uses it.
    Vertex(u32),
    /// Vertex `v` with probability `p[v]` (the shares sum to 1): `topicrank`.
    Weights(&'a [f64]),
}

impl Teleport<'_> {
    /// The share of the jumping rank that lands on `v` of `n`.
    #[inline]
    fn share(self, v: usize, n: f64) -> f64 {
        match self {
            Teleport::Uniform => 1.0 / n,
            Teleport::Vertex(s) => f64::from(u8::from(s as usize == v)),
            Teleport::Weights(p) => p[v],
        }
    }
}

/// Checks `pagerank`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    PageRankConfig::from_params(p).map(drop)
}

/// Runs `pagerank` for the catalogue: rows `results` of `{"id", "pagerank"}`, plus the scalars
/// `iterations` and `convergence` (the last L1 change) as extras.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = PageRankConfig::from_params(p)?;
    let r = page_rank(g, &cfg, ctl)?;
    let mut scalars = Map::new();
    scalars.insert("iterations".into(), Value::from(r.iterations));
    scalars.insert(
        "convergence".into(),
        serde_json::Number::from_f64(r.delta).map_or(Value::Null, Value::Number),
    );
    Ok(AlgoOutput {
        scalars,
        rows: Rows::VertexMetric {
            key: "results",
            metric: "pagerank",
            values: MetricValues::F64(r.ranks),
        },
    })
}

#[cfg(test)]
mod tests;
