//! Triangle counting (GES `triangle_count`).
//!
//! On the undirected simple view (edge directions, parallel edges and self-loops ignored).
//! Each edge is oriented from the endpoint of lower to higher `(degree, index)`; every
//! triangle then appears exactly once as `u → v, u → w, v → w`, found by intersecting the
//! sorted forward lists of `u` and `v`. The orientation bounds every forward list by
//! O(√m), so the count takes O(m^1.5) in the worst case; vertices are processed in parallel
//! with rayon, per-vertex counts gathered in atomics.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use serde_json::{Map, Value};

mod degree_order;

use super::simple_graph::SimpleGraph;
use super::{AlgoOutput, AlgorithmSpec, MetricValues, ParamKind, ParamSpec, Params, Result, Rows};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// The GES algorithm name.
pub const NAME: &str = "triangle_count";

/// Vertices per block between cancellation checks.
const BLOCK: usize = 1 << 14;

const PARAMS: &[ParamSpec] = &[ParamSpec::new(
    "statistics",
    ParamKind::Bool,
    "Only return the total; false also lists each vertex's triangles.",
)
.default("true")];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Triangle count: the number of triangles (three mutually adjacent vertices, \
                  edge directions ignored) in the graph and, with statistics false, through \
                  each vertex.",
    params: PARAMS,
    sync: false,
    result_key: "triangle_count",
    filters: &[],
};

/// triangle_count settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriangleCountConfig {
    /// Only the total.
    pub statistics: bool,
}

impl TriangleCountConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// `statistics` not a boolean.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            statistics: p.bool("statistics")?,
        })
    }
}

/// Triangles of a graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triangles {
    /// Number of triangles in the graph.
    pub total: u64,
    /// Number of triangles through each vertex.
    pub per_vertex: Vec<u64>,
}

/// Counts the triangles of `graph`, in total and per vertex.
///
/// # Errors
/// [`Cancelled`], checked between blocks of vertices.
///
/// # Complexity
/// O(m^1.5) worst case, parallel over vertices; O(n + m) memory.
///
/// # Example
/// ```
/// use engine::algo::triangle_count::triangles;
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // Two triangles sharing the edge 1-2.
/// let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 0), (1, 3), (3, 2)]);
/// let t = triangles(&g, &JobControl::new()).unwrap();
/// assert_eq!((t.total, t.per_vertex), (2, vec![1, 2, 2, 1]));
/// ```
pub fn triangles(graph: &Graph, ctl: &JobControl) -> Result<Triangles, Cancelled> {
    let s = SimpleGraph::build(graph, ctl)?;
    count(&s, ctl)
}

/// The number of triangles alone (what `statistics: true`, the default, reports): a local sum
/// per task over degree-ordered forward lists (see [`degree_order`]), with no per-vertex
/// counters and no atomic write per triangle.
///
/// # Errors
/// [`Cancelled`] when the job is cancelled.
pub fn triangle_total(graph: &Graph, ctl: &JobControl) -> Result<u64, Cancelled> {
    degree_order::total(graph, ctl)
}

/// Each vertex's neighbours ranked above it (by degree, then index): every triangle is found
/// once, from its lowest-ranked vertex.
fn forward_lists(s: &SimpleGraph, ctl: &JobControl) -> Result<SimpleGraph, Cancelled> {
    let rank = |v: u32| (s.degree(v), v);
    s.filtered(|v, w| rank(w) > rank(v), ctl)
}

/// How many entries two sorted lists share; `hit` is called with each.
#[inline]
fn common(a: &[u32], b: &[u32], mut hit: impl FnMut(u32)) -> u64 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                hit(a[i]);
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The kernel on a prepared simple view (shared with `cluster_coefficient`).
pub(crate) fn count(s: &SimpleGraph, ctl: &JobControl) -> Result<Triangles, Cancelled> {
    let n = s.vertex_count();
    let forward = forward_lists(s, ctl)?;
    let counts: Vec<AtomicU64> = (0..n).map(|_| AtomicU64::new(0)).collect();
    for start in (0..n).step_by(BLOCK) {
        ctl.check()?;
        (start..(start + BLOCK).min(n))
            .into_par_iter()
            .for_each(|u| {
                let fu = forward.neighbors(u as u32);
                let mut at_u = 0;
                for &v in fu {
                    let at_v = common(fu, forward.neighbors(v), |w| {
                        counts[w as usize].fetch_add(1, Ordering::Relaxed);
                    });
                    if at_v > 0 {
                        counts[v as usize].fetch_add(at_v, Ordering::Relaxed);
                        at_u += at_v;
                    }
                }
                if at_u > 0 {
                    counts[u].fetch_add(at_u, Ordering::Relaxed);
                }
            });
        ctl.set_progress(start as u64, n as u64);
    }
    ctl.set_progress(n as u64, n as u64);
    let per_vertex: Vec<u64> = counts.into_iter().map(AtomicU64::into_inner).collect();
    let total = per_vertex.iter().sum::<u64>() / 3;
    Ok(Triangles { total, per_vertex })
}

