//! Reading one vertex or edge CSV file into a [`GraphBuilder`]: line splitting (quoted fields
//! may span lines), validation by the builder, rejected-row logging, progress and cancellation.
//!
//! Records are read in batches. Vertex rows are then added one by one (each may create a
//! vertex that a later row refers to). Edge rows only read the builder, so a batch of them is
//! validated in parallel (endpoint lookups and property parsing, the bulk of the work) and then
//! added in file order, which keeps the result identical to a sequential import.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;

use super::csv_line::{Splitter, Unterminated};
use super::reject_log::FileLog;
use super::{CHECK_EVERY_ROWS, FileKind, FileReport, Result, io_err, now_us};
use crate::graph::builder::GraphBuilder;
use crate::job::control::JobControl;

/// Records per batch.
const BATCH: usize = 8192;

/// Bytes read of all vertex and edge files, reported every few thousand rows.
pub(super) struct Progress<'a> {
    ctl: &'a JobControl,
    done: u64,
    total: u64,
    rows: u32,
}

impl<'a> Progress<'a> {
    /// No bytes to read yet.
    pub(super) fn new(ctl: &'a JobControl) -> Self {
        Self {
            ctl,
            done: 0,
            total: 0,
            rows: 0,
        }
    }

    /// Adds a file's size to the total.
    pub(super) fn add_total(&mut self, bytes: u64) {
        self.total += bytes;
    }

    /// Reports bytes read so far.
    pub(super) fn report(&self) {
        self.ctl.set_progress(self.done, self.total);
    }

    /// Reports completion.
    pub(super) fn finish(&self) {
        self.ctl.set_progress(self.total, self.total);
    }

    fn row(&mut self, bytes: u64) -> Result<()> {
        self.done += bytes;
        self.rows += 1;
        if self.rows >= CHECK_EVERY_ROWS {
            self.rows = 0;
            self.ctl.check()?;
            self.ctl.set_progress(self.done, self.total);
        }
        Ok(())
    }
}

/// One record of a batch.
struct Rec {
    /// 1-based line where the record starts.
    line: u64,
    /// Bytes it took in the file (line breaks included).
    bytes: u64,
    /// Its fields, as indices into `Batch::fields`.
    fields: Range<usize>,
    /// The record as read, in `Batch::raw`.
    raw: Range<usize>,
    /// A problem found while reading (invalid UTF-8, unterminated quote).
    error: Option<String>,
}

/// A batch of records: raw texts, unquoted field texts and their ranges, back to back.
#[derive(Default)]
struct Batch {
    raw: String,
    text: String,
    fields: Vec<Range<usize>>,
    records: Vec<Rec>,
    /// Bytes of skipped blank lines.
    blank_bytes: u64,
}

impl Batch {
    fn clear(&mut self) {
        self.raw.clear();
        self.text.clear();
        self.fields.clear();
        self.records.clear();
        self.blank_bytes = 0;
    }

    fn fields_of(&self, rec: &Rec) -> Vec<&str> {
        self.fields[rec.fields.clone()]
            .iter()
            .map(|r| &self.text[r.clone()])
            .collect()
    }
}

/// Reads whole records (a quoted field may continue on following lines).
struct RecordReader<'p> {
    path: &'p Path,
    reader: BufReader<File>,
    splitter: Splitter,
    line_no: u64,
    buf: Vec<u8>,
}

