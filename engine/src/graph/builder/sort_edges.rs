//! The edges of a frozen graph in CSR order, by a counting sort on the source and a sort of
//! each source's short list, with the parallel-edge rule applied list by list.
//!
//! The order is `(source, target[, label], arrival)`: the label only when the rule keys on it,
//! so that its duplicates are adjacent; arrival keeps equal edges in the order they came, base
//! edges first.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

use rayon::prelude::*;

use super::edge_columns::EdgeColumns;
use crate::graph::csr::buckets::{equal_parts, part_count, part_cursors};
use crate::graph::import::ParallelEdge;

/// Vertices per parallel task.
const VERTICES_PER_TASK: usize = 4096;

/// The kept edges in CSR order: offsets (`n + 1`), and for each position its target and the
/// index of its edge in `edges` (the first `base_edges` came with the base graph). Takes the
/// endpoint columns out of `edges` and frees each as soon as it is consumed.
///
/// Memory: the counting sort scatters only the arrival index (4 bytes per edge), and each
/// source's list is sorted in a small buffer of its own, so at most three `u32` per edge are
/// held at once (the endpoints and the order, then the targets, the order and `dst`) — not
/// the endpoints plus an 8-byte (target, arrival) key per edge, which made this the import's
/// peak.
pub(super) fn sort_edges(
    n: usize,
    edges: &mut EdgeColumns,
    base_edges: usize,
    parallel: ParallelEdge,
) -> (Vec<u64>, Vec<u32>, Vec<u32>) {
    let (src, dst) = edges.take_endpoints();
    let edges = &*edges;
    // Each source's list filled by a counting sort on the source over parts of the arrival
    // order (so each list is in arrival order); the lists are sorted next.
    let m = src.len();
    let parts = equal_parts(m, part_count(n, m));
    let (mut offsets, cursors) = part_cursors(n, parts.len(), |p, counts| {
        for &s in &src[parts[p].clone()] {
            counts[s as usize] += 1;
        }
    });
    let slots: Vec<AtomicU32> = vec![0u32; m].into_iter().map(AtomicU32::new).collect();
    cursors
        .into_par_iter()
        .zip(&parts)
        .for_each(|(mut cursor, part)| {
            for i in part.clone() {
                let slot = &mut cursor[src[i] as usize];
                slots[*slot as usize].store(i as u32, Relaxed);
                *slot += 1;
            }
        });
    drop(src);
    // Same size and alignment: collected in place.
    let mut order: Vec<u32> = slots.into_iter().map(AtomicU32::into_inner).collect();
    let mut targets = vec![0u32; m];
    let by_label = matches!(
        parallel,
        ParallelEdge::Ignore {
            ignore_label: false
        } | ParallelEdge::Override {
            ignore_label: false
        }
    );
    // A list's entries are `(target << 32) | arrival`.
    let key = |k: &u64| {
        (
            k >> 32,
            if by_label {
                edges.label(*k as u32 as usize)
            } else {
                0
            },
        )
    };
    // Each task sorts its vertices' lists, applies the rule and compacts what it keeps to the
    // front of its slices; `degrees` gets each vertex's kept count.
    let mut degrees = vec![0u32; n];
    let mut tasks = Vec::with_capacity(n / VERTICES_PER_TASK + 1);
    let (mut rest_order, mut rest_targets, mut rest_degrees) =
        (&mut order[..], &mut targets[..], &mut degrees[..]);
    for first in (0..n).step_by(VERTICES_PER_TASK) {
        let last = (first + VERTICES_PER_TASK).min(n);
        let len = (offsets[last] - offsets[first]) as usize;
        let (o, or) = std::mem::take(&mut rest_order).split_at_mut(len);
        let (t, tr) = std::mem::take(&mut rest_targets).split_at_mut(len);
        let (d, dr) = std::mem::take(&mut rest_degrees).split_at_mut(last - first);
        (rest_order, rest_targets, rest_degrees) = (or, tr, dr);
        tasks.push((first, o, t, d));
    }
    let kept: Vec<usize> = tasks
        .into_par_iter()
        .map(|(first, order, targets, degrees)| {
            let base = offsets[first];
            let mut list: Vec<u64> = Vec::new();
            let mut out = 0;
            for (v, degree) in degrees.iter_mut().enumerate() {
                let r =
                    (offsets[first + v] - base) as usize..(offsets[first + v + 1] - base) as usize;
                list.clear();
                list.extend(
                    order[r]
                        .iter()
                        .map(|&i| (u64::from(dst[i as usize]) << 32) | u64::from(i)),
                );
                if by_label {
                    list.sort_unstable_by_key(|k| (key(k), *k as u32));
                } else {
                    list.sort_unstable();
                }
                let len = if parallel == ParallelEdge::Allow {
                    list.len()
                } else {
                    let (mut i, mut len) = (0, 0);
                    while i < list.len() {
                        let mut j = i + 1;
                        while j < list.len() && key(&list[j]) == key(&list[i]) {
                            j += 1;
                        }
                        len = keep(&mut list, i..j, len, base_edges, parallel);
                        i = j;
                    }
                    len
                };
                // `out` never passes this list's start, so no unread entry is overwritten.
                for &k in &list[..len] {
                    order[out] = k as u32;
                    targets[out] = (k >> 32) as u32;
                    out += 1;
                }
                *degree = len as u32;
            }
            out
        })
        .collect();
    drop(dst);
    // Close the gaps the rule left between tasks.
    let mut len = 0;
    for (t, &kept) in kept.iter().enumerate() {
        let from = offsets[(t * VERTICES_PER_TASK).min(n)] as usize;
        order.copy_within(from..from + kept, len);
        targets.copy_within(from..from + kept, len);
        len += kept;
    }
    order.truncate(len);
    targets.truncate(len);
    for v in 0..n {
        offsets[v + 1] = offsets[v] + u64::from(degrees[v]);
    }
    (offsets, targets, order)
}

/// Moves the kept edges of one group of duplicates (`keys[group]`, in arrival order) to
/// `keys[out..]`; returns the new `out`. `Allow` keeps all; `Ignore` the base edges, or the
/// earliest when there are none; `Override` the newest when a new edge came, else all.
fn keep(
    keys: &mut [u64],
    group: std::ops::Range<usize>,
    mut out: usize,
    base_edges: usize,
    parallel: ParallelEdge,
) -> usize {
    let is_new = |k: u64| k as u32 as usize >= base_edges;
    let kept = match parallel {
        ParallelEdge::Override { .. } if keys[group.clone()].iter().any(|&k| is_new(k)) => {
            group.end - 1..group.end
        }
        ParallelEdge::Ignore { .. } if is_new(keys[group.start]) => group.start..group.start + 1,
        ParallelEdge::Ignore { .. } => {
            let base = keys[group.clone()]
                .iter()
                .take_while(|&&k| !is_new(k))
                .count();
            group.start..group.start + base
        }
        _ => group,
    };
    for i in kept {
        keys[out] = keys[i];
        out += 1;
    }
    out
}
