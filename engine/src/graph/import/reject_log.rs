//! Rejected-row logs.
//!
//! When an import has a `log_dir`, every input file with at least one rejected row gets
//! `<log_dir>/<input file name>.rejected.csv` (`-2`, `-3`… is appended before `.rejected.csv`
//! when two inputs share a file name). It is a CSV file with the header `line,reason,row`:
//! the 1-based line number where the rejected record starts, why it was rejected, and the
//! record exactly as read (without its line break), quoted as CSV needs.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::ImportError;

/// Hands out unique log file names within one import.
#[derive(Debug, Default)]
pub(super) struct LogDir {
    dir: Option<PathBuf>,
    used: HashSet<String>,
}

impl LogDir {
    pub(super) fn new(dir: Option<&Path>) -> Self {
        Self {
            dir: dir.map(Path::to_path_buf),
            used: HashSet::new(),
        }
    }

    /// A (not yet created) log for the input file `input`, or a no-op log without a log dir.
    pub(super) fn log_for(&mut self, input: &Path) -> FileLog {
        let Some(dir) = &self.dir else {
            return FileLog::default();
        };
        let base = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut name = format!("{base}.rejected.csv");
        let mut n = 1;
        while !self.used.insert(name.clone()) {
            n += 1;
            name = format!("{base}-{n}.rejected.csv");
        }
        FileLog {
            path: Some(dir.join(name)),
            writer: None,
        }
    }
}

/// The rejected-row log of one input file, created on the first rejected row.
#[derive(Debug, Default)]
pub(super) struct FileLog {
    path: Option<PathBuf>,
    writer: Option<csv::Writer<BufWriter<File>>>,
}

impl FileLog {
    /// Records one rejected row.
    pub(super) fn reject(&mut self, line: u64, reason: &str, row: &str) -> Result<(), ImportError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let io_err = |source: std::io::Error| ImportError::Io {
            path: path.display().to_string(),
            source,
        };
        if self.writer.is_none() {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(io_err)?;
            }
            let mut w =
                csv::Writer::from_writer(BufWriter::new(File::create(path).map_err(io_err)?));
            w.write_record(["line", "reason", "row"])
                .map_err(|e| io_err(e.into()))?;
            self.writer = Some(w);
        }
        let w = self.writer.as_mut().expect("created above");
        w.write_record([line.to_string().as_str(), reason, row])
            .map_err(|e| io_err(e.into()))
    }

    /// Flushes and returns the log's path if any row was rejected.
    pub(super) fn finish(self) -> Result<Option<PathBuf>, ImportError> {
        match (self.writer, self.path) {
            (Some(mut w), Some(path)) => {
                w.flush().map_err(|source| ImportError::Io {
                    path: path.display().to_string(),
                    source,
                })?;
                Ok(Some(path))
            }
            _ => Ok(None),
        }
    }
}
