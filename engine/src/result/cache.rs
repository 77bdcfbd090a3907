//! Small finished results kept in memory per node, for the job status API: each one's rows as
//! their stored JSON text, one entry per row (the row index), so any page of it is served
//! without reading a file or parsing a row.
//!
//! A result never changes once written (each claim of a job writes its own directory, see
//! [`super::ResultKey`]); it can only disappear: its job deleted by retention, or the result
//! erased after an export. [`ResultCache::forget`] drops a job's entries when this node
//! removes its results. Another process may remove them too (nodes sharing the data dir), so
//! an entry is trusted for [`FRESH`] only: after that the next read checks that the result is
//! still there (one `stat`) before serving from the entry again.
//!
//! Only results kept in the data dir (no object store: see `ResultStore::raw_page`) whose rows
//! take at most [`MAX_RESULT_BYTES`] are kept, [`MAX_BYTES`] in all; the least recently used
//! entries go first.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_json::value::RawValue;

use super::raw::{RawResultPage, raw_rows};
use super::{MAX_PAGE, Meta, read_meta};
use crate::fresh::FRESH;
use crate::{Error, Result};

/// Largest `rows.jsonl` kept.
const MAX_RESULT_BYTES: u64 = 4 << 20;
/// Bytes of rows kept in all (with an allowance per row for its entry).
const MAX_BYTES: usize = 64 << 20;
/// Memory per row besides its text: the boxed value's pointer and length, and the allocation.
const ROW_OVERHEAD: usize = 32;

/// One cached result.
#[derive(Debug)]
struct Entry {
    meta: Arc<Meta>,
    rows: Arc<[Box<RawValue>]>,
    bytes: usize,
    /// When the result was last seen on disk.
    checked: Instant,
    /// When the entry last served a page (ms since the cache was made), for eviction.
    used: AtomicU64,
}

/// The cache.
#[derive(Debug)]
pub(crate) struct ResultCache {
    state: Mutex<State>,
    start: Instant,
}

#[derive(Debug, Default)]
struct State {
    /// By result path (a [`super::ResultKey::path`]).
    entries: HashMap<String, Entry>,
    /// Calls of [`ResultCache::forget`]: a result read before one is not kept (it may have
    /// been removed since it was read).
    forgets: u64,
}

impl Default for ResultCache {
    fn default() -> Self {
        Self {
            state: Mutex::default(),
            start: Instant::now(),
        }
    }
}

impl ResultCache {
    /// A page of the result at `path` if it is cached and was seen on disk within [`FRESH`].
    /// Never blocks on I/O.
    pub(crate) fn fresh_page(&self, path: &str, offset: u64, limit: u64) -> Option<RawResultPage> {
        let state = self.state.lock().expect("result cache");
        let e = state.entries.get(path)?;
        (e.checked.elapsed() < FRESH).then(|| self.serve(e, offset, limit))
    }

    /// A page of the result at `path` under `results_dir`: from the cache (checking first that
    /// the result still exists, if it was last seen more than [`FRESH`] ago), else read from
    /// the data dir into the cache when it is small enough. `None` when the result is not in
    /// the data dir or too large to keep; the caller reads it the uncached way.
    pub(crate) fn page(
        &self,
        results_dir: &Path,
        path: &str,
        offset: u64,
        limit: u64,
    ) -> Result<Option<RawResultPage>> {
        let dir = results_dir.join(path);
        let (stale, forgets) = {
            let state = self.state.lock().expect("result cache");
            match state.entries.get(path) {
                Some(e) if e.checked.elapsed() < FRESH => {
                    return Ok(Some(self.serve(e, offset, limit)));
                }
                e => (e.is_some(), state.forgets),
            }
        };
        if stale {
            let exists = dir.join("meta.json").exists();
            let mut state = self.state.lock().expect("result cache");
            if !exists {
                state.entries.remove(path);
                return Ok(None);
            }
            if let Some(e) = state.entries.get_mut(path) {
                e.checked = Instant::now();
                return Ok(Some(self.serve(e, offset, limit)));
            }
        }
        let Some(entry) = self.load(&dir, path)? else {
            return Ok(None);
        };
        let page = self.serve(&entry, offset, limit);
        self.insert(path, entry, forgets);
        Ok(Some(page))
    }

    /// Drops every entry of job `job_id` (every claim's result).
    pub(crate) fn forget(&self, job_id: &str) {
        let claims = format!("{job_id}/");
        let mut state = self.state.lock().expect("result cache");
        state.forgets += 1;
        state
            .entries
            .retain(|path, _| path != job_id && !path.starts_with(&claims));
    }

    fn serve(&self, e: &Entry, offset: u64, limit: u64) -> RawResultPage {
        e.used.store(self.now_ms(), Ordering::Relaxed);
        let total = e.rows.len() as u64;
        let start = offset.min(total);
        let end = offset.saturating_add(limit.min(MAX_PAGE)).min(total);
        RawResultPage::shared(e.meta.clone(), e.rows.clone(), start as usize..end as usize)
    }

