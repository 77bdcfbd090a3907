//! Importing GES-format data: metadata schema files, then vertex CSV files, then edge CSV files.
//!
//! Input (REFERENCE §7): headerless CSV; a vertex row is `id,label,props…` and an edge row is
//! `src,dst,label,props…`, property columns in the order the label declares them; list and set
//! values are separated by `;`. Every path may be a file or a directory (all regular files in it,
//! sorted by name).
//!
//! Each row is validated (empty id, unknown label, wrong column count, bad typed value, unknown
//! edge endpoint, invalid UTF-8, unterminated quote). A bad row is counted as failed and, with a
//! `log_dir`, written to that file's rejected-row log (format in [`reject_log`]); it never aborts
//! the import. Empty lines are skipped and not counted. Schema problems, unreadable files and
//! cancellation do abort it.
//!
//! With a `base` graph the import is incremental: its vertices and edges are kept, a vertex id
//! seen again gets the new row's label and properties, and the parallel-edge rule is applied
//! against existing edges too. The result is always a new [`Graph`]; `base` is never modified.

mod blocks;
mod csv_file;
mod csv_line;
mod hits;
pub(crate) mod job;
pub mod partitioned;
mod piece;
mod pipeline;
mod plain_piece;
mod record;
mod reject_log;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::Graph;
use super::builder::GraphBuilder;
use super::schema::Schema;
use crate::job::control::{Cancelled, JobControl};
use blocks::BLOCK;
use csv_file::{EdgeSink, Progress, Reading, load_csv};
use csv_line::Splitter;
use reject_log::LogDir;

/// Rows between two cancellation checks / progress reports.
const CHECK_EVERY_ROWS: u32 = 4096;

/// What to import and how (the GES import-graph request, already resolved to local paths).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportOptions {
    /// Metadata files (XML or JSON), applied before any data.
    pub schema_paths: Vec<PathBuf>,
    /// Vertex CSV files or directories.
    pub vertex_paths: Vec<PathBuf>,
    /// Edge CSV files or directories.
    pub edge_paths: Vec<PathBuf>,
    /// Field delimiter (ASCII, default `,`).
    pub delimiter: u8,
    /// Quote character trimmed around fields (ASCII, default `"`); `None` disables quoting.
    pub trim_quote: Option<u8>,
    /// What to do with edges that duplicate an existing one.
    pub parallel_edge: ParallelEdge,
    /// Where rejected rows are written (see [`reject_log`]); `None` to only count them.
    pub log_dir: Option<PathBuf>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            schema_paths: Vec::new(),
            vertex_paths: Vec::new(),
            edge_paths: Vec::new(),
            delimiter: b',',
            trim_quote: Some(b'"'),
            parallel_edge: ParallelEdge::Allow,
            log_dir: None,
        }
    }
}

/// GES `parallelEdge {action, ignoreLabel}`: duplicates are edges with the same source and
/// target (and the same label when `ignore_label` is false; GES defaults it to true).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ParallelEdge {
    /// Keep every edge (GES default).
    #[default]
    Allow,
    /// Keep the existing (earliest) edge, drop later duplicates.
    Ignore {
        /// Duplicates are keyed on ⟨src,dst⟩ (true) or ⟨src,dst,label⟩ (false).
        ignore_label: bool,
    },
    /// The newest duplicate replaces the existing edges.
    Override {
        /// Duplicates are keyed on ⟨src,dst⟩ (true) or ⟨src,dst,label⟩ (false).
        ignore_label: bool,
    },
}

/// The role of an imported file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// A metadata file.
    Schema,
    /// A vertex CSV file.
    Vertex,
    /// An edge CSV file.
    Edge,
}

