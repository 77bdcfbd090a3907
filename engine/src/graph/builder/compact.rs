//! Property tables compacted to the rows a frozen graph still references.

use rayon::prelude::*;

use crate::graph::property::Table;

/// Gathers, per label, the rows still referenced (item `i` has label `labels[i]` and row
/// `rows[i]`) in item order; returns the new tables and each item's new row.
pub(super) fn compact(tables: &[Table], labels: &[u16], rows: &[u32]) -> (Vec<Table>, Vec<u32>) {
    // One label for every item (the common case): its new rows are the items' order.
    if let Some(&only) = labels.first()
        && labels.par_iter().all(|&l| l == only)
    {
        let tables = tables
            .par_iter()
            .enumerate()
            .map(|(l, t)| t.gather(if l == only as usize { rows } else { &[] }))
            .collect();
        return (tables, (0..rows.len() as u32).into_par_iter().collect());
    }
    let mut picked: Vec<Vec<u32>> = vec![Vec::new(); tables.len()];
    let new_rows = labels
        .iter()
        .zip(rows)
        .map(|(&l, &r)| {
            let list = &mut picked[l as usize];
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
