//! [`ObjectClient`]: one open object store and the blocking calls everything else makes on it.
//!
//! A node opens one for its `--object-store` ([`super::Objects`]); a compute process opens its
//! own from the same URL and keys ([`ObjectClient::connect`]), with a runtime of its own, so
//! that a group of processes shares the node's store without sharing a file system.

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
use tokio::runtime::{Handle, Runtime};

use super::ObjectStoreUrl;
use super::reader::ObjectReader;
use crate::obs::{ObsConfig, PART_SIZE};
use crate::{Error, Result};

/// An open store. Every call blocks: make them from a thread outside any runtime's async
/// context (a job's blocking thread, a compute process's worker thread).
pub struct ObjectClient {
    pub(super) store: Arc<dyn ObjectStore>,
    shown: String,
    pub(super) rt: Handle,
    /// The runtime of a client opened outside any (a compute process's), kept alive with it.
    _own: Option<Arc<Runtime>>,
}

impl Clone for ObjectClient {
    fn clone(&self) -> Self {
        Self {
            store: self.store.clone(),
            shown: self.shown.clone(),
            rt: self.rt.clone(),
            _own: self._own.clone(),
        }
    }
}

impl fmt::Debug for ObjectClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ObjectClient({})", self.shown)
    }
}

/// The store `url` names, and how to show it in messages (`DataDir`: `data_dir` as a
/// directory store).
pub(super) fn store_for(
    url: &ObjectStoreUrl,
    data_dir: &Path,
    obs: &ObsConfig,
) -> Result<(Arc<dyn ObjectStore>, String)> {
    let dir_store = |dir: &Path, shown: String| -> Result<(Arc<dyn ObjectStore>, String)> {
        std::fs::create_dir_all(dir).map_err(|e| unavailable(&shown, e))?;
        let store = LocalFileSystem::new_with_prefix(dir).map_err(|e| unavailable(&shown, e))?;
        Ok((Arc::new(store), shown))
    };
    match url {
        ObjectStoreUrl::DataDir => dir_store(data_dir, format!("file://{}", data_dir.display())),
        ObjectStoreUrl::Dir(dir) => dir_store(dir, url.to_string()),
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
            Ok((store, format!("{url} on {endpoint}")))
        }
    }
}

impl ObjectClient {
    /// A client of `store` whose calls run on `rt`.
    pub(super) fn new(store: Arc<dyn ObjectStore>, shown: String, rt: Handle) -> Self {
        Self {
            store,
            shown,
            rt,
            _own: None,
        }
    }

    /// Opens the store `url` names (a `file://` directory or an `s3://` bucket, with the keys
    /// in `obs`) with a small runtime of its own: for a process that has none, such as a
    /// compute process. Nothing is asked of the store yet: its first call says whether it is
    /// there.
    ///
    /// # Errors
    /// [`Error::Unavailable`]: the URL is the node's data dir (which a process elsewhere does
    /// not have), an `s3://` store lacks its endpoint or keys, or no runtime can be started.
    pub fn connect(url: &ObjectStoreUrl, obs: &ObsConfig) -> Result<Self> {
        if *url == ObjectStoreUrl::DataDir {
            return Err(unavailable(
                "the data dir",
                "a process without the node's data dir needs a file:// or s3:// store",
            ));
        }
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("object-store")
            .enable_all()
            .build()
            .map_err(|e| unavailable(&url.to_string(), e))?;
        let (store, shown) = store_for(url, Path::new("/"), obs)?;
        Ok(Self {
            store,
            shown,
            rt: rt.handle().clone(),
            _own: Some(Arc::new(rt)),
        })
    }

    /// The store as messages show it (`s3://bucket/prefix on http://endpoint`).
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// Lists the store's root once (a start-up check that it can be reached).
    pub(super) async fn probe(&self) -> Result<()> {
        self.store
            .list_with_delimiter(None)
            .await
            .map(|_| ())
            .map_err(|e| unavailable(&self.shown, e))
    }

    /// Copies the local file `path` to `key` (a multipart upload past [`PART_SIZE`]).
    ///
    /// # Errors
    /// The file cannot be read, or the store refused the write.
    pub fn upload_file(&self, key: &str, path: &Path) -> Result<()> {
        self.block(async {
            let mut file = tokio::fs::File::open(path).await.map_err(Error::from)?;
            let len = file.metadata().await.map_err(Error::from)?.len();
            let at = obj_path(key);
            if len <= PART_SIZE as u64 {
                let mut buf = Vec::with_capacity(len as usize);
                file.read_to_end(&mut buf).await.map_err(Error::from)?;
                self.store
                    .put(&at, PutPayload::from(buf))
                    .await
                    .map_err(|e| self.fault("writing", key, e))?;
                return Ok(());
            }
            let upload = self
                .store
                .put_multipart(&at)
                .await
                .map_err(|e| self.fault("writing", key, e))?;
            let mut w = WriteMultipart::new_with_chunk_size(upload, PART_SIZE);
            let mut buf = vec![0u8; PART_SIZE];
            loop {
                let n = read_full(&mut file, &mut buf).await.map_err(Error::from)?;
                if n == 0 {
                    break;
                }
                w.wait_for_capacity(2)
                    .await
                    .map_err(|e| self.fault("writing", key, e))?;
                w.write(&buf[..n]);
            }
            w.finish()
                .await
                .map_err(|e| self.fault("writing", key, e))?;
            Ok(())
        })
    }

