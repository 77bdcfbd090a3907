//! [`Csr::transpose`] in two cache-sized passes ("propagation blocking").
//!
//! Scattering each edge straight to its place in the reversed arrays costs two cache-missing
//! writes per edge anywhere in them (512 MB at scale 22). Here the targets are cut into buckets
//! of `2^shift` consecutive ids, each holding about [`BUCKET_ENTRIES`] reversed edges.
//!
//! - Pass 1 walks the edges in parts of ascending sources, one task each, and appends each
//!   edge's source, index and target (less its bucket's first id, as a `u16`) to the run of its
//!   part and bucket: a few sequential write streams per bucket instead of random writes. A
//!   bucket's region of the final arrays holds its parts' runs in part order, so its entries
//!   are in ascending (source, edge index) order.
//! - Pass 2 sorts each region by target, in parallel over the (disjoint) regions, with a stable
//!   counting sort through a scratch copy that fits in the core's cache. Stable, so each
//!   reversed list is sorted by source with parallel edges in out-edge order: the sequential
//!   result, whatever the thread timing.
//!
//! Extra memory: the targets' low bits (2 bytes per edge, freed at the end), each task's
//! scratch (at most [`SCRATCH_ENTRIES`] entries: a bigger region is sorted in place), and one
//! counter per (part, bucket). The per-target counts come out of pass 2, so no task keeps a
//! counter per vertex.

use std::ops::Range;

use rayon::prelude::*;

use super::Csr;
use super::buckets::PARALLEL_ITEMS;

/// Reversed edges a bucket should hold: with its scratch copy and counters, about 2 MiB, one
/// core's L2 cache here.
const BUCKET_ENTRIES: u64 = 1 << 17;

/// The largest region sorted through a scratch copy (8 bytes an entry); a bigger one (a
/// bucket of hubs) is sorted in place, so a task never holds more than 8 MiB of scratch.
const SCRATCH_ENTRIES: usize = 1 << 20;

/// How the targets are cut into buckets and how big a region's scratch may be.
#[derive(Debug, Clone, Copy)]
pub(super) struct Blocking {
    /// A bucket holds the targets `b << shift..(b + 1) << shift`; at most 16, so that a
    /// target's place in its bucket fits a `u16`.
    pub(super) shift: u32,
    /// Regions with more entries are sorted in place.
    pub(super) scratch_entries: usize,
}

impl Blocking {
    /// Buckets of about [`BUCKET_ENTRIES`] reversed edges for `n` vertices and `m` edges.
    pub(super) fn for_graph(n: usize, m: usize) -> Self {
        let ids = (BUCKET_ENTRIES * n as u64 / m.max(1) as u64).max(1);
        Self {
            shift: ids.ilog2().min(16),
            scratch_entries: SCRATCH_ENTRIES,
        }
    }
}

