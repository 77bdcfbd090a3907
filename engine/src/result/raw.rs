//! [`RawResultPage`]: a page of a result whose rows stay the JSON text they are stored as, for
//! answers that only pass them on (the job status API): no `Value` per row is built, and
//! none is serialised again.

use std::ops::Range;
use std::sync::Arc;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::Meta;
use super::tombstone::{self, Tombstone};
use crate::{Error, Result};

/// A page of a job's result; its rows are the stored JSON text, checked to be JSON.
#[derive(Debug, Clone)]
pub struct RawResultPage {
    meta: Arc<Meta>,
    rows: Rows,
    offset: u64,
}

/// The rows of a page: its own, or a range of a cached result's (see `super::cache`).
#[derive(Debug, Clone)]
enum Rows {
    Owned(Vec<Box<RawValue>>),
    Shared(Arc<[Box<RawValue>]>, Range<usize>),
}

impl RawResultPage {
    /// A page of the rows `lines` (lines of `rows.jsonl`) starting at row `offset`.
    pub(super) fn from_lines(meta: Arc<Meta>, offset: u64, lines: &[u8]) -> Result<Self> {
        Ok(Self {
            meta,
            rows: Rows::Owned(raw_rows(lines)?),
            offset,
        })
    }

    /// Rows `range` of a cached result's `rows`.
    pub(super) fn shared(meta: Arc<Meta>, rows: Arc<[Box<RawValue>]>, range: Range<usize>) -> Self {
        Self {
            meta,
            offset: range.start as u64,
            rows: Rows::Shared(rows, range),
        }
    }

    /// The page of an erased result (see [`tombstone::page`]).
    pub(super) fn erased(t: Tombstone) -> Self {
        let page = tombstone::page(t);
        Self {
            meta: Arc::new(Meta {
                key: page.key,
                total: page.total,
                scalars: page.scalars,
                runtime: page.runtime,
            }),
            rows: Rows::Owned(Vec::new()),
            offset: page.offset,
        }
    }

    /// Key the rows appear under in `data.outputs` (`results`, `vertices`, `path`…).
    pub fn key(&self) -> &str {
        &self.meta.key
    }

    /// Rows of this page, as stored.
    pub fn rows(&self) -> &[Box<RawValue>] {
        match &self.rows {
            Rows::Owned(rows) => rows,
            Rows::Shared(rows, range) => &rows[range.clone()],
        }
    }

    /// Offset of the first row.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Total rows of the result.
    pub fn total(&self) -> u64 {
        self.meta.total
    }

    /// Scalar outputs.
    pub fn scalars(&self) -> &Map<String, Value> {
        &self.meta.scalars
    }

    /// Compute time in seconds.
    pub fn runtime(&self) -> Option<f64> {
        self.meta.runtime
    }
}

/// The rows of a slice of `rows.jsonl`, each checked to be one JSON value.
pub(super) fn raw_rows(buf: &[u8]) -> Result<Vec<Box<RawValue>>> {
    buf.split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|line| {
            serde_json::from_slice(line).map_err(|e| Error::Internal(format!("result row: {e}")))
        })
        .collect()
}
