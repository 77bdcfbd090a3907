//! [`EdgeLabels`]: the label of every out-edge, held as one label while all edges share it.
//!
//! Most graphs have one edge label; a `u16` per edge repeating it cost 2 bytes × m for nothing
//! (7.6 MB at Kronecker scale 18). The build produces the compact form straight from the
//! builder's edge columns, and a graph whose edges carry several labels holds them all.
//! Snapshots hold the plain sequence either way (see [`pattern_seq`](super::pattern_seq)).

use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::pattern_seq::{self, Read};

/// Out-edge `k`'s label is [`get(k)`](Self::get).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum EdgeLabels {
    /// `len` edges, all of label `label`.
    Same { label: u16, len: usize },
    /// One label per edge.
    Each(Vec<u16>),
}

impl Default for EdgeLabels {
    fn default() -> Self {
        Self::Same { label: 0, len: 0 }
    }
}

impl EdgeLabels {
    /// `len` edges of label `label`.
    pub(crate) fn same(label: u16, len: usize) -> Self {
        Self::Same { label, len }
    }

    /// The labels `each` (edge `k` has `each[k]`), held as one label if they are all equal.
    pub(crate) fn from_vec(each: Vec<u16>) -> Self {
        if let Some(&first) = each.first()
            && each.par_iter().all(|&l| l == first)
        {
            return Self::same(first, each.len());
        }
        Self::Each(each)
    }

    /// Number of edges.
    pub(crate) fn len(&self) -> usize {
        match self {
            Self::Same { len, .. } => *len,
            Self::Each(each) => each.len(),
        }
    }

    /// Out-edge `k`'s label (`k < len()`; an `Each` panics past the end, like a slice).
    #[inline]
    pub(crate) fn get(&self, k: usize) -> u16 {
        match self {
            Self::Same { label, .. } => *label,
            Self::Each(each) => each[k],
        }
    }

    /// The label of every edge, when there are edges and they all have the same one.
    pub(crate) fn only(&self) -> Option<u16> {
        match self {
            Self::Same { label, len } if *len > 0 => Some(*label),
            _ => None,
        }
    }

    /// Whether some edge's label satisfies `f`.
    pub(crate) fn any(&self, f: impl Fn(u16) -> bool) -> bool {
        match self {
            Self::Same { label, len } => *len > 0 && f(*label),
            Self::Each(each) => each.iter().any(|&l| f(l)),
        }
    }

    /// Edges per label id, for `labels` label ids.
    pub(crate) fn counts(&self, labels: usize) -> Vec<u64> {
        let mut counts = vec![0u64; labels];
        match self {
            Self::Same { label, len } => {
                if *len > 0 {
                    counts[*label as usize] = *len as u64;
                }
            }
            Self::Each(each) => each.iter().for_each(|&l| counts[l as usize] += 1),
        }
        counts
    }

    /// Heap bytes held (none for one label).
    pub(crate) fn memory_bytes(&self) -> u64 {
        match self {
            Self::Same { .. } => 0,
            Self::Each(each) => each.capacity() as u64 * 2,
        }
    }
}

impl Serialize for EdgeLabels {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Same { label, len } => s.collect_seq(std::iter::repeat_n(*label, *len)),
            Self::Each(each) => each.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for EdgeLabels {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match pattern_seq::read(d, |_, first: u16| first)? {
            Read::Pattern { first, len } => Self::same(first.unwrap_or(0), len),
            Read::Each(each) => Self::Each(each),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_label_is_held_without_a_vector() {
        let l = EdgeLabels::from_vec(vec![3, 3, 3]);
        assert_eq!(l, EdgeLabels::same(3, 3));
        assert_eq!((l.len(), l.get(2), l.only()), (3, 3, Some(3)));
        assert_eq!(l.memory_bytes(), 0);
        assert_eq!(l.counts(5), [0, 0, 0, 3, 0]);
        assert!(l.any(|x| x == 3) && !l.any(|x| x == 1));
        assert_eq!(EdgeLabels::same(3, 0).only(), None);
        assert!(!EdgeLabels::same(3, 0).any(|_| true));
    }

    #[test]
    fn several_labels_are_held_one_per_edge() {
        let l = EdgeLabels::from_vec(vec![3, 1, 3]);
        assert_eq!((l.len(), l.get(0), l.get(1), l.only()), (3, 3, 1, None));
        assert_eq!(l.counts(4), [0, 1, 0, 2]);
        assert!(l.memory_bytes() >= 6);
        assert!(l.any(|x| x == 1) && !l.any(|x| x == 2));
    }

    #[test]
    fn snapshots_hold_the_plain_sequence_and_read_back_compact() {
        for (labels, plain) in [
            (EdgeLabels::same(4, 3), vec![4u16, 4, 4]),
            (EdgeLabels::Each(vec![4, 0, 4]), vec![4, 0, 4]),
            (EdgeLabels::default(), vec![]),
        ] {
            let bytes = bincode::serialize(&labels).unwrap();
            assert_eq!(bytes, bincode::serialize(&plain).unwrap());
            let back: EdgeLabels = bincode::deserialize(&bytes).unwrap();
            assert_eq!(back, labels);
        }
        // An old snapshot's vector of one label comes back compact.
        let old = bincode::serialize(&vec![2u16; 5]).unwrap();
        let back: EdgeLabels = bincode::deserialize(&old).unwrap();
        assert_eq!(back, EdgeLabels::same(2, 5));
    }
}
