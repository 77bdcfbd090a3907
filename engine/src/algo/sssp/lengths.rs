//! Edge lengths laid out for one shortest-path run: one dense array aligned with the out-CSR
//! (and, for undirected runs, one aligned with the in-CSR), so a relaxation reads its length
//! next to the neighbour it reads anyway instead of walking the property columns or jumping
//! through `in_edge_ids`.
//!
//! Lengths are stored as `f32` when every usable weight is exactly an `f32` (integer weights
//! below 2²⁴, the common case), halving the bytes the kernel streams; otherwise as `f64`.
//! Either way the kernel adds them as `f64`, so the distances are exactly those of a run on
//! `f64` lengths. An unusable weight (≤ 0, NaN or infinite) is stored as NaN and only reported
//! if a relaxation meets it, as the sequential Dijkstra would.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::graph::{EdgeWeights, Graph};

/// An edge length as stored: `f32` or `f64`, read as `f64`.
pub(super) trait Length: Copy + Default + Send + Sync + 'static {
    /// The value as `f64` (NaN marks an unusable weight).
    fn get(self) -> f64;
}

impl Length for f32 {
    #[inline]
    fn get(self) -> f64 {
        f64::from(self)
    }
}

impl Length for f64 {
    #[inline]
    fn get(self) -> f64 {
        self
    }
}

/// Lengths aligned with the adjacency one run traverses.
pub(super) struct Aligned<T> {
    /// `out[k]`: length of out-edge `k` (CSR position).
    pub(super) out: Vec<T>,
    /// `inc[in_start[v] + j]`: length of `v`'s `j`-th in-edge; empty for directed runs.
    pub(super) inc: Vec<T>,
    /// Where each vertex's in-edges start in `inc` (`n + 1` entries); empty for directed runs.
    pub(super) in_start: Vec<usize>,
}

/// The lengths of one run, in the narrowest exact type.
pub(super) enum Lengths {
    /// Every usable weight is exactly an `f32`.
    Narrow(Aligned<f32>),
    /// Some weight needs `f64`.
    Wide(Aligned<f64>),
}

impl<T> Aligned<T> {
    fn memory_bytes(&self) -> u64 {
        let size = std::mem::size_of::<T>() as u64;
        (self.out.capacity() + self.inc.capacity()) as u64 * size
            + self.in_start.capacity() as u64 * std::mem::size_of::<usize>() as u64
    }
}

/// Kept by the graph between runs (`graph::derived`), so its size counts in the graph's memory.
impl crate::graph::derived::Footprint for Lengths {
    fn memory_bytes(&self) -> u64 {
        match self {
            Lengths::Narrow(a) => a.memory_bytes(),
            Lengths::Wide(a) => a.memory_bytes(),
        }
    }
}

/// Edges per parallel task when reading the property column.
const MIN_LEN: usize = 4096;

/// A missing weight counts as 1; NaN marks one that is not > 0 and finite.
#[inline]
fn usable(w: Option<f64>) -> f64 {
    let len = w.unwrap_or(1.0);
    if len > 0.0 && len.is_finite() {
        len
    } else {
        f64::NAN
    }
}

impl Lengths {
    /// Reads `w` once for every edge; `directed: false` also lays out the in-edges.
    pub(super) fn new(g: &Graph, w: &EdgeWeights<'_>, directed: bool) -> Lengths {
        // One pass straight to f32, noting whether any value lost precision; only then the
        // f64 pass.
        let inexact = AtomicBool::new(false);
        let narrow: Vec<f32> = (0..g.edge_count())
            .into_par_iter()
            .with_min_len(MIN_LEN)
            .map(|k| {
                let x = usable(w.get(k));
                let y = x as f32;
                if f64::from(y) != x && !x.is_nan() {
                    inexact.store(true, Ordering::Relaxed);
                }
                y
            })
            .collect();
        if !inexact.into_inner() {
            return Lengths::Narrow(align(g, narrow, directed));
        }
        drop(narrow);
        let wide: Vec<f64> = (0..g.edge_count())
            .into_par_iter()
            .with_min_len(MIN_LEN)
            .map(|k| usable(w.get(k)))
            .collect();
        Lengths::Wide(align(g, wide, directed))
    }
}

/// Vertices per parallel task when gathering the in-edge lengths.
const GATHER_CHUNK: usize = 2048;

/// Adds the in-edge lengths (gathered through `in_edge_ids`) for undirected runs.
fn align<T: Length>(g: &Graph, out: Vec<T>, directed: bool) -> Aligned<T> {
    if directed {
        return Aligned {
            out,
            inc: Vec::new(),
            in_start: Vec::new(),
        };
    }
    let n = g.vertex_count();
    let mut in_start = Vec::with_capacity(n + 1);
    let mut at = 0usize;
    in_start.push(0);
    for v in 0..n as u32 {
        at += g.in_degree(v);
        in_start.push(at);
    }
    let mut inc = vec![T::default(); at];
    // Cut `inc` into one slice per chunk of vertices, then fill the slices in parallel.
    let mut pieces = Vec::with_capacity(n.div_ceil(GATHER_CHUNK));
    let mut rest = inc.as_mut_slice();
    for first in (0..n).step_by(GATHER_CHUNK) {
        let last = (first + GATHER_CHUNK).min(n);
        let (piece, tail) = rest.split_at_mut(in_start[last] - in_start[first]);
        pieces.push((first as u32..last as u32, piece));
        rest = tail;
    }
    pieces.into_par_iter().for_each(|(vertices, piece)| {
        let ks = vertices.flat_map(|v| g.in_edge_ids(v));
        for (slot, &k) in piece.iter_mut().zip(ks) {
            *slot = out[k as usize];
        }
    });
    Aligned { out, inc, in_start }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_weights_are_narrow_and_aligned_with_both_csrs() {
        // 0->1 (3), 2->1 (5), 1->0 (0.5), 0->2 (-1: unusable).
        let g =
            Graph::from_weighted_edges(3, &[(0, 1, 3.0), (2, 1, 5.0), (1, 0, 0.5), (0, 2, -1.0)]);
        let w = g.edge_weights("weight").unwrap();
        let Lengths::Narrow(a) = Lengths::new(&g, &w, false) else {
            panic!("0.5, 3 and 5 are exact f32 values");
        };
        for v in 0..3 {
            for (k, &t) in g.out_edge_range(v).zip(g.out_neighbors(v)) {
                let want = w.get(k).unwrap();
                let got = a.out[k].get();
                assert!(got == want || (want <= 0.0 && got.is_nan()), "{v}->{t}");
            }
            let r = a.in_start[v as usize]..a.in_start[v as usize + 1];
            for (&k, &len) in g.in_edge_ids(v).iter().zip(&a.inc[r]) {
                assert!(len.get() == a.out[k as usize].get() || len.get().is_nan());
            }
        }
        assert_eq!(a.in_start, [0, 1, 3, 4]);
    }

    #[test]
    fn weights_beyond_f32_stay_wide() {
        let g = Graph::from_weighted_edges(2, &[(0, 1, 0.1)]);
        let w = g.edge_weights("weight").unwrap();
        match Lengths::new(&g, &w, true) {
            Lengths::Wide(a) => {
                assert_eq!(a.out, [0.1]);
                assert!(a.inc.is_empty() && a.in_start.is_empty());
            }
            Lengths::Narrow(_) => panic!("0.1 is not an f32"),
        }
    }
}
