//! Page fetches from a 10M-row job result: the engine's reader (an offset index beside the
//! rows, two reads per page) at offset 0 and at the last page, against the reference a result
//! without an index needs — a sequential scan of the same JSON-lines file to the offset.
//! Also proves a 10M-row result writes and reads back: every fetched page is checked.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::{Duration, Instant};

use engine::result::{ResultWriter, read_page};
use serde_json::{Map, Value, json};

use super::measure::{Samples, repeat};

const JOB: &str = "paging-bench";
const PAGE: u64 = 100;

fn row(i: u64) -> Value {
    json!({"id": format!("v{i}"), "pagerank": i as f64 * 1e-7})
}

fn check(rows: &[Value], offset: u64) -> Result<(), String> {
    let want = format!("v{offset}");
    match rows.first().and_then(|r| r["id"].as_str()) {
        Some(id) if id == want && rows.len() as u64 == PAGE => Ok(()),
        other => Err(format!(
            "page at {offset} starts with {other:?}, {} rows",
            rows.len()
        )),
    }
}

/// The reference: read lines from the start until `offset`, then parse a page.
fn scan(path: &Path, offset: u64) -> Result<Vec<Value>, String> {
    let f = File::open(path).map_err(|e| e.to_string())?;
    let mut page = Vec::new();
    for (i, line) in BufReader::new(f).lines().enumerate() {
        let i = i as u64;
        if i < offset {
            continue;
        }
        if i >= offset + PAGE {
            break;
        }
        let line = line.map_err(|e| e.to_string())?;
        page.push(serde_json::from_str(&line).map_err(|e| e.to_string())?);
    }
    Ok(page)
}

/// Writes `total` rows under `dir` and times page fetches; returns the figures.
pub(crate) fn bench(dir: &Path, total: u64) -> Result<Value, Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let started = Instant::now();
    let mut w = ResultWriter::create(dir, JOB)?;
    for i in 0..total {
        w.push(&row(i))?;
    }
    let written = w.finish("results", Map::new(), None)?;
    let write_s = started.elapsed().as_secs_f64();
    assert_eq!(written, total);
    let last = total - PAGE;
    let mut figures = Map::new();
    for (name, offset) in [("offset_0", 0), ("offset_last", last)] {
        let (s, page) = repeat(50, Duration::from_secs(5), || {
            read_page(dir, JOB, offset, PAGE)
        });
        check(&page?.rows, offset)?;
        figures.insert(format!("index_{name}_s"), json!(s.median()));
    }
    let rows_file = dir.join(JOB).join("rows.jsonl");
    for (name, offset) in [("offset_0", 0), ("offset_last", last)] {
        let (s, page): (Samples, _) =
            repeat(3, Duration::from_secs(60), || scan(&rows_file, offset));
        check(&page?, offset)?;
        figures.insert(format!("scan_{name}_s"), json!(s.median()));
    }
    figures.insert("rows".into(), json!(total));
    figures.insert("page".into(), json!(PAGE));
    figures.insert("write_s".into(), json!(write_s));
    figures.insert("bytes".into(), json!(std::fs::metadata(&rows_file)?.len()));
    std::fs::remove_dir_all(dir.join(JOB))?;
    Ok(Value::Object(figures))
}
