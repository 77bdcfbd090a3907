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
//! and `results/<job>.rejected/<file>`. Every object is written whole and never changed, so a
//! node's cached copy stays right until the object is deleted.
//!
//! The calls block (they are made from the jobs' and readers' blocking threads) and run the
//! store's futures on the engine's runtime.

use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use futures::TryStreamExt;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjPath;
use object_store::{ObjectStore, PutPayload, WriteMultipart};
use tokio::io::AsyncReadExt;
use tokio::runtime::Handle;

use crate::obs::{ObsConfig, PART_SIZE};
use crate::{Error, Result};

mod url;

pub use url::{ACCEPTED_FORMS, ObjectStoreUrl};

/// The opened store. With the data dir as the store, every call is a no-op or a miss: callers
/// read and write their local files as they always did.
pub(crate) struct Objects {
    remote: Option<Remote>,
}

struct Remote {
    store: Arc<dyn ObjectStore>,
    shown: String,
    rt: Handle,
}

impl fmt::Debug for Objects {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.remote {
            None => f.write_str("Objects(data dir)"),
            Some(r) => write!(f, "Objects({})", r.shown),
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
        let (store, shown): (Arc<dyn ObjectStore>, String) = match url {
            ObjectStoreUrl::DataDir => return Ok(Self::data_dir()),
            ObjectStoreUrl::Dir(dir) if same_dir(dir, data_dir) => return Ok(Self::data_dir()),
            ObjectStoreUrl::Dir(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| unavailable(&url.to_string(), e))?;
                let store = LocalFileSystem::new_with_prefix(dir)
                    .map_err(|e| unavailable(&url.to_string(), e))?;
                (Arc::new(store), url.to_string())
            }
            ObjectStoreUrl::S3 { bucket, prefix } => {
                let store = s3(obs, bucket).map_err(|e| unavailable(&url.to_string(), e))?;
                let store: Arc<dyn ObjectStore> = if prefix.is_empty() {
                    Arc::new(store)
                } else {
                    Arc::new(object_store::prefix::PrefixStore::new(
                        store,
                        prefix.as_str(),
                    ))
                };
                let endpoint = obs.endpoint.as_deref().unwrap_or_default();
                (store, format!("{url} on {endpoint}"))
            }
        };
        store
            .list_with_delimiter(None)
            .await
            .map_err(|e| unavailable(&shown, e))?;
        Ok(Self {
            remote: Some(Remote {
                store,
                shown,
                rt: Handle::current(),
            }),
        })
    }

    /// Whether the store is shared (not the data dir): local files are then only a cache.
    pub(crate) fn is_remote(&self) -> bool {
        self.remote.is_some()
    }

    /// Copies the local file `path` to `key` (a multipart upload past [`PART_SIZE`]).
    pub(crate) fn upload_file(&self, key: &str, path: &Path) -> Result<()> {
        let Some(r) = &self.remote else { return Ok(()) };
        r.block(async {
            let mut file = tokio::fs::File::open(path).await.map_err(Error::from)?;
            let len = file.metadata().await.map_err(Error::from)?.len();
            let at = obj_path(key);
            if len <= PART_SIZE as u64 {
                let mut buf = Vec::with_capacity(len as usize);
                file.read_to_end(&mut buf).await.map_err(Error::from)?;
                r.store
                    .put(&at, PutPayload::from(buf))
                    .await
                    .map_err(|e| r.fault("writing", key, e))?;
                return Ok(());
            }
            let upload = r
                .store
                .put_multipart(&at)
                .await
                .map_err(|e| r.fault("writing", key, e))?;
            let mut w = WriteMultipart::new_with_chunk_size(upload, PART_SIZE);
            let mut buf = vec![0u8; PART_SIZE];
            loop {
                let n = read_full(&mut file, &mut buf).await.map_err(Error::from)?;
                if n == 0 {
                    break;
                }
                w.wait_for_capacity(2)
                    .await
                    .map_err(|e| r.fault("writing", key, e))?;
                w.write(&buf[..n]);
            }
            w.finish().await.map_err(|e| r.fault("writing", key, e))?;
            Ok(())
        })
    }

    /// Writes `bytes` to `key`.
    pub(crate) fn put(&self, key: &str, bytes: Vec<u8>) -> Result<()> {
        let Some(r) = &self.remote else { return Ok(()) };
        r.block(async {
            r.store
                .put(&obj_path(key), PutPayload::from(bytes))
                .await
                .map(|_| ())
                .map_err(|e| r.fault("writing", key, e))
        })
    }

    /// The whole object at `key`; `None` when there is none (or the store is the data dir).
    pub(crate) fn get(&self, key: &str) -> Result<Option<Bytes>> {
        let Some(r) = &self.remote else {
            return Ok(None);
        };
        r.block(async {
            match r.store.get(&obj_path(key)).await {
                Ok(got) => got
                    .bytes()
                    .await
                    .map(Some)
                    .map_err(|e| r.fault("reading", key, e)),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(r.fault("reading", key, e)),
            }
        })
    }

    /// Bytes `range` of the object at `key` (one ranged GET).
    pub(crate) fn get_range(&self, key: &str, range: Range<u64>) -> Result<Bytes> {
        let Some(r) = &self.remote else {
            return Err(Error::not_found(key.to_owned()));
        };
        if range.is_empty() {
            return Ok(Bytes::new());
        }
        r.block(async {
            match r.store.get_range(&obj_path(key), range).await {
                Ok(b) => Ok(b),
                Err(object_store::Error::NotFound { .. }) => Err(Error::not_found(key.to_owned())),
                Err(e) => Err(r.fault("reading", key, e)),
            }
        })
    }

    /// Copies the object at `key` to the local file `path` (through a temp file renamed into
    /// place); `false` when there is no such object.
    pub(crate) fn download_file(&self, key: &str, path: &Path) -> Result<bool> {
        let Some(r) = &self.remote else {
            return Ok(false);
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension(format!("download-{:016x}", rand::random::<u64>()));
        let done = r.block(async {
            let got = match r.store.get(&obj_path(key)).await {
                Ok(got) => got,
                Err(object_store::Error::NotFound { .. }) => return Ok(false),
                Err(e) => return Err(r.fault("reading", key, e)),
            };
            let mut out = tokio::fs::File::create(&tmp).await.map_err(Error::from)?;
            let mut stream = got.into_stream();
            while let Some(chunk) = stream
                .try_next()
                .await
                .map_err(|e| r.fault("reading", key, e))?
            {
                tokio::io::AsyncWriteExt::write_all(&mut out, &chunk)
                    .await
                    .map_err(Error::from)?;
            }
            out.sync_all().await.map_err(Error::from)?;
            Ok(true)
        });
        match done {
            Ok(true) => {
                std::fs::rename(&tmp, path)?;
                Ok(true)
            }
            other => {
                let _ = std::fs::remove_file(&tmp);
                other
            }
        }
    }

    /// Keys below `prefix` (a "directory": `results/j1`).
    pub(crate) fn list(&self, prefix: &str) -> Result<Vec<String>> {
        let Some(r) = &self.remote else {
            return Ok(Vec::new());
        };
        r.block(async {
            r.store
                .list(Some(&obj_path(prefix)))
                .map_ok(|m| m.location.to_string())
                .try_collect()
                .await
                .map_err(|e| r.fault("listing", prefix, e))
        })
    }

    /// The keys below `prefix` last written before `cutoff`.
    pub(crate) fn list_older(
        &self,
        prefix: &str,
        cutoff: std::time::SystemTime,
    ) -> Result<Vec<String>> {
        let Some(r) = &self.remote else {
            return Ok(Vec::new());
        };
        r.block(async {
            r.store
                .list(Some(&obj_path(prefix)))
                .try_filter(|m| {
                    std::future::ready(std::time::SystemTime::from(m.last_modified) < cutoff)
                })
                .map_ok(|m| m.location.to_string())
                .try_collect()
                .await
                .map_err(|e| r.fault("listing", prefix, e))
        })
    }

    /// Deletes `key`; a missing object is not an error.
    pub(crate) fn delete(&self, key: &str) -> Result<()> {
        let Some(r) = &self.remote else { return Ok(()) };
        r.block(async {
            match r.store.delete(&obj_path(key)).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(r.fault("deleting", key, e)),
            }
        })
    }

    /// Deletes every object below `prefix`.
    pub(crate) fn delete_prefix(&self, prefix: &str) -> Result<()> {
        for key in self.list(prefix)? {
            self.delete(&key)?;
        }
        Ok(())
    }
}

