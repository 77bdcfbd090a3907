//! [`ResultStore`]: job results where the engine keeps them — the data dir's `results/`, and,
//! with a shared object store ([`crate::objects`]), the objects of the same keys.
//!
//! Results are addressed by [`ResultKey`] (one per claim of a job); tombstones and rejected rows
//! by the job's id. A result is written locally (see [`ResultWriter`]) and, on a shared store, copied up before
//! it is renamed into place: `rows.jsonl`, `rows.idx`, then `meta.json`, so a result without its
//! `meta.json` object is not there. A node reads a result it has in its data dir from there; any
//! other result is read with ranged GETs (the `meta.json` once, kept in a small per-node cache,
//! then two ranges per page: its offsets in `rows.idx` and its rows in `rows.jsonl`). A sorted
//! page needs every row once, so the result is first copied into the node's data dir.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bytes::Bytes;

use super::cache::ResultCache;
use super::raw::RawResultPage;
use super::tombstone::{self, Tombstone};
use super::{
    MAX_PAGE, Meta, ResultKey, ResultPage, ResultWriter, read_lines, read_page, read_sorted_page,
    rows_of,
};
use crate::objects::Objects;
use crate::{Error, Result};

/// Result metadata kept per node for results read from the object store.
const META_CACHE: usize = 4096;

/// The files of a result, `meta.json` last.
const FILES: [&str; 3] = ["rows.jsonl", "rows.idx", "meta.json"];

/// Job results, local and shared.
#[derive(Debug)]
pub(crate) struct ResultStore {
    dir: PathBuf,
    objects: Arc<Objects>,
    metas: Mutex<HashMap<String, Arc<Meta>>>,
    /// Small results read from the data dir, for [`Self::raw_page`].
    cache: ResultCache,
}

/// The object key of a result's directory.
fn key(path: &str) -> String {
    format!("results/{path}")
}

impl ResultStore {
    pub(crate) fn new(dir: PathBuf, objects: Arc<Objects>) -> Self {
        Self {
            dir,
            objects,
            metas: Mutex::default(),
            cache: ResultCache::default(),
        }
    }

    /// Starts the result at `at` (see [`ResultWriter::finish`]).
    pub(crate) fn writer(&self, at: &ResultKey) -> Result<ResultWriter> {
        let path = at.path();
        let mut w = ResultWriter::create(&self.dir, &path)?;
        if self.objects.is_remote() {
            w.publish = Some((self.objects.clone(), key(&path)));
        }
        Ok(w)
    }

    /// Copies a finished result's files up to the object store, `meta.json` last.
    pub(super) fn publish(objects: &Objects, at: &str, dir: &Path) -> Result<()> {
        for f in FILES {
            objects.upload_file(&format!("{at}/{f}"), &dir.join(f))?;
        }
        Ok(())
    }

    fn local(&self, path: &str) -> bool {
        !self.objects.is_remote() || self.dir.join(path).join("meta.json").exists()
    }

    /// One page of the result at `at`; a result dumped with `erase: true` answers with its
    /// tombstone's page (where the rows went).
    pub(crate) fn page(&self, at: &ResultKey, offset: u64, limit: u64) -> Result<ResultPage> {
        match self.rows_page(&at.path(), offset, limit) {
            Err(Error::NotFound { .. }) => match self.tombstone(at.job())? {
                Some(t) => Ok(tombstone::page(t)),
                None => Err(Error::not_found(format!("result of job {}", at.job()))),
            },
            other => other,
        }
    }

    fn rows_page(&self, path: &str, offset: u64, limit: u64) -> Result<ResultPage> {
        if self.local(path) {
            return read_page(&self.dir, path, offset, limit);
        }
        let (meta, start, buf) = self.remote_lines(path, offset, limit)?;
        Ok(ResultPage {
            key: meta.key.clone(),
            rows: rows_of(&buf)?,
            offset: start,
            total: meta.total,
            scalars: meta.scalars.clone(),
            runtime: meta.runtime,
        })
    }

    /// A page of the result at `at` with its rows as stored (see [`RawResultPage`]), if it is
    /// in the memory cache and was seen within its freshness. Never blocks on I/O.
    pub(crate) fn fresh_page(
        &self,
        at: &ResultKey,
        offset: u64,
        limit: u64,
    ) -> Option<RawResultPage> {
        self.cache.fresh_page(&at.path(), offset, limit)
    }

