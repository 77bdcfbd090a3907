//! Edge lengths laid out for one shortest-path run: one row per vertex of `(neighbour, length)`
//! pairs (its out-edges and, for undirected runs, its in-edges), so a relaxation reads one
//! offset pair and one contiguous stream per scanned vertex instead of two CSRs, two length
//! arrays and their offsets (profiled: those first, random accesses to a row were the cost),
//! and never walks the property columns or `in_edge_ids`.
//!
//! Vertices are renumbered by degree (in + out, highest first, as `degree_view.rs` orders
//! them): most relaxations land on the hubs, whose distances then share a few cache lines at
//! the front of the distance array instead of being spread over all of it. The run works in
//! the new ids; `new_of` maps a source in and `old_of` maps rows and distances back.
//!
//! Lengths are stored in the narrowest type that holds every usable weight exactly, so a pair
//! is 8 bytes in the common cases:
//! - `u32` when every weight is a whole number (and an exact `f32`) and `(n - 1) ×` the largest
//!   stays below `u32::MAX`, so every shortest distance does (a relaxation's sum past it
//!   saturates and improves nothing): the run keeps `u32` distances too (`sssp/distance.rs`),
//!   half the size of `f64` ones, and integer sums are exact. When, besides, the largest length
//!   fits in the bits a vertex id leaves free and the rows hold fewer than 2³² entries, a pair
//!   is packed into one `u32` with `u32` row starts (`sssp/packed.rs`: 4 bytes an entry and 4
//!   a vertex instead of 8 and 8; Kronecker graphs with GAP's weights below 256 qualify up to
//!   scale 24);
//! - `f32` when every weight is exactly an `f32`, added as `f64`;
//! - else `f64`.
//!
//! Whichever is chosen, the distances are exactly those of a run on `f64` lengths. An unusable
//! weight (≤ 0, NaN or infinite) is stored as NaN (0 for `u32`) and only reported if a
//! relaxation meets it, as the sequential Dijkstra would.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::distance::Distance;
use super::packed::{self, Marked, Packed, Usable};
use crate::algo::degree_view::degree_order;
use crate::graph::{EdgeWeights, Graph};

/// An edge length as stored (`u32`, `f32` or `f64`) and the distance type a run adds it to.
pub(super) trait Length: Copy + Default + Send + Sync + 'static {
    /// The distances a run on these lengths keeps.
    type Dist: Distance;
    /// `d` plus this length, or `None` for an unusable weight.
    fn after(self, d: Self::Dist) -> Option<Self::Dist>;
}

impl Length for f32 {
    type Dist = f64;

    /// NaN marks an unusable weight.
    #[inline]
    fn after(self, d: f64) -> Option<f64> {
        (!self.is_nan()).then(|| d + f64::from(self))
    }
}

impl Length for f64 {
    type Dist = f64;

    /// NaN marks an unusable weight.
    #[inline]
    fn after(self, d: f64) -> Option<f64> {
        (!self.is_nan()).then_some(d + self)
    }
}

impl Length for u32 {
    type Dist = u32;

    /// 0 marks an unusable weight. A sum past `u32::MAX` saturates there, which never
    /// improves a distance: the layout chose `u32` only where every shortest distance is below
    /// it, but a relaxation may add one more edge to a long one (a back edge, a self-loop).
    #[inline]
    fn after(self, d: u32) -> Option<u32> {
        (self != 0).then(|| d.saturating_add(self))
    }
}

/// The adjacency one run traverses, each neighbour next to its edge's length: a relaxation
/// reads one row of one array (one offset lookup, one stream) per scanned vertex.
pub(super) struct Aligned<T> {
    /// Row `x` (a new id) is `adj[start[x]..start[x + 1]]` (`n + 1` entries).
    pub(super) start: Vec<usize>,
    /// `(neighbour's new id, length)`: the out-edges of `x`'s vertex in CSR order, then, for
    /// undirected runs, its in-edges in in-CSR order.
    pub(super) adj: Vec<(u32, T)>,
    /// New id of each original vertex.
    pub(super) new_of: Vec<u32>,
    /// Original id of each new one.
    pub(super) old_of: Vec<u32>,
}

/// The rows a run walks, whatever their layout.
pub(super) trait Rows: Sync {
    /// The stored length type.
    type Len: Length;
    /// Row `x`'s `(neighbour's new id, length)` pairs, in order.
    fn row(&self, x: u32) -> impl Iterator<Item = (u32, Self::Len)> + '_;
    /// New id of each original vertex.
    fn new_of(&self) -> &[u32];
    /// Original id of each new one.
    fn old_of(&self) -> &[u32];
}

impl<T: Length> Rows for Aligned<T> {
    type Len = T;