impl RecordReader<'_> {
    /// Reads the next physical line into `buf` (line break removed); its byte count, 0 at EOF.
    fn next_line(&mut self) -> Result<u64> {
        self.buf.clear();
        let n = self
            .reader
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| io_err(self.path, e))?;
        if n > 0 {
            self.line_no += 1;
            if self.buf.last() == Some(&b'\n') {
                self.buf.pop();
            }
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
            if self.line_no == 1 && self.buf.starts_with(b"\xEF\xBB\xBF") {
                self.buf.drain(..3);
            }
        }
        Ok(n as u64)
    }

    /// Appends up to [`BATCH`] records to `batch`; false once the file is exhausted.
    fn fill(&mut self, batch: &mut Batch) -> Result<bool> {
        while batch.records.len() < BATCH {
            let mut bytes = self.next_line()?;
            if bytes == 0 {
                return Ok(false);
            }
            if self.buf.is_empty() {
                batch.blank_bytes += bytes;
                continue;
            }
            let line = self.line_no;
            let (raw_start, field_start, text_start) =
                (batch.raw.len(), batch.fields.len(), batch.text.len());
            let mut error = append_utf8(&mut batch.raw, &self.buf).err();
            while error.is_none() {
                let record = &batch.raw[raw_start..];
                match self
                    .splitter
                    .split(record, &mut batch.text, &mut batch.fields)
                {
                    Ok(()) => break,
                    Err(Unterminated) => {
                        batch.text.truncate(text_start);
                        batch.fields.truncate(field_start);
                        let n = self.next_line()?;
                        if n == 0 {
                            error = Some("unterminated quoted field".into());
                        } else {
                            bytes += n;
                            batch.raw.push('\n');
                            error = append_utf8(&mut batch.raw, &self.buf).err();
                        }
                    }
                }
            }
            if error.is_some() {
                batch.text.truncate(text_start);
                batch.fields.truncate(field_start);
                if batch.raw.len() == raw_start {
                    batch.raw.push_str(&String::from_utf8_lossy(&self.buf));
                }
            }
            batch.records.push(Rec {
                line,
                bytes,
                fields: field_start..batch.fields.len(),
                raw: raw_start..batch.raw.len(),
                error,
            });
        }
        Ok(true)
    }
}

/// Reads one vertex or edge CSV file into `builder`.
pub(super) fn load_csv(
    kind: FileKind,
    path: &Path,
    splitter: Splitter,
    builder: &mut GraphBuilder,
    progress: &mut Progress<'_>,
    mut log: FileLog,
) -> Result<FileReport> {
    let start_us = now_us();
    let file = File::open(path).map_err(|e| io_err(path, e))?;
    let mut reader = RecordReader {
        path,
        reader: BufReader::with_capacity(1 << 16, file),
        splitter,
        line_no: 0,
        buf: Vec::new(),
    };
    let mut report = FileReport {
        kind,
        path: path.display().to_string(),
        total_lines: 0,
        successful_lines: 0,
        failed_lines: 0,
        start_us,
        end_us: start_us,
        rejected_log: None,
    };
    let mut batch = Batch::default();
    loop {
        batch.clear();
        let more = reader.fill(&mut batch)?;
        progress.done += batch.blank_bytes;
        let outcomes: Vec<Result<(), String>> = match kind {
            FileKind::Edge => {
                // Validate in parallel (read-only), then add in file order.
                let prepared: Vec<_> = batch
                    .records
                    .par_iter()
                    .map(|rec| match &rec.error {
                        Some(e) => Err(e.clone()),
                        None => builder
                            .prepare_edge_fields(&batch.fields_of(rec))
                            .map_err(|e| e.0),
                    })
                    .collect();
                prepared
                    .into_iter()
                    .map(|p| p.and_then(|e| builder.commit_edge(&e).map_err(|e| e.0)))
                    .collect()
            }
            _ => batch
                .records
                .iter()
                .map(|rec| match &rec.error {
                    Some(e) => Err(e.clone()),
                    None => builder
                        .add_vertex_fields(&batch.fields_of(rec))
                        .map(drop)
                        .map_err(|e| e.0),
                })
                .collect(),
        };
        for (rec, outcome) in batch.records.iter().zip(outcomes) {
            report.total_lines += 1;
            match outcome {
                Ok(()) => report.successful_lines += 1,
                Err(reason) => {
                    report.failed_lines += 1;
                    log.reject(rec.line, &reason, &batch.raw[rec.raw.clone()])?;
                }
            }
            progress.row(rec.bytes)?;
        }
        if !more {
            break;
        }
    }
    report.rejected_log = log.finish()?;
    report.end_us = now_us();
    if report.failed_lines > 0 {
        tracing::debug!(path = %report.path, failed = report.failed_lines, "rows rejected");
    }
    Ok(report)
}

fn append_utf8(record: &mut String, raw: &[u8]) -> Result<(), String> {
    let s = std::str::from_utf8(raw)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))?;
    record.push_str(s);
    Ok(())
}