/// The reverse of `g` (over `n` vertices) and, for each of its entries, the index of the same
/// edge in `g`.
pub(super) fn transpose(g: &Csr, n: usize, blocking: Blocking) -> (Csr, Vec<u32>) {
    let m = g.targets.len();
    let shift = blocking.shift;
    let width = 1usize << shift;
    let buckets = n.div_ceil(width);
    let parts = if m < PARALLEL_ITEMS {
        1
    } else {
        rayon::current_num_threads()
    };
    let sources = g.source_parts(n, parts);
    let part_edges =
        |r: &Range<u32>| g.offsets[r.start as usize] as usize..g.offsets[r.end as usize] as usize;
    let counts: Vec<Vec<usize>> = sources
        .par_iter()
        .map(|r| {
            let mut counts = vec![0usize; buckets];
            for &t in &g.targets[part_edges(r)] {
                counts[(t >> shift) as usize] += 1;
            }
            counts
        })
        .collect();
    let mut targets = vec![0u32; m];
    let mut edge_ids = vec![0u32; m];
    let mut lows = vec![0u16; m];

    // Pass 1: each part's runs, bucket by bucket, in part order inside a bucket.
    let mut runs: Vec<Vec<Run<'_>>> = (0..parts).map(|_| Vec::with_capacity(buckets)).collect();
    let mut rest = Run::new(&mut targets, &mut edge_ids, &mut lows);
    for b in 0..buckets {
        for (part, counts) in runs.iter_mut().zip(&counts) {
            part.push(rest.take_front(counts[b]));
        }
    }
    let low_mask = (width - 1) as u32;
    runs.into_par_iter()
        .zip(&sources)
        .for_each(|(mut runs, r)| {
            for u in r.clone() {
                let edges = g.range(u);
                for (k, &t) in edges.clone().zip(&g.targets[edges]) {
                    runs[(t >> shift) as usize].push(u, k as u32, (t & low_mask) as u16);
                }
            }
        });

    // Pass 2: each bucket's region sorted by target, its targets' offsets written.
    let mut offsets = vec![0u64; n + 1];
    offsets[n] = m as u64;
    let mut regions = Vec::with_capacity(buckets);
    let mut rest = Run::new(&mut targets, &mut edge_ids, &mut lows);
    let mut start = 0u64;
    for b in 0..buckets {
        let len: usize = counts.iter().map(|c| c[b]).sum();
        regions.push((start, rest.take_front(len)));
        start += len as u64;
    }
    regions
        .into_par_iter()
        .zip(offsets[..n].par_chunks_mut(width))
        .for_each_init(Scratch::default, |scratch, ((start, region), offsets)| {
            region.sort(start, offsets, scratch, blocking.scratch_entries);
        });
    drop(lows);
    (Csr { offsets, targets }, edge_ids)
}

/// Parallel slices of the reversed arrays (sources, edge indices, targets' low bits), filled
/// from the front.
struct Run<'a> {
    sources: &'a mut [u32],
    edges: &'a mut [u32],
    lows: &'a mut [u16],
    filled: usize,
}

impl<'a> Run<'a> {
    fn new(sources: &'a mut [u32], edges: &'a mut [u32], lows: &'a mut [u16]) -> Self {
        Self {
            sources,
            edges,
            lows,
            filled: 0,
        }
    }

    /// The first `len` entries, split off.
    fn take_front(&mut self, len: usize) -> Run<'a> {
        let (sources, rest_sources) = std::mem::take(&mut self.sources).split_at_mut(len);
        let (edges, rest_edges) = std::mem::take(&mut self.edges).split_at_mut(len);
        let (lows, rest_lows) = std::mem::take(&mut self.lows).split_at_mut(len);
        (self.sources, self.edges, self.lows) = (rest_sources, rest_edges, rest_lows);
        Run::new(sources, edges, lows)
    }

    #[inline]
    fn push(&mut self, source: u32, edge: u32, low: u16) {
        let i = self.filled;
        self.sources[i] = source;
        self.edges[i] = edge;
        self.lows[i] = low;
        self.filled = i + 1;
    }

    /// Sorts a bucket's region (at `start` in the whole arrays) by target, keeping the order
    /// of equal targets, and writes its targets' offsets (one per target of the bucket).
    fn sort(self, start: u64, offsets: &mut [u64], scratch: &mut Scratch, scratch_entries: usize) {
        let len = self.lows.len();
        let cursor = &mut scratch.cursor;
        cursor.clear();
        cursor.resize(offsets.len(), 0);
        for &low in self.lows.iter() {
            cursor[low as usize] += 1;
        }
        let mut at = 0u32;
        let mut largest = 0;
        for (c, o) in cursor.iter_mut().zip(offsets.iter_mut()) {
            *o = start + u64::from(at);
            largest = largest.max(*c);
            (*c, at) = (at, at + *c);
        }
        if largest as usize == len {
            // One target (or none): already in order.
        } else if len <= scratch_entries {
            scratch.sources.clear();
            scratch.sources.extend_from_slice(self.sources);
            scratch.edges.clear();
            scratch.edges.extend_from_slice(self.edges);
            for ((&low, &u), &k) in self.lows.iter().zip(&scratch.sources).zip(&scratch.edges) {
                let c = &mut cursor[low as usize];
                self.sources[*c as usize] = u;
                self.edges[*c as usize] = k;
                *c += 1;
            }
        } else {
            self.sort_in_place(start, offsets, cursor);
        }
    }

    /// [`sort`](Self::sort) without a scratch copy, for `cursor` at each target's first slot:
    /// the entries are swapped into their targets' slots (American flag sort), then each
    /// target's sources and edge indices are sorted apart. An edge's source grows with its
    /// index, so the two sorted columns pair up again, in (source, edge index) order.
    fn sort_in_place(self, start: u64, offsets: &[u64], cursor: &mut [u32]) {
        let len = self.lows.len();
        let end = |t: usize| offsets.get(t + 1).map_or(len, |&o| (o - start) as usize);
        for t in 0..offsets.len() {
            while (cursor[t] as usize) < end(t) {
                let i = cursor[t] as usize;
                let low = self.lows[i] as usize;
                if low == t {
                    cursor[t] += 1;
                } else {
                    let j = cursor[low] as usize;
                    cursor[low] += 1;
                    self.sources.swap(i, j);
                    self.edges.swap(i, j);
                    self.lows.swap(i, j);
                }
            }
        }
        for (t, &o) in offsets.iter().enumerate() {
            let list = (o - start) as usize..end(t);
            self.sources[list.clone()].sort_unstable();
            self.edges[list].sort_unstable();
        }
    }
}