    #[inline(always)]
    fn row(&self, x: u32) -> impl Iterator<Item = (u32, T)> + '_ {
        self.adj[self.start[x as usize]..self.start[x as usize + 1]]
            .iter()
            .copied()
    }

    fn new_of(&self) -> &[u32] {
        &self.new_of
    }

    fn old_of(&self) -> &[u32] {
        &self.old_of
    }
}

/// The lengths of one run, in the narrowest exact type.
pub(super) enum Lengths {
    /// Whole-number lengths packed beside their neighbours, some of them unusable.
    Packed(Packed<Marked>),
    /// Whole-number lengths packed beside their neighbours, every one usable.
    Usable(Packed<Usable>),
    /// Every usable weight is a whole number and no shortest distance reaches `u32::MAX`.
    Integer(Aligned<u32>),
    /// Every usable weight is exactly an `f32`.
    Narrow(Aligned<f32>),
    /// Some weight needs `f64`.
    Wide(Aligned<f64>),
}

impl<T> Aligned<T> {
    fn memory_bytes(&self) -> u64 {
        (self.adj.capacity() * std::mem::size_of::<(u32, T)>()
            + self.start.capacity() * std::mem::size_of::<usize>()
            + (self.new_of.capacity() + self.old_of.capacity()) * 4) as u64
    }
}

