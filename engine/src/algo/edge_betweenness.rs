//! Edge betweenness centrality (GES `edge_betweenness`): for each edge, the number of shortest
//! paths between vertex pairs that use it (paths split evenly among equally short ones).
//!
//! The same Brandes pass as [`betweenness`](super::betweenness), crediting edges instead of
//! vertices, with the same parameters, sampling and scaling: not normalised, halved when
//! `directed` is false (each unordered pair once), scaled by `n / sources` when sampled. Every
//! stored edge gets a row; parallel edges share the paths between their endpoints.

use serde_json::Map;

use super::betweenness::{BetweennessConfig, PARAMS, brandes, plan};
use super::traversal::direction;
use super::{AlgoOutput, AlgorithmSpec, Params, Result, Rows};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "edge_betweenness";

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Edge betweenness centrality: how many shortest paths between vertices use each \
                  edge (exact, or estimated from seeds or k sampled sources).",
    params: PARAMS,
    sync: false,
    result_key: "edge_betweenness",
    filters: &[],
};

/// Edge betweenness of every stored edge, indexed by out-edge index.
///
/// # Errors
/// Unknown seeds or weight property, a weight ≤ 0, or
/// [`AlgoError::Cancelled`](super::AlgoError::Cancelled).
///
/// # Complexity
/// O(s · m) unweighted, O(s · m log n) weighted, for s sources; parallel over sources.
///
/// # Example
/// ```
/// use engine::algo::betweenness::BetweennessConfig;
/// use engine::algo::edge_betweenness::edge_betweenness;
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // 0 - 1 - 2 undirected: each edge carries its own pair and the pair 0-2.
/// let g = Graph::from_edges(3, &[(0, 1), (1, 2)]);
/// let cfg = BetweennessConfig { directed: false, weight: None, seeds: None, k: None };
/// assert_eq!(edge_betweenness(&g, &cfg, &JobControl::new()).unwrap(), [2.0, 2.0]);
/// ```
pub fn edge_betweenness(g: &Graph, cfg: &BetweennessConfig, ctl: &JobControl) -> Result<Vec<f64>> {
    ctl.check()?;
    let plan = plan(g, cfg)?;
    let deps = brandes::dependencies(
        g,
        &plan.sources,
        direction(cfg.directed),
        plan.lengths.as_deref(),
        true,
        ctl,
    )?;
    Ok(deps.edge.into_iter().map(|x| x * plan.scale).collect())
}

/// Checks `edge_betweenness`' parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    BetweennessConfig::from_params(p).map(drop)
}

/// Runs `edge_betweenness` for the catalogue: rows `edge_betweenness` of
/// `{"source", "target", "index", "betweenness"}`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = BetweennessConfig::from_params(p)?;
    let values = edge_betweenness(g, &cfg, ctl)?;
    Ok(AlgoOutput {
        scalars: Map::new(),
        rows: Rows::EdgeMetric {
            key: "edge_betweenness",
            metric: "betweenness",
            values,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::run as run_algo;
    use serde_json::json;

    #[test]
    fn a_bridge_carries_every_crossing_path() {
        // Triangles {0,1,2} and {3,4,5} joined by the bridge 2 -> 3, undirected: the bridge
        // carries all 3 · 3 crossing pairs; a triangle edge such as 0 -> 1 only its own pair.
        let g = Graph::from_edges(6, &[(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)]);
        let out = run_algo(
            &g,
            NAME,
            json!({"directed": false}).as_object().unwrap(),
            &JobControl::new(),
        )
        .unwrap();
        let mut rows = Vec::new();
        out.rows
            .render(&g, |r| -> std::result::Result<(), ()> {
                rows.push(r);
                Ok(())
            })
            .unwrap();
        assert_eq!(rows.len(), 7);
        let find = |s: &str, t: &str| {
            rows.iter()
                .find(|r| r["source"] == s && r["target"] == t)
                .unwrap()["betweenness"]
                .as_f64()
                .unwrap()
        };
        assert_eq!(find("2", "3"), 9.0);
        assert_eq!(find("0", "1"), 1.0);
        // 1 -> 2 carries 1-2 and the crossing pairs from 1: 1 + 3.
        assert_eq!(find("1", "2"), 4.0);
        assert_eq!(rows[0]["index"], 0);
    }

    #[test]
    fn parallel_edges_share() {
        let g = Graph::from_edges(2, &[(0, 1), (0, 1)]);
        let cfg = BetweennessConfig {
            directed: true,
            weight: None,
            seeds: None,
            k: None,
        };
        assert_eq!(
            edge_betweenness(&g, &cfg, &JobControl::new()).unwrap(),
            [0.5, 0.5]
        );
    }
}
