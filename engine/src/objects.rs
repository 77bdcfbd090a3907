//! The object store: where graph snapshots and job results live (`--object-store`).
//!
//! - [`ObjectStoreUrl::DataDir`] (the default): the data dir *is* the store, as a single node
//!   always had it; nothing is copied anywhere.
//! - `file:///dir` or `s3://bucket/prefix`: the store is elsewhere and shared by the nodes; the
//!   node's data dir only caches what it read or wrote ([`Objects`]), and may be deleted at any
//!   time. An `s3://` store is reached on `--obs-endpoint` (region, addressing style) with the
//!   server's keys `--obs-access-key`/`--obs-secret-key`.
//!
//! Keys are the paths the data dir has always used, relative to the store's prefix:
//! `graphs/<project>/<graph>/v<version>.bin`, `results/<job>/a<claim>/{rows.jsonl,rows.idx,meta.json}`
//! (`meta.json` is written last: a result without it is not there), `results/<job>.exported.json`
//! and `results/<job>.rejected/<file>`; a distributed job's graph partitions beside the
//! version's snapshot (`graphs/<project>/<graph>/v<version>.p<P>/…`, [`crate::graph::partition`])
//! and its task, result shards and checkpoints under `compute/<job>/` ([`crate::distributed`]).
//! Every object is written whole and never changed, so a node's cached copy stays right until
//! the object is deleted.
//!
//! The calls block (they are made from the jobs' and readers' blocking threads) and run the
//! store's futures on the engine's runtime.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use bytes::Bytes;
use tokio::runtime::Handle;

use crate::obs::ObsConfig;
use crate::{Error, Result};

mod client;
mod reader;
mod url;

pub use client::ObjectClient;
pub use reader::ObjectReader;
pub use url::{ACCEPTED_FORMS, ObjectStoreUrl};

/// The opened store. With the data dir as the store, every call is a no-op or a miss: callers
/// read and write their local files as they always did.
pub(crate) struct Objects {
    remote: Option<ObjectClient>,
}

impl fmt::Debug for Objects {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.remote {
            None => f.write_str("Objects(data dir)"),
            Some(r) => write!(f, "Objects({})", r.shown()),
        }
    }
}

impl Objects {
    /// The data dir as the store.
    pub(crate) fn data_dir() -> Self {
        Self { remote: None }
    }

    /// Opens `url` and lists its root once, so a store that cannot be reached fails the start
    /// with what was tried instead of the first job.
    ///
    /// # Errors
    /// [`Error::Unavailable`] naming the store and its answer.
    pub(crate) async fn open(
        url: &ObjectStoreUrl,
        data_dir: &Path,
        obs: &ObsConfig,
    ) -> Result<Self> {
        match url {
            ObjectStoreUrl::DataDir => return Ok(Self::data_dir()),
            ObjectStoreUrl::Dir(dir) if same_dir(dir, data_dir) => return Ok(Self::data_dir()),
            _ => {}
        }
        let (store, shown) = client::store_for(url, data_dir, obs)?;
        let client = ObjectClient::new(store, shown, Handle::current());
        client.probe().await?;
        Ok(Self {
            remote: Some(client),
        })
    }

    /// Whether the store is shared (not the data dir): local files are then only a cache.
    pub(crate) fn is_remote(&self) -> bool {
        self.remote.is_some()
    }

    /// The store as one client in either case: the shared store, or the data dir `data_dir`
    /// as a directory store (keys are then its relative paths). Call from a blocking thread of
    /// the engine's runtime.
    ///
    /// # Errors
    /// No runtime to run the calls on, or the data dir cannot be opened as a store.
    pub(crate) fn client(&self, data_dir: &Path) -> Result<ObjectClient> {
        if let Some(r) = &self.remote {
            return Ok(r.clone());
        }
        let rt = Handle::try_current().map_err(|e| Error::Internal(e.to_string()))?;
        let (store, shown) =
            client::store_for(&ObjectStoreUrl::DataDir, data_dir, &ObsConfig::default())?;
        Ok(ObjectClient::new(store, shown, rt))
    }

    /// Copies the local file `path` to `key` (a multipart upload past the part size).
    pub(crate) fn upload_file(&self, key: &str, path: &Path) -> Result<()> {
        self.remote
            .as_ref()
            .map_or(Ok(()), |r| r.upload_file(key, path))
    }

    /// Writes `bytes` to `key`.
    pub(crate) fn put(&self, key: &str, bytes: Vec<u8>) -> Result<()> {
        self.remote.as_ref().map_or(Ok(()), |r| r.put(key, bytes))
    }

    /// The whole object at `key`; `None` when there is none (or the store is the data dir).
    pub(crate) fn get(&self, key: &str) -> Result<Option<Bytes>> {
        self.remote.as_ref().map_or(Ok(None), |r| r.get(key))
    }

    /// Bytes `range` of the object at `key` (one ranged GET).
    pub(crate) fn get_range(&self, key: &str, range: Range<u64>) -> Result<Bytes> {
        let Some(r) = &self.remote else {
            return Err(Error::not_found(key.to_owned()));
        };
        r.get_range(key, range)
    }

    /// Copies the object at `key` to the local file `path` (through a temp file renamed into
    /// place); `false` when there is no such object.
    pub(crate) fn download_file(&self, key: &str, path: &Path) -> Result<bool> {
        self.remote
            .as_ref()
            .map_or(Ok(false), |r| r.download_file(key, path))
    }

    /// Keys below `prefix` (a "directory": `results/j1`).
    pub(crate) fn list(&self, prefix: &str) -> Result<Vec<String>> {
        self.remote
            .as_ref()
            .map_or(Ok(Vec::new()), |r| r.list(prefix))
    }

    /// The keys below `prefix` last written before `cutoff`.
    pub(crate) fn list_older(
        &self,
        prefix: &str,
        cutoff: std::time::SystemTime,
    ) -> Result<Vec<String>> {
        self.remote
            .as_ref()
            .map_or(Ok(Vec::new()), |r| r.list_older(prefix, cutoff))
    }

    /// Deletes `key`; a missing object is not an error.
    pub(crate) fn delete(&self, key: &str) -> Result<()> {
        self.remote.as_ref().map_or(Ok(()), |r| r.delete(key))
    }

    /// Deletes every object below `prefix`.
    pub(crate) fn delete_prefix(&self, prefix: &str) -> Result<()> {
        self.remote
            .as_ref()
            .map_or(Ok(()), |r| r.delete_prefix(prefix))
    }
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests;
