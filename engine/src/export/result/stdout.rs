//! Dumping a HyG dsl job's result ([`STDOUT_KEY`] rows `{"partition", "line"}`, stored in
//! partition order): one `partition-{k}/stdout` file per partition (`fileName` replaces
//! `stdout`), each its lines with a newline after every one, an empty file for a partition
//! that printed nothing. No `outputs.json`: HyG's docs say a dsl job's results are its stdout
//! files. The manifest follows, as for every dump.
//!
//! [`STDOUT_KEY`]: crate::hyg::dsl::STDOUT_KEY

use serde_json::Value;

use super::{BATCH, file_entry, read};
use crate::engine::Engine;
use crate::job::control::JobControl;
use crate::obs::sink::{Sink, reason};
use crate::obs::writer::ObjectWriter;
use crate::result::{ResultKey, ResultPage};

/// Writes every partition's file; their manifest entries, or `None` when cancelled.
pub(super) async fn write(
    engine: &Engine,
    sink: &Sink,
    file_name: Option<&str>,
    source: &ResultKey,
    first: &ResultPage,
    ctl: &JobControl,
) -> Result<Option<Vec<Value>>, String> {
    let parts = first
        .scalars
        .get("partitions")
        .and_then(Value::as_u64)
        .unwrap_or(1)
        .max(1);
    let name = |k: u64| format!("partition-{k}/{}", file_name.unwrap_or("stdout"));
    let write_err = |e: object_store::Error| reason("writing", &sink.shown, &e);
    let open = |k: u64| ObjectWriter::new(sink.store.clone(), sink.key(&name(k)));
    let mut files = Vec::with_capacity(parts as usize);
    let (mut k, mut w, mut lines) = (0u64, open(0), 0u64);
    let mut offset = 0;
    while offset < first.total {
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
        offset += page.rows.len() as u64;
        for row in &page.rows {
            let p = row["partition"].as_u64().unwrap_or(k).min(parts - 1);
            while p > k {
                let done = w.finish().await.map_err(write_err)?;
                files.push(file_entry(&name(k), done, Some(lines)));
                (k, w, lines) = (k + 1, open(k + 1), 0);
            }
            let mut text = row["line"].as_str().unwrap_or_default().as_bytes().to_vec();
            text.push(b'\n');
            lines += 1;
            if let Err(e) = w.write(&text).await {
                w.abort().await;
                return Err(write_err(e));
            }
        }
        ctl.set_progress(offset, first.total + 1);
    }
    loop {
        let done = w.finish().await.map_err(write_err)?;
        files.push(file_entry(&name(k), done, Some(lines)));
        k += 1;
        if k == parts {
            return Ok(Some(files));
        }
        (w, lines) = (open(k), 0);
    }
}
