//! One column of a job's result for the vertices the explorer draws (to colour and size them
//! by PageRank score, community, coreness, distance…).
//!
//! A per-vertex result of a whole graph has one row per vertex in vertex order (see
//! [`crate::algo::Rows::VertexMetric`]), so vertex `v`'s row is row `v`: one read through
//! `rows.idx` each, checked against the row's `id` (the graph may have changed since the job
//! ran). Vertices not found so (results of some vertices only, such as kcore's or sssp's, or a
//! graph changed since) are looked up in one pass over the rows, page by page, stopping as
//! soon as every one is found.

use std::collections::HashMap;

use serde_json::Value;

use crate::result::{MAX_PAGE, ResultKey, ResultPage, ResultStore};
use crate::{Error, Result};

/// Most vertices one read asks about.
pub const MAX_IDS: usize = 50_000;

/// A result column's values for some vertices.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnValues {
    /// The job's graph.
    pub graph: String,
    /// The column read (the one asked, or the alphabetically first besides `id`).
    pub column: String,
    /// `(vertex id, value)` for each asked vertex the result has a row for, in the asked order.
    pub values: Vec<(String, Value)>,
}

/// Refuses a read of more than [`MAX_IDS`] vertices.
pub(crate) fn check_ids(n: usize) -> Result<()> {
    if n > MAX_IDS {
        return Err(Error::invalid(format!(
            "at most {MAX_IDS} vertices at once"
        )));
    }
    Ok(())
}

/// The column to read from job `job`'s result, whose first page is `first`: `column`, or when
/// empty the first row's alphabetically first field besides `id` (`pagerank`, `community`,
/// `coreness`, `distance`…), so a link from any per-vertex result needs only the job.
///
/// # Errors
/// `InvalidArgument` when the rows have no `id` and that column (not a per-vertex result).
pub(crate) fn column_to_read(job: &str, column: &str, first: &ResultPage) -> Result<String> {
    let column = match (column, first.rows.first().and_then(|r| r.as_object())) {
        ("", Some(row)) => row.keys().find(|k| *k != "id").cloned().unwrap_or_default(),
        _ => column.to_owned(),
    };
    let per_vertex = first
        .rows
        .first()
        .is_none_or(|r| r.get("id").is_some() && r.get(&column).is_some());
    if !per_vertex {
        return Err(Error::invalid(format!(
            "the result of job {job} has no per-vertex column [{column}]"
        )));
    }
    Ok(column)
}

/// `(id, value of column)` for each of `ids` that result `at` (of `total` rows) has a row
/// for, in the asked order; `index` is each id's vertex index in the graph (`None`: not in it,
/// or the graph is gone), tried first as its row number (see the module doc). Blocking reads.
pub(crate) fn read_values(
    results: &ResultStore,
    at: &ResultKey,
    ids: Vec<String>,
    index: &[Option<u32>],
    column: &str,
    total: u64,
) -> Result<Vec<(String, Value)>> {
    let mut found: HashMap<String, Value> = HashMap::with_capacity(ids.len());
    for (id, v) in ids.iter().zip(index) {
        let Some(v) = *v else { continue };
        if u64::from(v) >= total {
            continue;
        }
        let page = results.page(at, u64::from(v), 1)?;
        if let Some(row) = page.rows.first().filter(|r| r["id"] == id.as_str()) {
            found.insert(id.clone(), row[column].clone());
        }
    }
    let mut missing: HashMap<&str, ()> = ids
        .iter()
        .filter(|id| !found.contains_key(*id))
        .map(|id| (id.as_str(), ()))
        .collect();
    let mut offset = 0;
    while !missing.is_empty() && offset < total {
        let page = results.page(at, offset, MAX_PAGE.min(10_000))?;
        for row in &page.rows {
            if let Some(id) = row["id"].as_str()
                && missing.remove(id).is_some()
            {
                found.insert(id.to_owned(), row[column].clone());
            }
        }
        offset += page.rows.len().max(1) as u64;
    }
    Ok(ids
        .into_iter()
        .filter_map(|id| found.remove(&id).map(|v| (id, v)))
        .collect())
}
