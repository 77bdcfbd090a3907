//! Weakly connected components (GES `connected_component`).
//!
//! Afforest (Sutton et al., as in GAP's `cc.cc`): parallel union-find over atomics where roots
//! always link to the smaller index, so each component ends up represented by its smallest
//! vertex index (deterministic whatever the thread interleaving). First every vertex is linked to
//! its first two undirected neighbours (`in(v) ++ out(v)`; a sparse sample that already merges
//! most of a giant component), compressing after each round; then the most frequent root in a
//! small sample is taken as the giant component, and only vertices outside it link their
//! remaining neighbours. Edges are treated as undirected.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::{AlgoOutput, AlgorithmSpec, MetricValues, Params, Result, Rows};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// The GES algorithm name.
pub const NAME: &str = "connected_component";

/// Catalogue entry (no parameters).
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Weakly connected components: groups of vertices joined by edges in either \
                  direction. Each vertex's community is its component's representative vertex \
                  (the component's first vertex in import order); Max_WCC_size and Max_WCC_id \
                  describe the largest component.",
    params: &[],
    sync: false,
    result_key: "results",
    filters: &[],
};

/// Undirected neighbours linked in the sampling phase.
const SAMPLE_NEIGHBORS: usize = 2;
/// Vertices per block between cancellation checks.
const BLOCK: usize = 1 << 18;
/// Vertices per parallel task.
const CHUNK: usize = 2048;

/// Components of `graph`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Components {
    /// For each vertex, its component's representative (smallest vertex index in it).
    pub component: Vec<u32>,
    /// Size of the largest component (0 for an empty graph).
    pub max_size: u64,
    /// Representative of the largest component (smallest representative among ties).
    pub max_id: Option<u32>,
}

/// Computes weakly connected components.
///
/// # Errors
/// [`Cancelled`] if the job was cancelled (checked between blocks of vertices).
///
/// # Complexity
/// O(n + m · α(n)) work, parallel over vertices.
///
/// # Example
/// ```
/// use engine::algo::connected_component::wcc;
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// let g = Graph::from_edges(4, &[(1, 0), (3, 2)]);
/// assert_eq!(wcc(&g, &JobControl::new()).unwrap().component, [0, 0, 2, 2]);
/// ```
pub fn wcc(graph: &Graph, ctl: &JobControl) -> Result<Components, Cancelled> {
    let n = graph.vertex_count();
    let parent: Vec<AtomicU32> = (0..n as u32).into_par_iter().map(AtomicU32::new).collect();
    let comp = &parent[..];
    let mut phases = Phases::new(n, 2 * SAMPLE_NEIGHBORS as u64 + 2, ctl);
    // 1. Sampling: link each vertex to its r-th undirected neighbour, one round at a time.
    for r in 0..SAMPLE_NEIGHBORS {
        phases.run(|v| {
            let inn = graph.in_neighbors(v);
            let w = match inn.get(r) {
                Some(&w) => Some(w),
                None => graph.out_neighbors(v).get(r - inn.len()).copied(),
            };
            if let Some(w) = w {
                link(comp, v, w);
            }
        })?;
        phases.run(|v| compress(comp, v))?;
    }
    // 2. The most frequent root among a sample is (very likely) the giant component.
    let giant = most_frequent_root(comp, n);
    // 3. Finish: vertices outside the giant component link everything else.
    phases.run(|v| {
        if comp[v as usize].load(Relaxed) == giant {
            return;
        }
        let (inn, out) = (graph.in_neighbors(v), graph.out_neighbors(v));
        for &w in inn.iter().chain(out).skip(SAMPLE_NEIGHBORS) {
            link(comp, v, w);
        }
    })?;
    phases.run(|v| compress(comp, v))?;
    let component: Vec<u32> = parent.into_iter().map(AtomicU32::into_inner).collect();
    let (max_size, max_id) = largest(&component, giant);
    Ok(Components {
        component,
        max_size,
        max_id,
    })
}