    /// One page of the result at `at` with its rows as stored, as [`Self::page`] reads it.
    /// Without an object store (the data dir holds the results), a small result is read whole
    /// once and served from memory afterwards (see `super::cache`). With one, the data dir is
    /// only a cache of the store, which may be emptied at any time, and nothing more is kept.
    pub(crate) fn raw_page(
        &self,
        at: &ResultKey,
        offset: u64,
        limit: u64,
    ) -> Result<RawResultPage> {
        let path = at.path();
        let cached = if self.objects.is_remote() {
            None
        } else {
            self.cache.page(&self.dir, &path, offset, limit)?
        };
        if let Some(page) = cached {
            return Ok(page);
        }
        let read = if self.local(&path) {
            read_lines(&self.dir, &path, offset, limit)
                .map(|(meta, start, buf)| (Arc::new(meta), start, Bytes::from(buf)))
        } else {
            self.remote_lines(&path, offset, limit)
        };
        match read {
            Ok((meta, start, buf)) => RawResultPage::from_lines(meta, start, &buf),
            Err(Error::NotFound { .. }) => match self.tombstone(at.job())? {
                Some(t) => Ok(RawResultPage::erased(t)),
                None => Err(Error::not_found(format!("result of job {}", at.job()))),
            },
            Err(e) => Err(e),
        }
    }

    /// The metadata, first row and lines of a page of the result at `path` in the object
    /// store: two ranged reads (and `meta.json` once per node).
    fn remote_lines(&self, path: &str, offset: u64, limit: u64) -> Result<(Arc<Meta>, u64, Bytes)> {
        let Some(meta) = self.meta(path)? else {
            return Err(Error::not_found(format!("result {path}")));
        };
        let start = offset.min(meta.total);
        let end = offset.saturating_add(limit.min(MAX_PAGE)).min(meta.total);
        let mut buf = Bytes::new();
        if end > start {
            let at = key(path);
            let bounds = self
                .objects
                .get_range(&format!("{at}/rows.idx"), start * 8..(end + 1) * 8)
                .inspect_err(|_| self.forget(path))?;
            let word =
                |i: usize| u64::from_le_bytes(bounds[i * 8..i * 8 + 8].try_into().expect("8"));
            let (from, to) = (word(0), word((end - start) as usize));
            buf = self
                .objects
                .get_range(&format!("{at}/rows.jsonl"), from..to)
                .inspect_err(|_| self.forget(path))?;
        }
        Ok((meta, start, buf))
    }

    /// One page in descending order of `metric` (see [`read_sorted_page`]).
    pub(crate) fn sorted_page(
        &self,
        at: &ResultKey,
        metric: &str,
        offset: u64,
        limit: u64,
    ) -> Result<ResultPage> {
        let path = at.path();
        if !self.local(&path) && !self.fetch(&path)? {
            return self.page(at, offset, limit);
        }
        match read_sorted_page(&self.dir, &path, metric, offset, limit) {
            // Erased after a dump: the page says where the rows went; there is nothing to sort.
            Err(Error::NotFound { .. }) => self.page(at, offset, limit),
            other => other,
        }
    }

    /// Copies the result at `path` into the data dir; `false` when the store has none.
    fn fetch(&self, path: &str) -> Result<bool> {
        let at = key(path);
        let partial = self
            .dir
            .join(format!("{path}.fetch-{:016x}", rand::random::<u64>()));
        let fetched = (|| {
            for f in FILES {
                if !self
                    .objects
                    .download_file(&format!("{at}/{f}"), &partial.join(f))?
                {
                    return Ok(false);
                }
            }
            match std::fs::rename(&partial, self.dir.join(path)) {
                // Another reader fetched it first: theirs is the same result.
                Err(_) if self.dir.join(path).join("meta.json").exists() => Ok(true),
                other => other.map(|()| true).map_err(Error::from),
            }
        })();
        let _ = std::fs::remove_dir_all(&partial);
        fetched
    }

