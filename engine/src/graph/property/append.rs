//! Filling a [`Table`] straight from CSV fields, and appending one table to another: how an
//! import parses rows into tables of its own in parallel and then adds them to the graph's;
//! and picking values by index, how a one-value-per-row column is compacted.

use rayon::prelude::*;

use super::value::parse_value;
use super::{Column, RowValues, Table, Values};
use crate::graph::schema::{Cardinality, Label};

impl Table {
    /// Parses `fields` (one per property of `label`, as [`RowValues::parse`] does) into a new
    /// row and returns its index; on an error the table is unchanged.
    ///
    /// # Errors
    /// The reason, as [`RowValues::parse`] words it.
    pub(crate) fn push_fields(&mut self, label: &Label, fields: &[&str]) -> Result<u32, String> {
        debug_assert_eq!(label.properties.len(), fields.len());
        if label
            .properties
            .iter()
            .any(|p| p.cardinality != Cardinality::Single)
        {
            return Ok(self.push_row(&RowValues::parse(label, fields)?));
        }
        for (c, (p, &field)) in label.properties.iter().zip(fields).enumerate() {
            let col = &mut self.columns[c];
            if !field.is_empty() {
                match parse_value(&p.data_type, field) {
                    Ok(v) => col.values.push(v),
                    Err(e) => {
                        self.truncate_rows();
                        return Err(format!("property [{}]: {e}", p.name));
                    }
                }
            }
            col.ends.push(col.values.len() as u32);
        }
        self.rows += 1;
        Ok(self.rows - 1)
    }

    /// Removes every row, keeping the allocations.
    pub(crate) fn clear(&mut self) {
        self.rows = 0;
        self.truncate_rows();
    }

    /// Drops whatever was pushed past the last whole row.
    fn truncate_rows(&mut self) {
        let rows = self.rows as usize;
        for col in &mut self.columns {
            col.ends.truncate(rows);
            col.values.truncate(col.ends.last());
        }
    }

    /// Appends every row of `other` (a table of the same label); returns the index its first
    /// row gets here.
    pub(crate) fn append(&mut self, other: &Table) -> u32 {
        debug_assert_eq!(self.columns.len(), other.columns.len());
        for (col, o) in self.columns.iter_mut().zip(&other.columns) {
            append_column(col, o);
        }
        self.rows += other.rows;
        self.rows - other.rows
    }
}

fn append_column(col: &mut Column, other: &Column) {
    let base = col.values.len() as u32;
    col.ends.append(&other.ends, base);
    col.values.extend_from(&other.values, 0..other.values.len());
}

impl Values {
    /// Values `idx[0], idx[1], …`, in that order.
    pub(super) fn pick(&self, idx: &[u32]) -> Values {
        fn pick<T: Copy + Send + Sync>(c: &[T], idx: &[u32]) -> Vec<T> {
            idx.par_iter().map(|&i| c[i as usize]).collect()
        }
        match self {
            Self::Int(c) => Self::Int(pick(c, idx)),
            Self::Long(c) => Self::Long(pick(c, idx)),
            Self::Float(c) => Self::Float(pick(c, idx)),
            Self::Double(c) => Self::Double(pick(c, idx)),
            Self::Bool(c) => Self::Bool(pick(c, idx)),
            Self::Date(c) => Self::Date(pick(c, idx)),
            Self::Enum(c) => Self::Enum(pick(c, idx)),
            Self::Str(a) => {
                let mut out = crate::graph::arena::StrArena::default();
                for &i in idx {
                    out.push(a.get(i as usize));
                }
                Self::Str(out)
            }
        }
    }

    fn truncate(&mut self, len: usize) {
        match self {
            Self::Int(c) => c.truncate(len),
            Self::Long(c) => c.truncate(len),
            Self::Float(c) => c.truncate(len),
            Self::Double(c) => c.truncate(len),
            Self::Bool(c) => c.truncate(len),
            Self::Date(c) => c.truncate(len),
            Self::Enum(c) => c.truncate(len),
            Self::Str(a) => a.truncate(len),
        }
    }
}
