//! The rows an import rejected, paged: [`Engine::rejected_rows`](crate::Engine::rejected_rows). Every import writes them
//! (to its `logDir`, or by default beside the job's result: [`default_dir`]) as one CSV per
//! input file with `line,reason,row` (see `graph::import`'s reject log); the job's detail
//! lists those files in order. A page is read by skipping rows from the first log, so the
//! cost grows with the offset: rejected-row logs are small next to results, and stay
//! readable as plain files.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::result::ResultStore;
use crate::{Error, Result};

/// Where an import without a `logDir` keeps its rejected rows.
pub fn default_dir(results_dir: &Path, job_id: &str) -> PathBuf {
    results_dir.join(format!("{job_id}.rejected"))
}

/// One rejected row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRow {
    /// The input file it came from, as given.
    pub file: String,
    /// Its 1-based line number in that file.
    pub line: u64,
    /// Why it was rejected.
    pub reason: String,
    /// The row as read.
    pub row: String,
}

/// A page of rejected rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedPage {
    /// The rows, in file order then line order.
    pub rows: Vec<RejectedRow>,
    /// Offset of the first row.
    pub offset: u64,
    /// Rejected rows in all.
    pub total: u64,
}

/// One log as the job's detail lists it.
struct Log {
    file: String,
    path: PathBuf,
    rows: u64,
}

fn logs(detail: Option<&serde_json::Value>) -> Vec<Log> {
    let Some(list) = detail.and_then(|d| d["rejectedLogs"].as_array()) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|l| {
            Some(Log {
                file: l["file"].as_str()?.to_owned(),
                path: PathBuf::from(l["log"].as_str()?),
                rows: l["rows"].as_u64().unwrap_or(0),
            })
        })
        .collect()
}

fn read_log(log: &Log, skip: u64, take: u64, out: &mut Vec<RejectedRow>) -> Result<()> {
    let io = |e: std::io::Error| Error::Internal(format!("reading {}: {e}", log.path.display()));
    let file = std::fs::File::open(&log.path).map_err(io)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(file);
    for record in reader.records().skip(skip as usize).take(take as usize) {
        let record = record.map_err(|e| io(e.into()))?;
        out.push(RejectedRow {
            file: log.file.clone(),
            line: record.get(0).and_then(|l| l.parse().ok()).unwrap_or(0),
            reason: record.get(1).unwrap_or_default().to_owned(),
            row: record.get(2).unwrap_or_default().to_owned(),
        });
    }
    Ok(())
}

/// Rows `offset..offset + limit` of what an import rejected, from the logs its job `detail`
/// lists (empty for other jobs and imports that rejected nothing); a log written by another
/// node is read from its copy in the object store (`results`). Blocking reads.
pub(crate) fn page(
    results: &ResultStore,
    id: &str,
    detail: Option<&serde_json::Value>,
    offset: u64,
    limit: u64,
) -> Result<RejectedPage> {
    let logs = logs(detail);
    let total = logs.iter().map(|l| l.rows).sum();
    let mut rows = Vec::new();
    let mut skip = offset;
    for mut log in logs {
        let want = limit.saturating_sub(rows.len() as u64);
        if want == 0 {
            break;
        }
        if skip >= log.rows {
            skip -= log.rows;
            continue;
        }
        log.path = results.rejected_log(id, &log.path)?;
        read_log(&log, skip, want, &mut rows)?;
        skip = 0;
    }
    Ok(RejectedPage {
        rows,
        offset,
        total,
    })
}