/// Kept by the graph between runs (`graph::derived`), so its size counts in the graph's memory.
impl crate::graph::derived::Footprint for Lengths {
    fn memory_bytes(&self) -> u64 {
        match self {
            Lengths::Packed(p) => p.memory_bytes(),
            Lengths::Usable(p) => p.memory_bytes(),
            Lengths::Integer(a) => a.memory_bytes(),
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
            // The largest usable weight, +∞ if any has a fraction.
            let largest = narrow
                .par_iter()
                .with_min_len(MIN_LEN)
                .map(|&y| match y {
                    y if y.is_nan() => 0.0,
                    y if y.fract() == 0.0 => f64::from(y),
                    _ => f64::INFINITY,
                })
                .reduce(|| 0.0, f64::max);
            let paths = g.vertex_count().saturating_sub(1).max(1) as f64;
            if largest * paths < f64::from(u32::MAX) {
                // Whole numbers that are exact f32 values, below u32::MAX: exact as u32, 0 for
                // unusable.
                let unusable = narrow.par_iter().with_min_len(MIN_LEN).any(|y| y.is_nan());
                let whole: Vec<u32> = narrow
                    .into_par_iter()
                    .with_min_len(MIN_LEN)
                    .map(|y| if y.is_nan() { 0 } else { y as u32 })
                    .collect();
                if packed::fits(g, largest, directed) {
                    return match unusable {
                        true => Lengths::Packed(Packed::new(g, &whole, directed)),
                        false => Lengths::Usable(Packed::new(g, &whole, directed)),
                    };
                }
                return Lengths::Integer(align(g, whole, directed));
            }
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

/// Vertices per parallel task when laying out the rows.
const GATHER_CHUNK: usize = 2048;

/// Lays out the rows from the out-edge lengths (`out[k]` for out-edge `k`); undirected runs also
/// gather each in-edge's length through `in_edge_ids`.
fn align<T: Length>(g: &Graph, out: Vec<T>, directed: bool) -> Aligned<T> {
    let (start, adj, new_of, old_of) = rows(g, directed, |v, k| (v, out[k]));
    Aligned {
        start,
        adj,
        new_of,
        old_of,
    }
}

/// The rows in degree order: `(start, entries, new_of, old_of)`, entry `entry(neighbour's new
/// id, out-edge index)` for each of a row's out-edges and, undirected, its in-edges. Whatever
/// the entry's layout, it is written once, in place.
pub(super) fn rows<E: Copy + Default + Send + Sync>(
    g: &Graph,
    directed: bool,
    entry: impl Fn(u32, usize) -> E + Sync,
) -> (Vec<usize>, Vec<E>, Vec<u32>, Vec<u32>) {
    let n = g.vertex_count();
    let (old_of, new_of) = degree_order(g);
    let mut start = Vec::with_capacity(n + 1);
    let mut at = 0usize;
    start.push(0);
    for &v in &old_of {
        at += g.out_degree(v) + if directed { 0 } else { g.in_degree(v) };
        start.push(at);
    }
    let mut adj = vec![E::default(); at];
    // Cut `adj` into one slice per chunk of rows, then fill the slices in parallel.
    let mut pieces = Vec::with_capacity(n.div_ceil(GATHER_CHUNK));
    let mut rest = adj.as_mut_slice();
    for first in (0..n).step_by(GATHER_CHUNK) {
        let last = (first + GATHER_CHUNK).min(n);
        let (piece, tail) = rest.split_at_mut(start[last] - start[first]);
        pieces.push((first..last, piece));
        rest = tail;
    }
    let (old, new) = (&old_of, &new_of);
    pieces.into_par_iter().for_each(|(rows, piece)| {
        let mut slots = piece.iter_mut();
        for x in rows {
            let v = old[x];
            let outs = g.out_neighbors(v).iter().zip(g.out_edge_range(v));
            // The row's edges drive the zip, so it takes no slot beyond them.
            for ((&t, k), slot) in outs.zip(slots.by_ref()) {
                *slot = entry(new[t as usize], k);
            }
            if !directed {
                let ins = g.in_neighbors(v).iter().zip(g.in_edge_ids(v));
                for ((&s, &k), slot) in ins.zip(slots.by_ref()) {
                    *slot = entry(new[s as usize], k as usize);
                }
            }
        }
    });
    (start, adj, new_of, old_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_f32_weights_are_narrow_and_rows_hold_both_directions() {
        // 0->1 (3), 2->1 (5), 1->0 (0.5), 0->2 (-1: unusable).
        let g =
            Graph::from_weighted_edges(3, &[(0, 1, 3.0), (2, 1, 5.0), (1, 0, 0.5), (0, 2, -1.0)]);
        let w = g.edge_weights("weight").unwrap();
        let Lengths::Narrow(a) = Lengths::new(&g, &w, false) else {
            panic!("0.5, 3 and 5 are exact f32 values");
        };
        // Degrees 3, 3, 2: new ids 0, 1, 2 are the original ones.
        assert_eq!(
            (&a.new_of[..], &a.old_of[..]),
            (&[0, 1, 2][..], &[0, 1, 2][..])
        );
        let rows: Vec<Vec<(u32, f64)>> = (0..3)
            .map(|v| {
                a.adj[a.start[v]..a.start[v + 1]]
                    .iter()
                    .map(|&(t, len)| (t, if len.is_nan() { -1.0 } else { f64::from(len) }))
                    .collect()
            })
            .collect();
        // Out-edges first, then in-edges.
        assert_eq!(
            rows,
            [
                vec![(1, 3.0), (2, -1.0), (1, 0.5)],
                vec![(0, 0.5), (0, 3.0), (2, 5.0)],
                vec![(1, 5.0), (0, -1.0)],
            ]
        );
        let g = Graph::from_weighted_edges(3, &[(0, 1, 3.0), (2, 1, 7.0), (1, 2, 0.0)]);
        let w = g.edge_weights("weight").unwrap();
        let Lengths::Packed(p) = Lengths::new(&g, &w, true) else {
            panic!("3 and 7 are whole numbers, 0 is unusable, 2 × 7 fits a u32, 7 fits 30 bits");
        };
        // Degrees 1, 3, 2: vertex 1 comes first, then 2 and 0.
        assert_eq!(p.old_of, [1, 2, 0]);
        assert_eq!(p.start, [0, 1, 2, 3], "directed: out-edges only");
        assert_eq!(p.bits, 2, "ids 0..=2");
        assert_eq!(
            p.adj,
            [1, 7 << 2, 3 << 2],
            "the length above the neighbour's new id"
        );
        let rows: Vec<Vec<(u32, Marked)>> = (0..3).map(|x| p.row(x).collect()).collect();
        assert_eq!(
            rows,
            [
                vec![(1, Marked(0))],
                vec![(0, Marked(7))],
                vec![(0, Marked(3))]
            ],
            "neighbours in new ids; the unusable weight is 0"
        );
    }

    #[test]
    fn whole_weights_whose_paths_could_overflow_a_u32_stay_narrow() {
        // The bound is (n - 1) × the largest weight: a path of many large weights needs f64.
        let big = f64::from((1u32 << 24) - 1);
        let n = 300;
        let edges: Vec<(u32, u32, f64)> = (0..n - 1).map(|v| (v, v + 1, big)).collect();
        let g = Graph::from_weighted_edges(n as usize, &edges);
        let w = g.edge_weights("weight").unwrap();
        assert!(
            matches!(Lengths::new(&g, &w, true), Lengths::Narrow(_)),
            "299 × (2²⁴ - 1) exceeds u32::MAX"
        );
        let edges: Vec<(u32, u32, f64)> = (0..255).map(|v| (v, v + 1, big)).collect();
        let g = Graph::from_weighted_edges(256, &edges);
        let w = g.edge_weights("weight").unwrap();
        assert!(
            matches!(Lengths::new(&g, &w, true), Lengths::Usable(_)),
            "255 × (2²⁴ - 1) fits below u32::MAX, 2²⁴ - 1 beside 8 bits of ids, none unusable"
        );
    }

    #[test]
    fn weights_beyond_f32_stay_wide() {
        let g = Graph::from_weighted_edges(2, &[(0, 1, 0.1)]);
        let w = g.edge_weights("weight").unwrap();
        match Lengths::new(&g, &w, true) {
            Lengths::Wide(a) => assert_eq!(a.adj, [(1, 0.1)]),
            _ => panic!("0.1 is not an f32"),
        }
    }
}
