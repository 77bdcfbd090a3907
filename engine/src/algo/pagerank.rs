//! PageRank (GES `pagerank`).
//!
//! Pull-based power iteration: each vertex sums `rank(u) / degree(u)` over its in-neighbours
//! (over all neighbours when `directed` is false), in parallel with rayon over vertices.
//! Normalisation: ranks sum to 1. Every iteration computes
//! `rank'(v) = (1 - alpha) / n + alpha * (Σ_{u→v} rank(u) / outdeg(u) + dangling / n)`,
//! where `dangling` is the rank held by vertices without out-edges (redistributed uniformly, so
//! the sum stays 1). Iteration stops after `max_iterations` or once the L1 change
//! `Σ |rank'(v) - rank(v)|` drops below `convergence`.

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::{
    AlgoOutput, AlgorithmSpec, MetricValues, ParamKind, ParamSpec, Params, Result, Rows, in_pool,
};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// The GES algorithm name.
pub const NAME: &str = "pagerank";

/// Parameters as REFERENCE §3.2 lists them.
const PARAMS: &[ParamSpec] = &[
    ParamSpec::new(
        "alpha",
        ParamKind::Float,
        "Damping factor: probability of following an edge.",
    )
    .default("0.85")
    .open_range(0.0, 1.0),
    ParamSpec::new(
        "convergence",
        ParamKind::Float,
        "Stop when the L1 change of the ranks is below this (alias: coveragence).",
    )
    .default("0.00001")
    .open_range(0.0, 1.0),
    ParamSpec::new(
        "max_iterations",
        ParamKind::Int,
        "Maximum number of iterations.",
    )
    .default("1000")
    .range(1.0, 2_147_483_647.0),
    ParamSpec::new(
        "num_thread",
        ParamKind::Int,
        "Worker threads (clamped to 1–40 and to the machine's cores).",
    )
    .default("4")
    .range(1.0, 40.0)
    .clamped(),
    ParamSpec::new(
        "directed",
        ParamKind::Bool,
        "Follow edge directions; false treats every edge as undirected.",
    )
    .default("true"),
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
    in_pool(cfg.num_thread, || kernel(graph, cfg, None, ctl))
}

