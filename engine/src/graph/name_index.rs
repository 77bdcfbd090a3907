//! Name → vertex lookup used while building: an open-addressing hash table of vertex indices
//! whose keys live in the builder's [`StrArena`].
//!
//! An import looks up two names per edge row, so this is the hottest structure of an import,
//! and its cost is cache misses. Each 16-byte slot holds the index, a tag (hash bits plus the
//! name's length) and the name's first 8 bytes, so a name of up to 8 bytes is matched without
//! touching the arena at all, and a longer one only when tag and prefix agree. Hashing is a
//! word-at-a-time multiply-rotate hash with a per-index random seed and a final avalanche mix;
//! linear probing at a load factor of at most one half.
//!
//! Most graphs number their vertices: names such as `0`, `17`, `262143`. A canonical decimal
//! name (digits only, no leading zero, at most nine digits) whose value is not far above the
//! number of names goes in a dense array indexed by that value instead of the table: 4 bytes per
//! value rather than 32 per name, and a lookup is one read of an array a quarter the size, which
//! mostly stays in cache where the table's slots miss it. Any other name goes in the table.
//!
//! Most numbered graphs go further: their vertex file lists `0`, `1`, `2`, … in order, so the
//! vertex named `x` is vertex `x`. While the first names are the numbers of their own indices,
//! they are only counted ([`NameIndex::ordinal`]) and a lookup among them is the number itself:
//! no memory read at all (an edge row's target is a random one, a cache miss in the array on a
//! large graph).

use std::hash::BuildHasher;

use super::arena::StrArena;
use decimal::decimal;

mod decimal;

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

/// A decimal name goes in the dense array only while its value is below this many slots per
/// name held, plus [`DENSE_BASE`], so that sparse numbers cannot make the array large.
const DENSE_PER_NAME: usize = 4;
const DENSE_BASE: usize = 1 << 12;

/// Hash table from names (in an arena) to their arena index.
#[derive(Debug, Clone)]
pub(crate) struct NameIndex {
    /// Length is a power of two.
    slots: Vec<Slot>,
    /// Names in `slots`.
    len: usize,
    seed: u64,
    /// `dense[x]`: the index of the name that is the decimal number `x`, or `EMPTY`.
    dense: Vec<u32>,
    /// Names in `dense`.
    dense_len: usize,
    /// Decimal names in `slots` (their number was beyond `dense` when they were added): while
    /// there are none, a decimal name missing from `dense` is missing altogether.
    slotted_decimals: usize,
    /// The first `ordinal` names are `0`, `1`, … `ordinal - 1`, in that order: name `x` below
    /// it is index `x`, held in neither `dense` nor `slots`.
    ordinal: usize,
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
    /// An empty index with room for `n` names in its table before growing.
    pub(crate) fn with_capacity(n: usize) -> Self {
        let cap = (n.max(8) * 2).next_power_of_two();
        let seed = std::collections::hash_map::RandomState::new().hash_one(0x9e37_79b9_u64);
        Self {
            slots: vec![FREE; cap],
            len: 0,
            seed,
            dense: Vec::new(),
            dense_len: 0,
            slotted_decimals: 0,
            ordinal: 0,
        }
    }

