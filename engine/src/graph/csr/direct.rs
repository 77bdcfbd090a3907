//! [`Csr::transpose`](super::Csr::transpose) by one counting sort that writes each edge straight
//! to its place, for graphs below [`BLOCKED_FROM`](super::BLOCKED_FROM) edges.
//!
//! The sources are cut into parts of about equal edge counts ([`buckets`]), and each part's
//! task walks its edges by ascending source, so every reversed neighbour list comes out sorted
//! by source, parallel edges in out-edge order: the sequential result, whatever the thread
//! timing. Extra memory: one `u32` counter per vertex and part, no per-edge scratch.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

use rayon::prelude::*;

use super::Csr;
use super::buckets;

/// The reverse of `g` (over `n` vertices) and, for each of its entries, the index of the same
/// edge in `g`.
pub(super) fn transpose(g: &Csr, n: usize) -> (Csr, Vec<u32>) {
    let m = g.targets.len();
    let parts = buckets::part_count(n, m);
    let ranges = g.source_parts(n, parts);
    let sources = |p: usize| ranges[p].clone();
    let (offsets, cursors) = buckets::part_cursors(n, parts, |p, counts| {
        let r = sources(p);
        let edges = g.offsets[r.start as usize] as usize..g.offsets[r.end as usize] as usize;
        for &t in &g.targets[edges] {
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
                for k in g.range(u) {
                    let slot = &mut cursor[g.targets[k] as usize];
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