/// Runs each phase over all vertices in blocks, checking for cancellation between blocks.
struct Phases<'a> {
    n: usize,
    done: u64,
    total: u64,
    ctl: &'a JobControl,
}

impl<'a> Phases<'a> {
    fn new(n: usize, phases: u64, ctl: &'a JobControl) -> Self {
        let total = n.div_ceil(BLOCK) as u64 * phases;
        Self {
            n,
            done: 0,
            total,
            ctl,
        }
    }

    fn run(&mut self, f: impl Fn(u32) + Sync) -> Result<(), Cancelled> {
        for start in (0..self.n).step_by(BLOCK) {
            self.ctl.check()?;
            let end = (start + BLOCK).min(self.n);
            (start..end)
                .into_par_iter()
                .step_by(CHUNK)
                .for_each(|c| (c..(c + CHUNK).min(end)).for_each(|v| f(v as u32)));
            self.done += 1;
            self.ctl.set_progress(self.done, self.total);
        }
        Ok(())
    }
}

/// Joins the trees of `u` and `v` (GAP's `Link`): walks up from their parents and swings the
/// larger root under the smaller with one compare-exchange. Every parent is at most its child,
/// so the roots stay the trees' minimum indices.
fn link(comp: &[AtomicU32], u: u32, v: u32) {
    let mut p1 = comp[u as usize].load(Relaxed);
    let mut p2 = comp[v as usize].load(Relaxed);
    while p1 != p2 {
        let (high, low) = if p1 > p2 { (p1, p2) } else { (p2, p1) };
        let p_high = comp[high as usize].load(Relaxed);
        if p_high == low
            || (p_high == high
                && comp[high as usize]
                    .compare_exchange(high, low, Relaxed, Relaxed)
                    .is_ok())
        {
            return;
        }
        p1 = comp[comp[high as usize].load(Relaxed) as usize].load(Relaxed);
        p2 = comp[low as usize].load(Relaxed);
    }
}

/// Points `v` at its root (GAP's `Compress`). Runs with no link in flight; concurrent
/// compressions only shorten paths, as every write is an ancestor of the old parent.
fn compress(comp: &[AtomicU32], v: u32) {
    let slot = &comp[v as usize];
    loop {
        let p = slot.load(Relaxed);
        let gp = comp[p as usize].load(Relaxed);
        if p == gp {
            return;
        }
        slot.store(gp, Relaxed);
    }
}

/// The root of `x` (read-only).
fn find(comp: &[AtomicU32], mut x: u32) -> u32 {
    loop {
        let p = comp[x as usize].load(Relaxed);
        if p == x {
            return x;
        }
        x = p;
    }
}

/// Most frequent root among up to 1024 evenly spaced vertices (deterministic).
fn most_frequent_root(comp: &[AtomicU32], n: usize) -> u32 {
    if n == 0 {
        return 0;
    }
    let step = (n / 1024).max(1);
    let mut roots: Vec<u32> = (0..n).step_by(step).map(|v| find(comp, v as u32)).collect();
    roots.sort_unstable();
    roots
        .chunk_by(|a, b| a == b)
        .max_by_key(|run| run.len())
        .map_or(0, |run| run[0])
}

/// `(size, representative)` of the largest component, the smallest representative among ties;
/// `(0, None)` for an empty graph. `sampled` is a likely large root: when its component holds
/// more than half the vertices no other can match it, and no histogram is needed.
fn largest(component: &[u32], sampled: u32) -> (u64, Option<u32>) {
    let n = component.len();
    if n == 0 {
        return (0, None);
    }
    let giant = component[sampled as usize];
    let count = component.par_iter().filter(|&&c| c == giant).count();
    if 2 * count > n {
        return (count as u64, Some(giant));
    }
    let mut sizes = vec![0u32; n];
    for &c in component {
        sizes[c as usize] += 1;
    }
    let (size, rev) = sizes
        .par_iter()
        .enumerate()
        .map(|(v, &s)| (s, std::cmp::Reverse(v)))
        .max()
        .expect("n > 0");
    (u64::from(size), Some(rev.0 as u32))
}

