//! Single-source shortest paths (GES `sssp`): the distance from the source to every vertex it
//! reaches.
//!
//! Without `weight`, distances are hop counts from a level-synchronous BFS whose large frontiers
//! expand in parallel. With `weight` (an extension: GES documents only `source` and `directed`),
//! parallel delta-stepping (`sssp/delta_stepping.rs`; a sequential Dijkstra stays as the
//! tests' reference); a missing weight value counts as 1 and a weight that is not > 0
//! is an error, as for `shortest_path`. `directed: true` (the GES default) follows out-edges;
//! false follows edges both ways. Unreachable vertices are left out of the result.

use serde_json::{Map, Value};

mod delta_stepping;
mod distance;
mod lengths;
mod packed;

use super::traversal::{UNREACHED, bfs_distances, direction};
use super::{
    AlgoOutput, AlgorithmSpec, MetricValues, ParamKind, ParamSpec, Params, Result, Rows, vertex,
    weights,
};
use crate::graph::{EdgeWeights, Graph};
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "sssp";

/// Heap pops between cancellation checks.
#[cfg(test)]
const CHECK_EVERY: usize = 4096;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new("source", ParamKind::String, "Id of the start vertex.").required(),
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
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Single-source shortest paths: the distance from the source to every vertex it \
                  reaches, in hops or by the sum of a numeric edge property.",
    params: PARAMS,
    sync: false,
    result_key: "results",
    filters: &[],
};

/// sssp settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsspConfig {
    /// Start vertex id (external name).
    pub source: String,
    /// Whether to follow edge directions.
    pub directed: bool,
    /// Edge property holding lengths; `None` for hop count.
    pub weight: Option<String>,
}

impl SsspConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// Missing source, or a parameter of the wrong type.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            source: p.required_string("source")?,
            directed: p.bool("directed")?,
            weight: p.string("weight")?.filter(|w| !w.is_empty()),
        })
    }
}

/// Distances from `source` by total weight; `f64::INFINITY` where unreachable. A missing weight
/// value counts as 1.
///
/// # Errors
/// `parameter [weight] is invalid!` for a reached edge weighing ≤ 0;
/// [`AlgoError::Cancelled`](super::AlgoError::Cancelled).
///
/// Computed by parallel delta-stepping (the name stays: the answer is Dijkstra's).
///
/// # Example
/// ```
/// use engine::algo::sssp::dijkstra_distances;
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// let g = Graph::from_weighted_edges(3, &[(0, 1, 4.0), (0, 2, 1.0), (2, 1, 2.0)]);
/// let w = g.edge_weights("weight").unwrap();
/// let d = dijkstra_distances(&g, 0, &w, true, &JobControl::new()).unwrap();
/// assert_eq!(d, [0.0, 3.0, 1.0]);
/// ```
pub fn dijkstra_distances(
    g: &Graph,
    source: u32,
    w: &EdgeWeights<'_>,
    directed: bool,
    ctl: &JobControl,
) -> Result<Vec<f64>> {
    delta_stepping::distances(g, source, w, directed, ctl)
}

/// The sequential Dijkstra with a binary heap: the reference delta-stepping is tested against.
#[cfg(test)]
fn dijkstra_sequential(
    g: &Graph,
    source: u32,
    w: &EdgeWeights<'_>,
    directed: bool,
    ctl: &JobControl,
) -> Result<Vec<f64>> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let n = g.vertex_count();
    let mut dist = vec![f64::INFINITY; n];
    let mut done = vec![false; n];
    dist[source as usize] = 0.0;
    let mut heap = BinaryHeap::from([Reverse((Key(0.0), source))]);
    let mut settled = 0usize;
    while let Some(Reverse((Key(d), u))) = heap.pop() {
        if done[u as usize] {
            continue;
        }
        done[u as usize] = true;
        settled += 1;
        if settled.is_multiple_of(CHECK_EVERY) {
            ctl.check()?;
            ctl.set_progress(settled as u64, n as u64);
        }
        let mut relax = |v: u32, len: f64| {
            let nd = d + len;
            if nd < dist[v as usize] {
                dist[v as usize] = nd;
                heap.push(Reverse((Key(nd), v)));
            }
        };
        for (k, &v) in g.out_edge_range(u).zip(g.out_neighbors(u)) {
            relax(v, weights::positive(g, w, k, u, v)?);
        }
        if !directed {
            for (&k, &v) in g.in_edge_ids(u).iter().zip(g.in_neighbors(u)) {
                relax(v, weights::positive(g, w, k as usize, v, u)?);
            }
        }
    }
    Ok(dist)
}