    /// Writes `bytes` to `key` (whole: a reader sees the old object or this one).
    ///
    /// # Errors
    /// The store refused the write.
    pub fn put(&self, key: &str, bytes: Vec<u8>) -> Result<()> {
        self.block(async {
            self.store
                .put(&obj_path(key), PutPayload::from(bytes))
                .await
                .map(|_| ())
                .map_err(|e| self.fault("writing", key, e))
        })
    }

    /// The whole object at `key`; `None` when there is none.
    ///
    /// # Errors
    /// The store could not be read.
    pub fn get(&self, key: &str) -> Result<Option<Bytes>> {
        self.block(async {
            match self.store.get(&obj_path(key)).await {
                Ok(got) => got
                    .bytes()
                    .await
                    .map(Some)
                    .map_err(|e| self.fault("reading", key, e)),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(self.fault("reading", key, e)),
            }
        })
    }

    /// Bytes `range` of the object at `key` (one ranged GET).
    ///
    /// # Errors
    /// [`Error::NotFound`] without such an object; the store could not be read.
    pub fn get_range(&self, key: &str, range: Range<u64>) -> Result<Bytes> {
        if range.is_empty() {
            return Ok(Bytes::new());
        }
        self.rt
            .block_on(super::reader::get_range(
                self.store.clone(),
                key.to_owned(),
                range,
            ))
            .map_err(|e| self.range_fault(key, e))
    }

    /// The object at `key` as a [`Read`], fetched in windows ([`ObjectReader`]).
    ///
    /// # Errors
    /// [`Error::NotFound`] without such an object; the store could not be asked.
    pub fn reader(&self, key: &str) -> Result<ObjectReader> {
        ObjectReader::open(self, key)
    }

    /// Copies the object at `key` to the local file `path` (through a temp file renamed into
    /// place); `false` when there is no such object.
    ///
    /// # Errors
    /// The store could not be read or the file not written.
    pub fn download_file(&self, key: &str, path: &Path) -> Result<bool> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension(format!("download-{:016x}", rand::random::<u64>()));
        let done = self.block(async {
            let got = match self.store.get(&obj_path(key)).await {
                Ok(got) => got,
                Err(object_store::Error::NotFound { .. }) => return Ok(false),
                Err(e) => return Err(self.fault("reading", key, e)),
            };
            let mut out = tokio::fs::File::create(&tmp).await.map_err(Error::from)?;
            let mut stream = got.into_stream();
            while let Some(chunk) = stream
                .try_next()
                .await
                .map_err(|e| self.fault("reading", key, e))?
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
    ///
    /// # Errors
    /// The store could not be listed.
    pub fn list(&self, prefix: &str) -> Result<Vec<String>> {
        self.list_where(prefix, |_| true)
    }

    /// The keys below `prefix` last written before `cutoff`.
    ///
    /// # Errors
    /// The store could not be listed.
    pub fn list_older(&self, prefix: &str, cutoff: std::time::SystemTime) -> Result<Vec<String>> {
        self.list_where(prefix, |m| {
            std::time::SystemTime::from(m.last_modified) < cutoff
        })
    }

    fn list_where(
        &self,
        prefix: &str,
        keep: impl Fn(&object_store::ObjectMeta) -> bool,
    ) -> Result<Vec<String>> {
        self.block(async {
            self.store
                .list(Some(&obj_path(prefix)))
                .try_filter(|m| std::future::ready(keep(m)))
                .map_ok(|m| m.location.to_string())
                .try_collect()
                .await
                .map_err(|e| self.fault("listing", prefix, e))
        })
    }

    /// Deletes `key`; a missing object is not an error.
    ///
    /// # Errors
    /// The store refused the delete.
    pub fn delete(&self, key: &str) -> Result<()> {
        self.block(async {
            match self.store.delete(&obj_path(key)).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(self.fault("deleting", key, e)),
            }
        })
    }

    /// Deletes every object below `prefix`.
    ///
    /// # Errors
    /// The store could not be listed or refused a delete.
    pub fn delete_prefix(&self, prefix: &str) -> Result<()> {
        for key in self.list(prefix)? {
            self.delete(&key)?;
        }
        Ok(())
    }

    /// Runs `f` on the client's runtime from a blocking thread.
    fn block<T>(&self, f: impl Future<Output = Result<T>>) -> Result<T> {
        self.rt.block_on(f)
    }

    pub(super) fn fault(&self, doing: &str, key: &str, e: object_store::Error) -> Error {
        Error::Unavailable {
            what: format!("the object store {}", self.shown),
            reason: crate::obs::sink_reason(doing, key, &e),
        }
    }

    pub(super) fn range_fault(&self, key: &str, e: object_store::Error) -> Error {
        match e {
            object_store::Error::NotFound { .. } => Error::not_found(key.to_owned()),
            e => self.fault("reading", key, e),
        }
    }
}

/// `key`'s path in the store (segments taken as they are: keys are built by the engine).
pub(super) fn obj_path(key: &str) -> ObjPath {
    ObjPath::from(key)
}

pub(super) fn unavailable(shown: &str, e: impl fmt::Display) -> Error {
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