impl Remote {
    /// Runs `f` on the engine's runtime from a blocking thread.
    fn block<T>(&self, f: impl Future<Output = Result<T>>) -> Result<T> {
        self.rt.block_on(f)
    }

    fn fault(&self, doing: &str, key: &str, e: object_store::Error) -> Error {
        Error::Unavailable {
            what: format!("the object store {}", self.shown),
            reason: crate::obs::sink_reason(doing, key, &e),
        }
    }
}

/// `key`'s path in the store (segments taken as they are: keys are built by the engine).
fn obj_path(key: &str) -> ObjPath {
    ObjPath::from(key)
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn unavailable(shown: &str, e: impl fmt::Display) -> Error {
    Error::Unavailable {
        what: format!("the object store {shown}"),
        reason: e.to_string(),
    }
}

/// Reads until `buf` is full or the file ends.
async fn read_full(file: &mut tokio::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        let got = file.read(&mut buf[n..]).await?;
        if got == 0 {
            break;
        }
        n += got;
    }
    Ok(n)
}

/// An S3 client for the store's bucket with the server's keys.
fn s3(obs: &ObsConfig, bucket: &str) -> std::result::Result<impl ObjectStore, String> {
    let endpoint = obs
        .endpoint
        .as_deref()
        .ok_or("an s3:// store needs --obs-endpoint (GRAPHJOBS_OBS_ENDPOINT)")?;
    let keys = obs
        .reader
        .as_ref()
        .ok_or("an s3:// store needs the server's keys --obs-access-key and --obs-secret-key")?;
    crate::obs::sink_builder(obs, endpoint, bucket, keys)
        .build()
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests;
