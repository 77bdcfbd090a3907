//! Property tables compacted to the rows a frozen graph still references.

use rayon::prelude::*;

use crate::graph::edge_labels::EdgeLabels;
use crate::graph::edge_rows::EdgeRows;
use crate::graph::property::Table;

/// Gathers, per label, the rows still referenced (item `i` has label `labels[i]` and row
/// `rows[i]`) in item order; returns the new tables and each item's new row.
pub(super) fn compact(tables: &[Table], labels: &[u16], rows: &[u32]) -> (Vec<Table>, Vec<u32>) {
    // One label for every item (the common case): its new rows are the items' order.
    if let Some(&only) = labels.first()
        && labels.par_iter().all(|&l| l == only)
    {
        let tables = gather_one(tables, only, rows);
        return (tables, (0..rows.len() as u32).into_par_iter().collect());
    }
    gather_each(tables, |i| labels[i], rows)
}

/// [`compact`] for edges (edge `i` in the final order has label `labels.get(i)` and row
/// `rows[i]`): with one label the new rows are the edge order, said without a vector.
pub(super) fn compact_edges(
    tables: &[Table],
    labels: &EdgeLabels,
    rows: &[u32],
) -> (Vec<Table>, EdgeRows) {
    debug_assert_eq!(labels.len(), rows.len());
    if let Some(only) = labels.only() {
        return (
            gather_one(tables, only, rows),
            EdgeRows::Identity(rows.len()),
        );
    }
    let (tables, rows) = gather_each(tables, |i| labels.get(i), rows);
    (tables, EdgeRows::Each(rows))
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