/// A task's buffers, reused from bucket to bucket.
#[derive(Default)]
struct Scratch {
    /// Per target of the bucket: its count, then where its next entry goes.
    cursor: Vec<u32>,
    sources: Vec<u32>,
    edges: Vec<u32>,
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assert_sequential, four_threads, random_csr};
    use super::*;

    /// Asserts that buckets of `2^shift` targets give the sequential transpose both when every
    /// region is sorted through the scratch copy and when every one is sorted in place.
    fn assert_both_sorts_sequential(csr: &Csr, n: u32, shift: u32) {
        for scratch_entries in [usize::MAX, 0] {
            let blocking = Blocking {
                shift,
                scratch_entries,
            };
            let rev = four_threads().install(|| transpose(csr, n as usize, blocking));
            assert_sequential(csr, n, &rev);
        }
    }

    #[test]
    fn buckets_take_about_their_share_of_the_edges() {
        // Scale 22: 2^13 targets, 2^17 entries a bucket.
        assert_eq!(Blocking::for_graph(1 << 22, 1 << 26).shift, 13);
        // No edges: one bucket up to 2^16 targets; a dense graph: one target a bucket.
        assert_eq!(Blocking::for_graph(10, 0).shift, 16);
        assert_eq!(Blocking::for_graph(2, 1 << 20).shift, 0);
    }

    #[test]
    fn regions_sorted_in_place_or_through_the_scratch_are_the_sequential_one() {
        // Hubs every 40 ids: most buckets of 16 hold several targets, with parallel edges.
        let n = 1000u32;
        let csr = random_csr(n, 100_000, |x| {
            let r = (x >> 13) as u32;
            if r.is_multiple_of(3) {
                r % 25 * 40
            } else {
                r % n
            }
        });
        assert_both_sorts_sequential(&csr, n, 4);
    }

    #[test]
    fn targets_without_edges_at_the_ends_of_buckets_and_a_short_last_bucket() {
        // Buckets of 8 ids over 1003 vertices: no edge goes to an id ending a bucket, to
        // 496..528 (whole buckets) or past 982, except to 1001 in the last bucket (1000..1003).
        let n = 1003u32;
        let csr = random_csr(n, 100_000, |x| {
            let r = (x >> 13) as u32;
            let t = r % 984 / 8 * 8 + 1 + (r >> 16) % 6;
            match t {
                _ if r.is_multiple_of(5) => 1001,
                496..528 => t + 32,
                _ => t,
            }
        });
        assert!(csr.targets.iter().all(|&t| t % 8 != 0 && t % 8 != 7));
        assert_both_sorts_sequential(&csr, n, 3);
    }
}
