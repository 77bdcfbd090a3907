//! Reading a sequence that is kept implicit while it follows a pattern ("every item is `L`",
//! "item `i` is `i`"): what the graph's compact columns ([`Labels`](super::labels),
//! [`Rows`](super::rows), a property column's ends) deserialize through.
//!
//! Snapshots keep their layout: a compact column is written as the plain sequence it stands for
//! (`collect_seq` over the pattern), so a snapshot is byte for byte what the graph wrote before
//! the compact forms existed, and snapshots written by older versions load unchanged (see
//! [`snapshot`](super::snapshot)). Reading streams the items and allocates only once one breaks
//! the pattern, so loading a compact graph never materialises the vector it stands for.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, SeqAccess, Visitor};

/// Largest allocation made up front from a sequence's declared length (a corrupt file may
/// declare any length; the vector grows past this as items really arrive).
const MAX_PREALLOC: usize = 1 << 18;

/// What [`read`] found.
#[derive(Debug, PartialEq)]
pub(crate) enum Read<T> {
    /// `len` items, item `i` being `nth(i, first)`; `first` is `None` when there are none.
    Pattern { first: Option<T>, len: usize },
    /// Some item broke the pattern: all the items.
    Each(Vec<T>),
}

/// Reads a sequence of `T`, keeping it implicit while item `i` equals `nth(i, item 0)`.
///
/// # Errors
/// The deserializer's, for anything that is not a sequence of `T`.
pub(crate) fn read<'de, D, T, F>(d: D, nth: F) -> Result<Read<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Copy + PartialEq,
    F: Fn(usize, T) -> T,
{
    d.deserialize_seq(PatternVisitor {
        nth,
        item: PhantomData,
    })
}

struct PatternVisitor<T, F> {
    nth: F,
    item: PhantomData<T>,
}

impl<'de, T, F> Visitor<'de> for PatternVisitor<T, F>
where
    T: Deserialize<'de> + Copy + PartialEq,
    F: Fn(usize, T) -> T,
{
    type Value = Read<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Read<T>, A::Error> {
        let Some(first) = seq.next_element::<T>()? else {
            return Ok(Read::Pattern {
                first: None,
                len: 0,
            });
        };
        let mut len = 0;
        let mut x = first;
        loop {
            if x != (self.nth)(len, first) {
                let rest = seq.size_hint().unwrap_or(0);
                let mut each = Vec::with_capacity((len + 1 + rest).min(MAX_PREALLOC));
                each.extend((0..len).map(|i| (self.nth)(i, first)));
                each.push(x);
                while let Some(x) = seq.next_element()? {
                    each.push(x);
                }
                return Ok(Read::Each(each));
            }
            len += 1;
            match seq.next_element()? {
                Some(next) => x = next,
                None => {
                    return Ok(Read::Pattern {
                        first: Some(first),
                        len,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `items` through bincode (what snapshots use), read back with `nth`.
    fn reread<T>(items: &[T], nth: impl Fn(usize, T) -> T) -> Read<T>
    where
        T: serde::Serialize + for<'de> Deserialize<'de> + Copy + PartialEq,
    {
        use bincode::Options;
        let bytes = bincode::serialize(items).unwrap();
        // The same options `bincode::deserialize` uses.
        let opts = bincode::DefaultOptions::new()
            .with_fixint_encoding()
            .allow_trailing_bytes();
        let mut d = bincode::Deserializer::from_slice(&bytes, opts);
        read(&mut d, nth).unwrap()
    }

    #[test]
    fn a_sequence_that_follows_the_pattern_stays_implicit() {
        let same = |_: usize, first: u16| first;
        assert_eq!(
            reread(&[7u16, 7, 7], same),
            Read::Pattern {
                first: Some(7),
                len: 3
            }
        );
        let identity = |i: usize, _: u32| i as u32;
        assert_eq!(
            reread(&[0u32, 1, 2, 3], identity),
            Read::Pattern {
                first: Some(0),
                len: 4
            }
        );
        assert_eq!(
            reread::<u32>(&[], identity),
            Read::Pattern {
                first: None,
                len: 0
            }
        );
    }

    #[test]
    fn the_first_item_off_the_pattern_materialises_every_item() {
        let same = |_: usize, first: u16| first;
        assert_eq!(reread(&[7u16, 7, 2, 7], same), Read::Each(vec![7, 7, 2, 7]));
        let identity = |i: usize, _: u32| i as u32;
        // Off at the very first item, and at the last.
        assert_eq!(reread(&[1u32, 2, 3], identity), Read::Each(vec![1, 2, 3]));
        assert_eq!(reread(&[0u32, 1, 5], identity), Read::Each(vec![0, 1, 5]));
    }
}
