//! Common neighbours of two vertex sets (GES `common_neighbors_of_vertex_sets`).
//!
//! The vertices adjacent to some vertex of `sources` and to some vertex of `targets` (edge
//! directions ignored): `N(sources) ∩ N(targets)`. With `restricted: true` (the GES default) a
//! common neighbour must moreover have at least two distinct neighbours in
//! `sources ∪ targets`, which only removes a vertex whose sole link to both sets is one vertex
//! in both. Listed once each, in vertex order. One pass over the sets' adjacency with a mark
//! per vertex.

use serde_json::{Map, Value};

use super::k_hop::Direction;
use super::shortest_path_of_vertex_sets::MAX_IDS;
use super::traversal::unique_neighbors;
use super::{AlgoOutput, AlgorithmSpec, ParamKind, ParamSpec, Params, Result, Rows, vertex_set};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// The GES algorithm name.
pub const NAME: &str = "common_neighbors_of_vertex_sets";

/// Set members scanned between cancellation checks.
const CHECK_EVERY: usize = 4096;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new(
        "sources",
        ParamKind::String,
        "First vertex set: ids comma-separated (CSV), at most 100000.",
    )
    .required(),
    ParamSpec::new(
        "targets",
        ParamKind::String,
        "Second vertex set: ids comma-separated (CSV), at most 100000.",
    )
    .required(),
    ParamSpec::new(
        "restricted",
        ParamKind::Bool,
        "Also require each common neighbour to have at least two neighbours in the two sets.",
    )
    .default("true"),
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Common neighbours of vertex sets: the vertices adjacent to both a source and \
                  a target (edge directions ignored), and how many there are.",
    params: PARAMS,
    sync: false,
    result_key: "vertices",
    filters: &[],
};

/// common_neighbors_of_vertex_sets settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetNeighborsConfig {
    /// First set's vertex ids (external names).
    pub sources: Vec<String>,
    /// Second set's vertex ids (external names).
    pub targets: Vec<String>,
    /// Require two neighbours in the sets.
    pub restricted: bool,
}

impl SetNeighborsConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// Missing, empty or too long id lists, or a parameter of the wrong type.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            sources: p.id_list("sources", MAX_IDS)?.unwrap_or_default(),
            targets: p.id_list("targets", MAX_IDS)?.unwrap_or_default(),
            restricted: p.bool("restricted")?,
        })
    }
}

const NEAR_SOURCES: u8 = 1;
const NEAR_TARGETS: u8 = 2;
const IN_SETS: u8 = 4;

/// The common neighbours of the vertex sets `sources` and `targets`, ascending.
///
/// # Errors
/// [`Cancelled`], checked every few thousand set members.
///
/// # Complexity
/// O(n + Σ degrees of the sets' vertices and of the candidates).
///
/// # Example
/// ```
/// use engine::algo::common_neighbors_of_vertex_sets::set_common_neighbors;
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // 0 - 2 - 1 and 0 - 3, 4 - 3: 2 touches 0 and 1, 3 touches 0 and 4.
/// let g = Graph::from_edges(5, &[(0, 2), (2, 1), (0, 3), (4, 3)]);
/// let ctl = JobControl::new();
/// assert_eq!(set_common_neighbors(&g, &[0], &[1, 4], true, &ctl).unwrap(), [2, 3]);
/// ```
pub fn set_common_neighbors(
    g: &Graph,
    sources: &[u32],
    targets: &[u32],
    restricted: bool,
    ctl: &JobControl,
) -> Result<Vec<u32>, Cancelled> {
    let mut mark = vec![0u8; g.vertex_count()];
    let mut scanned = 0usize;
    let mut spread = |set: &[u32], bit: u8, mark: &mut [u8]| -> Result<(), Cancelled> {
        for &v in set {
            scanned += 1;
            if scanned.is_multiple_of(CHECK_EVERY) {
                ctl.check()?;
            }
            mark[v as usize] |= IN_SETS;
            for w in unique_neighbors(g, v, Direction::All).filter(|&w| w != v) {
                mark[w as usize] |= bit;
            }
        }
        Ok(())
    };
    ctl.check()?;
    spread(sources, NEAR_SOURCES, &mut mark)?;
    spread(targets, NEAR_TARGETS, &mut mark)?;
    let both = NEAR_SOURCES | NEAR_TARGETS;
    let found = (0..g.vertex_count() as u32)
        .filter(|&v| mark[v as usize] & both == both)
        .filter(|&v| {
            !restricted
                || unique_neighbors(g, v, Direction::All)
                    .filter(|&w| w != v && mark[w as usize] & IN_SETS != 0)
                    .nth(1)
                    .is_some()
        })
        .collect();
    Ok(found)
}

/// Checks `common_neighbors_of_vertex_sets`' parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    SetNeighborsConfig::from_params(p).map(drop)
}

/// Runs `common_neighbors_of_vertex_sets` for the catalogue: scalar `common_neighbors` (the
/// count), rows `vertices`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = SetNeighborsConfig::from_params(p)?;
    let sources = vertex_set(g, "sources", &cfg.sources)?;
    let targets = vertex_set(g, "targets", &cfg.targets)?;
    let ids = set_common_neighbors(g, &sources, &targets, cfg.restricted, ctl)?;
    let mut scalars = Map::new();
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
    fn restricted_drops_vertices_tied_to_one_shared_member() {
        // 5 is in both sets; 6 touches only 5. 2 touches 0 (source) and 1 (target).
        let g = Graph::from_edges(7, &[(0, 2), (2, 1), (6, 5), (0, 5)]);
        let ctl = JobControl::new();
        assert_eq!(
            set_common_neighbors(&g, &[0, 5], &[1, 5], false, &ctl).unwrap(),
            [0, 2, 6]
        );
        // 0 neighbours 5 only among the sets' members ({0, 1, 5} minus itself): dropped too.
        assert_eq!(
            set_common_neighbors(&g, &[0, 5], &[1, 5], true, &ctl).unwrap(),
            [2]
        );
    }

    #[test]
    fn catalogue_output() {
        let g = Graph::from_edges(4, &[(0, 2), (1, 2), (3, 0)]);
        let out = run_algo(
            &g,
            NAME,
            json!({"sources": ["0"], "targets": "1,3", "restricted": false})
                .as_object()
                .unwrap(),
            &JobControl::new(),
        )
        .unwrap();
        assert_eq!(out.scalars["common_neighbors"], 1);
        assert_eq!(
            out.rows,
            Rows::Vertices {
                key: "vertices",
                ids: vec![2]
            }
        );
    }
}
