//! [`ObjectReader`]: an object read as a [`Read`], window by window.

use std::io::{self, Read};
use std::ops::Range;
use std::sync::Arc;

use bytes::{Buf, Bytes};
use object_store::ObjectStore;
use tokio::task::JoinHandle;

use super::client::{ObjectClient, obj_path};
use crate::obs::PART_SIZE;
use crate::{Error, Result};

/// Bytes one ranged GET of an [`ObjectReader`] asks for.
const WINDOW: u64 = PART_SIZE as u64;

/// An object read window by window ([`ObjectClient::reader`]). A read the store did not answer
/// fails with an [`io::Error`] wrapping the engine's [`Error`] (its `get_ref` downcasts to it),
/// so a caller can tell the store's absence from bad bytes.
pub struct ObjectReader {
    client: ObjectClient,
    key: String,
    size: u64,
    /// Where the window being fetched starts.
    next_at: u64,
    next: Option<JoinHandle<std::result::Result<Bytes, object_store::Error>>>,
    window: Bytes,
}

impl ObjectReader {
    /// The object at `key` as a [`Read`], fetched in windows of [`WINDOW`] bytes (one ranged
    /// GET each, the next one fetched while the caller reads this one): a large object is
    /// streamed, never held whole, and a directory store reads its file in large blocks.
    ///
    /// # Errors
    /// [`Error::NotFound`] without such an object; the store could not be asked.
    pub(super) fn open(client: &ObjectClient, key: &str) -> Result<ObjectReader> {
        let size = client.rt.block_on(async {
            match client.store.head(&obj_path(key)).await {
                Ok(meta) => Ok(meta.size),
                Err(object_store::Error::NotFound { .. }) => Err(Error::not_found(key.to_owned())),
                Err(e) => Err(client.fault("reading", key, e)),
            }
        })?;
        let mut r = ObjectReader {
            client: client.clone(),
            key: key.to_owned(),
            size,
            next_at: 0,
            next: None,
            window: Bytes::new(),
        };
        r.fetch_next();
        Ok(r)
    }

    /// The object's size in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Starts fetching the window after the last one asked for, if the object goes on.
    fn fetch_next(&mut self) {
        if self.next_at >= self.size {
            return;
        }
        let end = (self.next_at + WINDOW).min(self.size);
        let (store, key) = (self.client.store.clone(), self.key.clone());
        self.next = Some(
            self.client
                .rt
                .spawn(get_range(store, key, self.next_at..end)),
        );
        self.next_at = end;
    }
}

impl Read for ObjectReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.window.is_empty() {
            let Some(fetching) = self.next.take() else {
                return Ok(0);
            };
            let got = self
                .client
                .rt
                .block_on(fetching)
                .map_err(io::Error::other)?;
            self.window =
                got.map_err(|e| io::Error::other(self.client.range_fault(&self.key, e)))?;
            if self.window.is_empty() {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("{} ended early", self.key),
                ));
            }
            self.fetch_next();
        }
        let n = buf.len().min(self.window.len());
        buf[..n].copy_from_slice(&self.window[..n]);
        self.window.advance(n);
        Ok(n)
    }
}

impl Drop for ObjectReader {
    fn drop(&mut self) {
        if let Some(fetching) = self.next.take() {
            fetching.abort();
        }
    }
}

pub(super) async fn get_range(
    store: Arc<dyn ObjectStore>,
    key: String,
    range: Range<u64>,
) -> std::result::Result<Bytes, object_store::Error> {
    store.get_range(&obj_path(&key), range).await
}
