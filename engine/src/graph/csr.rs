//! Compressed sparse row adjacency: `offsets` (n + 1 entries) and `targets` (m entries).
//!
//! Invariants: `offsets[0] == 0`, `offsets` is non-decreasing, `offsets[n] == targets.len()`,
//! and vertex `v`'s neighbours are `targets[offsets[v]..offsets[v + 1]]`, sorted ascending
//! (parallel edges appear as repeated entries). Edge indices are `u32`, so a graph holds at most
//! `u32::MAX` edges; offsets are `u64` so that the layout never needs to change.

use std::ops::Range;

use serde::{Deserialize, Serialize};

mod blocked;
pub(crate) mod buckets;
mod direct;

use blocked::Blocking;

/// Edges from which [`Csr::transpose`] is cache-blocked. The blocked passes hold the targets'
/// low bits, 2 bytes per edge (about a tenth of a graph's bytes), while they run, and that
/// made the import's peak at Kronecker scale 18 (3.8 M edges) 1.33-1.38x the graph instead of
/// at most 1.2x, for a time gain lost in the noise there (0.29-0.33 s imports either way); at
/// scale 20 (16 M edges) and 22 they save time (about 400 ms of the build at 22) and the
/// peak is 1.15x the graph.
const BLOCKED_FROM: usize = 1 << 23;

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

    /// Sources `0..n` cut into `parts` ranges with about equal edge counts, for the transposes'
    /// parallel passes: part `p` starts at the first source whose edges start at or past
    /// `p·m/parts`.
    fn source_parts(&self, n: usize, parts: usize) -> Vec<Range<u32>> {
        let m = self.targets.len();
        let bounds: Vec<usize> = (0..=parts)
            .map(|p| {
                if p == parts {
                    return n;
                }
                let at = (p * m / parts) as u64;
                self.offsets[..n].partition_point(|&o| o < at)
            })
            .collect();
        bounds
            .windows(2)
            .map(|w| w[0] as u32..w[1] as u32)
            .collect()
    }

    /// The reverse adjacency and, for each of its entries, the index of the same edge in `self`.
    ///
    /// Each reversed neighbour list is sorted by source, parallel edges in out-edge order: the
    /// sequential result. From [`BLOCKED_FROM`] edges on it is built in two cache-sized passes
    /// ([`blocked`]): the edges are first appended to buckets of targets, then each bucket is
    /// sorted by target in cache. (A counting sort that wrote every edge straight to its place,
    /// two cache-missing writes per edge into the whole reversed arrays, took about 1 s of a
    /// 4.7 s import at scale 22.) Smaller graphs take that counting sort ([`direct`]).
    pub(crate) fn transpose(&self, n: usize) -> (Csr, Vec<u32>) {
        let m = self.targets.len();
        if m < BLOCKED_FROM {
            direct::transpose(self, n)
        } else {
            blocked::transpose(self, n, Blocking::for_graph(n, m))
        }
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
        let csr = random_csr(n, 200_000, |x| ((x >> 13) as u32 % n).min((x >> 53) as u32));
        let got = four_threads().install(|| csr.transpose(n as usize));
        assert_sequential(&csr, n, &got);
    }

    /// `n` vertices with `m` random edges (several between the same two vertices likely), each
    /// target `target(x)` of a random `x`.
    pub(super) fn random_csr(n: u32, m: usize, target: impl Fn(u64) -> u32) -> Csr {
        let mut x = 7u64;
        let mut lists: Vec<Vec<u32>> = vec![Vec::new(); n as usize];
        for _ in 0..m {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            lists[((x >> 33) % u64::from(n)) as usize].push(target(x));
        }
        let mut offsets = vec![0u64];
        let mut targets = Vec::new();
        for l in &mut lists {
            l.sort_unstable();
            targets.extend_from_slice(l);
            offsets.push(targets.len() as u64);
        }
        Csr::from_parts(offsets, targets)
    }

    /// Asserts that `(rev, ids)` is the sequential transpose of `csr`: its offsets the running
    /// in-degrees, and every reversed edge as (target, source, out-edge index) in sorted order.
    pub(super) fn assert_sequential(csr: &Csr, n: u32, (rev, ids): &(Csr, Vec<u32>)) {
        let mut offsets = vec![0u64; n as usize + 1];
        for &t in &csr.targets {
            offsets[t as usize + 1] += 1;
        }
        for v in 0..n as usize {
            offsets[v + 1] += offsets[v];
        }
        assert_eq!(rev.offsets, offsets);
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

    pub(super) fn four_threads() -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap()
    }

    /// 20,000 vertices and 600,000 edges, a quarter of them to 7 hubs spread over the
    /// buckets, so lists with parallel edges are common and the buckets are uneven.
    fn hub_graph() -> (Csr, u32) {
        let n = 20_000u32;
        let csr = random_csr(n, 600_000, |x| {
            let r = (x >> 13) as u32;
            if r.is_multiple_of(4) {
                (r >> 2) % 7 * 2903
            } else {
                r % n
            }
        });
        (csr, n)
    }

    #[test]
    fn a_transpose_over_several_buckets_and_parts_is_the_sequential_one() {
        let (csr, n) = hub_graph();
        let m = csr.edge_count();
        let blocking = Blocking::for_graph(n as usize, m);
        assert!(n >> blocking.shift >= 4, "several buckets");
        assert!(m >= buckets::PARALLEL_ITEMS, "several parts");
        assert!((0..n).any(|u| csr.neighbors(u).windows(2).any(|w| w[0] == w[1])));
        let rev = four_threads().install(|| blocked::transpose(&csr, n as usize, blocking));
        assert_sequential(&csr, n, &rev);
    }

    #[test]
    fn small_graphs_transpose_directly_to_the_blocked_arrays() {
        let (csr, n) = hub_graph();
        assert!(csr.edge_count() < BLOCKED_FROM);
        let blocking = Blocking::for_graph(n as usize, csr.edge_count());
        let pool = four_threads();
        let blocked = pool.install(|| blocked::transpose(&csr, n as usize, blocking));
        let direct = pool.install(|| direct::transpose(&csr, n as usize));
        assert_eq!(direct, blocked);
        assert_eq!(pool.install(|| csr.transpose(n as usize)), direct);
        assert_sequential(&csr, n, &direct);
    }

    #[test]
    fn graphs_without_edges_transpose_to_empty_lists() {
        assert_eq!(Csr::from_parts(vec![0], vec![]).transpose(0).0.offsets, [0]);
        let (rev, ids) = Csr::from_parts(vec![0; 6], vec![]).transpose(5);
        assert_eq!(
            (rev.offsets, rev.targets, ids),
            (vec![0; 6], vec![], vec![])
        );
    }
}
