//! A string arena: many strings in one buffer, addressed by dense `u32` indices.
//!
//! Used for vertex names and string property values so that a graph with millions of vertices
//! does not pay one heap allocation (and 24 bytes of `String` header) per string.

use serde::{Deserialize, Serialize};

/// Append-only list of strings stored back to back in one `String`.
///
/// Invariant: `ends.len()` is the number of strings and string `i` is
/// `bytes[start(i)..ends[i]]` where `start(0) = 0` and `start(i) = ends[i - 1]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct StrArena {
    ends: Vec<u64>,
    bytes: String,
}

impl StrArena {
    /// Number of strings held.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Appends `s` and returns its index.
    pub(crate) fn push(&mut self, s: &str) -> usize {
        self.bytes.push_str(s);
        self.ends.push(self.bytes.len() as u64);
        self.ends.len() - 1
    }

    /// Keeps the first `len` strings.
    pub(crate) fn truncate(&mut self, len: usize) {
        self.ends.truncate(len);
        self.bytes
            .truncate(self.ends.last().map_or(0, |&e| e as usize));
    }

    /// The `i`-th string. Panics if `i >= len()`.
    pub(crate) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.bytes[start..self.ends[i] as usize]
    }

    /// Iterates over all strings in index order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }

    /// Approximate heap bytes held.
    pub(crate) fn memory_bytes(&self) -> u64 {
        (self.ends.capacity() * 8 + self.bytes.capacity()) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_and_get_round_trip_including_empty_strings() {
        let mut a = StrArena::default();
        assert_eq!(a.push("Vivian"), 0);
        assert_eq!(a.push(""), 1);
        assert_eq!(a.push("Lethal Weapon"), 2);
        assert_eq!(a.len(), 3);
        assert_eq!(a.get(0), "Vivian");
        assert_eq!(a.get(1), "");
        assert_eq!(a.get(2), "Lethal Weapon");
        assert_eq!(
            a.iter().collect::<Vec<_>>(),
            ["Vivian", "", "Lethal Weapon"]
        );
    }
}
