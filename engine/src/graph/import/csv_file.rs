//! Reading one vertex or edge CSV file into a [`GraphBuilder`] (or, for the edges of a
//! partitioned import, into partition files: [`EdgeSink`]): validation by the builder,
//! rejected-row logging, progress and cancellation.
//!
//! The file is read in blocks that end on a record boundary, each cut into pieces on record
//! boundaries ([`Blocks`]). The pieces of a block are parsed in parallel, reading the builder
//! only: field splitting, property values into tables of the piece's own and, for edges, the
//! endpoint lookups. Their rows are then added in file order (a vertex row may create a vertex
//! that a later row names, or replace an earlier one), so the result is a sequential import's;
//! the next block is read and parsed meanwhile ([`read_blocks`]).

use std::path::Path;

use super::blocks::Blocks;
use super::csv_line::Splitter;
use super::piece::{Piece, raw_record};
use super::pipeline::{Source, read_blocks};
use super::reject_log::FileLog;
use super::{CHECK_EVERY_ROWS, FileKind, FileReport, Result, io_err, now_us};
use crate::graph::arena::StrArena;
use crate::graph::builder::{GraphBuilder, RowError};
use crate::graph::partition::PartWriter;
use crate::job::control::JobControl;

/// Pieces per block and thread: more than one, so a thread slowed by other work does not hold
/// the block up.
const PIECES_PER_THREAD: usize = 4;

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

/// Where the rows of an edge file go once they passed the builder's checks.
pub(super) enum EdgeSink<'w> {
    /// Into the builder, which builds the graph at the end.
    Builder,
    /// Straight into the partition files of a partitioned import: the builder never holds an
    /// edge (it holds the vertices, which the checks of every edge row read).
    Parts(&'w mut PartWriter),
}

/// How a file's records are read: split by `splitter`, `block` bytes at a time (usually
/// [`BLOCK`](super::blocks::BLOCK); tests make it tiny to have many blocks).
#[derive(Debug, Clone, Copy)]
pub(super) struct Reading {
    pub(super) splitter: Splitter,
    pub(super) block: usize,
}

/// Reads one vertex or edge CSV file into `builder` (edges into `edges`).
pub(super) fn load_csv(
    kind: FileKind,
    path: &Path,
    reading: Reading,
    builder: &mut GraphBuilder,
    edges: &mut EdgeSink<'_>,
    progress: &mut Progress<'_>,
    log: FileLog,
) -> Result<FileReport> {
    let start_us = now_us();
    let pieces = rayon::current_num_threads() * PIECES_PER_THREAD;
    let mut blocks = Blocks::open(path, reading.splitter, pieces, reading.block)?;
    let mut file = FileRows {
        report: FileReport {
            kind,
            path: path.display().to_string(),
            total_lines: 0,
            successful_lines: 0,
            failed_lines: 0,
            start_us,
            end_us: start_us,
            rejected_log: None,
        },
        log,
        lines: 0,
    };
    let tables = builder.new_tables();
    let blocks = &mut blocks;
    match (kind, edges) {
        (FileKind::Edge, EdgeSink::Builder) => {
            let (parser, mut store) = builder.edge_halves();
            read_blocks(
                blocks,
                &tables,
                |f, t, _| parser.parse(f, t),
                |p, source| {
                    let offsets = store.append_tables(&p.tables);
                    file.add(p, source, progress, |e, _| store.push(e, &offsets))
                },
            )?;
        }
        (FileKind::Edge, EdgeSink::Parts(parts)) => {
            let (parser, _) = builder.edge_halves();
            read_blocks(
                blocks,
                &tables,
                |f, t, _| parser.parse(f, t),
                |p, source| {
                    let tables = std::mem::take(&mut p.tables);
                    // A failed write stops the import (it is no row's fault).
                    let mut failed = None;
                    file.add(p, source, progress, |e, _| {
                        if failed.is_none() {
                            failed = parts.push(e.src, e.dst, e.label, e.row, &tables).err();
                        }
                        Ok(())
                    })?;
                    p.tables = tables;
                    match failed {
                        Some(e) => Err(io_err(path, e)),
                        None => Ok(()),
                    }
                },
            )?;
        }
        _ => {
            let (parser, mut store) = builder.vertex_halves();
            read_blocks(
                blocks,
                &tables,
                |f, t, n| parser.parse(f, t, n),
                |p, source| {
                    let offsets = store.append_tables(&p.tables);
                    file.add(p, source, progress, |v, names| {
                        store
                            .push(names.get(v.name as usize), v, &offsets)
                            .map(drop)
                    })
                },
            )?;
        }
    }
    let mut report = file.report;
    report.rejected_log = file.log.finish()?;
    report.end_us = now_us();
    if report.failed_lines > 0 {
        tracing::debug!(path = %report.path, failed = report.failed_lines, "rows rejected");
    }
    Ok(report)
}

/// One file's counters and log while its pieces are added.
struct FileRows {
    report: FileReport,
    log: FileLog,
    /// Lines of the file before the next piece.
    lines: u64,
}

impl FileRows {
    /// Adds `piece`'s rows in order with `add`, counting and logging each.
    fn add<T>(
        &mut self,
        piece: &mut Piece<T>,
        ((file_start, bytes), splitter): Source<'_>,
        progress: &mut Progress<'_>,
        mut add: impl FnMut(T, &StrArena) -> Result<(), RowError>,
    ) -> Result<()> {
        progress.done += piece.blank_bytes;
        for row in piece.rows.drain(..) {
            self.report.total_lines += 1;
            let outcome = match row.item {
                Ok(item) => add(item, &piece.names).map_err(|e| {
                    let raw = raw_record(bytes, row.start, splitter, file_start);
                    (e.0, raw)
                }),
                Err(i) => {
                    let rejected = &mut piece.rejected[i as usize];
                    Err((
                        std::mem::take(&mut rejected.reason),
                        std::mem::take(&mut rejected.raw),
                    ))
                }
            };
            match outcome {
                Ok(()) => self.report.successful_lines += 1,
                Err((reason, raw)) => {
                    self.report.failed_lines += 1;
                    let line = self.lines + u64::from(row.line);
                    self.log.reject(line, &reason, &raw)?;
                }
            }
            progress.row(row.bytes)?;
        }
        self.lines += u64::from(piece.lines);
        Ok(())
    }
}
