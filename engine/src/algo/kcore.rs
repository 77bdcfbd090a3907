//! k-core decomposition (GES `kcore`).
//!
//! The coreness of a vertex is the largest `c` such that it belongs to a subgraph in which
//! every vertex has at least `c` neighbours. Computed on the undirected simple view (distinct
//! neighbours over both edge directions, self-loops ignored) with the Batagelj–Zaversnik
//! bucket algorithm: repeatedly remove a vertex of minimum remaining degree, in O(n + m).
//! GES returns the vertices whose coreness is at least `k`.

use serde_json::Map;

use super::simple_graph::SimpleGraph;
use super::{AlgoOutput, AlgorithmSpec, MetricValues, ParamKind, ParamSpec, Params, Result, Rows};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// The GES algorithm name.
pub const NAME: &str = "kcore";

/// Vertices removed between cancellation checks.
const BLOCK: usize = 1 << 16;

const PARAMS: &[ParamSpec] = &[ParamSpec::new(
    "k",
    ParamKind::Int,
    "Only vertices whose coreness is at least k are returned.",
)
.required()
.at_least(0.0)];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "k-core: the coreness of each vertex (the largest c such that the vertex is in \
                  a subgraph where every vertex has at least c neighbours), for the vertices \
                  whose coreness is at least k. Edge directions are ignored.",
    params: PARAMS,
    sync: false,
    result_key: "results",
    filters: &[],
};

/// kcore settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KCoreConfig {
    /// Minimum coreness reported, ≥ 0.
    pub k: u64,
}

impl KCoreConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// Missing `k`, or not an integer ≥ 0.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            k: p.int("k")? as u64,
        })
    }
}

/// The coreness of every vertex of `graph` (edge directions ignored).
///
/// # Errors
/// [`Cancelled`], checked between blocks of removed vertices.
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// ```
/// use engine::algo::kcore::core_numbers;
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // A triangle 0-1-2 with a tail 2-3.
/// let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 0), (2, 3)]);
/// assert_eq!(core_numbers(&g, &JobControl::new()).unwrap(), [2, 2, 2, 1]);
/// ```
pub fn core_numbers(graph: &Graph, ctl: &JobControl) -> Result<Vec<u32>, Cancelled> {
    let s = SimpleGraph::build(graph, ctl)?;
    bucket_cores(&s, ctl)
}

/// Batagelj–Zaversnik: vertices sorted by degree in buckets; removing the first vertex of the
/// lowest bucket fixes its coreness and moves each neighbour of higher degree one bucket down.
fn bucket_cores(s: &SimpleGraph, ctl: &JobControl) -> Result<Vec<u32>, Cancelled> {
    let n = s.vertex_count();
    let mut deg: Vec<u32> = (0..n as u32).map(|v| s.degree(v) as u32).collect();
    let max = deg.iter().copied().max().unwrap_or(0) as usize;
    // bin[d] = first position of degree d in `vert` (a counting sort).
    let mut bin = vec![0usize; max + 2];
    for &d in &deg {
        bin[d as usize + 1] += 1;
    }
    for d in 1..bin.len() {
        bin[d] += bin[d - 1];
    }
    let mut pos = vec![0usize; n];
    let mut vert = vec![0u32; n];
    {
        let mut next = bin.clone();
        for v in 0..n {
            let d = deg[v] as usize;
            pos[v] = next[d];
            vert[next[d]] = v as u32;
            next[d] += 1;
        }
    }
    for i in 0..n {
        if i % BLOCK == 0 {
            ctl.check()?;
            ctl.set_progress(i as u64, n as u64);
        }
        let v = vert[i];
        for &u in s.neighbors(v) {
            let du = deg[u as usize];
            if du > deg[v as usize] {
                // Swap u with the first vertex of its bucket, then shrink the bucket by one.
                let pu = pos[u as usize];
                let pw = bin[du as usize];
                let w = vert[pw];
                if u != w {
                    pos[u as usize] = pw;
                    vert[pu] = w;
                    pos[w as usize] = pu;
                    vert[pw] = u;
                }
                bin[du as usize] += 1;
                deg[u as usize] -= 1;
            }
        }
    }
    ctl.set_progress(n as u64, n as u64);
    Ok(deg)
}

/// Checks `kcore`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    KCoreConfig::from_params(p).map(drop)
}

/// Runs `kcore` for the catalogue: rows `results` of `{"id", "coreness"}` for the vertices
/// whose coreness is at least `k`, in vertex order.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = KCoreConfig::from_params(p)?;
    let cores = core_numbers(g, ctl)?;
    let (ids, values): (Vec<u32>, Vec<i64>) = cores
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c as u64 >= cfg.k)
        .map(|(v, &c)| (v as u32, c as i64))
        .unzip();
    Ok(AlgoOutput {
        scalars: Map::new(),
        rows: Rows::SomeVertices {
            key: "results",
            metric: "coreness",
            ids,
            values: MetricValues::I64(values),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::run as run_algo;
    use serde_json::json;

    fn cores(n: usize, edges: &[(u32, u32)]) -> Vec<u32> {
        core_numbers(&Graph::from_edges(n, edges), &JobControl::new()).unwrap()
    }

    #[test]
    fn cliques_tails_and_isolated_vertices() {
        // K4 on 0..4, a path 3-4-5, 6 isolated, a self-loop and a reversed duplicate on 0-1.
        let mut edges = vec![(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)];
        edges.extend([(3, 4), (4, 5), (1, 0), (5, 5)]);
        assert_eq!(cores(7, &edges), [3, 3, 3, 3, 1, 1, 0]);
    }

    #[test]
    fn a_vertex_of_high_degree_is_not_always_deep() {
        // Star centre 0 (degree 5) but coreness 1; triangle 6-7-8 has coreness 2.
        let edges = [
            (0, 1),
            (0, 2),
            (0, 3),
            (0, 4),
            (0, 5),
            (6, 7),
            (7, 8),
            (8, 6),
        ];
        assert_eq!(cores(9, &edges), [1, 1, 1, 1, 1, 1, 2, 2, 2]);
    }

    #[test]
    fn catalogue_filters_by_k() {
        let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 0), (2, 3)]);
        let run = |k: i64| {
            run_algo(
                &g,
                "kcore",
                json!({ "k": k }).as_object().unwrap(),
                &JobControl::new(),
            )
            .unwrap()
            .rows
        };
        assert_eq!(
            run(2),
            Rows::SomeVertices {
                key: "results",
                metric: "coreness",
                ids: vec![0, 1, 2],
                values: MetricValues::I64(vec![2, 2, 2])
            }
        );
        assert_eq!(run(0).len(), 4);
        assert!(run(3).is_empty());
    }
}
