//! Weakly connected components (GES `connected_component`).
//!
//! Afforest-style parallel union-find over atomics: roots always link to the smaller index, so
//! each component ends up represented by its smallest vertex index (deterministic whatever the
//! thread interleaving). First every vertex is linked to its first two out-neighbours (a sparse
//! sample that already merges most of a giant component); then the most frequent root in a small
//! sample is taken as the giant component, and only vertices outside it link their remaining
//! out-edges and all in-edges. Edges are treated as undirected.

use std::sync::atomic::{AtomicU32, Ordering};

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

/// Out-neighbours linked in the sampling phase.
const SAMPLE_NEIGHBORS: usize = 2;
/// Vertices per block between cancellation checks.
const BLOCK: usize = 1 << 16;

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
    let parent: Vec<AtomicU32> = (0..n as u32).map(AtomicU32::new).collect();
    let blocks = n.div_ceil(BLOCK) as u64;
    let total = blocks * (SAMPLE_NEIGHBORS as u64 + 2);
    let mut done = 0;
    let mut for_blocks = |f: &(dyn Fn(u32) + Sync)| -> Result<(), Cancelled> {
        for start in (0..n).step_by(BLOCK) {
            ctl.check()?;
            (start..(start + BLOCK).min(n))
                .into_par_iter()
                .for_each(|v| f(v as u32));
            done += 1;
            ctl.set_progress(done, total);
        }
        Ok(())
    };
    // 1. Sampling: link each vertex to its first few out-neighbours, one round at a time.
    for r in 0..SAMPLE_NEIGHBORS {
        for_blocks(&|v| {
            if let Some(&w) = graph.out_neighbors(v).get(r) {
                union(&parent, v, w);
            }
        })?;
        for_blocks(&|v| compress(&parent, v))?;
    }
    // 2. The most frequent root among a sample is (very likely) the giant component.
    let giant = most_frequent_root(&parent, n);
    // 3. Finish: vertices outside the giant component link everything else.
    for_blocks(&|v| {
        if find(&parent, v) == giant {
            return;
        }
        for &w in graph.out_neighbors(v).iter().skip(SAMPLE_NEIGHBORS) {
            union(&parent, v, w);
        }
        for &u in graph.in_neighbors(v) {
            union(&parent, v, u);
        }
    })?;
    ctl.check()?;
    let component: Vec<u32> = (0..n as u32)
        .into_par_iter()
        .map(|v| find(&parent, v))
        .collect();
    let mut sizes = vec![0u32; n];
    for &c in &component {
        sizes[c as usize] += 1;
    }
    // Ties go to the smallest representative: max_by_key keeps the last maximum, so scan in
    // reverse.
    let best = sizes
        .iter()
        .enumerate()
        .rev()
        .max_by_key(|&(_, &s)| s)
        .filter(|&(_, &s)| s > 0);
    Ok(Components {
        component,
        max_size: best.map_or(0, |(_, &s)| s as u64),
        max_id: best.map(|(v, _)| v as u32),
    })
}

/// The root of `x`, halving the path on the way (parents only ever decrease).
fn find(parent: &[AtomicU32], mut x: u32) -> u32 {
    loop {
        let p = parent[x as usize].load(Ordering::Acquire);
        if p == x {
            return x;
        }
        let gp = parent[p as usize].load(Ordering::Acquire);
        if gp != p {
            let _ = parent[x as usize].compare_exchange_weak(
                p,
                gp,
                Ordering::AcqRel,
                Ordering::Relaxed,
            );
        }
        x = gp;
    }
}

/// Merges the sets of `a` and `b`, linking the larger root under the smaller.
fn union(parent: &[AtomicU32], a: u32, b: u32) {
    let (mut a, mut b) = (a, b);
    loop {
        a = find(parent, a);
        b = find(parent, b);
        if a == b {
            return;
        }
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        if parent[hi as usize]
            .compare_exchange(hi, lo, Ordering::AcqRel, Ordering::Relaxed)
            .is_ok()
        {
            return;
        }
    }
}

fn compress(parent: &[AtomicU32], v: u32) {
    let root = find(parent, v);
    parent[v as usize].store(root, Ordering::Release);
}

/// Most frequent root among up to 1024 evenly spaced vertices (deterministic).
fn most_frequent_root(parent: &[AtomicU32], n: usize) -> u32 {
    if n == 0 {
        return 0;
    }
    let step = (n / 1024).max(1);
    let mut roots: Vec<u32> = (0..n)
        .step_by(step)
        .map(|v| find(parent, v as u32))
        .collect();
    roots.sort_unstable();
    roots
        .chunk_by(|a, b| a == b)
        .max_by_key(|run| run.len())
        .map_or(0, |run| run[0])
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