/// A heap key ordering distances with `total_cmp`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Key(pub(crate) f64);

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Checks `sssp`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    SsspConfig::from_params(p).map(drop)
}

/// Runs `sssp` for the catalogue: scalar `source`, rows `results` of `{"id", "distance"}` for
/// every reached vertex (the source included, at 0), in vertex order.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = SsspConfig::from_params(p)?;
    let source = vertex(g, "source", &cfg.source)?;
    let weights = weights::resolve(g, cfg.weight.as_deref())?;
    ctl.check()?;
    let dist: Vec<f64> = match &weights {
        None => bfs_distances(g, &[source], direction(cfg.directed), u32::MAX, ctl)?
            .into_iter()
            .map(|d| {
                if d == UNREACHED {
                    f64::INFINITY
                } else {
                    d as f64
                }
            })
            .collect(),
        Some(w) => dijkstra_distances(g, source, w, cfg.directed, ctl)?,
    };
    let (ids, values): (Vec<u32>, Vec<f64>) = dist
        .iter()
        .enumerate()
        .filter(|(_, d)| d.is_finite())
        .map(|(v, &d)| (v as u32, d))
        .unzip();
    let mut scalars = Map::new();
    scalars.insert("source".into(), Value::String(cfg.source));
    Ok(AlgoOutput {
        scalars,
        rows: Rows::SomeVertices {
            key: "results",
            metric: "distance",
            ids,
            values: MetricValues::F64(values),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::{AlgoError, run as run_algo};
    use serde_json::json;

    fn sssp(g: &Graph, params: Value) -> Result<(Vec<u32>, Vec<f64>)> {
        let out = run_algo(g, "sssp", params.as_object().unwrap(), &JobControl::new())?;
        match out.rows {
            Rows::SomeVertices {
                metric: "distance",
                ids,
                values: MetricValues::F64(d),
                ..
            } => Ok((ids, d)),
            other => panic!("{other:?}"),
        }
    }

    /// 0 -> 1 (1), 1 -> 2 (1), 0 -> 2 (5), 3 -> 0 (2); 4 isolated.
    fn graph() -> Graph {
        Graph::from_weighted_edges(5, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 5.0), (3, 0, 2.0)])
    }

    #[test]
    fn hops_and_weights_by_direction() {
        let g = graph();
        assert_eq!(
            sssp(&g, json!({"source": "0"})).unwrap(),
            (vec![0, 1, 2], vec![0.0, 1.0, 1.0])
        );
        assert_eq!(
            sssp(&g, json!({"source": "0", "weight": "weight"})).unwrap(),
            (vec![0, 1, 2], vec![0.0, 1.0, 2.0])
        );
        assert_eq!(
            sssp(&g, json!({"source": "2", "directed": false})).unwrap(),
            (vec![0, 1, 2, 3], vec![1.0, 1.0, 0.0, 2.0])
        );
        assert_eq!(
            sssp(
                &g,
                json!({"source": "2", "directed": "false", "weight": "weight"})
            )
            .unwrap(),
            (vec![0, 1, 2, 3], vec![2.0, 1.0, 0.0, 4.0])
        );
    }

    #[test]
    fn errors() {
        let g = graph();
        assert_eq!(
            sssp(&g, json!({"source": "9"})).unwrap_err(),
            AlgoError::Param("parameter [source] is invalid!".into())
        );
        assert_eq!(
            sssp(&g, json!({"source": "0", "weight": "cost"}))
                .unwrap_err()
                .to_string(),
            "parameter [weight] is invalid! No edge label has a numeric property [cost]."
        );
        let neg = Graph::from_weighted_edges(2, &[(0, 1, -1.0)]);
        assert!(
            sssp(&neg, json!({"source": "0", "weight": "weight"}))
                .unwrap_err()
                .to_string()
                .starts_with("parameter [weight] is invalid! Edge weights must be > 0")
        );
    }
}

#[cfg(test)]
mod delta_stepping_tests {
    use super::*;

