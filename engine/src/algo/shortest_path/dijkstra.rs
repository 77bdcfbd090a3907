//! Weighted shortest path: Dijkstra with a binary heap and early exit at the target.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use super::NONE;
use super::bfs::walk;
use crate::algo::{AlgoError, Result};
use crate::graph::{EdgeWeights, Graph};
use crate::job::control::JobControl;

/// Heap pops between cancellation checks.
const CHECK_EVERY: usize = 4096;

/// A heap key ordering distances with `total_cmp`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Dist(f64);

impl Eq for Dist {}

impl PartialOrd for Dist {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Dist {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// A shortest path by total weight from `s` to `t` and its length, `None` if unreachable.
/// An edge without a value weighs 1.
///
/// # Errors
/// [`AlgoError::Param`] naming `weight` when an edge on the way weighs ≤ 0 (or NaN);
/// [`AlgoError::Cancelled`].
///
/// # Complexity
/// O((n + m) log n).
pub fn dijkstra_path(
    g: &Graph,
    s: u32,
    t: u32,
    weights: &EdgeWeights<'_>,
    directed: bool,
    ctl: &JobControl,
) -> Result<Option<(Vec<u32>, f64)>> {
    let n = g.vertex_count();
    let mut dist = vec![f64::INFINITY; n];
    let mut parent = vec![NONE; n];
    dist[s as usize] = 0.0;
    parent[s as usize] = s;
    let mut heap = BinaryHeap::from([Reverse((Dist(0.0), s))]);
    let mut pops = 0usize;
    let weight_of = |k: usize, from: u32, to: u32| -> Result<f64> {
        let w = weights.get(k).unwrap_or(1.0);
        if w > 0.0 {
            Ok(w)
        } else {
            Err(AlgoError::Param(format!(
                "parameter [weight] is invalid! Edge weights must be > 0, found {w} on the edge [{}] -> [{}].",
                g.vertex_name(from),
                g.vertex_name(to)
            )))
        }
    };
    while let Some(Reverse((Dist(d), u))) = heap.pop() {
        pops += 1;
        if pops.is_multiple_of(CHECK_EVERY) {
            ctl.check()?;
            ctl.set_progress(pops as u64, n as u64);
        }
        if d > dist[u as usize] {
            continue;
        }
        if u == t {
            let mut path = walk(&parent, t);
            path.reverse();
            return Ok(Some((path, d)));
        }
        let mut relax = |w: u32, len: f64| {
            let nd = d + len;
            if nd < dist[w as usize] {
                dist[w as usize] = nd;
                parent[w as usize] = u;
                heap.push(Reverse((Dist(nd), w)));
            }
        };
        let range = g.out_edge_range(u);
        for (k, &w) in range.clone().zip(g.out_neighbors(u)) {
            relax(w, weight_of(k, u, w)?);
        }
        if !directed {
            for (&k, &w) in g.in_edge_ids(u).iter().zip(g.in_neighbors(u)) {
                relax(w, weight_of(k as usize, w, u)?);
            }
        }
    }
    Ok(None)
}
