//! Degree correlation (GES `degree_correlation`): the degree assortativity of the graph.
//!
//! The Pearson correlation between the degrees at the two ends of an edge, each edge taken in
//! both orientations (so the measure is symmetric, as for an undirected graph). A vertex's
//! degree is its total degree, in plus out, parallel edges and self-loops counted as stored.
//! Positive values mean hubs link to hubs, negative values that hubs link to leaves. Two
//! parallel passes (mean, then centred sums) keep the sums well-conditioned. `null` when the
//! correlation is undefined (no edges, or every edge joins equal degrees).

use rayon::prelude::*;
use serde_json::Map;

use super::{AlgoOutput, AlgorithmSpec, Params, Result, Rows, number};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// The GES algorithm name.
pub const NAME: &str = "degree_correlation";

/// Vertices per block between cancellation checks.
const BLOCK: usize = 1 << 16;

/// Catalogue entry (no parameters).
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Degree correlation: the Pearson correlation of the degrees at the two ends of \
                  each edge, from -1 (hubs link to leaves) to 1 (hubs link to hubs).",
    params: &[],
    sync: false,
    result_key: "degree_correlation",
    filters: &[],
};

/// The degree assortativity of `graph`; NaN when undefined.
///
/// # Errors
/// [`Cancelled`], checked between blocks of vertices.
///
/// # Complexity
/// O(n + m), parallel over vertices.
///
/// # Example
/// ```
/// use engine::algo::degree_correlation::degree_correlation;
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // A star: every edge joins degree 3 to degree 1.
/// let star = Graph::from_edges(4, &[(0, 1), (0, 2), (0, 3)]);
/// assert_eq!(degree_correlation(&star, &JobControl::new()).unwrap(), -1.0);
/// ```
pub fn degree_correlation(graph: &Graph, ctl: &JobControl) -> Result<f64, Cancelled> {
    let n = graph.vertex_count();
    let m = graph.edge_count();
    if m == 0 {
        return Ok(f64::NAN);
    }
    let degree = |v: u32| (graph.out_degree(v) + graph.in_degree(v)) as f64;
    // Σ over edges of f(deg(u), deg(v)), in blocks.
    let edge_sum = |f: &(dyn Fn(f64, f64) -> f64 + Sync), pass: u64| -> Result<f64, Cancelled> {
        let mut total = 0.0;
        for start in (0..n).step_by(BLOCK) {
            ctl.check()?;
            total += (start..(start + BLOCK).min(n))
                .into_par_iter()
                .map(|u| {
                    let du = degree(u as u32);
                    graph
                        .out_neighbors(u as u32)
                        .iter()
                        .map(|&v| f(du, degree(v)))
                        .sum::<f64>()
                })
                .sum::<f64>();
            ctl.set_progress(pass * n as u64 + start as u64, 3 * n as u64);
        }
        Ok(total)
    };
    let mean = edge_sum(&|a, b| a + b, 0)? / (2 * m) as f64;
    let covariance = edge_sum(&|a, b| 2.0 * (a - mean) * (b - mean), 1)?;
    let variance = edge_sum(&|a, b| (a - mean).powi(2) + (b - mean).powi(2), 2)?;
    ctl.set_progress(1, 1);
    Ok(if variance > 0.0 {
        covariance / variance
    } else {
        f64::NAN
    })
}

/// There are no parameters to check.
pub(super) fn validate(_: &Params<'_>) -> Result<()> {
    Ok(())
}

/// Runs `degree_correlation` for the catalogue: scalar `degree_correlation` (`null` when
/// undefined); no rows.
pub(super) fn run(g: &Graph, _: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let r = degree_correlation(g, ctl)?;
    let mut scalars = Map::new();
    scalars.insert("degree_correlation".into(), number(r));
    Ok(AlgoOutput {
        scalars,
        rows: Rows::None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::run as run_algo;
    use serde_json::Value;

    fn r(n: usize, edges: &[(u32, u32)]) -> f64 {
        degree_correlation(&Graph::from_edges(n, edges), &JobControl::new()).unwrap()
    }

    #[test]
    fn hand_computed_correlations() {
        // Path 0-1-2-3: edge degree pairs (1,2), (2,2), (2,1), both orientations:
        // mean 5/3;
        // Σ(x-μ)(y-μ) = 2·(-2/3)(1/3) + 2·(1/3)(1/3) + 2·(1/3)(-2/3) = -4/9 + 2/9 - 4/9 = -2/3;
        // Σ(x-μ)² = 2·4/9 + 4·1/9 = 4/3, so r = -1/2.
        assert!((r(4, &[(0, 1), (1, 2), (2, 3)]) + 0.5).abs() < 1e-12);
        // An edge and a separate triangle: every edge joins equal degrees, but degrees differ
        // between components, so r = 1.
        assert!((r(5, &[(0, 1), (2, 3), (3, 4), (4, 2)]) - 1.0).abs() < 1e-12);
        // A regular graph: undefined.
        assert!(r(3, &[(0, 1), (1, 2), (2, 0)]).is_nan());
        assert!(r(2, &[]).is_nan());
    }

    #[test]
    fn catalogue_output() {
        let g = Graph::from_edges(3, &[(0, 1), (1, 2), (2, 0)]);
        let out = run_algo(&g, NAME, &Map::new(), &JobControl::new()).unwrap();
        assert_eq!(out.scalars["degree_correlation"], Value::Null);
        assert_eq!(out.rows, Rows::None);
    }
}