/// Power iteration in the current rayon pool. With `teleport: Some(s)` every jump (and all
/// dangling rank) goes to `s` instead of a uniformly random vertex: personalized PageRank, as
/// `personalrank` uses it. `cfg.num_thread` is not read here.
pub(super) fn kernel(
    g: &Graph,
    cfg: &PageRankConfig,
    teleport: Option<u32>,
    ctl: &JobControl,
) -> Result<PageRankResult, Cancelled> {
    let n = g.vertex_count();
    if n == 0 {
        return Ok(PageRankResult {
            ranks: Vec::new(),
            iterations: 0,
            delta: 0.0,
        });
    }
    let directed = cfg.directed;
    let inv_degree: Vec<f64> = (0..n as u32)
        .into_par_iter()
        .map(|v| {
            let d = g.out_degree(v) + if directed { 0 } else { g.in_degree(v) };
            if d == 0 { 0.0 } else { 1.0 / d as f64 }
        })
        .collect();
    let mut ranks = match teleport {
        None => vec![1.0 / n as f64; n],
        Some(s) => {
            let mut r = vec![0.0; n];
            r[s as usize] = 1.0;
            r
        }
    };
    let mut next = vec![0.0; n];
    let mut contrib = vec![0.0; n];
    let (alpha, nf) = (cfg.alpha, n as f64);
    let mut delta = f64::INFINITY;
    let mut iterations = 0;
    while iterations < cfg.max_iterations {
        ctl.check()?;
        let dangling: f64 = contrib
            .par_iter_mut()
            .zip(&ranks)
            .zip(&inv_degree)
            .with_min_len(4096)
            .map(|((c, &r), &inv)| {
                *c = r * inv;
                if inv == 0.0 { r } else { 0.0 }
            })
            .sum();
        // Rank arriving by jumps: spread over all vertices, or all at the teleport vertex.
        let (base, restart) = match teleport {
            None => ((1.0 - alpha) / nf + alpha * dangling / nf, None),
            Some(s) => (0.0, Some((s as usize, (1.0 - alpha) + alpha * dangling))),
        };
        delta = next
            .par_iter_mut()
            .enumerate()
            .with_min_len(1024)
            .map(|(v, slot)| {
                let v32 = v as u32;
                let mut sum: f64 = g
                    .in_neighbors(v32)
                    .iter()
                    .map(|&u| contrib[u as usize])
                    .sum();
                if !directed {
                    sum += g
                        .out_neighbors(v32)
                        .iter()
                        .map(|&u| contrib[u as usize])
                        .sum::<f64>();
                }
                let jump = match restart {
                    Some((s, r)) if s == v => r,
                    _ => base,
                };
                let r = jump + alpha * sum;
                *slot = r;
                (r - ranks[v]).abs()
            })
            .sum();
        std::mem::swap(&mut ranks, &mut next);
        iterations += 1;
        ctl.set_progress(iterations as u64, cfg.max_iterations as u64);
        if delta < cfg.convergence {
            break;
        }
    }
    Ok(PageRankResult {
        ranks,
        iterations,
        delta,
    })
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
mod tests {
    use super::*;
    use crate::algo::{AlgoError, run as run_algo};
    use serde_json::json;

    fn ranks(g: &Graph, cfg: &PageRankConfig) -> Vec<f64> {
        page_rank(g, cfg, &JobControl::new()).unwrap().ranks
    }

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-6)
    }

    #[test]
    fn cycle_is_uniform() {
        let g = Graph::from_edges(3, &[(0, 1), (1, 2), (2, 0)]);
        assert!(close(
            &ranks(&g, &PageRankConfig::default()),
            &[1.0 / 3.0; 3]
        ));
    }

    #[test]
    fn star_matches_the_closed_form() {
        // Leaves 1..=4 point at the centre 0, which is dangling. With n = 5, alpha = 0.85:
        // leaves get l = (1-a)/n + a*c/n and the centre c = l + a*4l (its own dangling share
        // included in l). Solving with 4l + c = 1: l = 0.15/5 + 0.85*c/5, c = l*(1 + 3.4).
        let g = Graph::from_edges(5, &[(1, 0), (2, 0), (3, 0), (4, 0)]);
        let cfg = PageRankConfig {
            convergence: 1e-12,
            ..PageRankConfig::default()
        };
        let r = ranks(&g, &cfg);
        // l = 0.03 + 0.17 c and c = 4.4 l  =>  l = 0.03 / (1 - 0.748) = 0.119047…
        let l = 0.03 / (1.0 - 0.17 * 4.4);
        let c = 4.4 * l;
        assert!(close(&r, &[c, l, l, l, l]), "{r:?}");
        assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn undirected_star_ranks_by_degree() {
        // Undirected, PageRank of a star: centre (1-a)/n + a*Σ leaf/1, leaves (1-a)/n + a*c/4.
        let g = Graph::from_edges(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        let cfg = PageRankConfig {
            directed: false,
            convergence: 1e-12,
            ..PageRankConfig::default()
        };
        let r = ranks(&g, &cfg);
        // c = 0.03 + 0.85 * 4l, l = 0.03 + 0.85 c / 4, with c + 4l = 1.
        let c = (0.03 + 0.85 * 4.0 * 0.03) / (1.0 - 0.85 * 0.85);
        let l = (1.0 - c) / 4.0;
        assert!(close(&r, &[c, l, l, l, l]), "{r:?}");
    }

    #[test]
    fn max_iterations_and_convergence_stop_the_loop() {
        let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 3), (3, 1)]);
        let one = page_rank(
            &g,
            &PageRankConfig {
                max_iterations: 1,
                ..Default::default()
            },
            &JobControl::new(),
        )
        .unwrap();
        assert_eq!(one.iterations, 1);
        let all = page_rank(&g, &PageRankConfig::default(), &JobControl::new()).unwrap();
        assert!(all.iterations > 1 && all.iterations < 1000 && all.delta < 1e-5);
    }

    #[test]
    fn cancellation_and_catalogue_output() {
        let g = Graph::from_edges(3, &[(0, 1), (1, 2), (2, 0)]);
        let ctl = JobControl::new();
        ctl.cancel();
        let params = json!({"alpha": "0.85", "directed": "true"});
        let params = params.as_object().unwrap();
        assert_eq!(
            run_algo(&g, "pagerank", params, &ctl),
            Err(AlgoError::Cancelled)
        );
        let ctl = JobControl::new();
        let out = run_algo(&g, "pagerank", params, &ctl).unwrap();
        assert_eq!(
            ctl.percent(),
            Some(0),
            "progress is iterations of max_iterations"
        );
        match out.rows {
            Rows::VertexMetric {
                key: "results",
                metric: "pagerank",
                values: MetricValues::F64(v),
            } => {
                assert!(close(&v, &[1.0 / 3.0; 3]));
            }
            other => panic!("{other:?}"),
        }
        assert!(out.scalars["iterations"].as_u64().unwrap() >= 1);
    }

    #[test]
    fn empty_graph_has_no_ranks() {
        assert!(ranks(&Graph::from_edges(0, &[]), &PageRankConfig::default()).is_empty());
    }
}
