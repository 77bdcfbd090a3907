//! The edges of a frozen graph in CSR order, by a counting sort on the source and a sort of
//! each source's short list, with the parallel-edge rule applied list by list.
//!
//! The order is `(source, target[, label], arrival)`: the label only when the rule keys on it,
//! so that its duplicates are adjacent; arrival keeps equal edges in the order they came, base
//! edges first.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use rayon::prelude::*;

use super::edge_columns::EdgeColumns;
use crate::graph::csr::buckets::{equal_parts, part_count, part_cursors};
use crate::graph::import::ParallelEdge;

/// Vertices per parallel task.
const VERTICES_PER_TASK: usize = 4096;

/// The kept edges in CSR order: offsets (`n + 1`), and for each position its target and the
/// index of its edge in `edges` (the first `base_edges` came with the base graph). Takes the
/// endpoint columns out of `edges` and frees them once scattered, before the results grow.
pub(super) fn sort_edges(
    n: usize,
    edges: &mut EdgeColumns,
    base_edges: usize,
    parallel: ParallelEdge,
) -> (Vec<u64>, Vec<u32>, Vec<u32>) {
    let (src, dst) = edges.take_endpoints();
    let edges = &*edges;
    // Each source's list filled by a counting sort on the source over parts of the arrival
    // order; the lists are sorted next with the arrival index in every key.
    let m = src.len();
    let parts = equal_parts(m, part_count(n, m));
    let (mut offsets, cursors) = part_cursors(n, parts.len(), |p, counts| {
        for &s in &src[parts[p].clone()] {
            counts[s as usize] += 1;
        }
    });
    // (target, arrival) packed, scattered by source.
    let slots: Vec<AtomicU64> = vec![0u64; m].into_iter().map(AtomicU64::new).collect();
    cursors
        .into_par_iter()
        .zip(&parts)
        .for_each(|(mut cursor, part)| {
            for i in part.clone() {
                let slot = &mut cursor[src[i] as usize];
                slots[*slot as usize].store((u64::from(dst[i]) << 32) | i as u64, Relaxed);
                *slot += 1;
            }
        });
    drop((src, dst));
    // Same size and alignment: collected in place.
    let mut keys: Vec<u64> = slots.into_iter().map(AtomicU64::into_inner).collect();
    let by_label = matches!(
        parallel,
        ParallelEdge::Ignore {
            ignore_label: false
        } | ParallelEdge::Override {
            ignore_label: false
        }
    );
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
    // front of its slice; `degrees` gets each vertex's kept count.
    let mut degrees = vec![0u32; n];
    let mut tasks = Vec::with_capacity(n / VERTICES_PER_TASK + 1);
    let (mut rest_keys, mut rest_degrees) = (&mut keys[..], &mut degrees[..]);
    for first in (0..n).step_by(VERTICES_PER_TASK) {
        let last = (first + VERTICES_PER_TASK).min(n);
        let len = (offsets[last] - offsets[first]) as usize;
        let (k, kr) = std::mem::take(&mut rest_keys).split_at_mut(len);
        let (d, dr) = std::mem::take(&mut rest_degrees).split_at_mut(last - first);
        (rest_keys, rest_degrees) = (kr, dr);
        tasks.push((first, k, d));
    }
    let kept: Vec<usize> = tasks
        .into_par_iter()
        .map(|(first, keys, degrees)| {
            let base = offsets[first];
            let mut out = 0;
            for (v, degree) in degrees.iter_mut().enumerate() {
                let r =
                    (offsets[first + v] - base) as usize..(offsets[first + v + 1] - base) as usize;
                let list = &mut keys[r.clone()];
                if by_label {
                    list.sort_unstable_by_key(|k| (key(k), *k as u32));
                } else {
                    list.sort_unstable();
                }
                let start = out;
                if parallel == ParallelEdge::Allow {
                    out += list.len();
                    *degree = list.len() as u32;
                    continue;
                }
                let mut i = r.start;
                while i < r.end {
                    let mut j = i + 1;
                    while j < r.end && key(&keys[j]) == key(&keys[i]) {
                        j += 1;
                    }
                    out = keep(keys, i..j, out, base_edges, parallel);
                    i = j;
                }
                *degree = (out - start) as u32;
            }
            out
        })
        .collect();
    // Close the gaps the rule left between tasks.
    let mut len = 0;
    for (t, &kept) in kept.iter().enumerate() {
        let from = offsets[(t * VERTICES_PER_TASK).min(n)] as usize;
        keys.copy_within(from..from + kept, len);
        len += kept;
    }
    keys.truncate(len);
    for v in 0..n {
        offsets[v + 1] = offsets[v] + u64::from(degrees[v]);
    }
    let targets = keys.par_iter().map(|&k| (k >> 32) as u32).collect();
    let order = keys.into_par_iter().map(|k| k as u32).collect();
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
