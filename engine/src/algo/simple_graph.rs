//! The undirected simple view of a graph: each vertex's distinct neighbours over out- and
//! in-edges, without self-loops, as a CSR. Triangle counting, clustering, k-core, link
//! prediction and node2vec work on this view (the textbook definitions assume a simple
//! undirected graph).

use rayon::prelude::*;

use super::traversal::unique_neighbors;
use crate::algo::k_hop::Direction;
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// Vertices per block between cancellation checks.
const BLOCK: usize = 1 << 16;
/// Vertices per parallel task.
const CHUNK: usize = 1024;

/// Undirected simple adjacency; neighbour lists are sorted ascending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SimpleGraph {
    /// `offsets[v]..offsets[v + 1]` indexes `targets`.
    offsets: Vec<usize>,
    targets: Vec<u32>,
}

impl SimpleGraph {
    /// Builds the view of `g`, in parallel.
    ///
    /// # Errors
    /// [`Cancelled`], checked between blocks of vertices.
    ///
    /// # Complexity
    /// O(n + m) time; O(n + m) memory.
    pub(crate) fn build(g: &Graph, ctl: &JobControl) -> Result<Self, Cancelled> {
        Self::from_lists(
            g.vertex_count(),
            |v, list| list.extend(unique_neighbors(g, v, Direction::All).filter(|&w| w != v)),
            ctl,
        )
    }

    /// The sub-adjacency keeping `v`'s neighbours `w` for which `keep(v, w)` holds (e.g. a
    /// degree-ordered orientation for triangle counting), in parallel.
    ///
    /// # Errors
    /// [`Cancelled`], checked between blocks of vertices.
    pub(crate) fn filtered(
        &self,
        keep: impl Fn(u32, u32) -> bool + Sync,
        ctl: &JobControl,
    ) -> Result<Self, Cancelled> {
        Self::from_lists(
            self.vertex_count(),
            |v, list| list.extend(self.neighbors(v).iter().copied().filter(|&w| keep(v, w))),
            ctl,
        )
    }

    /// A CSR whose list for `v` is what `fill(v, list)` appends; built in parallel chunks and
    /// concatenated in vertex order.
    fn from_lists(
        n: usize,
        fill: impl Fn(u32, &mut Vec<u32>) + Sync,
        ctl: &JobControl,
    ) -> Result<Self, Cancelled> {
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        let mut targets = Vec::new();
        for start in (0..n).step_by(BLOCK) {
            ctl.check()?;
            let end = (start + BLOCK).min(n);
            let chunks: Vec<(Vec<usize>, Vec<u32>)> = (start..end)
                .step_by(CHUNK)
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|c| {
                    let mut degrees = Vec::with_capacity(CHUNK);
                    let mut list = Vec::new();
                    for v in c..(c + CHUNK).min(end) {
                        let before = list.len();
                        fill(v as u32, &mut list);
                        degrees.push(list.len() - before);
                    }
                    (degrees, list)
                })
                .collect();
            for (degrees, list) in chunks {
                for d in degrees {
                    offsets.push(offsets.last().copied().unwrap_or(0) + d);
                }
                targets.extend_from_slice(&list);
            }
            ctl.set_progress(end as u64, n as u64);
        }
        Ok(Self { offsets, targets })
    }

    /// Number of vertices.
    pub(crate) fn vertex_count(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The distinct neighbours of `v`, ascending, `v` itself excluded.
    #[inline]
    pub(crate) fn neighbors(&self, v: u32) -> &[u32] {
        &self.targets[self.offsets[v as usize]..self.offsets[v as usize + 1]]
    }

    /// Number of distinct neighbours of `v`.
    #[inline]
    pub(crate) fn degree(&self, v: u32) -> usize {
        self.offsets[v as usize + 1] - self.offsets[v as usize]
    }

    /// Whether `u` and `v` are adjacent (binary search in `u`'s list).
    #[inline]
    pub(crate) fn adjacent(&self, u: u32, v: u32) -> bool {
        self.neighbors(u).binary_search(&v).is_ok()
    }
}

/// Number of common entries of two ascending lists.
pub(crate) fn intersection_size(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_view_drops_loops_directions_and_repeats() {
        let g = Graph::from_edges(4, &[(0, 1), (1, 0), (0, 1), (2, 2), (2, 0), (3, 2)]);
        let s = SimpleGraph::build(&g, &JobControl::new()).unwrap();
        assert_eq!(s.vertex_count(), 4);
        assert_eq!(s.neighbors(0), [1, 2]);
        assert_eq!(s.neighbors(1), [0]);
        assert_eq!(s.neighbors(2), [0, 3]);
        assert_eq!(s.degree(3), 1);
        assert!(s.adjacent(3, 2) && !s.adjacent(3, 0));
        assert_eq!(intersection_size(&[1, 3, 5, 7], &[2, 3, 7, 9]), 2);
        let ctl = JobControl::new();
        ctl.cancel();
        assert_eq!(SimpleGraph::build(&g, &ctl), Err(Cancelled));
    }
}
