//! [`GraphCache`]: the graphs a node holds in memory, least recently used evicted first once
//! their sizes pass `--graph-cache-bytes`. Evicting only drops the cache's reference: a job
//! still running on a graph keeps it until it ends; the next job loads it again.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use crate::graph::Graph;

/// `(project, graph, version)`.
pub(crate) type Key = (String, String, i64);

struct Entry {
    graph: Arc<Graph>,
    bytes: u64,
    /// The tick of the last use (a counter, not a clock).
    used: AtomicU64,
}

/// Loaded graphs by key.
#[derive(Default)]
pub(crate) struct GraphCache {
    entries: RwLock<HashMap<Key, Entry>>,
    tick: AtomicU64,
    /// Bytes the cache may hold; `None` for no limit.
    limit: Option<u64>,
}

impl std::fmt::Debug for GraphCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let entries = self.entries.read().expect("graph cache lock");
        f.debug_struct("GraphCache")
            .field("graphs", &entries.len())
            .field("limit", &self.limit)
            .finish()
    }
}

impl GraphCache {
    pub(crate) fn new(limit: Option<u64>) -> Self {
        Self {
            limit,
            ..Self::default()
        }
    }

    /// The graph under `key`, marked as just used.
    pub(crate) fn get(&self, key: &Key) -> Option<Arc<Graph>> {
        let entries = self.entries.read().expect("graph cache lock");
        let e = entries.get(key)?;
        e.used
            .store(self.tick.fetch_add(1, Ordering::Relaxed), Ordering::Relaxed);
        Some(e.graph.clone())
    }

    /// Holds `graph` under `key`, then evicts the least recently used others while the cache
    /// is past its limit (the graph just added stays, even alone past the limit).
    pub(crate) fn insert(&self, key: Key, graph: Arc<Graph>) {
        let bytes = graph.stats().memory_bytes;
        let used = AtomicU64::new(self.tick.fetch_add(1, Ordering::Relaxed));
        let mut entries = self.entries.write().expect("graph cache lock");
        entries.insert(key.clone(), Entry { graph, bytes, used });
        let Some(limit) = self.limit else { return };
        while entries.values().map(|e| e.bytes).sum::<u64>() > limit {
            let oldest = entries
                .iter()
                .filter(|(k, _)| **k != key)
                .min_by_key(|(_, e)| e.used.load(Ordering::Relaxed))
                .map(|(k, _)| k.clone());
            let Some(oldest) = oldest else { break };
            entries.remove(&oldest);
            tracing::info!(project = %oldest.0, graph = %oldest.1, version = oldest.2,
                "graph evicted from memory (--graph-cache-bytes)");
        }
    }

    /// Drops every version of one graph.
    pub(crate) fn forget(&self, project: &str, name: &str) {
        self.entries
            .write()
            .expect("graph cache lock")
            .retain(|(p, n, _), _| !(p == project && n == name));
    }

    /// Whether `key` is held.
    #[cfg(test)]
    pub(crate) fn holds(&self, key: &Key) -> bool {
        self.entries
            .read()
            .expect("graph cache lock")
            .contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> Key {
        ("p".into(), name.into(), 1)
    }

    fn graph() -> Arc<Graph> {
        Arc::new(Graph::from_weighted_edges(50, &[(0, 1, 1.0), (1, 2, 1.0)]))
    }

    #[test]
    fn the_least_recently_used_graph_goes_first_past_the_limit() {
        let one = graph().stats().memory_bytes;
        let cache = GraphCache::new(Some(one * 2));
        cache.insert(key("a"), graph());
        cache.insert(key("b"), graph());
        assert!(cache.get(&key("a")).is_some()); // a is now the more recent
        cache.insert(key("c"), graph());
        assert!(cache.holds(&key("a")) && cache.holds(&key("c")));
        assert!(!cache.holds(&key("b")));
    }

    #[test]
    fn a_graph_larger_than_the_limit_is_still_held_alone() {
        let cache = GraphCache::new(Some(1));
        cache.insert(key("a"), graph());
        cache.insert(key("b"), graph());
        assert!(cache.holds(&key("b")) && !cache.holds(&key("a")));
    }

    #[test]
    fn without_a_limit_nothing_is_evicted() {
        let cache = GraphCache::new(None);
        for n in ["a", "b", "c"] {
            cache.insert(key(n), graph());
        }
        assert!(["a", "b", "c"].iter().all(|n| cache.holds(&key(n))));
        cache.forget("p", "b");
        assert!(!cache.holds(&key("b")));
    }
}
