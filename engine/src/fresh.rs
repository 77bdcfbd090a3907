//! [`FreshMap`]: what a node read from the store, kept for [`FRESH`] at most, for reads that
//! come again and again (a client polling a finished job's result, page after page, each page
//! authenticated by its token).
//!
//! An entry is served while both hold:
//! - it is younger than [`FRESH`]: a change made by another process (another node on a shared
//!   PostgreSQL store, the CLI) shows within that time;
//! - the epoch it was read at is the current one: the caller passes a counter of the writes
//!   this process makes that change the answer (`SqlStore::epoch`), so they show at once.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long an entry is served without asking the store again.
pub(crate) const FRESH: Duration = Duration::from_secs(1);
/// Entries kept; past it, expired entries are dropped (all of them if none has expired).
const MAX_ENTRIES: usize = 16_384;

#[derive(Debug)]
struct Entry<V> {
    value: V,
    at: Instant,
    epoch: u64,
}

/// A map of recent reads, by key.
#[derive(Debug)]
pub(crate) struct FreshMap<V> {
    entries: Mutex<HashMap<String, Entry<V>>>,
}

impl<V> Default for FreshMap<V> {
    fn default() -> Self {
        Self {
            entries: Mutex::default(),
        }
    }
}

impl<V: Clone> FreshMap<V> {
    /// The value read for `key` at `epoch`, if it was read less than [`FRESH`] ago.
    pub(crate) fn get(&self, key: &str, epoch: u64) -> Option<V> {
        let entries = self.entries.lock().expect("fresh map");
        let e = entries.get(key)?;
        (e.epoch == epoch && e.at.elapsed() < FRESH).then(|| e.value.clone())
    }

    /// Keeps `value`, read for `key` at `epoch` by a read that started at `at` (taken before
    /// the read, so the entry never outlives what the store said by more than [`FRESH`]).
    pub(crate) fn put(&self, key: String, value: V, at: Instant, epoch: u64) {
        let mut entries = self.entries.lock().expect("fresh map");
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, e| e.at.elapsed() < FRESH);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key, Entry { value, at, epoch });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_served_only_at_its_epoch_and_while_fresh() {
        let map = FreshMap::default();
        let now = Instant::now();
        map.put("j".into(), 7, now, 3);
        assert_eq!(map.get("j", 3), Some(7));
        assert_eq!(map.get("j", 4), None, "the store changed since");
        assert_eq!(map.get("other", 3), None);
        let Some(old) = now.checked_sub(FRESH) else {
            return; // a clock this close to its start cannot be set back
        };
        map.put("j".into(), 8, old, 3);
        assert_eq!(map.get("j", 3), None, "read too long ago");
    }

    #[test]
    fn a_full_map_drops_expired_entries_first() {
        let map = FreshMap::default();
        let Some(old) = Instant::now().checked_sub(FRESH) else {
            return;
        };
        for i in 0..MAX_ENTRIES - 1 {
            map.put(format!("old{i}"), i, old, 0);
        }
        map.put("new".into(), 1, Instant::now(), 0);
        map.put("newer".into(), 2, Instant::now(), 0);
        assert_eq!(map.entries.lock().unwrap().len(), 2);
        assert_eq!(map.get("new", 0), Some(1));
    }
}
