//! Property tables compacted to the rows a frozen graph still references.

use rayon::prelude::*;

use crate::graph::labels::Labels;
use crate::graph::property::Table;
use crate::graph::rows::Rows;

/// Gathers, per label, the rows still referenced, in item order (item `i`, a vertex or an edge
/// in its final order, has label `labels.get(i)` and row `rows[i]`); returns the new tables and
/// each item's new row. With one label (the common case) the new rows are the item order,
/// said without a vector.
pub(super) fn compact(tables: &[Table], labels: &Labels, rows: &[u32]) -> (Vec<Table>, Rows) {
    debug_assert_eq!(labels.len(), rows.len());
    if let Some(only) = labels.only() {
        return (gather_one(tables, only, rows), Rows::Identity(rows.len()));
    }
    if rows.is_empty() {
        return (
            tables.par_iter().map(|t| t.gather(&[])).collect(),
            Rows::NONE,
        );
    }
    let (tables, rows) = gather_each(tables, |i| labels.get(i), rows);
    (tables, Rows::Each(rows))
}

/// Table `only` gathered at `rows`, the others emptied.
fn gather_one(tables: &[Table], only: u16, rows: &[u32]) -> Vec<Table> {
    tables
        .par_iter()
        .enumerate()
        .map(|(l, t)| t.gather(if l == only as usize { rows } else { &[] }))
        .collect()
}

/// Each table gathered at the rows of its items (item `i` has label `label(i)`); each item's
/// new row.
fn gather_each(
    tables: &[Table],
    label: impl Fn(usize) -> u16,
    rows: &[u32],
) -> (Vec<Table>, Vec<u32>) {
    let mut picked: Vec<Vec<u32>> = vec![Vec::new(); tables.len()];
    let new_rows = rows
        .iter()
        .enumerate()
        .map(|(i, &r)| {
            let list = &mut picked[label(i) as usize];
            list.push(r);
            (list.len() - 1) as u32
        })
        .collect();
    let tables = tables
        .par_iter()
        .zip(&picked)
        .map(|(t, rows)| t.gather(rows))
        .collect();
    (tables, new_rows)
}
