//! Results sorted by a metric, highest first (top-N, and any page of the sorted order).
//!
//! The first request for `metric` reads the rows once, sorts their numbers by the metric's
//! value (descending, ties in row order, rows without a numeric value last) and keeps the
//! permutation beside the rows as `sort-<metric>.idx` (`total` little-endian `u64` row
//! numbers, written to a temp name and renamed, so a crash never leaves half an index). Every
//! later page — at any offset — is one read of the permutation plus one small read per row
//! through `rows.idx`, like an unsorted page.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{MAX_PAGE, ResultPage, read_page};
use crate::{Error, Result};

/// Reads rows `offset..offset+limit` of the result at `path` (a [`super::ResultKey::path`]) in
/// descending order of `metric`.
///
/// # Errors
/// `InvalidArgument` when `metric` is not a column of the result's rows;
/// `NotFound` for a missing result; `Io` for a broken one.
pub fn read_sorted_page(
    results_dir: &Path,
    path: &str,
    metric: &str,
    offset: u64,
    limit: u64,
) -> Result<ResultPage> {
    let mut page = read_page(results_dir, path, 0, 1)?;
    let dir = results_dir.join(path);
    let has_column = page.rows.first().is_some_and(|r| r.get(metric).is_some());
    if !valid_name(metric) || (page.total > 0 && !has_column) {
        return Err(Error::invalid(format!(
            "the result of job {} has no column [{metric}] to sort by",
            path.split('/').next().unwrap_or(path)
        )));
    }
    let perm = ensure_index(&dir, metric, page.total)?;
    let start = offset.min(page.total);
    let end = offset.saturating_add(limit.min(MAX_PAGE)).min(page.total);
    let mut order = vec![0u8; ((end - start) * 8) as usize];
    let mut f = File::open(perm)?;
    f.seek(SeekFrom::Start(start * 8))?;
    f.read_exact(&mut order)?;
    let mut idx = File::open(dir.join("rows.idx"))?;
    let mut data = File::open(dir.join("rows.jsonl"))?;
    let mut rows = Vec::with_capacity(order.len() / 8);
    for n in order.chunks_exact(8) {
        let row = u64::from_le_bytes(n.try_into().expect("8 bytes"));
        rows.push(read_row(&mut idx, &mut data, row)?);
    }
    page.rows = rows;
    page.offset = start;
    Ok(page)
}

/// Column names an index file may be named after.
fn valid_name(metric: &str) -> bool {
    (1..=64).contains(&metric.len())
        && metric
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The permutation file for `metric`, built on first use.
fn ensure_index(dir: &Path, metric: &str, total: u64) -> Result<PathBuf> {
    let path = dir.join(format!("sort-{metric}.idx"));
    if fs::metadata(&path).is_ok_and(|m| m.len() == total * 8) {
        return Ok(path);
    }
    let mut keyed: Vec<(f64, u64)> = Vec::with_capacity(total as usize);
    let reader = BufReader::new(File::open(dir.join("rows.jsonl"))?);
    for (n, line) in reader.split(b'\n').enumerate() {
        let line = line?;
        if line.is_empty() {
            continue;
        }
        let value: Value = serde_json::from_slice(&line)
            .map_err(|e| Error::Internal(format!("result row: {e}")))?;
        let key = value
            .get(metric)
            .and_then(Value::as_f64)
            .unwrap_or(f64::NAN);
        keyed.push((key, n as u64));
    }
    // Highest first; NaN (no numeric value) after every number; ties keep row order.
    keyed.sort_by(|a, b| match (a.0.is_nan(), b.0.is_nan()) {
        (false, false) => b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)),
        (x, y) => x.cmp(&y).then(a.1.cmp(&b.1)),
    });
    // A unique temp name: two readers building the same index at once each rename a whole one.
    let tmp = dir.join(format!("sort-{metric}.idx.{}", uuid::Uuid::new_v4()));
    let mut out = std::io::BufWriter::new(File::create(&tmp)?);
    for (_, n) in &keyed {
        out.write_all(&n.to_le_bytes())?;
    }
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    fs::rename(&tmp, &path)?;
    Ok(path)
}

/// Row `n` through the offset index.
fn read_row(idx: &mut File, data: &mut File, n: u64) -> Result<Value> {
    let mut bounds = [0u8; 16];
    idx.seek(SeekFrom::Start(n * 8))?;
    idx.read_exact(&mut bounds)?;
    let from = u64::from_le_bytes(bounds[..8].try_into().expect("8 bytes"));
    let to = u64::from_le_bytes(bounds[8..].try_into().expect("8 bytes"));
    let mut buf = vec![0u8; (to - from) as usize];
    data.seek(SeekFrom::Start(from))?;
    data.read_exact(&mut buf)?;
    let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
    serde_json::from_slice(line).map_err(|e| Error::Internal(format!("result row: {e}")))
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, json};

    use super::*;
    use crate::result::ResultWriter;

    fn write(dir: &Path, values: &[Value]) {
        let mut w = ResultWriter::create(dir, "j").unwrap();
        for (i, v) in values.iter().enumerate() {
            w.push(&json!({"id": format!("v{i}"), "score": v})).unwrap();
        }
        w.finish("results", Map::new(), None).unwrap();
    }

    fn ids(p: &ResultPage) -> Vec<String> {
        p.rows
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn pages_follow_the_metric_highest_first_with_ties_in_row_order_and_gaps_last() {
        let tmp = tempfile::tempdir().unwrap();
        let values = [
            json!(0.5),
            json!(2.0),
            json!(null),
            json!(2.0),
            json!(-1),
            json!("x"),
            json!(7),
        ];
        write(tmp.path(), &values);
        let all = read_sorted_page(tmp.path(), "j", "score", 0, 100).unwrap();
        assert_eq!(ids(&all), ["v6", "v1", "v3", "v0", "v4", "v2", "v5"]);
        assert_eq!(all.total, 7);
        let middle = read_sorted_page(tmp.path(), "j", "score", 2, 3).unwrap();
        assert_eq!(ids(&middle), ["v3", "v0", "v4"]);
        assert_eq!(middle.offset, 2);
        let past = read_sorted_page(tmp.path(), "j", "score", 50, 3).unwrap();
        assert!(past.rows.is_empty());
        // The permutation is kept and reused.
        assert!(tmp.path().join("j/sort-score.idx").exists());
        let again = read_sorted_page(tmp.path(), "j", "score", 0, 2).unwrap();
        assert_eq!(ids(&again), ["v6", "v1"]);
    }

    #[test]
    fn sorting_matches_a_full_sort_on_a_larger_result() {
        let tmp = tempfile::tempdir().unwrap();
        let values: Vec<Value> = (0..5000u64).map(|i| json!((i * 7919) % 1013)).collect();
        write(tmp.path(), &values);
        let mut expected: Vec<(u64, usize)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (v.as_u64().unwrap(), i))
            .collect();
        expected.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let page = read_sorted_page(tmp.path(), "j", "score", 4000, 100).unwrap();
        let want: Vec<String> = expected[4000..4100]
            .iter()
            .map(|(_, i)| format!("v{i}"))
            .collect();
        assert_eq!(ids(&page), want);
    }

    #[test]
    fn an_unknown_or_unsafe_column_is_refused_by_name() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), &[json!(1)]);
        for bad in ["nope", "../rows", ""] {
            let e = read_sorted_page(tmp.path(), "j", bad, 0, 10).unwrap_err();
            assert!(e.to_string().contains("to sort by"), "{bad}: {e}");
        }
    }
}
