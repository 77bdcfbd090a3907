//! n paths through filtered vertices and edges (GES `filtered_n_paths`, 2.2.4).
//!
//! REFERENCE §3.1 lists it among the `filtered_*` algorithms that take `vertex_filter` and
//! `edge_filter`; its parameters and outputs are `n_paths`' (source, target required, `directed`
//! false, `n` 1–100 default 10, `k` 1–10 default 5; `paths`, `paths_number`, `source`,
//! `target`). The search is [`n_paths`]' inside the [`Mask`](super::path_filter::Mask) of the
//! filters (see [`super::path_filter`]): up to `n` paths of at most `k` hops without repeated
//! vertices, shortest first, that only visit kept vertices and only take kept edges. The source and the target must pass `vertex_filter`;
//! `paths_number: 0` means no path passes the filters. GES lists it as async only (§3.1).

use super::n_paths::{self, NPathsConfig, n_paths_kept};
use super::path_filter::{self, PathFilters};
use super::traversal::direction;
use super::{AlgoOutput, AlgorithmSpec, Params, Result, vertex};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "filtered_n_paths";

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Filtered n paths: up to n paths from source to target of at most k hops, \
                  without repeated vertices, shortest first, that only visit vertices passing \
                  vertex_filter and only take edges passing edge_filter.",
    params: n_paths::PARAMS,
    sync: false,
    result_key: "paths",
    filters: path_filter::KEYS,
};

/// filtered_n_paths settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilteredNPathsConfig {
    /// Source, target, direction, `n` and `k`, as `n_paths` reads them.
    pub base: NPathsConfig,
    /// `vertex_filter` and `edge_filter`.
    pub filters: PathFilters,
}

impl FilteredNPathsConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// As [`NPathsConfig::from_params`], plus a filter that is not one condition of the
    /// filtered-query format.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            base: NPathsConfig::from_params(p)?,
            filters: PathFilters::from_params(p)?,
        })
    }
}

/// Checks `filtered_n_paths`' parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    FilteredNPathsConfig::from_params(p).map(drop)
}

/// Runs `filtered_n_paths` for the catalogue: scalars `source`, `target`, `paths_number` (paths
/// returned), rows `paths`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let FilteredNPathsConfig { base, filters } = FilteredNPathsConfig::from_params(p)?;
    let s = vertex(g, "source", &base.source)?;
    let t = vertex(g, "target", &base.target)?;
    let mask = filters.mask(g, ctl)?;
    let dir = direction(base.directed);
    let paths = n_paths_kept(g, s, t, dir, base.n, base.k, &mask, ctl)?;
    let count = paths.len();
    Ok(AlgoOutput::many_paths(
        base.source,
        base.target,
        paths,
        count,
    ))
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::algo::path_filter::tests::{by_label, names, network, run_json};
    use crate::algo::{AlgoError, run as run_algo};

    /// The paths from a to e, directed, at most 3 hops, with these filters.
    fn np(filters: Value) -> Vec<String> {
        let g = network();
        let mut p = json!({"source": "a", "target": "e", "directed": true, "k": 3});
        p.as_object_mut()
            .unwrap()
            .extend(filters.as_object().unwrap().clone());
        let out = run_json(&g, NAME, p).unwrap();
        let paths = names(&g, &out);
        assert_eq!(out.scalars["paths_number"], paths.len());
        paths.iter().map(|p| p.concat()).collect()
    }

    #[test]
    fn filters_change_the_paths() {
        // Unfiltered, within 3 hops, shortest first, each length in vertex-index order:
        // ae; abe, axe; abde, acde (c -> d by road or rail: one path).
        assert_eq!(np(json!({})), ["ae", "abe", "axe", "abde", "acde"]);
        // Roads only: the rail a -> e goes.
        assert_eq!(
            np(json!({"edge_filter": by_label("=", json!("road"))})),
            ["abe", "axe", "abde", "acde"]
        );
        // Vertices tagged big or river (a, c, d, e; has on a set property): b is small and x
        // has no tags.
        let tagged = json!({"vertex_filter": {"property_filter": {
            "leftvalue": {"property_name": "tags"}, "predicate": "has",
            "rightvalue": {"value": ["river", "big"]}}}});
        assert_eq!(np(tagged), ["ae", "acde"]);
        // Edges under 2 km (a -> b, b -> e, a -> x, x -> e): the 3-hop a -> b -> d -> e needs
        // b -> d (3 km).
        let short = json!({"edge_filter": {"property_filter": {
            "leftvalue": {"property_name": "km"}, "predicate": "<",
            "rightvalue": {"value": 2}}}});
        assert_eq!(np(short), ["abe", "axe"]);
        // The target fails the vertex filter: no paths at all.
        let not_e = json!({"vertex_filter": {"property_filter": {"leftvalue": {"id": "x"},
                           "predicate": "<", "rightvalue": {"value": "e"}}}});
        assert!(np(not_e).is_empty());
    }

    #[test]
    fn cancellation_and_progress() {
        let g = network();
        let p = json!({"source": "a", "target": "e",
                       "edge_filter": by_label("hasNot", json!(["rail"]))});
        let ctl = JobControl::new();
        run_algo(&g, NAME, p.as_object().unwrap(), &ctl).unwrap();
        assert_eq!(ctl.percent(), Some(100), "one step per path length up to k");
        ctl.cancel();
        assert_eq!(
            run_algo(&g, NAME, p.as_object().unwrap(), &ctl),
            Err(AlgoError::Cancelled)
        );
    }
}
