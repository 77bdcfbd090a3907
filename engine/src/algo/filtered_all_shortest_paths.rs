//! All shortest paths through filtered vertices and edges (GES `filtered_all_shortest_paths`,
//! 2.2.4).
//!
//! REFERENCE §3.1 lists it among the `filtered_*` algorithms that take `vertex_filter` and
//! `edge_filter`; its parameters and outputs are `all_shortest_paths`' (source, target required,
//! `directed` false; `paths`, `paths_number`, `source`, `target`). The search is
//! [`all_shortest_paths`]' inside the [`Mask`](super::path_filter::Mask) of the filters (see
//! [`super::path_filter`]): every fewest-hops path that only visits kept vertices and only
//! takes kept edges. The source and the target must pass `vertex_filter`;
//! `paths_number: 0` means no path passes the filters. GES lists it as async only (§3.1).

use super::all_shortest_paths::{self, AllShortestPathsConfig, MAX_PATHS, all_shortest_paths_kept};
use super::path_filter::{self, PathFilters};
use super::traversal::direction;
use super::{AlgoOutput, AlgorithmSpec, Params, Result, vertex};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "filtered_all_shortest_paths";

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Filtered all shortest paths: every path with the fewest hops from source to \
                  target that only visits vertices passing vertex_filter and only takes edges \
                  passing edge_filter (at most 100000 listed; paths_number counts all of them).",
    params: all_shortest_paths::PARAMS,
    sync: false,
    result_key: "paths",
    filters: path_filter::KEYS,
};

/// filtered_all_shortest_paths settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilteredAllShortestPathsConfig {
    /// Source, target and direction, as `all_shortest_paths` reads them.
    pub base: AllShortestPathsConfig,
    /// `vertex_filter` and `edge_filter`.
    pub filters: PathFilters,
}

impl FilteredAllShortestPathsConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// As [`AllShortestPathsConfig::from_params`], plus a filter that is not one condition of
    /// the filtered-query format.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            base: AllShortestPathsConfig::from_params(p)?,
            filters: PathFilters::from_params(p)?,
        })
    }
}

/// Checks `filtered_all_shortest_paths`' parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    FilteredAllShortestPathsConfig::from_params(p).map(drop)
}

/// Runs `filtered_all_shortest_paths` for the catalogue: scalars `source`, `target`,
/// `paths_number`, rows `paths`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let FilteredAllShortestPathsConfig { base, filters } =
        FilteredAllShortestPathsConfig::from_params(p)?;
    let s = vertex(g, "source", &base.source)?;
    let t = vertex(g, "target", &base.target)?;
    let mask = filters.mask(g, ctl)?;
    let dir = direction(base.directed);
    let r = all_shortest_paths_kept(g, &[s], &[t], dir, &mask, MAX_PATHS, ctl)?;
    Ok(AlgoOutput::many_paths(
        base.source,
        base.target,
        r.paths,
        r.count,
    ))
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::algo::path_filter::tests::{by_label, names, network, run_json};
    use crate::algo::{AlgoError, run as run_algo};

    /// The paths and `paths_number` from a to e, directed, with these filters.
    fn asp(filters: Value) -> (Vec<Vec<String>>, u64) {
        let g = network();
        let mut p = json!({"source": "a", "target": "e", "directed": true});
        p.as_object_mut()
            .unwrap()
            .extend(filters.as_object().unwrap().clone());
        let out = run_json(&g, NAME, p).unwrap();
        let count = out.scalars["paths_number"].as_u64().unwrap();
        (names(&g, &out), count)
    }

    #[test]
    fn filters_change_the_paths() {
        // Unfiltered: the one-hop rail a -> e.
        assert_eq!(asp(json!({})), (vec![vec!["a".into(), "e".into()]], 1));
        // Roads only: two hops, through b or through the depot x.
        let (paths, count) = asp(json!({"edge_filter": by_label("=", json!("road"))}));
        assert_eq!((paths, count), (vec![path("abe"), path("axe")], 2));
        // Roads, and cities only (label PREFIX "ci" drops the depot x): through b only.
        let (paths, count) = asp(json!({"edge_filter": by_label("=", json!("road")),
                                        "vertex_filter": by_label("PREFIX", json!("ci"))}));
        assert_eq!((paths, count), (vec![path("abe")], 1));
        // Roads, and no vertex tagged "small" (b): hasNot keeps x, whose depot label has no
        // tags at all, so through x only.
        let (paths, count) = asp(json!({"edge_filter": by_label("=", json!("road")),
            "vertex_filter": {"property_filter": {"leftvalue": {"property_name": "tags"},
                              "predicate": "hasNot", "rightvalue": {"value": ["small"]}}}}));
        assert_eq!((paths, count), (vec![path("axe")], 1));
    }

    #[test]
    fn parallel_edges_pass_when_one_of_them_does() {
        // Edges of exactly 2 km: a -> c -> d -> e, where c -> d is a 2 km road beside a 7 km
        // rail: the road lets the step through.
        let two_km = json!({"edge_filter": {"property_filter": {
            "leftvalue": {"property_name": "km"}, "predicate": "range",
            "rightvalue": {"value": [2, "2.0"]}}}});
        assert_eq!(asp(two_km), (vec![path("acde")], 1));
        // Vertices by id, undirected, rails only: a - e directly; from c, c - d only.
        let g = network();
        let rails = |source: &str, target: &str| {
            let p = json!({"source": source, "target": target,
                           "edge_filter": by_label("=", json!("rail"))});
            names(&g, &run_json(&g, NAME, p).unwrap())
        };
        assert_eq!(rails("e", "a"), [path("ea")]);
        assert_eq!(rails("d", "c"), [path("dc")]);
        assert!(rails("c", "e").is_empty());
    }

    #[test]
    fn cancellation_and_progress() {
        let g = network();
        let p = json!({"source": "a", "target": "e",
                       "vertex_filter": {"property_filter": {"leftvalue": {"id": ""},
                                         "predicate": "hasNot", "rightvalue": {"value": "b"}}}});
        let ctl = JobControl::new();
        let out = run_algo(&g, NAME, p.as_object().unwrap(), &ctl).unwrap();
        assert_eq!(names(&g, &out), [path("ae")]);
        assert_eq!(ctl.percent(), Some(100));
        ctl.cancel();
        assert_eq!(
            run_algo(&g, NAME, p.as_object().unwrap(), &ctl),
            Err(AlgoError::Cancelled)
        );
    }

    /// `"abe"` → `["a", "b", "e"]`.
    fn path(ids: &str) -> Vec<String> {
        ids.chars().map(String::from).collect()
    }
}
