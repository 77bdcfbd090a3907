//! All shortest paths between two vertex sets (GES `all_shortest_paths_of_vertex_sets`).
//!
//! The distance between the sets is that of their closest pair; every path of that many hops
//! from a vertex of `sources` to a vertex of `targets` is returned (see
//! [`all_shortest_paths_between`]: one BFS from all sources at once, then backward enumeration;
//! at most [`MAX_PATHS`] listed, `paths_number` counts all). A vertex in both sets is a path of
//! its own. `directed: false` (the GES default) follows edges both ways. The result echoes
//! `sources` and `targets` as they were sent.

use serde_json::{Map, Value};

use super::all_shortest_paths::{MAX_PATHS, all_shortest_paths_between};
use super::shortest_path_of_vertex_sets::MAX_IDS;
use super::traversal::direction;
use super::{AlgoOutput, AlgorithmSpec, ParamKind, ParamSpec, Params, Result, Rows, vertex_set};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "all_shortest_paths_of_vertex_sets";

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
    description: "All shortest paths of vertex sets: every path with the fewest hops between \
                  the closest source and target (at most 100000 listed; paths_number counts \
                  all of them).",
    params: PARAMS,
    sync: false,
    result_key: "paths",
    filters: &[],
};

/// all_shortest_paths_of_vertex_sets settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VertexSetsAllPathsConfig {
    /// Start vertex ids (external names).
    pub sources: Vec<String>,
    /// End vertex ids (external names).
    pub targets: Vec<String>,
    /// Whether to follow edge directions.
    pub directed: bool,
}

impl VertexSetsAllPathsConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// Missing, empty or too long id lists, or a parameter of the wrong type.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            sources: p.id_list("sources", MAX_IDS)?.unwrap_or_default(),
            targets: p.id_list("targets", MAX_IDS)?.unwrap_or_default(),
            directed: p.bool("directed")?,
        })
    }
}

/// Checks `all_shortest_paths_of_vertex_sets`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    VertexSetsAllPathsConfig::from_params(p).map(drop)
}

/// Runs `all_shortest_paths_of_vertex_sets` for the catalogue: scalars `sources`, `targets`
/// (as sent), `paths_number`, rows `paths`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = VertexSetsAllPathsConfig::from_params(p)?;
    let sources = vertex_set(g, "sources", &cfg.sources)?;
    let targets = vertex_set(g, "targets", &cfg.targets)?;
    let r = all_shortest_paths_between(
        g,
        &sources,
        &targets,
        direction(cfg.directed),
        MAX_PATHS,
        ctl,
    )?;
    let mut scalars = Map::new();
    for key in ["sources", "targets"] {
        scalars.insert(key.into(), p.raw(key).cloned().unwrap_or(Value::Null));
    }
    scalars.insert("paths_number".into(), Value::from(r.count));
    Ok(AlgoOutput {
        scalars,
        rows: Rows::Paths {
            key: "paths",
            paths: r.paths,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::run as run_algo;
    use serde_json::json;

    #[test]
    fn closest_pairs_all_paths() {
        // 0 - 1 - 3 and 0 - 2 - 3 (a square), 3 - 4, 5 - 4.
        let g = Graph::from_edges(6, &[(0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (5, 4)]);
        let params = json!({"sources": "0,5", "targets": ["3"]});
        let out = run_algo(&g, NAME, params.as_object().unwrap(), &JobControl::new()).unwrap();
        assert_eq!(out.scalars["sources"], "0,5");
        assert_eq!(out.scalars["targets"], json!(["3"]));
        assert_eq!(out.scalars["paths_number"], 3);
        assert_eq!(
            out.rows,
            Rows::Paths {
                key: "paths",
                paths: vec![vec![0, 1, 3], vec![0, 2, 3], vec![5, 4, 3]]
            }
        );
        let directed = json!({"sources": "3", "targets": "0", "directed": true});
        let out = run_algo(&g, NAME, directed.as_object().unwrap(), &JobControl::new()).unwrap();
        assert!(out.rows.is_empty());
        assert_eq!(out.scalars["paths_number"], 0);
    }
}
