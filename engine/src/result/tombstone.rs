//! What is left of a result dumped with `erase: true`: `results/<job>.exported.json`, saying
//! where it went. The job status then shows an empty page whose outputs carry `exported: true`,
//! `exportPath` and `exportJobId` (DECISIONS.md "OBS": the job shows that it was exported and
//! where) instead of a missing result.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::result::ResultPage;
use crate::{Error, Result};

/// The record of an erased result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Tombstone {
    /// Key the rows were under.
    pub(crate) key: String,
    /// Rows the result had.
    pub(crate) total: u64,
    /// Where they went.
    pub(crate) export_path: String,
    /// The dump job.
    pub(crate) export_job_id: String,
    /// When (RFC 3339).
    pub(crate) exported_at: String,
}

fn file(results_dir: &Path, job_id: &str) -> PathBuf {
    results_dir.join(format!("{job_id}.exported.json"))
}

/// Records that `job_id`'s result was exported (written before the result is removed).
pub(crate) fn write(results_dir: &Path, job_id: &str, t: &Tombstone) -> Result<()> {
    let bytes = serde_json::to_vec(t).map_err(|e| Error::Internal(e.to_string()))?;
    let tmp = results_dir.join(format!("{job_id}.exported.tmp"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(tmp, file(results_dir, job_id))?;
    Ok(())
}

/// Deletes the tombstone of `job_id`, if any.
pub(crate) fn remove(results_dir: &Path, job_id: &str) -> Result<()> {
    match std::fs::remove_file(file(results_dir, job_id)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// The tombstone of `job_id`, if its result was exported and erased.
pub(crate) fn read(results_dir: &Path, job_id: &str) -> Option<Tombstone> {
    let bytes = std::fs::read(file(results_dir, job_id)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The page shown for an erased result: no rows, and where they went.
pub(crate) fn page(t: Tombstone) -> ResultPage {
    let mut scalars = Map::new();
    scalars.insert("exported".into(), Value::Bool(true));
    scalars.insert("exportPath".into(), json!(t.export_path));
    scalars.insert("exportJobId".into(), json!(t.export_job_id));
    scalars.insert("exportedAt".into(), json!(t.exported_at));
    scalars.insert("erased_total".into(), json!(t.total));
    ResultPage {
        key: t.key,
        rows: Vec::new(),
        offset: 0,
        total: 0,
        scalars,
        runtime: None,
    }
}