/// There are no parameters to check.
pub(super) fn validate(_: &Params<'_>) -> Result<()> {
    Ok(())
}

/// Runs `connected_component` for the catalogue: `Max_WCC_size`, `Max_WCC_id` and rows
/// `results` of `{"id", "community"}` (the representative's name).
pub(super) fn run(g: &Graph, _: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let c = wcc(g, ctl)?;
    let mut scalars = Map::new();
    scalars.insert("Max_WCC_size".into(), Value::from(c.max_size));
    scalars.insert(
        "Max_WCC_id".into(),
        c.max_id
            .map_or(Value::Null, |v| Value::String(g.vertex_name(v).to_string())),
    );
    Ok(AlgoOutput {
        scalars,
        rows: Rows::VertexMetric {
            key: "results",
            metric: "community",
            values: MetricValues::Vertex(c.component),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::{AlgoError, run as run_algo};

    #[test]
    fn two_components_and_an_isolated_vertex() {
        // {0,1,2} via 2->0 and 1->2 (direction ignored), {3,4}, {5} alone.
        let g = Graph::from_edges(6, &[(2, 0), (1, 2), (4, 3)]);
        let c = wcc(&g, &JobControl::new()).unwrap();
        assert_eq!(c.component, [0, 0, 0, 3, 3, 5]);
        assert_eq!((c.max_size, c.max_id), (3, Some(0)));
    }

    #[test]
    fn ties_pick_the_smallest_representative() {
        let g = Graph::from_edges(4, &[(3, 2), (1, 0)]);
        let c = wcc(&g, &JobControl::new()).unwrap();
        assert_eq!((c.max_size, c.max_id), (2, Some(0)));
    }

    #[test]
    fn edges_only_reachable_backwards_are_followed() {
        // Vertex 0 (in the sampled giant component) has the only edge to 9: 9 has no out-edges,
        // so it is found through its in-edges in the finishing phase.
        let mut edges: Vec<(u32, u32)> = (1..9).map(|v| (v, 0)).collect();
        edges.extend([(0, 1), (0, 2), (0, 9), (10, 11)]);
        let g = Graph::from_edges(12, &edges);
        let c = wcc(&g, &JobControl::new()).unwrap();
        assert_eq!(c.component, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 10]);
        assert_eq!(c.max_size, 10);
    }

    #[test]
    fn a_long_path_in_random_order_is_one_component() {
        // A path whose vertex order is scrambled, so unions happen in many orders.
        let n = 200_000u32;
        let perm = |i: u32| (i as u64 * 7919 % n as u64) as u32;
        let edges: Vec<_> = (0..n - 1).map(|i| (perm(i + 1), perm(i))).collect();
        let g = Graph::from_edges(n as usize, &edges);
        let c = wcc(&g, &JobControl::new()).unwrap();
        assert!(c.component.iter().all(|&x| x == 0));
        assert_eq!(c.max_size, n as u64);
    }

    #[test]
    fn catalogue_output_and_cancellation() {
        let g = Graph::from_edges(3, &[(2, 1)]);
        let out = run_algo(&g, "connected_component", &Map::new(), &JobControl::new()).unwrap();
        assert_eq!(out.scalars["Max_WCC_size"], 2);
        assert_eq!(out.scalars["Max_WCC_id"], "1");
        assert_eq!(
            out.rows,
            Rows::VertexMetric {
                key: "results",
                metric: "community",
                values: MetricValues::Vertex(vec![0, 1, 1])
            }
        );
        let ctl = JobControl::new();
        ctl.cancel();
        assert_eq!(
            run_algo(&g, "connected_component", &Map::new(), &ctl),
            Err(AlgoError::Cancelled)
        );
        let empty = run_algo(
            &Graph::from_edges(0, &[]),
            "connected_component",
            &Map::new(),
            &JobControl::new(),
        )
        .unwrap();
        assert_eq!(empty.scalars["Max_WCC_size"], 0);
        assert_eq!(empty.scalars["Max_WCC_id"], Value::Null);
    }
}
