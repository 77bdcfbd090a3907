//! Common neighbours of two vertices (GES `common_neighbors`).
//!
//! The vertices adjacent to both, over both edge directions, each listed once in vertex order
//! (the two vertices themselves are never listed: a vertex is not its own neighbour).

use serde_json::{Map, Value};

use super::link_prediction::{VertexPairConfig, neighborhood};
use super::{AlgoOutput, AlgorithmSpec, ParamKind, ParamSpec, Params, Result, Rows, vertex};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "common_neighbors";

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new("source", ParamKind::String, "Id of the first vertex.").required(),
    ParamSpec::new("target", ParamKind::String, "Id of the second vertex.").required(),
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Common neighbours: the vertices adjacent to both source and target (edge \
                  directions ignored), and how many there are.",
    params: PARAMS,
    sync: false,
    result_key: "vertices",
    filters: &[],
};

/// The common neighbours of `s` and `t`, ascending.
///
/// # Complexity
/// O(deg(s) + deg(t)).
///
/// # Example
/// ```
/// use engine::algo::common_neighbors::common_neighbors;
/// use engine::graph::Graph;
/// let g = Graph::from_edges(4, &[(0, 2), (2, 1), (0, 3), (3, 1), (0, 1)]);
/// assert_eq!(common_neighbors(&g, 0, 1), [2, 3]);
/// ```
pub fn common_neighbors(g: &Graph, s: u32, t: u32) -> Vec<u32> {
    let b = neighborhood(g, t);
    neighborhood(g, s)
        .into_iter()
        .filter(|w| b.binary_search(w).is_ok() && *w != s && *w != t)
        .collect()
}

/// Checks `common_neighbors`' parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    VertexPairConfig::from_params(p).map(drop)
}

/// Runs `common_neighbors` for the catalogue: scalars `source`, `target`, `common_neighbors`
/// (the count), rows `vertices`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = VertexPairConfig::from_params(p)?;
    let s = vertex(g, "source", &cfg.source)?;
    let t = vertex(g, "target", &cfg.target)?;
    ctl.check()?;
    let ids = common_neighbors(g, s, t);
    let mut scalars = Map::new();
    scalars.insert("source".into(), Value::String(cfg.source));
    scalars.insert("target".into(), Value::String(cfg.target));
    scalars.insert("common_neighbors".into(), Value::from(ids.len()));
    Ok(AlgoOutput {
        scalars,
        rows: Rows::Vertices {
            key: "vertices",
            ids,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::run as run_algo;
    use serde_json::json;

    #[test]
    fn shared_neighbours_in_either_direction() {
        // 2 and 3 touch both 0 and 1 (in any direction); 4 only 0; 0 - 1 adjacent.
        let g = Graph::from_edges(
            5,
            &[
                (0, 2),
                (1, 2),
                (3, 0),
                (3, 1),
                (3, 1),
                (0, 4),
                (0, 1),
                (1, 1),
            ],
        );
        assert_eq!(common_neighbors(&g, 0, 1), [2, 3]);
        let out = run_algo(
            &g,
            NAME,
            json!({"source": "0", "target": "1"}).as_object().unwrap(),
            &JobControl::new(),
        )
        .unwrap();
        assert_eq!(out.scalars["common_neighbors"], 2);
        assert_eq!(
            out.rows,
            Rows::Vertices {
                key: "vertices",
                ids: vec![2, 3]
            }
        );
    }
}
