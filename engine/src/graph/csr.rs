//! Compressed sparse row adjacency: `offsets` (n + 1 entries) and `targets` (m entries).
//!
//! Invariants: `offsets[0] == 0`, `offsets` is non-decreasing, `offsets[n] == targets.len()`,
//! and vertex `v`'s neighbours are `targets[offsets[v]..offsets[v + 1]]`, sorted ascending
//! (parallel edges appear as repeated entries). Edge indices are `u32`, so a graph holds at most
//! `u32::MAX` edges; offsets are `u64` so that the layout never needs to change.

use std::ops::Range;

use serde::{Deserialize, Serialize};

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
    /// Filling by ascending source keeps every reversed neighbour list sorted.
    pub(crate) fn transpose(&self, n: usize) -> (Csr, Vec<u32>) {
        let mut offsets = vec![0u64; n + 1];
        for &t in &self.targets {
            offsets[t as usize + 1] += 1;
        }
        for v in 0..n {
            offsets[v + 1] += offsets[v];
        }
        let mut cursor: Vec<u64> = offsets[..n].to_vec();
        let mut targets = vec![0u32; self.targets.len()];
        let mut edge_ids = vec![0u32; self.targets.len()];
        for u in 0..n {
            for k in self.range(u as u32) {
                let t = self.targets[k] as usize;
                let pos = cursor[t] as usize;
                cursor[t] += 1;
                targets[pos] = u as u32;
                edge_ids[pos] = k as u32;
            }
        }
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
