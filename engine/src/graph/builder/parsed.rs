//! Rows parsed apart from the builder, then added to it: how an import parses pieces of a file
//! in parallel (reading the builder only) and adds their rows in file order.
//!
//! A piece parses its rows into property tables of its own ([`GraphBuilder::new_tables`]);
//! [`GraphBuilder::append_vertex_tables`] / [`append_edge_tables`](GraphBuilder::append_edge_tables)
//! then move those tables' rows to the builder's and say where each table's rows start, and
//! each parsed row is added with that offset. The checks and their wording are the per-row
//! methods' (`add_vertex_fields`, `add_edge_fields`), in the same order.

use super::row_error::{too_few_edge_fields, too_few_vertex_fields};
use super::{EdgeRec, GraphBuilder, Result, RowError};
use crate::graph::arena::StrArena;
use crate::graph::property::Table;

/// A vertex row that passed its checks, not yet added.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ParsedVertex {
    /// Index of its id in the piece's name arena.
    pub(crate) name: u32,
    label: u16,
    /// Row in the piece's table of its label.
    row: u32,
}

impl GraphBuilder {
    /// One empty property table per label, for a piece to parse rows into.
    pub(crate) fn new_tables(&self) -> Vec<Table> {
        self.schema.labels().iter().map(Table::new).collect()
    }

    /// Checks a CSV vertex row `id,label,props…`, parsing its properties into `tables` and its
    /// id into `names`.
    pub(crate) fn parse_vertex(
        &self,
        fields: &[&str],
        tables: &mut [Table],
        names: &mut StrArena,
    ) -> Result<ParsedVertex> {
        let [name, label, props @ ..] = fields else {
            return Err(too_few_vertex_fields(fields));
        };
        let (label, def) = self.check_vertex(name, label, props.len())?;
        let row = tables[label as usize]
            .push_fields(def, props)
            .map_err(RowError)?;
        Ok(ParsedVertex {
            name: names.push(name) as u32,
            label,
            row,
        })
    }

    /// Checks a CSV edge row `src,dst,label,props…`, parsing its properties into `tables`.
    pub(crate) fn parse_edge(&self, fields: &[&str], tables: &mut [Table]) -> Result<EdgeRec> {
        let [src, dst, label, props @ ..] = fields else {
            return Err(too_few_edge_fields(fields));
        };
        let (src, dst, label, def) = self.check_edge(src, dst, label, props.len())?;
        let row = tables[label as usize]
            .push_fields(def, props)
            .map_err(RowError)?;
        Ok(EdgeRec {
            src,
            dst,
            label,
            row,
        })
    }

    /// Appends a piece's vertex tables; returns where each one's rows start now.
    pub(crate) fn append_vertex_tables(&mut self, tables: &[Table]) -> Vec<u32> {
        append(&mut self.vertex_tables, tables)
    }

    /// Appends a piece's edge tables; returns where each one's rows start now.
    pub(crate) fn append_edge_tables(&mut self, tables: &[Table]) -> Vec<u32> {
        append(&mut self.edge_tables, tables)
    }

    /// Adds (or updates) a parsed vertex named `name`; `offsets` from `append_vertex_tables`.
    ///
    /// # Errors
    /// Too many vertices.
    pub(crate) fn push_vertex(
        &mut self,
        name: &str,
        v: ParsedVertex,
        offsets: &[u32],
    ) -> Result<u32> {
        self.place_vertex(name, v.label, offsets[v.label as usize] + v.row)
    }

    /// Adds a parsed edge; `offsets` from `append_edge_tables`.
    ///
    /// # Errors
    /// Too many edges.
    pub(crate) fn push_edge(&mut self, mut e: EdgeRec, offsets: &[u32]) -> Result<()> {
        if self.edges.len() >= u32::MAX as usize {
            return Err(RowError("too many edges (at most 4294967295)".into()));
        }
        e.row += offsets[e.label as usize];
        self.edges.push(e);
        Ok(())
    }
}

fn append(tables: &mut [Table], piece: &[Table]) -> Vec<u32> {
    tables
        .iter_mut()
        .zip(piece)
        .map(|(t, p)| t.append(p))
        .collect()
}
