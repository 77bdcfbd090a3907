//! [`Labels`]: the label of every vertex, or of every out-edge, held as one label while all
//! share it.
//!
//! Most graphs have one vertex label and one edge label; a `u16` per item repeating it cost
//! 2 bytes × m for the edges (7.6 MB at Kronecker scale 18) and 2 bytes × n for the vertices.
//! The builder keeps its columns in this form as it goes ([`push`](Labels::push),
//! [`set`](Labels::set)), so the build hands the pattern over as it is; a graph whose items
//! carry several labels holds them all. Snapshots hold the plain sequence either way (see
//! [`pattern_seq`](super::pattern_seq)).

use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::pattern_seq::{self, Read};

/// Item `k`'s label is [`get(k)`](Self::get) (an item being a vertex, or an out-edge in CSR
/// order).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Labels {
    /// `len` items, all of label `label`.
    Same { label: u16, len: usize },
    /// One label per item.
    Each(Vec<u16>),
}

impl Default for Labels {
    fn default() -> Self {
        Self::Same { label: 0, len: 0 }
    }
}

impl Labels {
    /// `len` items of label `label`.
    pub(crate) fn same(label: u16, len: usize) -> Self {
        Self::Same { label, len }
    }

    /// The labels `each` (item `k` has `each[k]`), held as one label if they are all equal.
    pub(crate) fn from_vec(each: Vec<u16>) -> Self {
        if let Some(&first) = each.first()
            && each.par_iter().all(|&l| l == first)
        {
            return Self::same(first, each.len());
        }
        Self::Each(each)
    }

    /// These labels, said once if they are all equal (again: a [`set`](Self::set) back to the
    /// one label leaves them explicit).
    pub(crate) fn into_compact(self) -> Self {
        match self {
            Self::Each(each) => Self::from_vec(each),
            same => same,
        }
    }

    /// Number of items.
    pub(crate) fn len(&self) -> usize {
        match self {
            Self::Same { len, .. } => *len,
            Self::Each(each) => each.len(),
        }
    }

    /// Item `k`'s label (`k < len()`; an `Each` panics past the end, like a slice).
    #[inline]
    pub(crate) fn get(&self, k: usize) -> u16 {
        match self {
            Self::Same { label, .. } => *label,
            Self::Each(each) => each[k],
        }
    }

    /// The label of every item, when there are items and they all have the same one.
    pub(crate) fn only(&self) -> Option<u16> {
        match self {
            Self::Same { label, len } if *len > 0 => Some(*label),
            _ => None,
        }
    }

    /// Whether some item's label satisfies `f`.
    pub(crate) fn any(&self, f: impl Fn(u16) -> bool) -> bool {
        match self {
            Self::Same { label, len } => *len > 0 && f(*label),
            Self::Each(each) => each.iter().any(|&l| f(l)),
        }
    }

    /// Items per label id, for `labels` label ids.
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

    /// The labels of items `order[0], order[1], …`: one label said once when the items had
    /// one, never a vector repeating it.
    pub(crate) fn pick(&self, order: &[u32]) -> Self {
        match self {
            Self::Same { label, .. } => Self::same(*label, order.len()),
            Self::Each(each) => {
                Self::from_vec(order.par_iter().map(|&i| each[i as usize]).collect())
            }
        }
    }

    /// Appends an item of label `label`; the first of a second label makes every label
    /// explicit.
    #[inline]
    pub(crate) fn push(&mut self, label: u16) {
        if let Self::Same { label: l, len } = self
            && (*len == 0 || *l == label)
        {
            *l = label;
            *len += 1;
            return;
        }
        self.make_explicit(1);
        if let Self::Each(each) = self {
            each.push(label);
        }
    }

    /// Gives item `k` (`k < len()`) label `label`.
    pub(crate) fn set(&mut self, k: usize, label: u16) {
        if let Self::Same { label: l, len } = self
            && (*l == label || *len == 1)
        {
            *l = label;
            return;
        }
        self.make_explicit(0);
        if let Self::Each(each) = self {
            each[k] = label;
        }
    }

