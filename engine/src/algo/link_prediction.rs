//! Link prediction (GES `link_prediction`): the Jaccard similarity of two vertices'
//! neighbourhoods, `|N(s) ∩ N(t)| / |N(s) ∪ N(t)|`, as the likelihood of an edge between them.
//!
//! Neighbourhoods are undirected and simple: distinct neighbours over both edge directions,
//! a vertex not counted as its own neighbour. Two isolated vertices score 0.

use serde_json::{Map, Value};

use super::k_hop::Direction;
use super::simple_graph::intersection_size;
use super::traversal::unique_neighbors;
use super::{
    AlgoOutput, AlgorithmSpec, ParamKind, ParamSpec, Params, Result, Rows, number, vertex,
};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "link_prediction";

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new("source", ParamKind::String, "Id of the first vertex.").required(),
    ParamSpec::new("target", ParamKind::String, "Id of the second vertex.").required(),
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Link prediction: the Jaccard similarity of the two vertices' neighbourhoods \
                  (shared neighbours over all neighbours), from 0 to 1.",
    params: PARAMS,
    sync: false,
    result_key: "link_prediction",
    filters: &[],
};

/// link_prediction (and common_neighbors) settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VertexPairConfig {
    /// First vertex id (external name).
    pub source: String,
    /// Second vertex id (external name).
    pub target: String,
}

impl VertexPairConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// Missing source or target.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            source: p.required_string("source")?,
            target: p.required_string("target")?,
        })
    }
}

/// The distinct neighbours of `v` over both directions, ascending, `v` excluded.
pub(crate) fn neighborhood(g: &Graph, v: u32) -> Vec<u32> {
    unique_neighbors(g, v, Direction::All)
        .filter(|&w| w != v)
        .collect()
}

/// The Jaccard similarity of the neighbourhoods of `s` and `t`.
///
/// # Complexity
/// O(deg(s) + deg(t)).
///
/// # Example
/// ```
/// use engine::algo::link_prediction::jaccard;
/// use engine::graph::Graph;
/// // N(0) = {2, 3}, N(1) = {3, 4}: one shared of three.
/// let g = Graph::from_edges(5, &[(0, 2), (0, 3), (1, 3), (4, 1)]);
/// assert_eq!(jaccard(&g, 0, 1), 1.0 / 3.0);
/// ```
pub fn jaccard(g: &Graph, s: u32, t: u32) -> f64 {
    let (a, b) = (neighborhood(g, s), neighborhood(g, t));
    let shared = intersection_size(&a, &b);
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// Checks `link_prediction`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    VertexPairConfig::from_params(p).map(drop)
}

/// Runs `link_prediction` for the catalogue: scalars `source`, `target`, `link_prediction`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = VertexPairConfig::from_params(p)?;
    let s = vertex(g, "source", &cfg.source)?;
    let t = vertex(g, "target", &cfg.target)?;
    ctl.check()?;
    let score = jaccard(g, s, t);
    let mut scalars = Map::new();
    scalars.insert("source".into(), Value::String(cfg.source));
    scalars.insert("target".into(), Value::String(cfg.target));
    scalars.insert("link_prediction".into(), number(score));
    Ok(AlgoOutput {
        scalars,
        rows: Rows::None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::run as run_algo;
    use serde_json::json;

    #[test]
    fn jaccard_ignores_direction_repeats_and_self_loops() {
        // N(0) = {1, 2, 3}, N(4) = {2, 3} (4 -> 2 twice, 3 -> 4, 4 -> 4).
        let g = Graph::from_edges(5, &[(0, 1), (2, 0), (0, 3), (4, 2), (4, 2), (3, 4), (4, 4)]);
        assert_eq!(jaccard(&g, 0, 4), 2.0 / 3.0);
        assert_eq!(jaccard(&g, 0, 0), 1.0);
        let lonely = Graph::from_edges(2, &[]);
        assert_eq!(jaccard(&lonely, 0, 1), 0.0);
    }

    #[test]
    fn catalogue_output() {
        let g = Graph::from_edges(4, &[(0, 2), (1, 2), (1, 3)]);
        let out = run_algo(
            &g,
            NAME,
            json!({"source": "0", "target": 1}).as_object().unwrap(),
            &JobControl::new(),
        )
        .unwrap();
        assert_eq!(
            out.scalars,
            json!({"source": "0", "target": "1", "link_prediction": 0.5})
                .as_object()
                .unwrap()
                .clone()
        );
    }
}
