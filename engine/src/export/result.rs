//! export-result (REFERENCE §2.4): dump a succeeded algorithm job's result under a prefix.
//!
//! Files (DECISIONS.md "OBS"), all below `exportPath`:
//! - rows: `vertices.csv` for per-vertex rows (`{"id", "<metric>"}` or bare vertex names),
//!   `edges.csv` for per-edge rows (`{"source","target","index","<metric>"}`), each with a header
//!   line; `paths.txt` in the TXT format of REFERENCE §3.3 for path results (`path`, `paths`).
//!   `fileName`, when given, replaces that file's name.
//! - `outputs.json`: the scalar outputs, `runtime`, the rows' key and count.
//! - `manifest.json`, written **last** (and any earlier one deleted first), listing the files:
//!   a dump without it is incomplete.
//!
//! - a HyG dsl job's result (`stdout` lines) is written as one `partition-{k}/stdout` file per
//!   partition instead of the rows file and `outputs.json` ([`stdout`]).
//!
//! `erase` (default true, as documented): after the manifest is written the original result is
//! deleted and a tombstone says where it went (see [`crate::result::tombstone`]). On any failure the
//! original result is left as it was. Large row files go up as multipart uploads.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::engine::Engine;
use crate::job::control::JobControl;
use crate::job::kind::blocking;
use crate::job::store::Outcome;
use crate::job::{FailKind, JobRecord, JobState, JobType};
use crate::obs::sink::{Sink, reason};
use crate::obs::writer::{ObjectWriter, Written, csv_field};
use crate::obs::{Location, ObsCredentials};
use crate::result::tombstone::Tombstone;
use crate::result::{ResultKey, ResultPage};
use crate::{Error, Refusal, Result, time_fmt};

mod rows;
mod stdout;

use rows::{batch_line, columns, csv_row, path_line, plain, txt_header};

/// Rows read from the result per step.
const BATCH: u64 = 20_000;

/// What an export-result job does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportResultSpec {
    /// The job whose result is dumped (same project and graph).
    pub source_job: String,
    /// `exportPath` as sent (bucket/prefix, obs://, file:///).
    pub export_path: String,
    /// `fileName`: the name of the rows file instead of the default.
    pub file_name: Option<String>,
    /// Delete the original result after a successful dump.
    pub erase: bool,
}

/// Checks at submit time that `spec` can run: the source job succeeded, is an algorithm job of
/// `graph` with a result, and the path is valid (local paths inside the allowed roots).
pub(crate) async fn validate(
    engine: &Engine,
    project: &str,
    graph: &str,
    spec: &ExportResultSpec,
    has_credentials: bool,
) -> Result<()> {
    let source = engine.job(project, &spec.source_job).await?;
    if source.graph != graph {
        return Err(Error::not_found(format!("job {}", spec.source_job)));
    }
    if source.job_type != JobType::Algorithm || source.state != JobState::Succeeded {
        return Err(Error::refused(
            Refusal::WrongState,
            format!(
                "job [{}] is a {} job in state {}; only succeeded algorithm jobs have a result to export",
                spec.source_job,
                source.job_type.as_str(),
                source.state
            ),
        ));
    }
    if let Some(t) = erased(engine, &ResultKey::recorded(&source)).await? {
        return Err(Error::refused(
            Refusal::WrongState,
            already_erased(&spec.source_job, &t),
        ));
    }
    if let Some(name) = &spec.file_name {
        check_file_name(name)?;
    }
    crate::obs::check_path(engine, project, &spec.export_path, has_credentials)
}

fn check_file_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 255
        && !matches!(name, "." | ".." | "manifest.json" | "outputs.json")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!-_.*'()".contains(c));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "parameter [fileName] [{name}] is invalid: 1-255 of 0-9 a-z A-Z ! - _ . * ' ( ), not manifest.json or outputs.json"
        )))
    }
}

fn already_erased(job: &str, t: &Tombstone) -> String {
    format!(
        "the result of job [{job}] was already exported to {} (job {}) and erased",
        t.export_path, t.export_job_id
    )
}

fn failed(reason: String) -> Outcome {
    Outcome::Failed {
        kind: FailKind::ExportFailed,
        reason: format!("export-result failed: {reason}"),
        detail: None,
    }
}

