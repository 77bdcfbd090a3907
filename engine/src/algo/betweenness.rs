//! Betweenness centrality (GES `betweenness`): for each vertex, the number of shortest paths
//! between other vertices that pass through it (paths split evenly among equally short ones).
//!
//! Brandes' algorithm (see [`brandes`]) from every vertex, or from a sample: the `seeds`
//! listed, else `k` sources drawn uniformly (deterministically) from all vertices; a sampled
//! result is scaled by `n / sources` so that it estimates the exact one. Values are not
//! normalised; with `directed: false` each unordered pair counts once (the ordered sum is
//! halved), as networkx's `betweenness_centrality(normalized=False)` does. `weight` makes path
//! lengths the sum of that edge property (missing values 1, values must be > 0).

pub(crate) mod brandes;
mod hops;

use serde_json::Map;

use super::shortest_path_of_vertex_sets::MAX_IDS;
use super::traversal::direction;
use super::{
    AlgoOutput, AlgorithmSpec, MetricValues, ParamKind, ParamSpec, Params, Result, Rows,
    vertex_set, weights,
};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "betweenness";

/// Seed of the source sample for `k`.
const SAMPLE_SEED: u64 = 0xb7ee;

/// Parameters shared with `edge_betweenness`.
pub(crate) const PARAMS: &[ParamSpec] = &[
    ParamSpec::new(
        "directed",
        ParamKind::Bool,
        "Follow edge directions; false follows edges both ways.",
    )
    .default("true"),
    ParamSpec::new(
        "weight",
        ParamKind::String,
        "Numeric edge property used as length (missing values count as 1; must be > 0). Empty: every edge has length 1.",
    ),
    ParamSpec::new(
        "seeds",
        ParamKind::String,
        "Only count paths from these vertices (CSV ids, at most 100000); takes precedence over k.",
    ),
    ParamSpec::new(
        "k",
        ParamKind::Int,
        "Only count paths from k sources sampled at random (estimate, scaled to the whole graph).",
    )
    .range(1.0, 100_000.0),
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Betweenness centrality: how many shortest paths between other vertices pass \
                  through each vertex (exact, or estimated from seeds or k sampled sources).",
    params: PARAMS,
    sync: false,
    result_key: "results",
    filters: &[],
};

/// betweenness and edge_betweenness settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BetweennessConfig {
    /// Whether to follow edge directions.
    pub directed: bool,
    /// Edge property holding lengths; `None` for hop count.
    pub weight: Option<String>,
    /// Source vertex ids (external names), when given.
    pub seeds: Option<Vec<String>>,
    /// Number of sampled sources, when given (ignored with `seeds`).
    pub k: Option<usize>,
}

impl BetweennessConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// A parameter of the wrong type or out of range, or an empty or too long `seeds`.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            directed: p.bool("directed")?,
            weight: p.string("weight")?.filter(|w| !w.is_empty()),
            seeds: p.id_list("seeds", MAX_IDS)?,
            k: match p.raw("k") {
                Some(_) => Some(p.int("k")? as usize),
                None => None,
            },
        })
    }
}

/// Sources, per-edge lengths and the final scale factor for a run on `g`.
pub(crate) struct Plan {
    pub(crate) sources: Vec<u32>,
    pub(crate) lengths: Option<Vec<f64>>,
    pub(crate) scale: f64,
}

/// Resolves `cfg` against `g`.
///
/// # Errors
/// Unknown seeds (`parameter [seeds] is invalid!`), an unknown weight property or a weight
/// ≤ 0 (`parameter [weight] is invalid!`).
pub(crate) fn plan(g: &Graph, cfg: &BetweennessConfig) -> Result<Plan> {
    let n = g.vertex_count();
    let sources = match (&cfg.seeds, cfg.k) {
        (Some(seeds), _) => vertex_set(g, "seeds", seeds)?,
        (None, Some(k)) => super::rng::sample(n, k, SAMPLE_SEED),
        (None, None) => (0..n as u32).collect(),
    };
    let lengths = lengths(g, cfg.weight.as_deref())?;
    let mut scale = if cfg.directed { 1.0 } else { 0.5 };
    if !sources.is_empty() && sources.len() < n {
        scale *= n as f64 / sources.len() as f64;
    }
    Ok(Plan {
        sources,
        lengths,
        scale,
    })
}

/// Each out-edge's length from property `weight` (a missing value counts 1), `None` for hop
/// counts; also `od_betweenness`'.
///
/// # Errors
/// An unknown weight property or a weight ≤ 0 (`parameter [weight] is invalid!`).
pub(crate) fn lengths(g: &Graph, weight: Option<&str>) -> Result<Option<Vec<f64>>> {
    let Some(w) = weights::resolve(g, weight)? else {
        return Ok(None);
    };
    let mut len = vec![0.0; g.edge_count()];
    for u in 0..g.vertex_count() as u32 {
        for (k, &v) in g.out_edge_range(u).zip(g.out_neighbors(u)) {
            len[k] = weights::positive(g, &w, k, u, v)?;
        }
    }
    Ok(Some(len))
}

