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

pub(crate) mod buckets;

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
    /// A counting sort by target ([`buckets`]): the sources are cut into parts of about equal
    /// edge counts, and each part's task walks its edges by ascending source, so every reversed
    /// neighbour list comes out sorted and the result is the sequential one. (Each task used to
    /// walk every edge and keep those pointing into its range of targets: twice the threads'
    /// passes over the edges.)
    pub(crate) fn transpose(&self, n: usize) -> (Csr, Vec<u32>) {
        let m = self.targets.len();
        let parts = buckets::part_count(n, m);
        // Part p holds the sources from the first whose edges start at or past p·m/parts.
        let bounds: Vec<usize> = (0..=parts)
            .map(|p| {
                let at = (p * m / parts) as u64;
                self.offsets[..n].partition_point(|&o| o < at)
            })
            .map(|u| u.min(n))
            .collect();
        let sources = |p: usize| {
            bounds[p] as u32..if p + 1 == parts {
                n as u32
            } else {
                bounds[p + 1] as u32
            }
        };
        let (offsets, cursors) = buckets::part_cursors(n, parts, |p, counts| {
            let r = sources(p);
            let edges =
                self.offsets[r.start as usize] as usize..self.offsets[r.end as usize] as usize;
            for &t in &self.targets[edges] {
                counts[t as usize] += 1;
            }
        });
        let targets: Vec<AtomicU32> = vec![0u32; m].into_iter().map(AtomicU32::new).collect();
        let edge_ids: Vec<AtomicU32> = vec![0u32; m].into_iter().map(AtomicU32::new).collect();
        cursors
            .into_par_iter()
            .enumerate()
            .for_each(|(p, mut cursor)| {
                for u in sources(p) {
                    for k in self.range(u) {
                        let slot = &mut cursor[self.targets[k] as usize];
                        targets[*slot as usize].store(u, Relaxed);
                        edge_ids[*slot as usize].store(k as u32, Relaxed);
                        *slot += 1;
                    }
                }
            });
        // Same size and alignment: collected in place.
        let targets = targets.into_iter().map(AtomicU32::into_inner).collect();
        let edge_ids = edge_ids.into_iter().map(AtomicU32::into_inner).collect();
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

    #[test]
    fn a_transpose_in_parts_is_the_sequential_one() {
        // Enough edges for several parts, skewed so that a few targets take most of them.
        let n = 1000u32;
        let mut x = 7u64;
        let mut lists: Vec<Vec<u32>> = vec![Vec::new(); n as usize];
        for _ in 0..200_000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let (u, t) = (
                (x >> 33) as u32 % n,
                ((x >> 13) as u32 % n).min((x >> 53) as u32),
            );
            lists[u as usize].push(t);
        }
        let mut offsets = vec![0u64];
        let mut targets = Vec::new();
        for l in &mut lists {
            l.sort_unstable();
            targets.extend_from_slice(l);
            offsets.push(targets.len() as u64);
        }
        let csr = Csr::from_parts(offsets, targets);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let (rev, ids) = pool.install(|| csr.transpose(n as usize));
        // Each reversed edge as (target, source, out-edge index), in the sequential order.
        let mut want: Vec<(u32, u32, u32)> = (0..n)
            .flat_map(|u| csr.range(u).map(move |k| (u, k)))
            .map(|(u, k)| (csr.target(k), u, k as u32))
            .collect();
        want.sort_unstable();
        let got: Vec<(u32, u32, u32)> = (0..n)
            .flat_map(|t| rev.range(t).map(move |j| (t, j)))
            .map(|(t, j)| (t, rev.target(j), ids[j]))
            .collect();
        assert_eq!(got, want);
    }
}
