//! [`Ends`]: where each row's values end in a column, held implicitly while every row has
//! exactly one value.
//!
//! A single-valued property present on every row (an edge weight, say) has row `i`'s value at
//! `i`, and a `u32` end per row saying so cost 4 bytes × rows (15 MB for the weight of a
//! Kronecker scale 18 graph). The column keeps the count instead, and switches to explicit ends
//! (nothing lost) the first time a row gets no value or several, whether while parsing, on an
//! append or on a gather. Snapshots hold the plain ends either way (see
//! [`pattern_seq`](crate::graph::pattern_seq)).

use std::ops::Range;

use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::graph::pattern_seq::{self, Read};

/// Row `i`'s values are `values[range(i)]`.
#[derive(Debug, Clone)]
pub(super) enum Ends {
    /// This many rows, row `i` holding exactly value `i`.
    One(usize),
    /// `each[i]` is one past row `i`'s last value.
    Each(Vec<u32>),
}

impl Default for Ends {
    fn default() -> Self {
        Self::One(0)
    }
}

impl Ends {
    /// Number of rows.
    pub(super) fn len(&self) -> usize {
        match self {
            Self::One(n) => *n,
            Self::Each(each) => each.len(),
        }
    }

    /// One past row `row`'s last value.
    #[inline]
    fn end(&self, row: usize) -> usize {
        match self {
            Self::One(_) => row + 1,
            Self::Each(each) => each[row] as usize,
        }
    }

    /// Row `row`'s values' positions.
    #[inline]
    pub(super) fn range(&self, row: usize) -> Range<usize> {
        match self {
            Self::One(_) => row..row + 1,
            Self::Each(each) => {
                let start = if row == 0 { 0 } else { each[row - 1] as usize };
                start..each[row] as usize
            }
        }
    }

    /// One past the last row's last value (0 with no rows).
    pub(super) fn last(&self) -> usize {
        match self {
            Self::One(n) => *n,
            Self::Each(each) => each.last().map_or(0, |&e| e as usize),
        }
    }

    /// Whether every row holds exactly one value (checked row by row for explicit ends).
    pub(super) fn is_one_per_row(&self) -> bool {
        match self {
            Self::One(_) => true,
            Self::Each(each) => each
                .par_iter()
                .enumerate()
                .all(|(i, &e)| e as usize == i + 1),
        }
    }

    /// Appends a row ending at `end`.
    pub(super) fn push(&mut self, end: u32) {
        if let Self::One(n) = self
            && end as usize == *n + 1
        {
            *n += 1;
            return;
        }
        self.make_explicit(1);
        if let Self::Each(each) = self {
            each.push(end);
        }
    }

    /// Appends `other`'s rows, their values placed after `base` values.
    pub(super) fn append(&mut self, other: &Ends, base: u32) {
        if let (Self::One(n), Self::One(k)) = (&mut *self, other)
            && *n == base as usize
        {
            *n += k;
            return;
        }
        self.make_explicit(other.len());
        if let Self::Each(each) = self {
            each.extend((0..other.len()).map(|i| other.end(i) as u32 + base));
        }
    }

    /// Keeps the first `rows` rows; back to one value per row once there are none.
    pub(super) fn truncate(&mut self, rows: usize) {
        match self {
            Self::One(n) => *n = (*n).min(rows),
            Self::Each(each) => each.truncate(rows),
        }
        if rows == 0 {
            *self = Self::One(0);
        }
    }

    /// Frees spare capacity of explicit ends.
    pub(super) fn shrink_to_fit(&mut self) {
        if let Self::Each(each) = self {
            each.shrink_to_fit();
        }
    }

    /// Heap bytes held (none for one value per row).
    pub(super) fn memory_bytes(&self) -> u64 {
        match self {
            Self::One(_) => 0,
            Self::Each(each) => each.capacity() as u64 * 4,
        }
    }

    /// Switches to explicit ends, with room for `extra` more rows.
    fn make_explicit(&mut self, extra: usize) {
        if let Self::One(n) = *self {
            let mut each = Vec::with_capacity(n + extra);
            each.extend(1..=n as u32);
            *self = Self::Each(each);
        }
    }
}

/// Equal when every row's values sit at the same positions, whichever the form.
impl PartialEq for Ends {
    fn eq(&self, other: &Ends) -> bool {
        self.len() == other.len() && (0..self.len()).all(|i| self.end(i) == other.end(i))
    }
}

impl Serialize for Ends {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::One(n) => s.collect_seq(1..=*n as u32),
            Self::Each(each) => each.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Ends {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match pattern_seq::read(d, |i, _: u32| i as u32 + 1)? {
            Read::Pattern { len, .. } => Self::One(len),
            Read::Each(each) => Self::Each(each),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explicit(e: &Ends) -> Vec<u32> {
        (0..e.len()).map(|i| e.end(i) as u32).collect()
    }

    #[test]
    fn one_value_per_row_needs_no_vector() {
        let mut e = Ends::default();
        for end in 1..=3 {
            e.push(end);
        }
        assert!(matches!(e, Ends::One(3)));
        assert_eq!((e.range(2), e.last(), e.memory_bytes()), (2..3, 3, 0));
        e.append(&Ends::One(2), 3);
        assert!(matches!(e, Ends::One(5)));
        e.truncate(4);
        assert!(matches!(e, Ends::One(4)) && e.is_one_per_row());
    }

    #[test]
    fn an_absent_or_multi_value_row_switches_to_explicit_ends() {
        let mut e = Ends::One(2);
        e.push(2); // row 2 has no value
        assert!(matches!(e, Ends::Each(_)));
        assert_eq!(explicit(&e), [1, 2, 2]);
        assert_eq!((e.range(2), e.last()), (2..2, 2));
        e.push(5); // row 3 has three
        assert_eq!((e.range(3), e.len()), (2..5, 4));
        assert!(!e.is_one_per_row());
        assert!(e.memory_bytes() >= 16);
        e.truncate(2);
        assert_eq!(explicit(&e), [1, 2]);
        assert!(e.is_one_per_row());
        e.truncate(0);
        assert!(matches!(e, Ends::One(0)));
    }

    #[test]
    fn appends_keep_every_row_whatever_the_forms() {
        let mut e = Ends::One(2);
        e.append(&Ends::Each(vec![0, 3]), 2);
        assert_eq!(explicit(&e), [1, 2, 2, 5]);
        e.append(&Ends::One(2), 5);
        assert_eq!(explicit(&e), [1, 2, 2, 5, 6, 7]);
        let mut one = Ends::One(1);
        one.append(&Ends::One(1), 3); // values placed after a gap: explicit
        assert_eq!(explicit(&one), [1, 4]);
        assert_eq!(Ends::One(2), Ends::Each(vec![1, 2]));
        assert_ne!(Ends::One(2), Ends::Each(vec![1, 3]));
    }

    #[test]
    fn snapshots_hold_the_plain_ends_and_read_back_compact() {
        for (ends, plain) in [
            (Ends::One(3), vec![1u32, 2, 3]),
            (Ends::Each(vec![1, 1, 4]), vec![1, 1, 4]),
            (Ends::One(0), vec![]),
        ] {
            let bytes = bincode::serialize(&ends).unwrap();
            assert_eq!(bytes, bincode::serialize(&plain).unwrap());
            let back: Ends = bincode::deserialize(&bytes).unwrap();
            assert_eq!(explicit(&back), plain);
        }
        let old = bincode::serialize(&vec![1u32, 2, 3, 4]).unwrap();
        let back: Ends = bincode::deserialize(&old).unwrap();
        assert!(matches!(back, Ends::One(4)));
    }
}