/// Betweenness of every vertex.
///
/// # Errors
/// As [`plan`], plus [`AlgoError::Cancelled`](super::AlgoError::Cancelled).
///
/// # Complexity
/// O(s · m) unweighted, O(s · m log n) weighted, for s sources; parallel over sources.
///
/// # Example
/// ```
/// use engine::algo::betweenness::{betweenness, BetweennessConfig};
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // A star: every path between two leaves crosses the centre; 3 unordered pairs.
/// let g = Graph::from_edges(4, &[(0, 1), (0, 2), (0, 3)]);
/// let cfg = BetweennessConfig { directed: false, weight: None, seeds: None, k: None };
/// assert_eq!(betweenness(&g, &cfg, &JobControl::new()).unwrap(), [3.0, 0.0, 0.0, 0.0]);
/// ```
pub fn betweenness(g: &Graph, cfg: &BetweennessConfig, ctl: &JobControl) -> Result<Vec<f64>> {
    ctl.check()?;
    let plan = plan(g, cfg)?;
    let deps = brandes::dependencies(
        g,
        &plan.sources,
        direction(cfg.directed),
        plan.lengths.as_deref(),
        false,
        ctl,
    )?;
    Ok(deps.vertex.into_iter().map(|x| x * plan.scale).collect())
}

/// Checks `betweenness`' parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    BetweennessConfig::from_params(p).map(drop)
}

/// Runs `betweenness` for the catalogue: rows `results` of `{"id", "betweenness"}`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = BetweennessConfig::from_params(p)?;
    let values = betweenness(g, &cfg, ctl)?;
    Ok(AlgoOutput {
        scalars: Map::new(),
        rows: Rows::VertexMetric {
            key: "results",
            metric: "betweenness",
            values: MetricValues::F64(values),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::{AlgoError, run as run_algo};
    use serde_json::{Value, json};

    fn bc(g: &Graph, params: Value) -> Result<Vec<f64>> {
        let out = run_algo(g, NAME, params.as_object().unwrap(), &JobControl::new())?;
        match out.rows {
            Rows::VertexMetric {
                metric: "betweenness",
                values: MetricValues::F64(v),
                ..
            } => Ok(v),
            other => panic!("{other:?}"),
        }
    }

    /// 0 -> 1 -> 2 -> 3 -> 4.
    fn path() -> Graph {
        Graph::from_edges(5, &[(0, 1), (1, 2), (2, 3), (3, 4)])
    }

    #[test]
    fn a_path_directed_and_undirected() {
        // Vertex i (inside) lies on i·(4 − i) pairs' paths.
        assert_eq!(bc(&path(), json!({})).unwrap(), [0.0, 3.0, 4.0, 3.0, 0.0]);
        assert_eq!(
            bc(&path(), json!({"directed": false})).unwrap(),
            [0.0, 3.0, 4.0, 3.0, 0.0]
        );
        // Reversed direction: nothing reaches anything going backwards... from the sinks.
        let back = Graph::from_edges(3, &[(1, 0), (2, 1)]);
        assert_eq!(bc(&back, json!({})).unwrap(), [0.0, 1.0, 0.0]);
    }

    #[test]
    fn seeds_and_sampling_scale_up() {
        // From seed 0 only, on the path: 1 carries 0~2, 0~3, 0~4 (3), 2 carries 2, 3 carries 1;
        // scaled by n / 1 = 5.
        assert_eq!(
            bc(&path(), json!({"seeds": "0", "k": 3})).unwrap(),
            [0.0, 15.0, 10.0, 5.0, 0.0]
        );
        // k = n is exact.
        assert_eq!(
            bc(&path(), json!({"k": 5})).unwrap(),
            [0.0, 3.0, 4.0, 3.0, 0.0]
        );
        let est = bc(&path(), json!({"k": 2})).unwrap();
        assert_eq!(est.len(), 5);
        assert_eq!(
            bc(&path(), json!({"seeds": "0,x"})).unwrap_err(),
            AlgoError::Param("parameter [seeds] is invalid! Vertex [x] does not exist.".into())
        );
    }

    #[test]
    fn weights_choose_the_paths() {
        // 0 -> 1 -> 3 (1 + 1) against 0 -> 2 -> 3 (1 + 5): only 1 is between 0 and 3.
        let g =
            Graph::from_weighted_edges(4, &[(0, 1, 1.0), (1, 3, 1.0), (0, 2, 1.0), (2, 3, 5.0)]);
        assert_eq!(
            bc(&g, json!({"weight": "weight"})).unwrap(),
            [0.0, 1.0, 0.0, 0.0]
        );
        assert_eq!(bc(&g, json!({})).unwrap(), [0.0, 0.5, 0.5, 0.0]);
    }
}
