//! Shortest path between two vertex sets (GES `shortest_path_of_vertex_sets`): one fewest-hops
//! path from any vertex of `sources` to any vertex of `targets`.
//!
//! Bidirectional BFS started from all sources and all targets at once (see
//! [`bfs_path_between`]), so the cost is that of one search whatever the sizes of the sets. A
//! vertex in both sets is a path of its own. `directed: false` (the GES default) follows edges
//! both ways. `source` and `target` in the result are the path's two ends (`null` with an empty
//! path when no target is reachable). With `timeWindow`, a breadth-first search over what the
//! window keeps ([`super::time_window`]; `filterName` is optional here, as documented).

use serde_json::{Map, Value};

use super::shortest_path::{bfs_path_between, windowed_path};
use super::time_window::TimeWindow;
use super::{AlgoOutput, AlgorithmSpec, ParamKind, ParamSpec, Params, Result, Rows, vertex_set};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "shortest_path_of_vertex_sets";

/// Most ids a set may list (REFERENCE §3.2).
pub const MAX_IDS: usize = 100_000;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new(
        "sources",
        ParamKind::String,
        "Start vertex ids, comma-separated (CSV), at most 100000.",
    )
    .required(),
    ParamSpec::new(
        "targets",
        ParamKind::String,
        "End vertex ids, comma-separated (CSV), at most 100000.",
    )
    .required(),
    ParamSpec::new(
        "directed",
        ParamKind::Bool,
        "Follow edge directions; false follows edges both ways.",
    )
    .default("false"),
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Shortest path of vertex sets: one path with the fewest hops from any of the \
                  sources to any of the targets. An empty path means no target is reachable.",
    params: PARAMS,
    sync: true,
    result_key: "path",
    filters: &[],
};

/// shortest_path_of_vertex_sets settings.
#[derive(Debug, Clone, PartialEq)]
pub struct VertexSetsPathConfig {
    /// Start vertex ids (external names).
    pub sources: Vec<String>,
    /// End vertex ids (external names).
    pub targets: Vec<String>,
    /// Whether to follow edge directions.
    pub directed: bool,
    /// Keep the path inside this window.
    pub window: Option<TimeWindow>,
}

impl VertexSetsPathConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// Missing, empty or too long id lists, an invalid `timeWindow`, or a parameter of the
    /// wrong type.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            window: TimeWindow::from_params(p, false)?,
            sources: p.id_list("sources", MAX_IDS)?.unwrap_or_default(),
            targets: p.id_list("targets", MAX_IDS)?.unwrap_or_default(),
            directed: p.bool("directed")?,
        })
    }
}

/// Checks `shortest_path_of_vertex_sets`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    VertexSetsPathConfig::from_params(p).map(drop)
}

/// Runs `shortest_path_of_vertex_sets` for the catalogue: scalars `source`, `target` (the
/// path's ends, or `null`), rows `path`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = VertexSetsPathConfig::from_params(p)?;
    let sources = vertex_set(g, "sources", &cfg.sources)?;
    let targets = vertex_set(g, "targets", &cfg.targets)?;
    let path = match &cfg.window {
        Some(w) => windowed_path(g, &sources, &targets, cfg.directed, &w.mask(g)?, ctl)?,
        None => bfs_path_between(g, &sources, &targets, cfg.directed, ctl)?,
    }
    .unwrap_or_default();
    let end = |v: Option<&u32>| v.map_or(Value::Null, |&v| Value::from(g.vertex_name(v)));
    let mut scalars = Map::new();
    scalars.insert("source".into(), end(path.first()));
    scalars.insert("target".into(), end(path.last()));
    Ok(AlgoOutput {
        scalars,
        rows: Rows::Vertices {
            key: "path",
            ids: path,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::run as run_algo;
    use serde_json::json;

    fn run_sets(g: &Graph, params: Value) -> Result<AlgoOutput> {
        run_algo(g, NAME, params.as_object().unwrap(), &JobControl::new())
    }

    /// 0 -> 1 -> 2 -> 3 -> 4 and 5 -> 4.
    fn graph() -> Graph {
        Graph::from_edges(6, &[(0, 1), (1, 2), (2, 3), (3, 4), (5, 4)])
    }

    #[test]
    fn the_closest_pair_wins() {
        let g = graph();
        let out = run_sets(&g, json!({"sources": "0,2", "targets": ["4", "5"]})).unwrap();
        assert_eq!(
            out.rows,
            Rows::Vertices {
                key: "path",
                ids: vec![2, 3, 4]
            }
        );
        assert_eq!(out.scalars["source"], "2");
        assert_eq!(out.scalars["target"], "4");
        // Undirected, 5 is one hop from 4: 3 -> 4 <- 5.
        let out = run_sets(&g, json!({"sources": "3", "targets": "5,0"})).unwrap();
        assert_eq!(out.rows.len(), 3);
        assert_eq!(out.scalars["target"], "5");
    }

    #[test]
    fn shared_vertices_unreachable_targets_and_errors() {
        let g = graph();
        let out = run_sets(&g, json!({"sources": "1,3", "targets": "3"})).unwrap();
        assert_eq!(
            out.rows,
            Rows::Vertices {
                key: "path",
                ids: vec![3]
            }
        );
        let out = run_sets(
            &g,
            json!({"sources": "4", "targets": "0", "directed": true}),
        )
        .unwrap();
        assert!(out.rows.is_empty());
        assert_eq!(out.scalars["source"], Value::Null);
        assert_eq!(
            run_sets(&g, json!({"sources": "0,zz", "targets": "1"}))
                .unwrap_err()
                .to_string(),
            "parameter [sources] is invalid! Vertex [zz] does not exist."
        );
    }
}
