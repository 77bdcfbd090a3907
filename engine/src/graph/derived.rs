//! Data derived from a graph and kept beside it: a graph never changes once built, so what a
//! kernel lays out from it (the edge lengths of a shortest-path run, say) stays valid for every
//! later job on the same graph version and is built once. A new version is a new [`Graph`]
//! with an empty cache; a clone starts empty too.

use std::any::Any;
use std::sync::{Arc, Mutex};

use super::Graph;

/// At most this many derived items are kept per graph (the oldest is dropped first), so
/// alternating property names cannot grow a graph's memory without bound.
const CAPACITY: usize = 4;

type Item = Arc<dyn Any + Send + Sync>;

/// The cache; see the [module docs](self).
#[derive(Default)]
pub(crate) struct Derived(Mutex<Vec<(String, Item)>>);

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys: Vec<String> = self
            .0
            .lock()
            .map(|v| v.iter().map(|(k, _)| k.clone()).collect())
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
    pub(crate) fn derived<T: Any + Send + Sync>(
        &self,
        key: &str,
        build: impl FnOnce() -> T,
    ) -> Arc<T> {
        let mut items = self.derived.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = items
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, item)| item.clone().downcast::<T>().ok())
        {
            return found;
        }
        let item = Arc::new(build());
        if items.len() >= CAPACITY {
            items.remove(0);
        }
        items.retain(|(k, _)| k != key);
        items.push((key.to_owned(), item.clone() as Item));
        item
    }

    /// Keys of the cached items, oldest first.
    #[cfg(test)]
    pub(crate) fn derived_keys(&self) -> Vec<String> {
        let items = self.derived.0.lock().unwrap_or_else(|e| e.into_inner());
        items.iter().map(|(k, _)| k.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use crate::graph::Graph;

    #[test]
    fn an_item_is_built_once_and_the_oldest_goes_beyond_capacity() {
        let g = Graph::from_edges(2, &[(0, 1)]);
        let builds = AtomicUsize::new(0);
        let get = |key: &str| {
            *g.derived(key, || {
                builds.fetch_add(1, Ordering::Relaxed);
                key.len()
            })
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
}