/// Counters for one imported file (GES `files[]` / management `job_detail` entries).
///
/// For schema files the line counters count labels (GES `totalLabels`/`successfulLabels`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileReport {
    /// Schema, vertex or edge file.
    pub kind: FileKind,
    /// The file's path.
    pub path: String,
    /// Non-empty rows read.
    pub total_lines: u64,
    /// Rows imported.
    pub successful_lines: u64,
    /// Rows rejected.
    pub failed_lines: u64,
    /// When reading started, µs since the Unix epoch.
    pub start_us: i64,
    /// When reading ended, µs since the Unix epoch.
    pub end_us: i64,
    /// The rejected-row log, when rows were rejected and a log dir was given.
    pub rejected_log: Option<PathBuf>,
}

/// What an import did, file by file in processing order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// One entry per schema, vertex and edge file.
    pub files: Vec<FileReport>,
}

impl ImportReport {
    /// Total rejected rows over all files.
    pub fn failed_lines(&self) -> u64 {
        self.files.iter().map(|f| f.failed_lines).sum()
    }
}

/// Why an import stopped (bad rows never stop it).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The job was cancelled.
    #[error("cancelled")]
    Cancelled,
    /// A schema file is malformed or conflicts with the graph's schema; the message names the
    /// file, label and property.
    #[error("{0}")]
    Schema(String),
    /// A file or directory could not be read (or a log written).
    #[error("{path}: {source}")]
    Io {
        /// The path concerned.
        path: String,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// An option is unusable (e.g. a non-ASCII delimiter).
    #[error("invalid import option: {0}")]
    InvalidOption(String),
}

impl From<Cancelled> for ImportError {
    fn from(_: Cancelled) -> Self {
        Self::Cancelled
    }
}

type Result<T, E = ImportError> = std::result::Result<T, E>;

/// Imports `opts`' files into a new graph (starting from `base` if given).
///
/// # Errors
/// [`ImportError`] for a bad schema, an unreadable input, an unusable option or cancellation;
/// the caller's `base` graph is unaffected in every case.
pub fn import(
    base: Option<&Graph>,
    opts: &ImportOptions,
    ctl: &JobControl,
) -> Result<(Graph, ImportReport)> {
    import_in_blocks(base, opts, ctl, BLOCK)
}

/// [`import`], each file read `block` bytes at a time.
fn import_in_blocks(
    base: Option<&Graph>,
    opts: &ImportOptions,
    ctl: &JobControl,
    block: usize,
) -> Result<(Graph, ImportReport)> {
    let mut inputs = Inputs::open(opts)?;
    inputs.reading.block = block;
    let mut progress = inputs.progress(ctl)?;
    let mut builder = match base {
        Some(g) => GraphBuilder::from_graph(g),
        None => GraphBuilder::new(Schema::new()),
    };
    let mut report = ImportReport::default();
    inputs.read_schemas(&mut builder, ctl, &mut report)?;
    inputs.read_rows(
        &mut builder,
        &mut EdgeSink::Builder,
        &mut progress,
        &mut report,
    )?;
    ctl.check()?;
    let graph = builder.build(opts.parallel_edge);
    ctl.check()?;
    progress.finish();
    tracing::info!(
        vertices = graph.vertex_count(),
        edges = graph.edge_count(),
        rejected = report.failed_lines(),
        "graph imported"
    );
    Ok((graph, report))
}

/// An import's files, expanded, and how to split their rows.
struct Inputs<'o> {
    opts: &'o ImportOptions,
    reading: Reading,
    schema_files: Vec<PathBuf>,
    vertex_files: Vec<PathBuf>,
    edge_files: Vec<PathBuf>,
}

impl<'o> Inputs<'o> {
    fn open(opts: &'o ImportOptions) -> Result<Self> {
        Ok(Self {
            opts,
            reading: Reading {
                splitter: splitter(opts)?,
                block: BLOCK,
            },
            schema_files: expand(&opts.schema_paths)?,
            vertex_files: expand(&opts.vertex_paths)?,
            edge_files: expand(&opts.edge_paths)?,
        })
    }