/// Runs the dump.
pub(crate) async fn run(
    engine: &Engine,
    job: &JobRecord,
    spec: &ExportResultSpec,
    creds: Option<ObsCredentials>,
    ctl: &JobControl,
) -> Result<Outcome> {
    let source = match engine.job(&job.project, &spec.source_job).await {
        Ok(source) => ResultKey::recorded(&source),
        Err(Error::NotFound { .. }) => {
            return Ok(failed(format!("job [{}] has no result", spec.source_job)));
        }
        Err(e) => return Err(e),
    };
    if let Some(t) = erased(engine, &source).await? {
        return Ok(failed(already_erased(&spec.source_job, &t)));
    }
    let first = match read(engine, &source, 0, 1).await {
        Ok(p) => p,
        Err(Error::NotFound { .. }) => {
            return Ok(failed(format!("job [{}] has no result", spec.source_job)));
        }
        Err(e) => return Err(e),
    };
    let location = match Location::parse(&spec.export_path) {
        Ok(l) => l,
        Err(e) => return Ok(failed(e.to_string())),
    };
    if location.is_bucket() && creds.is_none() {
        return Ok(failed(crate::obs::vault::LOST.into()));
    }
    let sink = match Sink::open(engine, &job.project, &location, creds.as_ref()) {
        Ok(s) => s,
        Err(e) => return Ok(failed(e.to_string())),
    };
    match dump(engine, &sink, spec, &source, first, ctl).await {
        Ok(Some(files)) => {
            if spec.erase {
                let t = Tombstone {
                    key: files.key.clone(),
                    total: files.total,
                    export_path: sink.shown.clone(),
                    export_job_id: job.id.0.clone(),
                    exported_at: time_fmt::rfc3339(time_fmt::now()),
                };
                let (engine, source) = (engine.clone(), spec.source_job.clone());
                blocking(move || {
                    engine.results().write_tombstone(&source, &t)?;
                    engine.results().remove(&source)
                })
                .await?;
            }
            Ok(Outcome::Succeeded {
                result_total: 0,
                graph_version: job.graph_version,
                detail: Some(json!({
                    "exportPath": sink.shown,
                    "sourceJobId": spec.source_job,
                    "erased": spec.erase,
                    "files": files.manifest["files"],
                })),
                partial: false,
                graph_change: None,
            })
        }
        Ok(None) => Ok(Outcome::Cancelled),
        Err(why) => Ok(failed(why)),
    }
}

/// What was written.
struct Dumped {
    key: String,
    total: u64,
    manifest: Value,
}

/// How the rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `path`: the rows are one path's vertices → one TXT record.
    OnePath,
    /// `paths`: each row is a path → one TXT record each.
    Paths,
    /// `batch_paths` (all pairs): each row is a pair with its paths → one TXT record
    /// `"src","dst","[[…],…]"` each (REFERENCE §3.3).
    BatchPaths,
    /// Objects or names → CSV with a header.
    Csv,
}

async fn read(engine: &Engine, at: &ResultKey, offset: u64, limit: u64) -> Result<ResultPage> {
    let (engine, at) = (engine.clone(), at.clone());
    blocking(move || engine.results().page(&at, offset, limit)).await
}

/// The tombstone of the job of `at` when its result was exported and erased.
async fn erased(engine: &Engine, at: &ResultKey) -> Result<Option<Tombstone>> {
    let (engine, at) = (engine.clone(), at.clone());
    blocking(move || engine.results().erased(&at)).await
}

