//! Whole-number lengths packed beside their neighbour in one `u32` (`sssp/lengths.rs` chooses
//! the layout): at Kronecker scale 18 with GAP's weights (below 256), 18 bits of id and 8 of
//! length, so a run streams half the row bytes of `(u32, u32)` pairs. The bench example at scale
//! 18, alternating with the pair layout in one sitting: 39.2, 39.1, 47.6 against 49.8, 44.0,
//! 50.4 ms/source (GAP's `sssp` 38.7, 35.8, 44.8 between them); at 20, 140 and 146 against 149.

use std::marker::PhantomData;

use super::lengths::{Length, Rows, rows};
use crate::graph::Graph;

/// Whole-number lengths packed with their neighbour: entry `e` is the neighbour's new id in
/// its low `bits` and the length above them (0 for unusable, as in `Aligned<u32>`, which is
/// never built on the way). A run reads half the bytes of `Aligned<u32>` per scanned edge and
/// per row start (the starts are `u32`: 1 MiB beside the 1 MiB of `u32` distances at scale 18,
/// where `usize` starts take 2 MiB of a core's 2 MiB L2).
///
/// No relaxation's sum can overflow, so none saturates: ids are below `n ≤ 2^bits` and lengths
/// below `2^(32 - bits)`, so `n ×` the largest is at most `2³² - 2^bits`; and a stored distance
/// is at most `(n - 1) ×` the largest, because it is the length of a simple path (each store
/// strictly lowers its vertex's distance, so the chain of stores behind one never meets a
/// vertex twice). `T` says how a length is read: [`Marked`] when some weight is unusable,
/// [`Usable`] when none is (no test per edge; with the saturation, the test cost ~10% of a run
/// at scale 18: 25 against 28-31 ms/source in one sitting).
pub(super) struct Packed<T> {
    /// Row `x` is `adj[start[x]..start[x + 1]]` (`n + 1` entries).
    pub(super) start: Vec<u32>,
    pub(super) adj: Vec<u32>,
    /// Bits of an entry that hold the neighbour.
    pub(super) bits: u32,
    pub(super) new_of: Vec<u32>,
    pub(super) old_of: Vec<u32>,
    read: PhantomData<T>,
}

/// A packed length, 0 marking an unusable weight.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub(super) struct Marked(pub(super) u32);

/// A packed length of a layout in which every weight is usable.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub(super) struct Usable(pub(super) u32);

impl Length for Marked {
    type Dist = u32;

    #[inline]
    fn after(self, d: u32) -> Option<u32> {
        (self.0 != 0).then(|| d + self.0)
    }
}

impl Length for Usable {
    type Dist = u32;

    #[inline]
    fn after(self, d: u32) -> Option<u32> {
        Some(d + self.0)
    }
}

/// A length as read from an entry's high bits.
pub(super) trait Unpack: Length {
    /// The length stored as `len` (an entry shifted right by its id bits).
    fn unpack(len: u32) -> Self;
}

impl Unpack for Marked {
    #[inline(always)]
    fn unpack(len: u32) -> Self {
        Marked(len)
    }
}

impl Unpack for Usable {
    #[inline(always)]
    fn unpack(len: u32) -> Self {
        Usable(len)
    }
}

/// Bits that hold every vertex id below `n`.
pub(super) fn id_bits(n: usize) -> u32 {
    usize::BITS - n.saturating_sub(1).leading_zeros()
}

/// Whether lengths up to `largest` and the rows of `g` fit the packed form.
pub(super) fn fits(g: &Graph, largest: f64, directed: bool) -> bool {
    let room = 32 - id_bits(g.vertex_count());
    let entries = g.edge_count() as u64 * if directed { 1 } else { 2 };
    room < 32 && largest < f64::from(1u32 << room) && entries <= u64::from(u32::MAX)
}

impl<T: Unpack> Packed<T> {
    /// The rows of `g` with the whole lengths `whole` (per out-edge; `g` and they [`fits`]),
    /// each entry packed as the rows are laid out.
    pub(super) fn new(g: &Graph, whole: &[u32], directed: bool) -> Packed<T> {
        let bits = id_bits(g.vertex_count());
        let (start, adj, new_of, old_of) = rows(g, directed, |v, k| v | whole[k] << bits);
        Packed {
            start: start.into_iter().map(|s| s as u32).collect(),
            adj,
            bits,
            new_of,
            old_of,
            read: PhantomData,
        }
    }

    pub(super) fn memory_bytes(&self) -> u64 {
        ((self.adj.capacity() + self.start.capacity()) * 4
            + (self.new_of.capacity() + self.old_of.capacity()) * 4) as u64
    }
}

impl<T: Unpack> Rows for Packed<T> {
    type Len = T;

    #[inline(always)]
    fn row(&self, x: u32) -> impl Iterator<Item = (u32, T)> + '_ {
        let (bits, mask) = (self.bits, (1u32 << self.bits) - 1);
        let row = self.start[x as usize] as usize..self.start[x as usize + 1] as usize;
        self.adj[row]
            .iter()
            .map(move |&e| (e & mask, T::unpack(e >> bits)))
    }

    fn new_of(&self) -> &[u32] {
        &self.new_of
    }

    fn old_of(&self) -> &[u32] {
        &self.old_of
    }
}

#[cfg(test)]
mod tests {
    use super::super::lengths::Lengths;
    use super::*;

    #[test]
    fn whole_weights_too_long_to_pack_keep_a_pair_per_entry() {
        // Three vertices take 2 bits; 2³⁰ does not fit the 30 left, but 2 × 2³⁰ fits a u32.
        let big = 1u32 << 30;
        let rows_of = |top: u32| {
            let g = Graph::from_weighted_edges(3, &[(0, 1, f64::from(top)), (1, 2, 5.0)]);
            let w = g.edge_weights("weight").unwrap();
            match Lengths::new(&g, &w, false) {
                Lengths::Integer(a) => (false, (0..3).map(|x| a.row(x).collect()).collect()),
                Lengths::Usable(p) => (
                    true,
                    (0..3)
                        .map(|x| p.row(x).map(|(v, len)| (v, len.0)).collect())
                        .collect(),
                ),
                _ => panic!("whole numbers whose paths fit a u32"),
            }
        };
        // Vertex 1 (degree 2) comes first; rows hold out-edges, then in-edges.
        let rows = |top: u32| -> Vec<Vec<(u32, u32)>> {
            vec![vec![(2, 5), (1, top)], vec![(0, top)], vec![(0, 5)]]
        };
        assert_eq!(rows_of(big), (false, rows(big)), "2³⁰ needs 31 bits");
        // The next f32 below 2³⁰ fits (every weight usable), and the rows read the same.
        let below = big - 64;
        assert_eq!(rows_of(below), (true, rows(below)));
    }

    #[test]
    fn id_bits_hold_the_largest_id() {
        let bits: Vec<u32> = [0, 1, 2, 3, 4, 5, 1 << 18, (1 << 18) + 1]
            .into_iter()
            .map(id_bits)
            .collect();
        assert_eq!(bits, [0, 0, 1, 2, 2, 3, 18, 19]);
    }
}
