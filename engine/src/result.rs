//! Job results, kept outside the job row: one directory per job under `results/` (per claim of
//! the job, see [`ResultKey`]).
//!
//! - `rows.jsonl`: one JSON value per line, exactly as the job status API returns the row.
//! - `rows.idx`: `total + 1` little-endian `u64` byte offsets into `rows.jsonl`, so any page at
//!   any offset is two small reads (no scan from the start).
//! - `meta.json`: the rows' key, total, scalar outputs and runtime; written last.
//!
//! - `sort-<metric>.idx`: made on first use, the row numbers in descending order of a metric
//!   (see [`read_sorted_page`]): top-N and any page of the sorted order at the same cost.
//!
//! A result is written into `<id>.partial/` and renamed into place when complete, so a crash
//! mid-write never leaves something that looks like a finished result.

use std::fs::{self, File};
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{Error, Result};

mod cache;
mod key;
mod raw;
mod sorted;
mod store;
pub(crate) mod tombstone;

pub use key::ResultKey;
pub use raw::RawResultPage;
pub use sorted::read_sorted_page;
pub(crate) use store::ResultStore;

/// Largest page the engine serves in one call (the GES limit).
pub const MAX_PAGE: u64 = 100_000;

/// A page of a job's result.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultPage {
    /// Key the rows appear under in `data.outputs` (`results`, `vertices`, `path`…).
    pub key: String,
    /// Rows of this page.
    pub rows: Vec<Value>,
    /// Offset of the first row.
    pub offset: u64,
    /// Total rows of the result.
    pub total: u64,
    /// Scalar outputs.
    pub scalars: Map<String, Value>,
    /// Compute time in seconds.
    pub runtime: Option<f64>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    key: String,
    total: u64,
    scalars: Map<String, Value>,
    runtime: Option<f64>,
}

/// Streams rows into a new result directory.
#[derive(Debug)]
pub struct ResultWriter {
    partial: PathBuf,
    target: PathBuf,
    rows: BufWriter<File>,
    idx: BufWriter<File>,
    pos: u64,
    total: u64,
    line: Vec<u8>,
    /// A shared object store and this result's key there ([`ResultStore::writer`]).
    publish: Option<(std::sync::Arc<crate::objects::Objects>, String)>,
}

impl ResultWriter {
    /// Starts the result at `path` (a [`ResultKey::path`]) under `results_dir` (any earlier
    /// partial is discarded).
    pub fn create(results_dir: &Path, path: &str) -> Result<Self> {
        let target = results_dir.join(path);
        let partial = results_dir.join(format!("{path}.partial"));
        if partial.exists() {
            fs::remove_dir_all(&partial)?;
        }
        fs::create_dir_all(&partial)?;
        let rows = BufWriter::with_capacity(1 << 20, File::create(partial.join("rows.jsonl"))?);
        let mut idx = BufWriter::with_capacity(1 << 16, File::create(partial.join("rows.idx"))?);
        idx.write_all(&0u64.to_le_bytes())?;
        Ok(Self {
            partial,
            target,
            rows,
            idx,
            pos: 0,
            total: 0,
            line: Vec::with_capacity(256),
            publish: None,
        })
    }

    /// Appends one row.
    pub fn push<T: Serialize + ?Sized>(&mut self, row: &T) -> Result<()> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, row).map_err(|e| Error::Internal(e.to_string()))?;
        self.line.push(b'\n');
        self.rows.write_all(&self.line)?;
        self.pos += self.line.len() as u64;
        self.idx.write_all(&self.pos.to_le_bytes())?;
        self.total += 1;
        Ok(())
    }

    /// Rows written so far.
    pub fn len(&self) -> u64 {
        self.total
    }

    /// Whether no row was written.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Writes the metadata, syncs, and moves the result into place. Returns the row count.
    pub fn finish(
        mut self,
        key: &str,
        scalars: Map<String, Value>,
        runtime: Option<f64>,
    ) -> Result<u64> {
        self.rows.flush()?;
        self.idx.flush()?;
        self.rows.get_ref().sync_all()?;
        self.idx.get_ref().sync_all()?;
        let meta = Meta {
            key: key.to_owned(),
            total: self.total,
            scalars,
            runtime,
        };
        let bytes = serde_json::to_vec(&meta).map_err(|e| Error::Internal(e.to_string()))?;
        let mut f = File::create(self.partial.join("meta.json"))?;
        f.write_all(&bytes)?;
        f.sync_all()?;
        if let Some((objects, at)) = &self.publish {
            ResultStore::publish(objects, at, &self.partial)?;
        }
        if self.target.exists() {
            fs::remove_dir_all(&self.target)?;
        }
        fs::rename(&self.partial, &self.target)?;
        Ok(self.total)
    }
}

/// A writer dropped without [`ResultWriter::finish`] (a failed write, e.g. a full disk, or a
/// cancel) deletes its partial result at once: the bytes it took are the space the next job
/// needs. After `finish` the partial dir has been renamed away and there is nothing to do.
impl Drop for ResultWriter {
    fn drop(&mut self) {
        if self.partial.exists() {
            let _ = fs::remove_dir_all(&self.partial);
        }
    }
}