/// Writes every file, the manifest last. `Ok(None)` when cancelled, `Err(reason)` on failure.
async fn dump(
    engine: &Engine,
    sink: &Sink,
    spec: &ExportResultSpec,
    source: &ResultKey,
    first: ResultPage,
    ctl: &JobControl,
) -> std::result::Result<Option<Dumped>, String> {
    sink.preflight().await?;
    let manifest_key = sink.key("manifest.json");
    match sink.store.delete(&manifest_key).await {
        Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
        Err(e) => return Err(reason("deleting the old manifest at", &sink.shown, &e)),
    }
    if first.key == crate::hyg::dsl::STDOUT_KEY {
        let file_name = spec.file_name.as_deref();
        let Some(files) = stdout::write(engine, sink, file_name, source, &first, ctl).await? else {
            return Ok(None);
        };
        let dumped = manifest(sink, spec, first, files).await?;
        ctl.set_progress(1, 1);
        return Ok(Some(dumped));
    }
    let total = first.total;
    let shape = match (first.key.as_str(), first.rows.first()) {
        ("path", _) => Shape::OnePath,
        ("batch_paths", _) => Shape::BatchPaths,
        ("paths", _) | (_, Some(Value::Array(_))) => Shape::Paths,
        _ => Shape::Csv,
    };
    let columns = first.rows.first().map(columns).unwrap_or_default();
    let default_name = match shape {
        Shape::OnePath | Shape::Paths => "paths.txt",
        Shape::BatchPaths => "batch_paths.txt",
        Shape::Csv if columns.iter().any(|c| c == "source") => "edges.csv",
        Shape::Csv => "vertices.csv",
    };
    let name = spec
        .file_name
        .clone()
        .unwrap_or_else(|| default_name.into());
    let mut files = Vec::new();
    let mut w = ObjectWriter::new(sink.store.clone(), sink.key(&name));
    let mut head = Vec::new();
    match shape {
        Shape::Csv => {
            for (i, c) in columns.iter().enumerate() {
                if i > 0 {
                    head.push(b',');
                }
                csv_field(&mut head, c);
            }
            head.push(b'\n');
        }
        Shape::OnePath | Shape::Paths => txt_header(&mut head, &first, "paths"),
        Shape::BatchPaths => txt_header(&mut head, &first, "batch_paths"),
    }
    let write_err = |e: object_store::Error| reason("writing", &sink.shown, &e);
    if let Err(e) = w.write(&head).await {
        w.abort().await;
        return Err(write_err(e));
    }
    let mut offset = 0;
    let mut path_started = false;
    while offset < total {
        if ctl.is_cancelled() {
            w.abort().await;
            return Ok(None);
        }
        let page = read(engine, source, offset, BATCH)
            .await
            .map_err(|e| format!("reading the result: {e}"))?;
        if page.rows.is_empty() {
            break;
        }
        let mut buf = Vec::with_capacity(page.rows.len() * 32);
        for row in &page.rows {
            match shape {
                Shape::Csv => csv_row(&mut buf, &columns, row),
                Shape::Paths => {
                    path_line(&mut buf, row);
                }
                Shape::BatchPaths => batch_line(&mut buf, row),
                Shape::OnePath => {
                    if path_started {
                        buf.push(b',');
                    }
                    path_started = true;
                    buf.extend_from_slice(plain(row).as_bytes());
                }
            }
        }
        offset += page.rows.len() as u64;
        if let Err(e) = w.write(&buf).await {
            w.abort().await;
            return Err(write_err(e));
        }
        ctl.set_progress(offset, total + 1);
    }
    if shape == Shape::OnePath && path_started {
        w.write(b"\n").await.map_err(write_err)?;
    }
    let rows_file = w.finish().await.map_err(write_err)?;
    files.push(file_entry(&name, rows_file, Some(total)));

    let mut outputs = first.scalars.clone();
    outputs.insert("key".into(), json!(first.key));
    outputs.insert("data_total_size".into(), json!(total));
    if let Some(rt) = first.runtime {
        outputs.insert("runtime".into(), json!(rt));
    }
    let outputs = serde_json::to_vec_pretty(&outputs).expect("json");
    let mut w = ObjectWriter::new(sink.store.clone(), sink.key("outputs.json"));
    w.write(&outputs).await.map_err(write_err)?;
    files.push(file_entry(
        "outputs.json",
        w.finish().await.map_err(write_err)?,
        None,
    ));

    let dumped = manifest(sink, spec, first, files).await?;
    ctl.set_progress(1, 1);
    Ok(Some(dumped))
}

/// Writes the manifest (last, marking the dump complete) listing `files`.
async fn manifest(
    sink: &Sink,
    spec: &ExportResultSpec,
    first: ResultPage,
    files: Vec<Value>,
) -> std::result::Result<Dumped, String> {
    let manifest = json!({
        "format": "graphjobs-dump/1",
        "complete": true,
        "jobId": spec.source_job,
        "key": first.key,
        "rows": first.total,
        "createdAt": time_fmt::rfc3339(time_fmt::now()),
        "files": files,
    });
    let bytes = serde_json::to_vec_pretty(&manifest).expect("json");
    let write_err = |e: object_store::Error| reason("writing", &sink.shown, &e);
    let mut w = ObjectWriter::new(sink.store.clone(), sink.key("manifest.json"));
    w.write(&bytes).await.map_err(write_err)?;
    w.finish().await.map_err(write_err)?;
    Ok(Dumped {
        key: first.key,
        total: first.total,
        manifest,
    })
}

fn file_entry(name: &str, w: Written, rows: Option<u64>) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(name));
    m.insert("bytes".into(), json!(w.bytes));
    m.insert("multipart".into(), json!(w.multipart));
    if let Some(r) = rows {
        m.insert("rows".into(), json!(r));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests;