    /// Reads the result in `dir` whole; `None` when it has no `meta.json` or its rows are too
    /// large to keep.
    fn load(&self, dir: &Path, path: &str) -> Result<Option<Entry>> {
        let meta = match read_meta(dir, path) {
            Ok(m) => m,
            Err(Error::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        let file = dir.join("rows.jsonl");
        if std::fs::metadata(&file)?.len() > MAX_RESULT_BYTES {
            return Ok(None);
        }
        let checked = Instant::now();
        let text = std::fs::read(&file)?;
        let rows: Arc<[Box<RawValue>]> = raw_rows(&text)?.into();
        if rows.len() as u64 != meta.total {
            return Err(Error::Internal(format!(
                "result {path}: {} rows for a total of {}",
                rows.len(),
                meta.total
            )));
        }
        Ok(Some(Entry {
            meta: Arc::new(meta),
            bytes: text.len() + rows.len() * ROW_OVERHEAD,
            rows,
            checked,
            used: AtomicU64::new(self.now_ms()),
        }))
    }

    /// Keeps `entry`, read when [`State::forgets`] was `forgets`, unless a result was
    /// forgotten since.
    fn insert(&self, path: &str, entry: Entry, forgets: u64) {
        let mut state = self.state.lock().expect("result cache");
        if state.forgets != forgets {
            return;
        }
        let entries = &mut state.entries;
        let mut held: usize = entries.values().map(|e| e.bytes).sum();
        if held + entry.bytes > MAX_BYTES {
            let mut by_use: Vec<(u64, String)> = entries
                .iter()
                .map(|(p, e)| (e.used.load(Ordering::Relaxed), p.clone()))
                .collect();
            by_use.sort_unstable();
            for (_, p) in by_use {
                if held + entry.bytes <= MAX_BYTES {
                    break;
                }
                if let Some(e) = entries.remove(&p) {
                    held -= e.bytes;
                }
            }
        }
        entries.insert(path.to_owned(), entry);
    }

    fn now_ms(&self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value, json};

    use super::*;
    use crate::result::{ResultWriter, read_page};

    fn write(dir: &Path, path: &str, n: u64, pad: usize) {
        let mut w = ResultWriter::create(dir, path).unwrap();
        for i in 0..n {
            w.push(&json!({"id": format!("v{i}{}", "x".repeat(pad)), "rank": i as f64 / 3.0}))
                .unwrap();
        }
        w.finish("results", Map::new(), Some(0.25)).unwrap();
    }

    fn values(page: &RawResultPage) -> Vec<Value> {
        page.rows()
            .iter()
            .map(|r| serde_json::from_str(r.get()).unwrap())
            .collect()
    }

    #[test]
    fn every_page_is_the_page_read_from_the_files() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "j1/a1", 50, 0);
        let cache = ResultCache::default();
        for (offset, limit) in [(0, 100), (0, 1), (7, 5), (49, 3), (50, 1), (60, 2), (3, 0)] {
            let page = cache
                .page(tmp.path(), "j1/a1", offset, limit)
                .unwrap()
                .unwrap();
            let read = read_page(tmp.path(), "j1/a1", offset, limit).unwrap();
            assert_eq!(values(&page), read.rows, "offset {offset} limit {limit}");
            assert_eq!(
                (page.offset(), page.total(), page.key(), page.runtime()),
                (read.offset, read.total, read.key.as_str(), read.runtime)
            );
            let fresh = cache.fresh_page("j1/a1", offset, limit).unwrap();
            assert_eq!(values(&fresh), read.rows);
        }
    }

    #[test]
    fn a_forgotten_result_is_not_served_and_a_missing_one_is_not_kept() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "j1/a1", 3, 0);
        let cache = ResultCache::default();
        assert!(cache.page(tmp.path(), "j1/a1", 0, 10).unwrap().is_some());
        cache.forget("j1");
        assert!(cache.fresh_page("j1/a1", 0, 10).is_none());
        crate::result::remove(tmp.path(), "j1").unwrap();
        assert!(cache.page(tmp.path(), "j1/a1", 0, 10).unwrap().is_none());
        assert!(cache.page(tmp.path(), "j2", 0, 10).unwrap().is_none());
    }

    #[test]
    fn a_result_removed_by_another_process_is_noticed_once_its_entry_is_no_longer_fresh() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "j1/a1", 3, 0);
        let cache = ResultCache::default();
        assert!(cache.page(tmp.path(), "j1/a1", 0, 10).unwrap().is_some());
        crate::result::remove(tmp.path(), "j1").unwrap(); // not through this cache
        let Some(old) = Instant::now().checked_sub(FRESH) else {
            return; // a clock this close to its start cannot be set back
        };
        cache
            .state
            .lock()
            .unwrap()
            .entries
            .get_mut("j1/a1")
            .unwrap()
            .checked = old;
        assert!(cache.fresh_page("j1/a1", 0, 10).is_none());
        assert!(cache.page(tmp.path(), "j1/a1", 0, 10).unwrap().is_none());
        assert!(cache.state.lock().unwrap().entries.is_empty());
    }

    #[test]
    fn a_large_result_is_left_to_the_uncached_read() {
        let tmp = tempfile::tempdir().unwrap();
        let pad = 200;
        let rows = MAX_RESULT_BYTES / (pad as u64 + 30) + 1;
        write(tmp.path(), "big", rows, pad);
        let cache = ResultCache::default();
        assert!(cache.page(tmp.path(), "big", 0, 10).unwrap().is_none());
    }
}
