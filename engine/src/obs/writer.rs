//! Streaming one object: small ones in a single PUT, large ones as a multipart upload with
//! [`PART_SIZE`] parts (aborted on failure, so no half object is ever visible under the key).

use std::sync::Arc;

use bytes::Bytes;
use object_store::path::Path as ObjPath;
use object_store::{ObjectStore, PutPayload, WriteMultipart};

use super::PART_SIZE;

/// Uploads in flight at once per object.
const CONCURRENCY: usize = 2;

/// What one finished object took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Written {
    /// Object size.
    pub(crate) bytes: u64,
    /// Whether it went up as a multipart upload.
    pub(crate) multipart: bool,
}

/// Writes one object in pieces.
pub(crate) struct ObjectWriter {
    store: Arc<dyn ObjectStore>,
    path: ObjPath,
    buf: Vec<u8>,
    upload: Option<WriteMultipart>,
    bytes: u64,
}

impl ObjectWriter {
    /// A writer for `path` (nothing is sent until [`PART_SIZE`] bytes are buffered or
    /// [`finish`](Self::finish)).
    pub(crate) fn new(store: Arc<dyn ObjectStore>, path: ObjPath) -> Self {
        Self {
            store,
            path,
            buf: Vec::new(),
            upload: None,
            bytes: 0,
        }
    }

    /// Appends `data`; once a part's worth is buffered it is sent.
    pub(crate) async fn write(&mut self, data: &[u8]) -> object_store::Result<()> {
        self.bytes += data.len() as u64;
        self.buf.extend_from_slice(data);
        if self.buf.len() >= PART_SIZE {
            if self.upload.is_none() {
                let upload = self.store.put_multipart(&self.path).await?;
                self.upload = Some(WriteMultipart::new_with_chunk_size(upload, PART_SIZE));
            }
            let upload = self.upload.as_mut().expect("just set");
            upload.wait_for_capacity(CONCURRENCY).await?;
            upload.put(Bytes::from(std::mem::take(&mut self.buf)));
        }
        Ok(())
    }

    /// Completes the object. On error a multipart upload is aborted.
    pub(crate) async fn finish(self) -> object_store::Result<Written> {
        let bytes = self.bytes;
        match self.upload {
            None => {
                self.store
                    .put(&self.path, PutPayload::from(self.buf))
                    .await?;
                Ok(Written {
                    bytes,
                    multipart: false,
                })
            }
            Some(mut upload) => {
                upload.put(Bytes::from(self.buf));
                upload.finish().await?;
                Ok(Written {
                    bytes,
                    multipart: true,
                })
            }
        }
    }

    /// Gives up: a started multipart upload is aborted (best effort).
    pub(crate) async fn abort(self) {
        if let Some(upload) = self.upload {
            let _ = upload.abort().await;
        }
    }
}

/// Appends `text` to `out` as one CSV field: quoted (`"`, doubled inside) when it contains the
/// delimiter, a quote or a line break — what the importer reads back.
pub(crate) fn csv_field(out: &mut Vec<u8>, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(text.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let mut out = Vec::new();
        csv_field(&mut out, "plain");
        out.push(b'|');
        csv_field(&mut out, "a,b");
        out.push(b'|');
        csv_field(&mut out, "say \"hi\"");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "plain|\"a,b\"|\"say \"\"hi\"\"\""
        );
    }

    #[tokio::test]
    async fn large_objects_go_multipart_and_small_ones_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let store: Arc<dyn ObjectStore> =
            Arc::new(object_store::local::LocalFileSystem::new_with_prefix(dir.path()).unwrap());
        let mut small = ObjectWriter::new(store.clone(), ObjPath::from("s.txt"));
        small.write(b"hello").await.unwrap();
        assert_eq!(
            small.finish().await.unwrap(),
            Written {
                bytes: 5,
                multipart: false
            }
        );
        let mut big = ObjectWriter::new(store.clone(), ObjPath::from("b.bin"));
        let chunk = vec![7u8; 1 << 20];
        for _ in 0..(PART_SIZE / chunk.len() * 2 + 1) {
            big.write(&chunk).await.unwrap();
        }
        let w = big.finish().await.unwrap();
        assert!(w.multipart);
        let len = std::fs::metadata(dir.path().join("b.bin")).unwrap().len();
        assert_eq!(len, w.bytes);
        assert_eq!(
            len as usize,
            (PART_SIZE / chunk.len() * 2 + 1) * chunk.len()
        );
    }
}