    /// An index of every name in `names`, which must be distinct.
    pub(crate) fn build(names: &StrArena) -> Self {
        let ordinal = names
            .iter()
            .zip(0u32..)
            .take_while(|&(name, i)| decimal(name) == Some(i))
            .count();
        let limit = dense_limit(names.len());
        let (mut top, mut dense) = (0, 0);
        for x in names.iter().skip(ordinal).filter_map(decimal) {
            if (x as usize) < limit {
                (top, dense) = (top.max(x as usize + 1), dense + 1);
            }
        }
        let mut index = Self::with_capacity(names.len() - ordinal - dense);
        index.ordinal = ordinal;
        if dense > 0 {
            index.dense = vec![EMPTY; top];
        }
        for (i, name) in names.iter().enumerate().skip(ordinal) {
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
    #[inline(always)]
    pub(crate) fn get(&self, names: &StrArena, name: &str) -> Option<u32> {
        if let Some(x) = decimal(name) {
            if (x as usize) < self.ordinal {
                return Some(x);
            }
            let found = self.dense.get(x as usize).copied().unwrap_or(EMPTY);
            if found != EMPTY {
                return Some(found);
            }
            if self.slotted_decimals == 0 {
                return None;
            }
        }
        self.get_slotted(names, name)
    }

    /// The index of `name` in the table (out of line, so that [`get`](Self::get)'s numbered
    /// names, which most graphs have, inline where they are looked up).
    #[inline(never)]
    fn get_slotted(&self, names: &StrArena, name: &str) -> Option<u32> {
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
        if let Some(x) = decimal(name) {
            let x = x as usize;
            if x == v as usize && x == self.ordinal {
                // Every name so far is its index's number (indices are handed out in order).
                self.ordinal += 1;
                return;
            }
            let limit = dense_limit(self.ordinal + self.len + self.dense_len + 1);
            if x >= self.dense.len() && x < limit {
                let grown = (x + 1).next_power_of_two().min(limit).max(x + 1);
                self.dense.resize(grown, EMPTY);
            }
            if x < self.dense.len() {
                self.dense[x] = v;
                self.dense_len += 1;
                return;
            }
            self.slotted_decimals += 1;
        }
        self.insert_slotted(names, name, v);
    }

    /// Adds `name` → `v` to the table.
    fn insert_slotted(&mut self, names: &StrArena, name: &str, v: u32) {
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
            self.insert_slotted(names, names.get(slot.index as usize), slot.index);
        }
    }
}

/// How far the dense array may reach with `names` names held.
fn dense_limit(names: usize) -> usize {
    names
        .saturating_mul(DENSE_PER_NAME)
        .saturating_add(DENSE_BASE)
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

    #[test]
    fn names_numbering_their_own_indices_are_only_counted() {
        let mut names = StrArena::default();
        let mut index = NameIndex::default();
        let add = |names: &mut StrArena, index: &mut NameIndex, name: &str| {
            let v = names.push(name) as u32;
            index.insert_new(names, name, v);
            v
        };
        for i in 0..1000u32 {
            add(&mut names, &mut index, &i.to_string());
        }
        assert_eq!((index.ordinal, index.dense.len(), index.len), (1000, 0, 0));
        // The run ends at the first other name; numbers after it are held as usual.
        let alice = add(&mut names, &mut index, "alice");
        let next = add(&mut names, &mut index, "1001");
        let back = add(&mut names, &mut index, "1000");
        assert_eq!(index.ordinal, 1000);
        for rebuilt in [false, true] {
            let index = if rebuilt {
                NameIndex::build(&names)
            } else {
                index.clone()
            };
            assert_eq!(index.ordinal, 1000);
            for i in 0..1000u32 {
                assert_eq!(index.get(&names, &i.to_string()), Some(i));
            }
            assert_eq!(index.get(&names, "alice"), Some(alice));
            assert_eq!(index.get(&names, "1001"), Some(next));
            assert_eq!(index.get(&names, "1000"), Some(back));
            assert!(["1002", "01", "-1", "bob"].map(|a| index.get(&names, a)) == [None; 4]);
        }
    }

    #[test]
    fn numbered_names_mixed_with_others_and_far_numbers() {
        let mut names = StrArena::default();
        let mut index = NameIndex::default();
        let add = |names: &mut StrArena, index: &mut NameIndex, name: &str| {
            let v = names.push(name) as u32;
            index.insert_new(names, name, v);
            v
        };
        // A far number first goes in the table; the array later grows past it.
        let far = add(&mut names, &mut index, "50000");
        let zero_padded = add(&mut names, &mut index, "007");
        let mut numbered = Vec::new();
        for i in 0..40_000u32 {
            numbered.push(add(&mut names, &mut index, &i.to_string()));
        }
        let word = add(&mut names, &mut index, "alice");
        assert!(
            index.dense.len() > 50_000,
            "the array reaches past the far number"
        );
        assert_eq!(index.get(&names, "50000"), Some(far));
        assert_eq!(index.get(&names, "007"), Some(zero_padded));
        assert_eq!(index.get(&names, "7"), Some(numbered[7]));
        assert_eq!(index.get(&names, "39999"), Some(numbered[39_999]));
        assert_eq!(index.get(&names, "alice"), Some(word));
        for absent in ["40000", "49999", "50001", "900000000", "07", "bob"] {
            assert_eq!(index.get(&names, absent), None, "{absent}");
        }
        // Rebuilt from the arena, everything is found the same way.
        let rebuilt = NameIndex::build(&names);
        assert_eq!(
            rebuilt.slotted_decimals, 0,
            "the rebuilt array covers 50000 from the start"
        );
        for (i, name) in names.iter().enumerate() {
            assert_eq!(rebuilt.get(&names, name), Some(i as u32), "{name}");
        }
        assert_eq!(rebuilt.get(&names, "40000"), None);
    }
}