/// Checks `triangle_count`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    TriangleCountConfig::from_params(p).map(drop)
}

/// Runs `triangle_count` for the catalogue: scalar `triangle_count`; with `statistics: false`
/// also rows `results` of `{"id", "vertex_triangles"}`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = TriangleCountConfig::from_params(p)?;
    let mut scalars = Map::new();
    let rows = if cfg.statistics {
        scalars.insert(
            "triangle_count".into(),
            Value::from(triangle_total(g, ctl)?),
        );
        Rows::None
    } else {
        let t = triangles(g, ctl)?;
        scalars.insert("triangle_count".into(), Value::from(t.total));
        Rows::VertexMetric {
            key: "results",
            metric: "vertex_triangles",
            values: MetricValues::I64(t.per_vertex.iter().map(|&c| c as i64).collect()),
        }
    };
    Ok(AlgoOutput { scalars, rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::run as run_algo;
    use serde_json::json;

    fn tri(n: usize, edges: &[(u32, u32)]) -> Triangles {
        triangles(&Graph::from_edges(n, edges), &JobControl::new()).unwrap()
    }

    #[test]
    fn cliques_and_noise() {
        // K4 has 4 triangles, 3 through each vertex. Reversed and repeated edges, self-loops
        // and a pendant vertex change nothing.
        let mut edges = vec![(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)];
        edges.extend([(1, 0), (2, 3), (3, 3), (3, 4)]);
        let t = tri(5, &edges);
        assert_eq!((t.total, t.per_vertex), (4, vec![3, 3, 3, 3, 0]));
        // K5: C(5,3) = 10 triangles, 6 through each vertex.
        let k5: Vec<_> = (0..5)
            .flat_map(|a| (a + 1..5).map(move |b| (a, b)))
            .collect();
        assert_eq!(tri(5, &k5).per_vertex, [6; 5]);
        assert_eq!(tri(0, &[]).total, 0);
    }

    #[test]
    fn the_total_alone_equals_the_per_vertex_count() {
        // A small clique, a ring, parallel and reversed edges, self-loops, and a pseudo-random
        // graph dense enough for many triangles through the same vertices.
        let mut edges = vec![
            (0, 1),
            (1, 2),
            (2, 0),
            (1, 0),
            (2, 2),
            (3, 4),
            (4, 5),
            (5, 3),
        ];
        let mut x: u64 = 7;
        for _ in 0..3000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            edges.push(((x >> 33) as u32 % 120, (x >> 13) as u32 % 120));
        }
        let g = Graph::from_edges(120, &edges);
        let ctl = JobControl::new();
        let all = triangles(&g, &ctl).unwrap();
        assert!(all.total > 1000, "{}", all.total);
        assert_eq!(triangle_total(&g, &ctl).unwrap(), all.total);
    }

    #[test]
    fn catalogue_output() {
        let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 0), (2, 3)]);
        let run = |statistics: bool| {
            run_algo(
                &g,
                NAME,
                json!({ "statistics": statistics }).as_object().unwrap(),
                &JobControl::new(),
            )
            .unwrap()
        };
        let stats = run(true);
        assert_eq!(stats.scalars["triangle_count"], 1);
        assert_eq!(stats.rows, Rows::None);
        assert_eq!(
            run(false).rows,
            Rows::VertexMetric {
                key: "results",
                metric: "vertex_triangles",
                values: MetricValues::I64(vec![1, 1, 1, 0])
            }
        );
    }
}
