//! Closeness centrality of one vertex (GES `closeness`).
//!
//! The reciprocal of the average hop distance from the source to the vertices it reaches:
//! `(r − 1) / Σ d(source, v)` where `r` counts the reached vertices, the source included (the
//! classic definition, networkx's `wf_improved=False` on outgoing distances). Edges are followed
//! in their direction, as GES's other single-source algorithms do by default. A vertex that
//! reaches nothing has closeness 0. One parallel BFS.

use serde_json::{Map, Value};

use super::traversal::{UNREACHED, bfs_distances, direction};
use super::{
    AlgoOutput, AlgorithmSpec, ParamKind, ParamSpec, Params, Result, Rows, number, vertex,
};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// The GES algorithm name.
pub const NAME: &str = "closeness";

const PARAMS: &[ParamSpec] =
    &[ParamSpec::new("source", ParamKind::String, "Id of the vertex to rate.").required()];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Closeness centrality: the reciprocal of the average number of hops from the \
                  source to the vertices it reaches (0 when it reaches none).",
    params: PARAMS,
    sync: false,
    result_key: "closeness",
    filters: &[],
};

/// closeness settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosenessConfig {
    /// Vertex id (external name).
    pub source: String,
}

impl ClosenessConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// Missing source.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            source: p.required_string("source")?,
        })
    }
}

/// The closeness of `source`, following out-edges.
///
/// # Errors
/// [`Cancelled`], checked before every BFS level.
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// ```
/// use engine::algo::closeness::closeness;
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // 0 -> 1 -> 2: distances 1 and 2, so 2 / 3.
/// let g = Graph::from_edges(3, &[(0, 1), (1, 2)]);
/// assert_eq!(closeness(&g, 0, &JobControl::new()).unwrap(), 2.0 / 3.0);
/// ```
pub fn closeness(graph: &Graph, source: u32, ctl: &JobControl) -> Result<f64, Cancelled> {
    let dist = bfs_distances(graph, &[source], direction(true), u32::MAX, ctl)?;
    let (reached, total) = dist
        .iter()
        .filter(|&&d| d != UNREACHED)
        .fold((0u64, 0u64), |(r, t), &d| (r + 1, t + d as u64));
    Ok(if total == 0 {
        0.0
    } else {
        (reached - 1) as f64 / total as f64
    })
}

/// Checks `closeness`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    ClosenessConfig::from_params(p).map(drop)
}

/// Runs `closeness` for the catalogue: scalars `source` and `closeness`; no rows.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = ClosenessConfig::from_params(p)?;
    let source = vertex(g, "source", &cfg.source)?;
    let c = closeness(g, source, ctl)?;
    let mut scalars = Map::new();
    scalars.insert("source".into(), Value::String(cfg.source));
    scalars.insert("closeness".into(), number(c));
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
    fn stars_paths_and_sinks() {
        let ctl = JobControl::new();
        // Star out of 0: every leaf at distance 1.
        let star = Graph::from_edges(4, &[(0, 1), (0, 2), (0, 3)]);
        assert_eq!(closeness(&star, 0, &ctl).unwrap(), 1.0);
        assert_eq!(
            closeness(&star, 1, &ctl).unwrap(),
            0.0,
            "a sink reaches nobody"
        );
        // 0 -> 1 -> 2 -> 3 and an unreachable 4: (3 - 0) / (1 + 2 + 3) = 0.5.
        let path = Graph::from_edges(5, &[(0, 1), (1, 2), (2, 3), (4, 0)]);
        assert_eq!(closeness(&path, 0, &ctl).unwrap(), 0.5);
    }

    #[test]
    fn catalogue_output() {
        let g = Graph::from_edges(3, &[(0, 1), (1, 2)]);
        let out = run_algo(
            &g,
            NAME,
            json!({"source": "1"}).as_object().unwrap(),
            &JobControl::new(),
        )
        .unwrap();
        assert_eq!(
            out.scalars,
            json!({"source": "1", "closeness": 1.0})
                .as_object()
                .unwrap()
                .clone()
        );
        assert_eq!(out.rows, Rows::None);
    }
}
