//! Clustering coefficient (GES `cluster_coefficient`).
//!
//! A vertex's local coefficient is the share of its neighbour pairs that are adjacent:
//! `2 T(v) / (d(v) (d(v) − 1))`, 0 when it has fewer than two neighbours; on the undirected
//! simple view, with the triangles of [`triangle_count`](super::triangle_count). The graph's
//! coefficient is the average over all vertices (networkx's `average_clustering`).

use serde_json::Map;

use super::simple_graph::SimpleGraph;
use super::triangle_count::count;
use super::{
    AlgoOutput, AlgorithmSpec, MetricValues, ParamKind, ParamSpec, Params, Result, Rows, number,
};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// The GES algorithm name.
pub const NAME: &str = "cluster_coefficient";

const PARAMS: &[ParamSpec] = &[ParamSpec::new(
    "statistics",
    ParamKind::Bool,
    "Only return the graph's average; false also lists each vertex's coefficient.",
)
.default("true")];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Clustering coefficient: how close each vertex's neighbours are to a clique \
                  (the share of its neighbour pairs that are adjacent, edge directions \
                  ignored), averaged over all vertices.",
    params: PARAMS,
    sync: false,
    result_key: "cluster_coefficient",
    filters: &[],
};

/// cluster_coefficient settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterCoefficientConfig {
    /// Only the average.
    pub statistics: bool,
}

impl ClusterCoefficientConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// `statistics` not a boolean.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            statistics: p.bool("statistics")?,
        })
    }
}

/// Local clustering coefficients and their average.
#[derive(Debug, Clone, PartialEq)]
pub struct Clustering {
    /// Average over all vertices (0 for an empty graph).
    pub average: f64,
    /// Each vertex's coefficient.
    pub local: Vec<f64>,
}

/// The clustering coefficients of `graph`.
///
/// # Errors
/// [`Cancelled`], checked between blocks of vertices.
///
/// # Complexity
/// As triangle counting: O(m^1.5) worst case, parallel.
///
/// # Example
/// ```
/// use engine::algo::cluster_coefficient::clustering;
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // A triangle with a tail 2-3: vertex 2 has 1 of 3 neighbour pairs joined.
/// let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 0), (2, 3)]);
/// let c = clustering(&g, &JobControl::new()).unwrap();
/// assert_eq!(c.local, [1.0, 1.0, 1.0 / 3.0, 0.0]);
/// ```
pub fn clustering(graph: &Graph, ctl: &JobControl) -> Result<Clustering, Cancelled> {
    let s = SimpleGraph::build(graph, ctl)?;
    let t = count(&s, ctl)?;
    let local: Vec<f64> = t
        .per_vertex
        .iter()
        .enumerate()
        .map(|(v, &tri)| {
            let d = s.degree(v as u32) as f64;
            if d < 2.0 {
                0.0
            } else {
                2.0 * tri as f64 / (d * (d - 1.0))
            }
        })
        .collect();
    let average = if local.is_empty() {
        0.0
    } else {
        local.iter().sum::<f64>() / local.len() as f64
    };
    Ok(Clustering { average, local })
}

/// Checks `cluster_coefficient`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    ClusterCoefficientConfig::from_params(p).map(drop)
}

/// Runs `cluster_coefficient` for the catalogue: scalar `cluster_coefficient` (the average);
/// with `statistics: false` also rows `results` of `{"id", "cluster_coefficient"}`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = ClusterCoefficientConfig::from_params(p)?;
    let c = clustering(g, ctl)?;
    let mut scalars = Map::new();
    scalars.insert("cluster_coefficient".into(), number(c.average));
    let rows = if cfg.statistics {
        Rows::None
    } else {
        Rows::VertexMetric {
            key: "results",
            metric: "cluster_coefficient",
            values: MetricValues::F64(c.local),
        }
    };
    Ok(AlgoOutput { scalars, rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::run as run_algo;
    use serde_json::json;

    #[test]
    fn average_includes_low_degree_vertices() {
        // A triangle with a tail: (1 + 1 + 1/3 + 0) / 4.
        let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 0), (2, 3)]);
        let out = run_algo(
            &g,
            NAME,
            json!({"statistics": "false"}).as_object().unwrap(),
            &JobControl::new(),
        )
        .unwrap();
        let avg = out.scalars["cluster_coefficient"].as_f64().unwrap();
        assert!((avg - (7.0 / 3.0) / 4.0).abs() < 1e-12);
        assert_eq!(out.rows.len(), 4);
        let star = Graph::from_edges(4, &[(0, 1), (0, 2), (0, 3)]);
        assert_eq!(clustering(&star, &JobControl::new()).unwrap().average, 0.0);
    }
}
