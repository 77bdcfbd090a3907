//! Compressed sparse row adjacency: `offsets` (n + 1 entries) and `targets` (m entries).
//!
//! Invariants: `offsets[0] == 0`, `offsets` is non-decreasing, `offsets[n] == targets.len()`,
//! and vertex `v`'s neighbours are `targets[offsets[v]..offsets[v + 1]]`, sorted ascending
//! (parallel edges appear as repeated entries). Edge indices are `u32`, so a graph holds at most
//! `u32::MAX` edges; offsets are `u64` so that the layout never needs to change.

use std::ops::Range;
use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

use rayon::prelude::*;

use serde::{Deserialize, Serialize};

/// Edges per task when counting in-degrees.
const COUNT_CHUNK: usize = 1 << 16;
/// Graphs with fewer edges are transposed by one task.
const PARALLEL_EDGES: usize = 1 << 16;

/// One direction of a graph's adjacency.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Csr {
    offsets: Vec<u64>,
    targets: Vec<u32>,
}

impl Csr {
    /// From its two arrays, which must keep the invariants above.
    pub(crate) fn from_parts(offsets: Vec<u64>, targets: Vec<u32>) -> Self {
        debug_assert_eq!(offsets.last().copied(), Some(targets.len() as u64));
        debug_assert!(offsets.windows(2).all(|w| w[0] <= w[1]));
        Self { offsets, targets }
    }

    /// Edge index range of `v`'s neighbours.
    #[inline]
    pub(crate) fn range(&self, v: u32) -> Range<usize> {
        self.offsets[v as usize] as usize..self.offsets[v as usize + 1] as usize
    }

    /// `v`'s neighbours, sorted.
    #[inline]
    pub(crate) fn neighbors(&self, v: u32) -> &[u32] {
        &self.targets[self.range(v)]
    }

    /// Target of edge `k`. Panics if `k` is out of range.
    #[inline]
    pub(crate) fn target(&self, k: usize) -> u32 {
        self.targets[k]
    }

    /// Number of edges.
    pub(crate) fn edge_count(&self) -> usize {
        self.targets.len()
    }

    /// The reverse adjacency and, for each of its entries, the index of the same edge in `self`.
    ///
    /// Filling by ascending source keeps every reversed neighbour list sorted. In parallel: the
    /// in-degrees are counted over slices of the edges; then the targets are cut into ranges
    /// holding about the same number of in-edges, and each range's task walks every edge by
    /// ascending source and places those that point into its range. A range's entries are one
    /// contiguous part of the result, written by that task alone, so the result is the
    /// sequential one whatever the thread timing.
    pub(crate) fn transpose(&self, n: usize) -> (Csr, Vec<u32>) {
        let m = self.targets.len();
        let counts: Vec<AtomicU32> = (0..n).map(|_| AtomicU32::new(0)).collect();
        self.targets.par_chunks(COUNT_CHUNK).for_each(|chunk| {
            for &t in chunk {
                counts[t as usize].fetch_add(1, Relaxed);
            }
        });
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0u64);
        let mut sum = 0;
        for c in counts {
            sum += u64::from(c.into_inner());
            offsets.push(sum);
        }
        let parts = if m < PARALLEL_EDGES {
            1
        } else {
            2 * rayon::current_num_threads()
        };
        // Range i holds the targets from the first whose in-edges start at or past i·m/parts.
        let mut bounds: Vec<usize> = (0..parts)
            .map(|i| {
                offsets
                    .partition_point(|&o| o < (i * m / parts) as u64)
                    .min(n)
            })
            .collect();
        bounds.push(n);
        bounds.dedup();
        let mut targets = vec![0u32; m];
        let mut edge_ids = vec![0u32; m];
        let mut tasks = Vec::with_capacity(bounds.len());
        let (mut rest_t, mut rest_e) = (&mut targets[..], &mut edge_ids[..]);
        for w in bounds.windows(2) {
            let size = (offsets[w[1]] - offsets[w[0]]) as usize;
            let (t, tail_t) = std::mem::take(&mut rest_t).split_at_mut(size);
            let (e, tail_e) = std::mem::take(&mut rest_e).split_at_mut(size);
            (rest_t, rest_e) = (tail_t, tail_e);
            tasks.push((w[0], w[1], t, e));
        }
        let offsets_ref = &offsets;
        tasks.into_par_iter().for_each(|(lo, hi, t, e)| {
            let base = offsets_ref[lo];
            let mut cursor: Vec<usize> = offsets_ref[lo..hi]
                .iter()
                .map(|&o| (o - base) as usize)
                .collect();
            let (lo, hi) = (lo as u32, hi as u32);
            for u in 0..n as u32 {
                for k in self.range(u) {
                    let target = self.targets[k];
                    if (lo..hi).contains(&target) {
                        let slot = &mut cursor[(target - lo) as usize];
                        t[*slot] = u;
                        e[*slot] = k as u32;
                        *slot += 1;
                    }
                }
            }
        });
        (Csr { offsets, targets }, edge_ids)
    }

    /// Approximate heap bytes held.
    pub(crate) fn memory_bytes(&self) -> u64 {
        (self.offsets.capacity() * 8 + self.targets.capacity() * 4) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_transposes() {
        // 0->1, 0->2, 2->0, 2->1 (sorted by source then target)
        let csr = Csr::from_parts(vec![0, 2, 2, 4], vec![1, 2, 0, 1]);
        assert_eq!(csr.neighbors(0), [1, 2]);
        assert!(csr.neighbors(1).is_empty());
        assert_eq!(csr.neighbors(2), [0, 1]);
        assert_eq!(csr.range(2), 2..4);
        let (rev, ids) = csr.transpose(3);
        assert_eq!(rev.neighbors(0), [2]);
        assert_eq!(rev.neighbors(1), [0, 2]);
        assert_eq!(rev.neighbors(2), [0]);
        assert_eq!(ids, [2, 0, 3, 1]);
        assert_eq!(rev.edge_count(), 4);
    }
}