    /// Bytes of the vertex and edge files: the progress total, and what a partitioned import
    /// is decided on ([`partitioned::estimate_bytes`]).
    fn csv_bytes(&self) -> Result<u64> {
        let mut total = 0;
        for path in self.vertex_files.iter().chain(&self.edge_files) {
            total += fs::metadata(path).map_err(|e| io_err(path, e))?.len();
        }
        Ok(total)
    }

    fn progress<'c>(&self, ctl: &'c JobControl) -> Result<Progress<'c>> {
        let mut progress = Progress::new(ctl);
        progress.add_total(self.csv_bytes()?);
        progress.report();
        Ok(progress)
    }

    /// Merges the schema files into `builder`'s schema, one report entry each.
    fn read_schemas(
        &self,
        builder: &mut GraphBuilder,
        ctl: &JobControl,
        report: &mut ImportReport,
    ) -> Result<()> {
        for path in &self.schema_files {
            ctl.check()?;
            let start_us = now_us();
            let bytes = fs::read(path).map_err(|e| io_err(path, e))?;
            let schema = Schema::parse(&decode_text(bytes))
                .map_err(|e| ImportError::Schema(format!("schema file {}: {e}", path.display())))?;
            let labels = builder
                .merge_schema(&schema)
                .map_err(|e| ImportError::Schema(format!("schema file {}: {e}", path.display())))?
                as u64;
            report.files.push(FileReport {
                kind: FileKind::Schema,
                path: path.display().to_string(),
                total_lines: labels,
                successful_lines: labels,
                failed_lines: 0,
                start_us,
                end_us: now_us(),
                rejected_log: None,
            });
        }
        Ok(())
    }

    /// Reads the vertex files, then the edge files (their edges into `edges`).
    fn read_rows(
        &self,
        builder: &mut GraphBuilder,
        edges: &mut EdgeSink<'_>,
        progress: &mut Progress<'_>,
        report: &mut ImportReport,
    ) -> Result<()> {
        let mut logs = LogDir::new(self.opts.log_dir.as_deref());
        for (kind, files) in [
            (FileKind::Vertex, &self.vertex_files),
            (FileKind::Edge, &self.edge_files),
        ] {
            for path in files {
                let log = logs.log_for(path);
                let file_report =
                    load_csv(kind, path, self.reading, builder, edges, progress, log)?;
                report.files.push(file_report);
            }
        }
        Ok(())
    }
}

fn splitter(opts: &ImportOptions) -> Result<Splitter> {
    let ascii = |what: &str, b: u8| {
        if b.is_ascii() && b != b'\n' && b != b'\r' {
            Ok(b)
        } else {
            Err(ImportError::InvalidOption(format!(
                "{what} must be an ASCII character other than a line break"
            )))
        }
    };
    let delimiter = ascii("delimiter", opts.delimiter)?;
    let quote = opts.trim_quote.map(|q| ascii("trimQuote", q)).transpose()?;
    if quote == Some(delimiter) {
        return Err(ImportError::InvalidOption(
            "trimQuote must differ from delimiter".into(),
        ));
    }
    Ok(Splitter {
        delimiter,
        quote,
        max_record: csv_line::MAX_RECORD,
    })
}

/// Files and directories to the list of files to read, directories expanded (sorted by name).
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = fs::metadata(p).map_err(|e| io_err(p, e))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            for entry in fs::read_dir(p).map_err(|e| io_err(p, e))? {
                let path = entry.map_err(|e| io_err(p, e))?.path();
                if path.is_file() {
                    files.push(path);
                }
            }
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Schema files are declared ISO-8859-1 in GES samples: take UTF-8 when valid, else Latin-1.
fn decode_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| e.into_bytes().iter().map(|&b| b as char).collect())
}

fn io_err(path: &Path, source: io::Error) -> ImportError {
    ImportError::Io {
        path: path.display().to_string(),
        source,
    }
}

fn now_us() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as i64)
}

#[cfg(test)]
mod tests;
