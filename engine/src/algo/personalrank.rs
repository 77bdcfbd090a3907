//! PersonalRank (GES `personalrank`): PageRank personalised to one source vertex.
//!
//! The walk follows an edge with probability `alpha` and otherwise jumps back to the source;
//! rank held by vertices without out-edges also returns to the source. Every iteration computes
//! `rank'(v) = alpha * Σ_{u→v} rank(u) / outdeg(u) + [v = source] * ((1 - alpha) + alpha * dangling)`,
//! starting from all rank at the source, so ranks always sum to 1. It is the same pull-based,
//! rayon-parallel power iteration as [`pagerank`](super::pagerank), with the same stopping
//! rule (L1 change below `convergence`, or `max_iterations`).

use serde_json::{Map, Value};

use super::pagerank::{PageRankConfig, PageRankResult, Teleport, kernel};
use super::{
    AlgoOutput, AlgorithmSpec, MetricValues, ParamKind, ParamSpec, Params, Result, Rows, number,
    vertex,
};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// The GES algorithm name.
pub const NAME: &str = "personalrank";

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new(
        "source",
        ParamKind::String,
        "Id of the vertex the walk restarts from.",
    )
    .required(),
    ParamSpec::new(
        "alpha",
        ParamKind::Float,
        "Probability of following an edge rather than returning to the source.",
    )
    .default("0.85")
    .open_range(0.0, 1.0),
    super::pagerank::CONVERGENCE,
    super::pagerank::MAX_ITERATIONS,
    super::pagerank::DIRECTED,
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "PersonalRank: the importance of each vertex as seen from the source, under a \
                  random walk that follows edges with probability alpha and returns to the \
                  source otherwise. Ranks sum to 1.",
    params: PARAMS,
    sync: false,
    result_key: "results",
    filters: &[],
};

/// PersonalRank settings.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonalRankConfig {
    /// Source vertex id (external name).
    pub source: String,
    /// Probability of following an edge, in (0, 1).
    pub alpha: f64,
    /// L1 convergence threshold, in (0, 1).
    pub convergence: f64,
    /// Iteration cap, ≥ 1.
    pub max_iterations: u32,
    /// Whether to follow edge directions.
    pub directed: bool,
}

impl PersonalRankConfig {
    /// GES default probability of following an edge.
    pub const DEFAULT_ALPHA: f64 = 0.85;
    /// GES default convergence threshold.
    pub const DEFAULT_CONVERGENCE: f64 = 0.00001;
    /// GES default iteration cap.
    pub const DEFAULT_MAX_ITERATIONS: u32 = 1000;

    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// Missing source, or a parameter of the wrong type or out of range.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            source: p.required_string("source")?,
            alpha: p.float("alpha")?,
            convergence: p.float("convergence")?,
            max_iterations: p.int("max_iterations")? as u32,
            directed: p.bool("directed")?,
        })
    }
}

/// Computes PersonalRank from vertex `source`.
///
/// # Arguments
/// `graph`, the `source` vertex index, settings `cfg` (its `source` name is not read) and
/// `ctl`, checked before every iteration.
///
/// # Returns
/// Ranks summing to 1, plus the iterations run and the last L1 change.
///
/// # Errors
/// [`Cancelled`] if the job was cancelled.
///
/// # Complexity
/// O((n + m) · iterations) work, parallel over vertices.
///
/// # Example
/// ```
/// use engine::algo::personalrank::{personal_rank, PersonalRankConfig};
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // 0 -> 1 -> 2: from 0, rank flows 0 -> 1 -> 2 and back to 0 (2 is dangling).
/// let g = Graph::from_edges(3, &[(0, 1), (1, 2)]);
/// let cfg = PersonalRankConfig {
///     source: "0".into(),
///     alpha: 0.5,
///     convergence: 1e-12,
///     max_iterations: 1000,
///     directed: true,
/// };
/// let r = personal_rank(&g, 0, &cfg, &JobControl::new()).unwrap();
/// assert!((r.ranks[0] - 4.0 / 7.0).abs() < 1e-9);
/// ```
pub fn personal_rank(
    graph: &Graph,
    source: u32,
    cfg: &PersonalRankConfig,
    ctl: &JobControl,
) -> Result<PageRankResult, Cancelled> {
    let pr = PageRankConfig {
        alpha: cfg.alpha,
        convergence: cfg.convergence,
        max_iterations: cfg.max_iterations,
        num_thread: PageRankConfig::DEFAULT_NUM_THREAD,
        directed: cfg.directed,
    };
    kernel(graph, &pr, Teleport::Vertex(source), ctl)
}

