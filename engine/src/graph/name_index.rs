//! Name → vertex lookup used while building: an open-addressing hash table of vertex indices
//! whose keys live in the builder's [`StrArena`].
//!
//! An import looks up two names per edge row, so this is the hottest structure of an import,
//! and its cost is cache misses. Each 16-byte slot holds the index, a tag (hash bits plus the
//! name's length) and the name's first 8 bytes, so a name of up to 8 bytes is matched without
//! touching the arena at all, and a longer one only when tag and prefix agree. Hashing is a
//! word-at-a-time multiply-rotate hash with a per-index random seed and a final avalanche mix;
//! linear probing at a load factor of at most one half.

use std::hash::BuildHasher;

use super::arena::StrArena;

const EMPTY: u32 = u32::MAX;
const K: u64 = 0x517c_c1b7_2722_0a95;

#[derive(Debug, Clone, Copy)]
struct Slot {
    /// Arena index, or `EMPTY`.
    index: u32,
    /// High hash bits, with the name's length (capped at 255) in the low byte.
    tag: u32,
    /// The name's first 8 bytes, zero-padded.
    prefix: u64,
}

const FREE: Slot = Slot {
    index: EMPTY,
    tag: 0,
    prefix: 0,
};

/// Hash table from names (in an arena) to their arena index.
#[derive(Debug, Clone)]
pub(crate) struct NameIndex {
    /// Length is a power of two.
    slots: Vec<Slot>,
    len: usize,
    seed: u64,
}

impl Default for NameIndex {
    fn default() -> Self {
        Self::with_capacity(0)
    }
}

/// A name's hash, tag and prefix.
struct Key {
    hash: u64,
    tag: u32,
    prefix: u64,
}

impl NameIndex {
    /// An empty index with room for `n` names before growing.
    pub(crate) fn with_capacity(n: usize) -> Self {
        let cap = (n.max(8) * 2).next_power_of_two();
        let seed = std::collections::hash_map::RandomState::new().hash_one(0x9e37_79b9_u64);
        Self {
            slots: vec![FREE; cap],
            len: 0,
            seed,
        }
    }

    /// An index of every name in `names`, which must be distinct.
    pub(crate) fn build(names: &StrArena) -> Self {
        let mut index = Self::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            index.insert_new(names, name, i as u32);
        }
        index
    }

    #[inline]
    fn key(&self, s: &str) -> Key {
        let bytes = s.as_bytes();
        let word = |c: &[u8]| {
            let mut w = [0u8; 8];
            w[..c.len()].copy_from_slice(c);
            u64::from_le_bytes(w)
        };
        let prefix = word(&bytes[..bytes.len().min(8)]);
        let mut h = (self.seed ^ bytes.len() as u64 ^ prefix).wrapping_mul(K);
        if bytes.len() > 8 {
            for c in bytes[8..].chunks(8) {
                h = (h.rotate_left(5) ^ word(c)).wrapping_mul(K);
            }
        }
        // murmur3 fmix64: spreads entropy to the low bits used for the slot.
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^= h >> 33;
        let tag = ((h >> 32) as u32 & !0xff) | bytes.len().min(255) as u32;
        Key {
            hash: h,
            tag,
            prefix,
        }
    }

    /// The index of `name`, if present.
    #[inline]
    pub(crate) fn get(&self, names: &StrArena, name: &str) -> Option<u32> {
        let key = self.key(name);
        let mask = self.slots.len() - 1;
        let mut i = key.hash as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.index == EMPTY {
                return None;
            }
            if slot.tag == key.tag
                && slot.prefix == key.prefix
                && (name.len() <= 8 || names.get(slot.index as usize) == name)
            {
                return Some(slot.index);
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds `name` → `v`; `name` must not be present yet.
    pub(crate) fn insert_new(&mut self, names: &StrArena, name: &str, v: u32) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow(names);
        }
        let key = self.key(name);
        let mask = self.slots.len() - 1;
        let mut i = key.hash as usize & mask;
        while self.slots[i].index != EMPTY {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot {
            index: v,
            tag: key.tag,
            prefix: key.prefix,
        };
        self.len += 1;
    }

    fn grow(&mut self, names: &StrArena) {
        let bigger = vec![FREE; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, bigger);
        self.len = 0;
        for slot in old.into_iter().filter(|s| s.index != EMPTY) {
            self.insert_new(names, names.get(slot.index as usize), slot.index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_name_and_nothing_else_across_growth() {
        let mut names = StrArena::default();
        let mut index = NameIndex::default();
        for i in 0..10_000 {
            let name = format!("v{i}");
            let v = names.push(&name) as u32;
            index.insert_new(&names, &name, v);
        }
        for i in 0..10_000 {
            assert_eq!(index.get(&names, &format!("v{i}")), Some(i));
        }
        assert_eq!(index.get(&names, "v10000"), None);
        assert_eq!(index.get(&names, ""), None);
        // Long names sharing their first 8 bytes, and names differing only by a trailing NUL.
        for name in ["prefix__long_a", "prefix__long_b", "a", "a\0"] {
            let v = names.push(name) as u32;
            index.insert_new(&names, name, v);
        }
        assert_eq!(index.get(&names, "prefix__long_b"), Some(10_001));
        assert_eq!(index.get(&names, "prefix__long_c"), None);
        assert_eq!(index.get(&names, "a\0"), Some(10_003));
        assert_eq!(index.get(&names, "a"), Some(10_002));
        let rebuilt = NameIndex::build(&names);
        assert_eq!(rebuilt.get(&names, "v1234"), Some(1234));
    }
}
