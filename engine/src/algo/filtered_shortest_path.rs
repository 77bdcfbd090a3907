//! Shortest path through filtered vertices and edges (GES `filtered_shortest_path`, 2.2.4).
//!
//! REFERENCE §3.2: "source, target **req**; directed false; plus `vertex_filter`/`edge_filter`
//! at top level", result "like shortest_path". So: `shortest_path` by hop count (GES documents
//! no `weight` or `timeWindow` here; like any unknown parameter they are ignored), over the
//! vertices and edges the filters keep (see [`super::path_filter`]): a breadth-first search
//! from the source that only steps along kept edges onto kept vertices, ties going to the
//! lowest edge index. The source and the target must pass `vertex_filter`; an empty `path`
//! means no path passes the filters.

use super::all_shortest_paths::{self, AllShortestPathsConfig};
use super::path_filter::{self, PathFilters};
use super::shortest_path::windowed_path;
use super::{AlgoOutput, AlgorithmSpec, Params, Result, vertex};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "filtered_shortest_path";

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Filtered shortest path: one path with the fewest hops from source to target \
                  that only visits vertices passing vertex_filter and only takes edges passing \
                  edge_filter. An empty path means no such path exists.",
    params: all_shortest_paths::PARAMS,
    sync: true,
    result_key: "path",
    filters: path_filter::KEYS,
};

/// filtered_shortest_path settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilteredShortestPathConfig {
    /// Start vertex id (external name).
    pub source: String,
    /// End vertex id (external name).
    pub target: String,
    /// Whether to follow edge directions.
    pub directed: bool,
    /// `vertex_filter` and `edge_filter`.
    pub filters: PathFilters,
}

impl FilteredShortestPathConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// Missing source or target, equal source and target, a parameter of the wrong type, or a
    /// filter that is not one condition of the filtered-query format.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        let AllShortestPathsConfig {
            source,
            target,
            directed,
        } = AllShortestPathsConfig::from_params(p)?;
        Ok(Self {
            source,
            target,
            directed,
            filters: PathFilters::from_params(p)?,
        })
    }
}

/// Checks `filtered_shortest_path`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    FilteredShortestPathConfig::from_params(p).map(drop)
}

/// Runs `filtered_shortest_path` for the catalogue: scalars `source`, `target`, rows `path`
/// (empty when no path passes the filters).
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = FilteredShortestPathConfig::from_params(p)?;
    let s = vertex(g, "source", &cfg.source)?;
    let t = vertex(g, "target", &cfg.target)?;
    let mask = cfg.filters.mask(g, ctl)?;
    let path = windowed_path(g, &[s], &[t], cfg.directed, &mask, ctl)?;
    Ok(AlgoOutput::one_path(cfg.source, cfg.target, path))
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::algo::path_filter::tests::{by_label, names, network, run_json};
    use crate::algo::{AlgoError, run as run_algo};

    fn sp(params: Value) -> Vec<String> {
        let g = network();
        let out = run_json(&g, NAME, params).unwrap();
        assert_eq!(out.scalars["source"], "a");
        names(&g, &out)[0].clone()
    }

    #[test]
    fn filters_change_the_path() {
        // Unfiltered, the rail a -> e is one hop.
        assert_eq!(
            sp(json!({"source": "a", "target": "e", "directed": true})),
            ["a", "e"]
        );
        // Roads only: a -> b -> e and a -> x -> e take two hops; b (index 1) is expanded
        // before x (index 5), so a -> b -> e.
        let roads = json!({"source": "a", "target": "e", "directed": true,
                           "edge_filter": by_label("=", json!("road"))});
        assert_eq!(sp(roads), ["a", "b", "e"]);
        // Roads through cities of at least 10 people: b (5) and x (a depot, no pop) are out,
        // so the long way a -> c -> d -> e.
        let big = json!({"source": "a", "target": "e", "directed": true,
            "edge_filter": by_label("IN", json!(["xxx", "road"])),
            "vertex_filter": {"property_filter": {"leftvalue": {"property_name": "pop"},
                              "predicate": ">=", "rightvalue": {"value": 10}}}});
        assert_eq!(sp(big), ["a", "c", "d", "e"]);
        // Undirected from e, roads only: e's road neighbours are b, d, x (through its in-edges);
        // b comes first, then b -> a.
        let back = json!({"source": "e", "target": "a",
                          "edge_filter": by_label("=", json!("road"))});
        let g = network();
        assert_eq!(
            names(&g, &run_json(&g, NAME, back).unwrap())[0],
            ["e", "b", "a"]
        );
    }

    #[test]
    fn ends_must_pass_the_vertex_filter() {
        // pop > 100 drops a (100) itself: no path, even over the direct rail.
        let out = sp(json!({"source": "a", "target": "e", "directed": true,
            "vertex_filter": {"property_filter": {"leftvalue": {"property_name": "pop"},
                              "predicate": ">", "rightvalue": {"value": "100"}}}}));
        assert!(out.is_empty());
        // pop > 60 is numeric: a (100) and e (200) pass ("100" > "60" would fail as text).
        let out = sp(json!({"source": "a", "target": "e", "directed": true,
            "vertex_filter": {"property_filter": {"leftvalue": {"property_name": "pop"},
                              "predicate": ">", "rightvalue": {"value": 60}}}}));
        assert_eq!(out, ["a", "e"]);
    }

    #[test]
    fn bad_filters_are_refused_before_running() {
        let g = network();
        let err = run_json(
            &g,
            NAME,
            json!({"source": "a", "target": "e", "edge_filter": {"property_filter":
                {"leftvalue": {"property_name": "speed"}, "predicate": "=",
                 "rightvalue": {"value": 1}}}}),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter [edge_filter.property_filter.leftvalue.property_name] is invalid! No label has a property [speed]."
        );
        let p = json!({"source": "a", "target": "e", "vertex_filter": {"label_name": "city"}});
        assert!(matches!(
            crate::algo::validate(NAME, p.as_object().unwrap()),
            Err(AlgoError::Param(m)) if m.starts_with("parameter [vertex_filter] is invalid!")
        ));
    }

    #[test]
    fn cancellation_and_progress() {
        let g = network();
        let p = json!({"source": "a", "target": "e", "directed": true,
                       "edge_filter": by_label("=", json!("road"))});
        let ctl = JobControl::new();
        run_algo(&g, NAME, p.as_object().unwrap(), &ctl).unwrap();
        assert!(ctl.percent().is_some(), "the search reports progress");
        ctl.cancel();
        assert_eq!(
            run_algo(&g, NAME, p.as_object().unwrap(), &ctl),
            Err(AlgoError::Cancelled)
        );
    }
}