    /// Switches to one label per item, with room for `extra` more.
    fn make_explicit(&mut self, extra: usize) {
        if let Self::Same { label, len } = *self {
            let mut each = Vec::with_capacity(len + extra);
            each.resize(len, label);
            *self = Self::Each(each);
        }
    }

    /// Heap bytes held (none for one label).
    pub(crate) fn memory_bytes(&self) -> u64 {
        match self {
            Self::Same { .. } => 0,
            Self::Each(each) => each.capacity() as u64 * 2,
        }
    }
}

impl Serialize for Labels {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Same { label, len } => s.collect_seq(std::iter::repeat_n(*label, *len)),
            Self::Each(each) => each.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Labels {
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
        let l = Labels::from_vec(vec![3, 3, 3]);
        assert_eq!(l, Labels::same(3, 3));
        assert_eq!((l.len(), l.get(2), l.only()), (3, 3, Some(3)));
        assert_eq!(l.memory_bytes(), 0);
        assert_eq!(l.counts(5), [0, 0, 0, 3, 0]);
        assert!(l.any(|x| x == 3) && !l.any(|x| x == 1));
        assert_eq!(Labels::same(3, 0).only(), None);
        assert!(!Labels::same(3, 0).any(|_| true));
        assert_eq!(l.pick(&[2, 0]), Labels::same(3, 2));
    }

    #[test]
    fn several_labels_are_held_one_per_item() {
        let l = Labels::from_vec(vec![3, 1, 3]);
        assert_eq!((l.len(), l.get(0), l.get(1), l.only()), (3, 3, 1, None));
        assert_eq!(l.counts(4), [0, 1, 0, 2]);
        assert!(l.memory_bytes() >= 6);
        assert!(l.any(|x| x == 1) && !l.any(|x| x == 2));
        assert_eq!(l.pick(&[1, 0]), Labels::Each(vec![1, 3]));
        // The items picked may all have one label again.
        assert_eq!(l.pick(&[2, 0]), Labels::same(3, 2));
    }

    #[test]
    fn pushes_and_sets_turn_explicit_only_when_a_label_differs() {
        let mut l = Labels::default();
        for _ in 0..3 {
            l.push(4);
        }
        l.set(1, 4);
        assert_eq!(l, Labels::same(4, 3));
        l.push(1);
        assert_eq!(l, Labels::Each(vec![4, 4, 4, 1]));
        l.push(4);
        l.set(0, 2);
        assert_eq!(l, Labels::Each(vec![2, 4, 4, 1, 4]));
        let mut set = Labels::same(4, 3);
        set.set(2, 0);
        assert_eq!(set, Labels::Each(vec![4, 4, 0]));
        // A lone item's label can change and stay said once.
        let mut one = Labels::same(4, 1);
        one.set(0, 0);
        assert_eq!(one, Labels::same(0, 1));
        // Set back to one label: explicit until compacted.
        set.set(2, 4);
        assert_eq!(set, Labels::Each(vec![4, 4, 4]));
        assert_eq!(set.into_compact(), Labels::same(4, 3));
    }

    #[test]
    fn snapshots_hold_the_plain_sequence_and_read_back_compact() {
        for (labels, plain) in [
            (Labels::same(4, 3), vec![4u16, 4, 4]),
            (Labels::Each(vec![4, 0, 4]), vec![4, 0, 4]),
            (Labels::default(), vec![]),
        ] {
            let bytes = bincode::serialize(&labels).unwrap();
            assert_eq!(bytes, bincode::serialize(&plain).unwrap());
            let back: Labels = bincode::deserialize(&bytes).unwrap();
            assert_eq!(back, labels);
        }
        // An old snapshot's vector of one label comes back compact.
        let old = bincode::serialize(&vec![2u16; 5]).unwrap();
        let back: Labels = bincode::deserialize(&old).unwrap();
        assert_eq!(back, Labels::same(2, 5));
    }
}