    fn meta(&self, path: &str) -> Result<Option<Arc<Meta>>> {
        if let Some(m) = self.metas.lock().expect("meta cache").get(path) {
            return Ok(Some(m.clone()));
        }
        let Some(bytes) = self.objects.get(&format!("{}/meta.json", key(path)))? else {
            return Ok(None);
        };
        let meta: Arc<Meta> = Arc::new(
            serde_json::from_slice(&bytes)
                .map_err(|e| Error::Internal(format!("result meta: {e}")))?,
        );
        let mut metas = self.metas.lock().expect("meta cache");
        if metas.len() >= META_CACHE {
            metas.clear();
        }
        metas.insert(path.to_owned(), meta.clone());
        Ok(Some(meta))
    }

    fn forget(&self, path: &str) {
        self.metas.lock().expect("meta cache").remove(path);
    }

    /// Deletes `job_id`'s results (every claim's), partials and rejected rows, here and in the
    /// store.
    pub(crate) fn remove(&self, job_id: &str) -> Result<()> {
        let claims = format!("{job_id}/");
        self.metas
            .lock()
            .expect("meta cache")
            .retain(|path, _| path != job_id && !path.starts_with(&claims));
        self.cache.forget(job_id);
        super::remove(&self.dir, job_id)?;
        self.objects.delete_prefix(&key(job_id))?;
        self.objects
            .delete_prefix(&format!("results/{job_id}.rejected"))
    }

    /// Deletes everything kept for `job_id` (its job is gone): its results, as [`Self::remove`],
    /// and the tombstone of a result that was dumped with `erase: true`.
    pub(crate) fn purge(&self, job_id: &str) -> Result<()> {
        self.remove(job_id)?;
        tombstone::remove(&self.dir, job_id)?;
        self.objects.delete(&tombstone_key(job_id))
    }

    /// Records that `job_id`'s result was exported (before it is removed).
    pub(crate) fn write_tombstone(&self, job_id: &str, t: &Tombstone) -> Result<()> {
        tombstone::write(&self.dir, job_id, t)?;
        let bytes = serde_json::to_vec(t).map_err(|e| Error::Internal(e.to_string()))?;
        self.objects.put(&tombstone_key(job_id), bytes)
    }

    fn tombstone(&self, job_id: &str) -> Result<Option<Tombstone>> {
        if let Some(t) = tombstone::read(&self.dir, job_id) {
            return Ok(Some(t));
        }
        Ok(self
            .objects
            .get(&tombstone_key(job_id))?
            .and_then(|b| serde_json::from_slice(&b).ok()))
    }

    /// The tombstone of the job of `at` when its result is gone (exported with `erase: true`).
    pub(crate) fn erased(&self, at: &ResultKey) -> Result<Option<Tombstone>> {
        let path = at.path();
        if self.dir.join(&path).join("meta.json").exists() || self.meta(&path)?.is_some() {
            return Ok(None);
        }
        self.tombstone(at.job())
    }

    /// An import's rejected-rows directory when the request named none.
    pub(crate) fn rejected_dir(&self, job_id: &str) -> PathBuf {
        crate::rejected_rows::default_dir(&self.dir, job_id)
    }

    /// Copies an import's rejected-rows files (in its default directory) up to the store.
    pub(crate) fn publish_rejected(&self, job_id: &str) -> Result<()> {
        if !self.objects.is_remote() {
            return Ok(());
        }
        let dir = self.rejected_dir(job_id);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Ok(());
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            self.objects
                .upload_file(&format!("results/{job_id}.rejected/{name}"), &e.path())?;
        }
        Ok(())
    }

    /// The local file of a rejected-rows log `log` of `job_id` as another node wrote it:
    /// a log in the job's default directory is fetched into this node's one on first use.
    pub(crate) fn rejected_log(&self, job_id: &str, log: &Path) -> Result<PathBuf> {
        if log.exists() || !self.objects.is_remote() {
            return Ok(log.to_owned());
        }
        let (Some(name), Some(parent)) = (log.file_name(), log.parent()) else {
            return Ok(log.to_owned());
        };
        if parent.file_name() != self.rejected_dir(job_id).file_name() {
            return Ok(log.to_owned());
        }
        let local = self.rejected_dir(job_id).join(name);
        if !local.exists() {
            let at = format!("results/{job_id}.rejected/{}", name.to_string_lossy());
            self.objects.download_file(&at, &local)?;
        }
        Ok(local)
    }
}

fn tombstone_key(job_id: &str) -> String {
    format!("results/{job_id}.exported.json")
}
