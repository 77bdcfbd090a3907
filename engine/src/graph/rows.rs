//! [`Rows`]: which row of its label's property table each vertex, or each out-edge, reads.
//!
//! With one label whose rows follow the item order (what every build of a one-label graph
//! produces: the tables are gathered in vertex order and in CSR order), item `k`'s row is `k`,
//! and a `u32` per item saying so cost 4 bytes × m for the edges (15 MB at Kronecker scale 18)
//! and 4 bytes × n for the vertices. The build says "identity" instead; several labels hold a
//! row per item; edges without any property hold no row ([`Rows::NONE`]). The builder keeps its
//! row columns in this form as it goes ([`push`](Rows::push), [`set`](Rows::set)). The
//! vertices' name order (position `i`'s vertex) is the same kind of sequence, the identity when
//! names are already sorted in index order. Snapshots hold the plain sequence either way (see
//! [`pattern_seq`](super::pattern_seq)).

use std::borrow::Cow;

use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::pattern_seq::{self, Read};

/// Item `k`'s row is [`get(k)`](Self::get) (an item being a vertex, or an out-edge in CSR
/// order).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Rows {
    /// `len` items, item `k` in row `k`; items past `len` read no row.
    Identity(usize),
    /// One row per item.
    Each(Vec<u32>),
}

impl Default for Rows {
    fn default() -> Self {
        Self::NONE
    }
}

impl Rows {
    /// No item reads a row: what edges hold when no label has edge properties (the same as
    /// an identity over no items, and written as the same empty sequence).
    pub(crate) const NONE: Self = Self::Identity(0);

    /// Item `k`'s row; `None` past the end (and for every item of [`NONE`](Self::NONE)).
    #[inline]
    pub(crate) fn get(&self, k: usize) -> Option<u32> {
        match self {
            Self::Identity(len) => (k < *len).then_some(k as u32),
            Self::Each(each) => each.get(k).copied(),
        }
    }

    /// Every item's row, item `k`'s at `k` (an identity is written out).
    pub(crate) fn to_slice(&self) -> Cow<'_, [u32]> {
        match self {
            Self::Identity(len) => Cow::Owned((0..*len as u32).into_par_iter().collect()),
            Self::Each(each) => Cow::Borrowed(each),
        }
    }

    /// The rows of items `order[0], order[1], …` (`order` itself for an identity).
    pub(crate) fn pick<'a>(&self, order: &'a [u32]) -> Cow<'a, [u32]> {
        match self {
            Self::Identity(_) => Cow::Borrowed(order),
            Self::Each(each) => Cow::Owned(order.par_iter().map(|&i| each[i as usize]).collect()),
        }
    }

    /// Appends an item in row `row`; the first row off the identity makes every row explicit.
    #[inline]
    pub(crate) fn push(&mut self, row: u32) {
        if let Self::Identity(len) = self
            && row as usize == *len
        {
            *len += 1;
            return;
        }
        self.make_explicit(1);
        if let Self::Each(each) = self {
            each.push(row);
        }
    }

    /// Puts item `k` (`k <` the number of items) in row `row`.
    pub(crate) fn set(&mut self, k: usize, row: u32) {
        if matches!(self, Self::Identity(_)) && row as usize == k {
            return;
        }
        self.make_explicit(0);
        if let Self::Each(each) = self {
            each[k] = row;
        }
    }

    /// Switches to one row per item, with room for `extra` more.
    fn make_explicit(&mut self, extra: usize) {
        if let Self::Identity(len) = *self {
            let mut each = Vec::with_capacity(len + extra);
            each.extend(0..len as u32);
            *self = Self::Each(each);
        }
    }

    /// Heap bytes held (none unless rows are explicit).
    pub(crate) fn memory_bytes(&self) -> u64 {
        match self {
            Self::Identity(_) => 0,
            Self::Each(each) => each.capacity() as u64 * 4,
        }
    }
}

impl Serialize for Rows {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Identity(len) => s.collect_seq(0..*len as u32),
            Self::Each(each) => each.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Rows {
    /// An empty sequence is [`NONE`](Rows::NONE) (what the build writes for edges when no
    /// label has properties; with no items the two mean the same).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match pattern_seq::read(d, |i, _: u32| i as u32)? {
            Read::Pattern { len, .. } => Self::Identity(len),
            Read::Each(each) => Self::Each(each),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_rows_are_the_item_indices_without_a_vector() {
        let r = Rows::Identity(3);
        assert_eq!(
            (0..4).map(|k| r.get(k)).collect::<Vec<_>>(),
            [Some(0), Some(1), Some(2), None]
        );
        assert_eq!(r.memory_bytes(), 0);
        assert_eq!(*r.to_slice(), [0, 1, 2]);
        assert_eq!(*r.pick(&[2, 0]), [2, 0]);
        assert_eq!(Rows::NONE.get(0), None);
        let each = Rows::Each(vec![4, 0]);
        assert_eq!(
            (each.get(0), each.get(1), each.get(2)),
            (Some(4), Some(0), None)
        );
        assert_eq!(*each.to_slice(), [4, 0]);
        assert_eq!(*each.pick(&[1, 1, 0]), [0, 0, 4]);
        assert!(each.memory_bytes() >= 8);
    }

    #[test]
    fn pushes_and_sets_turn_explicit_only_off_the_identity() {
        let mut r = Rows::default();
        for row in 0..3 {
            r.push(row);
        }
        r.set(1, 1);
        assert_eq!(r, Rows::Identity(3));
        r.push(0);
        assert_eq!(r, Rows::Each(vec![0, 1, 2, 0]));
        r.push(7);
        r.set(0, 5);
        assert_eq!(r, Rows::Each(vec![5, 1, 2, 0, 7]));
        let mut set = Rows::Identity(3);
        set.set(1, 3);
        assert_eq!(set, Rows::Each(vec![0, 3, 2]));
    }

    #[test]
    fn snapshots_hold_the_plain_sequence_and_read_back_compact() {
        for (rows, plain) in [
            (Rows::Identity(3), vec![0u32, 1, 2]),
            (Rows::Each(vec![1, 0, 2]), vec![1, 0, 2]),
            (Rows::NONE, vec![]),
        ] {
            let bytes = bincode::serialize(&rows).unwrap();
            assert_eq!(bytes, bincode::serialize(&plain).unwrap());
            let back: Rows = bincode::deserialize(&bytes).unwrap();
            assert_eq!(back, rows);
        }
        // An old snapshot's explicit 0..m comes back as the identity.
        let old = bincode::serialize(&(0..1000u32).collect::<Vec<_>>()).unwrap();
        let back: Rows = bincode::deserialize(&old).unwrap();
        assert_eq!(back, Rows::Identity(1000));
    }
}