    /// A deterministic pseudo-random weighted graph (xorshift), with some parallel edges;
    /// `whole` weights are 1..=255 (GAP's), which the run keeps as `u32` distances.
    fn random_graph(n: u32, m: usize, seed: u64, whole: bool) -> Graph {
        let mut x = seed;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let edges: Vec<(u32, u32, f64)> = (0..m)
            .map(|_| {
                let u = (next() % u64::from(n)) as u32;
                let v = (next() % u64::from(n)) as u32;
                let w = if whole {
                    1.0 + (next() % 255) as f64
                } else {
                    1.0 + (next() % 1000) as f64 / 7.0
                };
                (u, v, w)
            })
            .collect();
        Graph::from_weighted_edges(n as usize, &edges)
    }

    #[test]
    fn whole_weights_near_the_u32_bound_give_exact_distances() {
        // (n - 1) × w is just below u32::MAX, so the run keeps u32 distances; a relaxation
        // adds one more edge to the longest ones (the path's back edges when undirected, the
        // self-loop and the parallel edge), which must saturate, not wrap.
        let n = 4u32;
        let w = f64::from((1u32 << 30) + (1 << 28)); // an exact f32; 3w < u32::MAX < 4w
        let mut edges: Vec<(u32, u32, f64)> = (0..n - 1).map(|v| (v, v + 1, w)).collect();
        edges.extend([(n - 1, n - 1, w), (n - 1, 0, w), (2, 3, w)]);
        let g = Graph::from_weighted_edges(n as usize, &edges);
        let weights = g.edge_weights("weight").unwrap();
        assert!(matches!(
            lengths::Lengths::new(&g, &weights, false),
            lengths::Lengths::Integer(_)
        ));
        let ctl = JobControl::new();
        for directed in [true, false] {
            let fast = dijkstra_distances(&g, 0, &weights, directed, &ctl).unwrap();
            let slow = dijkstra_sequential(&g, 0, &weights, directed, &ctl).unwrap();
            assert_eq!(fast, slow, "directed={directed}");
        }
        let far = dijkstra_distances(&g, 0, &weights, true, &ctl).unwrap();
        assert_eq!(far[3], 3.0 * w, "three edges of w");
    }

    #[test]
    fn delta_stepping_equals_sequential_dijkstra() {
        let ctl = JobControl::new();
        let cases = [(50, 120, 1), (3000, 20_000, 7), (20_000, 60_000, 42)];
        for ((n, m, seed), whole) in cases.into_iter().flat_map(|c| [(c, false), (c, true)]) {
            let g = random_graph(n, m, seed, whole);
            let w = g.edge_weights("weight").unwrap();
            for directed in [true, false] {
                for source in [0, n / 2, n - 1] {
                    let fast = dijkstra_distances(&g, source, &w, directed, &ctl).unwrap();
                    let slow = dijkstra_sequential(&g, source, &w, directed, &ctl).unwrap();
                    for (v, (a, b)) in fast.iter().zip(&slow).enumerate() {
                        assert!(
                            a == b || (!whole && (a - b).abs() < 1e-9 * b.abs()),
                            "n={n} whole={whole} directed={directed} source={source} v={v}: {a} vs {b}"
                        );
                    }
                }
            }
            // Every source after the first ran on the lengths the graph kept.
            assert_eq!(
                g.derived_keys(),
                ["sssp-lengths/weight/out", "sssp-lengths/weight/both"]
            );
        }
    }

    #[test]
    fn a_bad_weight_on_a_reached_edge_is_reported() {
        let g = Graph::from_weighted_edges(3, &[(0, 1, 2.0), (1, 2, -1.0)]);
        let w = g.edge_weights("weight").unwrap();
        let err = dijkstra_distances(&g, 0, &w, true, &JobControl::new()).unwrap_err();
        assert!(err.to_string().contains("weight"), "{err}");
        // Not reached from 2: no error.
        assert!(dijkstra_distances(&g, 2, &w, true, &JobControl::new()).is_ok());
        // Whole lengths packed with a mark for the unusable one, which no relaxation meets.
        let g = Graph::from_weighted_edges(4, &[(0, 1, 2.0), (1, 2, 3.0), (3, 0, -1.0)]);
        let w = g.edge_weights("weight").unwrap();
        assert!(matches!(
            lengths::Lengths::new(&g, &w, true),
            lengths::Lengths::Packed(_)
        ));
        let d = dijkstra_distances(&g, 0, &w, true, &JobControl::new()).unwrap();
        assert_eq!(d, [0.0, 2.0, 5.0, f64::INFINITY]);
    }
}
