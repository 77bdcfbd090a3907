//! Data derived from a graph and kept beside it: a graph never changes once built, so what a
//! kernel lays out from it (the edge lengths of a shortest-path run, say) stays valid for every
//! later job on the same graph version and is built once. A new version is a new [`Graph`]
//! with an empty cache; a clone starts empty too. What the cache holds counts in the graph's
//! `memory_bytes` (each item says its size: [`Footprint`]).

use std::any::Any;
use std::sync::{Arc, Mutex};

use super::Graph;

/// At most this many derived items are kept per graph (the oldest is dropped first), so
/// alternating property names cannot grow a graph's memory without bound.
const CAPACITY: usize = 4;

type Item = Arc<dyn Any + Send + Sync>;

/// The heap bytes a derived item holds.
pub(crate) trait Footprint {
    /// Bytes held, counted by capacity.
    fn memory_bytes(&self) -> u64;
}

/// One cached item: its key, the item and its size when it was built.
type Entry = (String, Item, u64);

/// The cache; see the [module docs](self).
#[derive(Default)]
pub(crate) struct Derived(Mutex<Vec<Entry>>);

impl Derived {
    /// Bytes held by the cached items.
    pub(crate) fn memory_bytes(&self) -> u64 {
        let items = self.0.lock().unwrap_or_else(|e| e.into_inner());
        items.iter().map(|(_, _, bytes)| bytes).sum()
    }
}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys: Vec<String> = self
            .0
            .lock()
            .map(|v| v.iter().map(|(k, _, _)| k.clone()).collect())
            .unwrap_or_default();
        f.debug_tuple("Derived").field(&keys).finish()
    }
}

impl Clone for Derived {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl Graph {
    /// The item cached under `key`, built by `build` on first use. Concurrent callers with the
    /// same key wait for one build rather than each building their own.
    pub(crate) fn derived<T: Any + Send + Sync + Footprint>(
        &self,
        key: &str,
        build: impl FnOnce() -> T,
    ) -> Arc<T> {
        let mut items = self.derived.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = items
            .iter()
            .find(|(k, _, _)| k == key)
            .and_then(|(_, item, _)| item.clone().downcast::<T>().ok())
        {
            return found;
        }
        let item = Arc::new(build());
        if items.len() >= CAPACITY {
            items.remove(0);
        }
        items.retain(|(k, _, _)| k != key);
        let bytes = item.memory_bytes();
        items.push((key.to_owned(), item.clone() as Item, bytes));
        item
    }

    /// The item cached under `key`, if one is built; builds nothing.
    pub(crate) fn derived_cached<T: Any + Send + Sync>(&self, key: &str) -> Option<Arc<T>> {
        let items = self.derived.0.lock().unwrap_or_else(|e| e.into_inner());
        items
            .iter()
            .find(|(k, _, _)| k == key)
            .and_then(|(_, item, _)| item.clone().downcast::<T>().ok())
    }

    /// Keys of the cached items, oldest first.
    #[cfg(test)]
    pub(crate) fn derived_keys(&self) -> Vec<String> {
        let items = self.derived.0.lock().unwrap_or_else(|e| e.into_inner());
        items.iter().map(|(k, _, _)| k.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::Footprint;
    use crate::graph::Graph;

    /// A test item holding 1,000 bytes per unit of its value.
    struct Len(usize);

    impl Footprint for Len {
        fn memory_bytes(&self) -> u64 {
            self.0 as u64 * 1000
        }
    }

    #[test]
    fn an_item_is_built_once_and_the_oldest_goes_beyond_capacity() {
        let g = Graph::from_edges(2, &[(0, 1)]);
        let builds = AtomicUsize::new(0);
        let get = |key: &str| {
            g.derived(key, || {
                builds.fetch_add(1, Ordering::Relaxed);
                Len(key.len())
            })
            .0
        };
        assert_eq!((get("a"), get("a")), (1, 1));
        assert_eq!(builds.load(Ordering::Relaxed), 1);
        for key in ["bb", "ccc", "dddd", "eeeee"] {
            get(key);
        }
        assert_eq!(g.derived_keys(), ["bb", "ccc", "dddd", "eeeee"]);
        assert_eq!(get("a"), 1);
        assert_eq!(
            builds.load(Ordering::Relaxed),
            6,
            "a was dropped and built again"
        );
        assert!(g.clone().derived_keys().is_empty(), "a clone starts empty");
    }

    #[test]
    fn the_cached_items_count_in_the_graphs_memory() {
        let g = Graph::from_edges(2, &[(0, 1)]);
        let before = g.stats().memory_bytes;
        g.derived("abc", || Len(3));
        assert_eq!(g.stats().memory_bytes, before + 3000);
        for key in ["d", "ee", "fff", "gggg"] {
            g.derived(key, || Len(key.len()));
        }
        // "abc" was dropped beyond capacity: 1 + 2 + 3 + 4 thousand remain.
        assert_eq!(g.stats().memory_bytes, before + 10_000);
    }
}