/// Reads one page of the result at `path` (a [`ResultKey::path`]). `limit` is clamped to
/// [`MAX_PAGE`].
pub fn read_page(results_dir: &Path, path: &str, offset: u64, limit: u64) -> Result<ResultPage> {
    let (meta, start, buf) = read_lines(results_dir, path, offset, limit)?;
    Ok(ResultPage {
        key: meta.key,
        rows: rows_of(&buf)?,
        offset: start,
        total: meta.total,
        scalars: meta.scalars,
        runtime: meta.runtime,
    })
}

/// The result's metadata, the first row of the page (`offset` clamped to the total) and the
/// page's lines of `rows.jsonl`, as stored: two small reads through `rows.idx`.
fn read_lines(
    results_dir: &Path,
    path: &str,
    offset: u64,
    limit: u64,
) -> Result<(Meta, u64, Vec<u8>)> {
    let dir = results_dir.join(path);
    let meta = read_meta(&dir, path)?;
    let start = offset.min(meta.total);
    let end = offset.saturating_add(limit.min(MAX_PAGE)).min(meta.total);
    let mut buf = Vec::new();
    if end > start {
        let mut idx = File::open(dir.join("rows.idx"))?;
        idx.seek(SeekFrom::Start(start * 8))?;
        let mut bounds = vec![0u8; ((end - start + 1) * 8) as usize];
        idx.read_exact(&mut bounds)?;
        let at =
            |i: usize| u64::from_le_bytes(bounds[i * 8..i * 8 + 8].try_into().expect("8 bytes"));
        let (from, to) = (at(0), at((end - start) as usize));
        let mut data = File::open(dir.join("rows.jsonl"))?;
        data.seek(SeekFrom::Start(from))?;
        buf = vec![0u8; (to - from) as usize];
        data.read_exact(&mut buf)?;
    }
    Ok((meta, start, buf))
}

/// The `meta.json` of the result in `dir` (at `path`); `NotFound` when there is none.
fn read_meta(dir: &Path, path: &str) -> Result<Meta> {
    match fs::read(dir.join("meta.json")) {
        Ok(bytes) => {
            serde_json::from_slice(&bytes).map_err(|e| Error::Internal(format!("result meta: {e}")))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(Error::not_found(format!("result {path}")))
        }
        Err(e) => Err(e.into()),
    }
}

/// The rows of a slice of `rows.jsonl`.
fn rows_of(buf: &[u8]) -> Result<Vec<Value>> {
    buf.split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|line| {
            serde_json::from_slice(line).map_err(|e| Error::Internal(format!("result row: {e}")))
        })
        .collect()
}

/// Deletes a job's result, every claim's (and any partial one, and an import's rejected rows
/// kept by default).
pub fn remove(results_dir: &Path, job_id: &str) -> Result<()> {
    for dir in [
        results_dir.join(job_id),
        results_dir.join(format!("{job_id}.partial")),
        crate::rejected_rows::default_dir(results_dir, job_id),
    ] {
        match fs::remove_dir_all(&dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn write(dir: &Path, n: u64) {
        let mut w = ResultWriter::create(dir, "j1").unwrap();
        for i in 0..n {
            w.push(&json!({"id": format!("v{i}"), "pagerank": i as f64 / 2.0}))
                .unwrap();
        }
        let mut scalars = Map::new();
        scalars.insert("source".into(), json!("v0"));
        assert_eq!(w.finish("results", scalars, Some(0.5)).unwrap(), n);
    }

    #[test]
    fn pages_come_back_at_any_offset() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), 1000);
        let p = read_page(tmp.path(), "j1", 990, 20).unwrap();
        assert_eq!(p.total, 1000);
        assert_eq!(p.offset, 990);
        assert_eq!(p.rows.len(), 10);
        assert_eq!(p.rows[0], json!({"id": "v990", "pagerank": 495.0}));
        assert_eq!(p.rows[9]["id"], "v999");
        assert_eq!(p.key, "results");
        assert_eq!(p.scalars["source"], "v0");
        assert_eq!(p.runtime, Some(0.5));
        let first = read_page(tmp.path(), "j1", 0, 2).unwrap();
        assert_eq!(
            first.rows,
            vec![
                json!({"id":"v0","pagerank":0.0}),
                json!({"id":"v1","pagerank":0.5})
            ]
        );
    }

    #[test]
    fn offset_past_the_end_is_an_empty_page() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), 3);
        let p = read_page(tmp.path(), "j1", 10, 5).unwrap();
        assert!(p.rows.is_empty());
        assert_eq!(p.total, 3);
        assert_eq!(p.offset, 3);
    }

    #[test]
    fn an_abandoned_writer_frees_its_partial_result() {
        let tmp = tempfile::tempdir().unwrap();
        let mut w = ResultWriter::create(tmp.path(), "j3").unwrap();
        w.push(&json!("v1")).unwrap();
        assert!(tmp.path().join("j3.partial").exists());
        drop(w); // a write failed: the job fails without finishing its result
        assert!(!tmp.path().join("j3.partial").exists());
        assert!(!tmp.path().join("j3").exists());
    }

    #[test]
    fn an_unfinished_result_is_not_found() {
        let tmp = tempfile::tempdir().unwrap();
        let mut w = ResultWriter::create(tmp.path(), "j2").unwrap();
        w.push(&json!("v1")).unwrap();
        drop(w); // crash before finish
        assert!(matches!(
            read_page(tmp.path(), "j2", 0, 10),
            Err(Error::NotFound { .. })
        ));
        remove(tmp.path(), "j2").unwrap();
        assert!(!tmp.path().join("j2.partial").exists());
    }
}