/// Checks `personalrank`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    PersonalRankConfig::from_params(p).map(drop)
}

/// Runs `personalrank` for the catalogue: scalar `source` (plus `iterations` and
/// `convergence`, the last L1 change), rows `results` of `{"id", "personalrank"}`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = PersonalRankConfig::from_params(p)?;
    let source = vertex(g, "source", &cfg.source)?;
    let r = personal_rank(g, source, &cfg, ctl)?;
    let mut scalars = Map::new();
    scalars.insert("source".into(), Value::String(cfg.source));
    scalars.insert("iterations".into(), Value::from(r.iterations));
    scalars.insert("convergence".into(), number(r.delta));
    Ok(AlgoOutput {
        scalars,
        rows: Rows::VertexMetric {
            key: "results",
            metric: "personalrank",
            values: MetricValues::F64(r.ranks),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::{AlgoError, run as run_algo};
    use serde_json::json;

    fn cfg(alpha: f64, directed: bool) -> PersonalRankConfig {
        PersonalRankConfig {
            source: String::new(),
            alpha,
            convergence: 1e-13,
            max_iterations: 10_000,
            directed,
        }
    }

    #[test]
    fn a_path_returns_rank_to_the_source() {
        // 0 -> 1 -> 2, 2 dangling. Stationary: r1 = a r0, r2 = a r1,
        // r0 = (1 - a) + a r2 (dangling r2 returns to 0 with probability a, jumps otherwise).
        // With a = 0.5: r0 = 0.5 + 0.125 r0 => r0 = 4/7, r1 = 2/7, r2 = 1/7.
        let g = Graph::from_edges(3, &[(0, 1), (1, 2)]);
        let r = personal_rank(&g, 0, &cfg(0.5, true), &JobControl::new()).unwrap();
        for (got, want) in r.ranks.iter().zip([4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0]) {
            assert!((got - want).abs() < 1e-9, "{:?}", r.ranks);
        }
    }

    #[test]
    fn unreachable_vertices_get_nothing_and_undirected_reaches_back() {
        // 1 -> 0 only: from 0 nothing is reachable when directed.
        let g = Graph::from_edges(3, &[(1, 0)]);
        let r = personal_rank(&g, 0, &cfg(0.85, true), &JobControl::new()).unwrap();
        assert_eq!(r.ranks, [1.0, 0.0, 0.0]);
        // Undirected: 0 - 1 ping-pong, r0 = (1 - a) + a r1, r1 = a r0 => r0 = 1 / (1 + a).
        let r = personal_rank(&g, 0, &cfg(0.85, false), &JobControl::new()).unwrap();
        assert!((r.ranks[0] - 1.0 / 1.85).abs() < 1e-9, "{:?}", r.ranks);
        assert_eq!(r.ranks[2], 0.0);
    }

    #[test]
    fn catalogue_output_and_errors() {
        let g = Graph::from_edges(3, &[(0, 1), (1, 2), (2, 0)]);
        let params = json!({"source": "1", "alpha": 0.5});
        let out = run_algo(
            &g,
            "personalrank",
            params.as_object().unwrap(),
            &JobControl::new(),
        )
        .unwrap();
        assert_eq!(out.scalars["source"], "1");
        match out.rows {
            Rows::VertexMetric {
                key: "results",
                metric: "personalrank",
                values: MetricValues::F64(v),
            } => {
                // Cycle 1 -> 2 -> 0 -> 1: ranks fall by half per hop from the source.
                let want = [1.0 / 7.0, 4.0 / 7.0, 2.0 / 7.0];
                assert!(
                    v.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-4),
                    "{v:?}"
                );
            }
            other => panic!("{other:?}"),
        }
        let missing = json!({"source": "9"});
        assert_eq!(
            run_algo(
                &g,
                "personalrank",
                missing.as_object().unwrap(),
                &JobControl::new()
            ),
            Err(AlgoError::Param("parameter [source] is invalid!".into()))
        );
    }
}
