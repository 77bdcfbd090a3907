//! Test views of a [`Table`]: its columns in the plain layout snapshots hold, and the table
//! with every column's ends explicit (how tables were held before the implicit form), so that
//! tests can compare a graph with its expanded twin and write old-layout snapshots.

use super::ends::Ends;
use super::{Column, Table, Values};

impl Table {
    /// Each column's ends as a plain vector, with its values: the layout snapshots hold.
    pub(crate) fn plain_columns(&self) -> Vec<(Vec<u32>, Values)> {
        self.columns
            .iter()
            .map(|c| {
                let ends = (0..c.ends.len()).map(|i| c.range(i).end as u32);
                (ends.collect(), c.values.clone())
            })
            .collect()
    }

    /// This table with every column's ends explicit (as tables were held before the implicit
    /// form), to compare a graph against its expanded twin.
    pub(crate) fn expanded(&self) -> Table {
        Table {
            rows: self.rows,
            columns: (self.plain_columns().into_iter())
                .map(|(ends, values)| Column {
                    ends: Ends::Each(ends),
                    values,
                })
                .collect(),
        }
    }

    /// Whether every column holds its ends implicitly (one value per row, no vector).
    pub(crate) fn is_implicit(&self) -> bool {
        self.columns.iter().all(|c| matches!(c.ends, Ends::One(_)))
    }
}
