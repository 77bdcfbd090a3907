//! [`EdgeRows`]: which row of its label's property table each out-edge reads.
//!
//! With one edge label whose rows follow the edge order (what every build of a one-label graph
//! produces: the tables are gathered in CSR order), edge `k`'s row is `k`, and a `u32` per edge
//! saying so cost 4 bytes × m (15 MB at Kronecker scale 18). The build says "identity" instead;
//! several labels hold a row per edge; no edge property at all holds nothing. Snapshots hold the
//! plain sequence either way (see [`pattern_seq`](super::pattern_seq)).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::pattern_seq::{self, Read};

/// Out-edge `k`'s row is [`get(k)`](Self::get).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) enum EdgeRows {
    /// No label has properties: no edge reads a row.
    #[default]
    Unused,
    /// `len` edges, edge `k` in row `k`.
    Identity(usize),
    /// One row per edge.
    Each(Vec<u32>),
}

impl EdgeRows {
    /// Out-edge `k`'s row; `None` past the end and when no label has properties.
    #[inline]
    pub(crate) fn get(&self, k: usize) -> Option<u32> {
        match self {
            Self::Unused => None,
            Self::Identity(len) => (k < *len).then_some(k as u32),
            Self::Each(each) => each.get(k).copied(),
        }
    }

    /// Heap bytes held (none unless rows are explicit).
    pub(crate) fn memory_bytes(&self) -> u64 {
        match self {
            Self::Unused | Self::Identity(_) => 0,
            Self::Each(each) => each.capacity() as u64 * 4,
        }
    }
}

impl Serialize for EdgeRows {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Unused => s.collect_seq(std::iter::empty::<u32>()),
            Self::Identity(len) => s.collect_seq(0..*len as u32),
            Self::Each(each) => each.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for EdgeRows {
    /// An empty sequence is "no rows" (what the build writes when no label has properties; with
    /// no edges the two mean the same).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match pattern_seq::read(d, |i, _: u32| i as u32)? {
            Read::Pattern { len: 0, .. } => Self::Unused,
            Read::Pattern { len, .. } => Self::Identity(len),
            Read::Each(each) => Self::Each(each),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_rows_are_the_edge_indices_without_a_vector() {
        let r = EdgeRows::Identity(3);
        assert_eq!(
            (0..4).map(|k| r.get(k)).collect::<Vec<_>>(),
            [Some(0), Some(1), Some(2), None]
        );
        assert_eq!(r.memory_bytes(), 0);
        assert_eq!(EdgeRows::Unused.get(0), None);
        let each = EdgeRows::Each(vec![4, 0]);
        assert_eq!(
            (each.get(0), each.get(1), each.get(2)),
            (Some(4), Some(0), None)
        );
        assert!(each.memory_bytes() >= 8);
    }

    #[test]
    fn snapshots_hold_the_plain_sequence_and_read_back_compact() {
        for (rows, plain) in [
            (EdgeRows::Identity(3), vec![0u32, 1, 2]),
            (EdgeRows::Each(vec![1, 0, 2]), vec![1, 0, 2]),
            (EdgeRows::Unused, vec![]),
        ] {
            let bytes = bincode::serialize(&rows).unwrap();
            assert_eq!(bytes, bincode::serialize(&plain).unwrap());
            let back: EdgeRows = bincode::deserialize(&bytes).unwrap();
            assert_eq!(back, rows);
        }
        // An old snapshot's explicit 0..m comes back as the identity.
        let old = bincode::serialize(&(0..1000u32).collect::<Vec<_>>()).unwrap();
        let back: EdgeRows = bincode::deserialize(&old).unwrap();
        assert_eq!(back, EdgeRows::Identity(1000));
    }
}
