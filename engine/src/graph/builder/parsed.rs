//! Rows parsed apart from the builder, then added to it: how an import parses pieces of a file
//! in parallel and adds their rows in file order, while the next block of the file is parsed.
//!
//! For that the builder splits in two halves ([`GraphBuilder::vertex_halves`],
//! [`GraphBuilder::edge_halves`]): a parser, which reads, and a store, which adding a row
//! changes. A vertex row's parse reads the schema only: its id is matched when it is added,
//! as a row may name a vertex that an earlier row created. An edge row's parse reads the
//! schema and the vertex ids, which no edge row changes (an unknown endpoint rejects the row,
//! it never creates a vertex). So a block's rows can be parsed while the rows of the block
//! before are still being added, and the result is the same as a row-by-row import's.
//!
//! A piece parses its rows into property tables of its own ([`GraphBuilder::new_tables`]);
//! the store's `append_tables` then moves those tables' rows to the builder's and says where
//! each table's rows start, and each parsed row is added with that offset. The checks and their
//! wording are the per-row methods' (`add_vertex_fields`, `add_edge_fields`), in the same
//! order: those methods use the same parsers.

use super::edge_columns::EdgeColumns;
use super::row_error::{column_count_error, too_few_edge_fields, too_few_vertex_fields};
use super::{EdgeRec, GraphBuilder, Result, RowError};
use crate::graph::arena::StrArena;
use crate::graph::labels::Labels;
use crate::graph::name_index::NameIndex;
use crate::graph::property::Table;
use crate::graph::rows::Rows;
use crate::graph::schema::{Label, Schema};

/// A vertex row that passed its checks, not yet added.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ParsedVertex {
    /// Index of its id in the piece's name arena.
    pub(crate) name: u32,
    label: u16,
    /// Row in the piece's table of its label.
    row: u32,
}

/// What parsing a vertex row reads: the schema.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VertexParser<'a> {
    schema: &'a Schema,
}

/// What parsing an edge row reads: the schema and the vertex ids.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EdgeParser<'a> {
    schema: &'a Schema,
    names: &'a StrArena,
    index: &'a NameIndex,
}

/// What adding a parsed vertex changes: the vertices and their property tables.
pub(crate) struct VertexStore<'a> {
    names: &'a mut StrArena,
    index: &'a mut NameIndex,
    labels: &'a mut Labels,
    rows: &'a mut Rows,
    tables: &'a mut [Table],
}

/// What adding a parsed edge changes: the edges and their property tables.
pub(crate) struct EdgeStore<'a> {
    edges: &'a mut EdgeColumns,
    tables: &'a mut [Table],
}

impl GraphBuilder {
    /// One empty property table per label, for a piece to parse rows into.
    pub(crate) fn new_tables(&self) -> Vec<Table> {
        self.schema.labels().iter().map(Table::new).collect()
    }

    /// The builder split for a vertex file: its rows' parser and where they are added.
    pub(crate) fn vertex_halves(&mut self) -> (VertexParser<'_>, VertexStore<'_>) {
        let parser = VertexParser {
            schema: &self.schema,
        };
        let store = VertexStore {
            names: &mut self.names,
            index: &mut self.index,
            labels: &mut self.vertex_labels,
            rows: &mut self.vertex_rows,
            tables: &mut self.vertex_tables,
        };
        (parser, store)
    }

    /// The builder split for an edge file: its rows' parser and where they are added.
    pub(crate) fn edge_halves(&mut self) -> (EdgeParser<'_>, EdgeStore<'_>) {
        let parser = EdgeParser {
            schema: &self.schema,
            names: &self.names,
            index: &self.index,
        };
        let store = EdgeStore {
            edges: &mut self.edges,
            tables: &mut self.edge_tables,
        };
        (parser, store)
    }

    /// The parser of vertex rows, for the per-row methods.
    pub(super) fn vertex_parser(&self) -> VertexParser<'_> {
        VertexParser {
            schema: &self.schema,
        }
    }

    /// The parser of edge rows, for the per-row methods.
    pub(super) fn edge_parser(&self) -> EdgeParser<'_> {
        EdgeParser {
            schema: &self.schema,
            names: &self.names,
            index: &self.index,
        }
    }
}

/// The label named `name`: its id and definition.
fn label<'s>(schema: &'s Schema, name: &str) -> Result<(u16, &'s Label)> {
    let id = schema
        .label_id(name)
        .ok_or_else(|| RowError(format!("unknown label [{name}]")))?;
    Ok((id, schema.label(id)))
}

impl<'a> VertexParser<'a> {
    /// A vertex row's id, label and column count, checked; the label's id and definition.
    pub(super) fn check(
        &self,
        name: &str,
        label_name: &str,
        props: usize,
    ) -> Result<(u16, &'a Label)> {
        if name.is_empty() {
            return Err(RowError("empty vertex id".into()));
        }
        let (id, def) = label(self.schema, label_name)?;
        if props != def.properties.len() {
            return Err(column_count_error(def, 2, props));
        }
        Ok((id, def))
    }

    /// Checks a CSV vertex row `id,label,props…`, parsing its properties into `tables` and its
    /// id into `names`.
    pub(crate) fn parse(
        &self,
        fields: &[&str],
        tables: &mut [Table],
        names: &mut StrArena,
    ) -> Result<ParsedVertex> {
        let [name, label, props @ ..] = fields else {
            return Err(too_few_vertex_fields(fields));
        };
        let (label, def) = self.check(name, label, props.len())?;
        let row = tables[label as usize]
            .push_fields(def, props)
            .map_err(RowError)?;
        Ok(ParsedVertex {
            name: names.push(name) as u32,
            label,
            row,
        })
    }
}

impl<'a> EdgeParser<'a> {
    /// An edge row's endpoints, label and column count, checked; the endpoints' indices, the
    /// label's id and its definition.
    #[inline(always)]
    pub(super) fn check(
        &self,
        src: &str,
        dst: &str,
        label_name: &str,
        props: usize,
    ) -> Result<(u32, u32, u16, &'a Label)> {
        let src = self.endpoint(src, "source")?;
        let dst = self.endpoint(dst, "target")?;
        let (id, def) = label(self.schema, label_name)?;
        if props != def.properties.len() {
            return Err(column_count_error(def, 3, props));
        }
        Ok((src, dst, id, def))
    }

    #[inline(always)]
    fn endpoint(&self, name: &str, role: &str) -> Result<u32> {
        if name.is_empty() {
            return Err(RowError(format!("empty {role} vertex id")));
        }
        self.index
            .get(self.names, name)
            .ok_or_else(|| RowError(format!("{role} vertex [{name}] does not exist")))
    }

    /// Checks a CSV edge row `src,dst,label,props…`, parsing its properties into `tables`.
    #[inline(always)]
    pub(crate) fn parse(&self, fields: &[&str], tables: &mut [Table]) -> Result<EdgeRec> {
        let [src, dst, label, props @ ..] = fields else {
            return Err(too_few_edge_fields(fields));
        };
        let (src, dst, label, def) = self.check(src, dst, label, props.len())?;
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
}

impl VertexStore<'_> {
    /// Appends a piece's vertex tables; returns where each one's rows start now.
    pub(crate) fn append_tables(&mut self, tables: &[Table]) -> Vec<u32> {
        append(self.tables, tables)
    }

    /// Adds (or updates) a parsed vertex named `name`; `offsets` from `append_tables`.
    ///
    /// # Errors
    /// Too many vertices.
    pub(crate) fn push(&mut self, name: &str, v: ParsedVertex, offsets: &[u32]) -> Result<u32> {
        self.place(name, v.label, offsets[v.label as usize] + v.row)
    }

    /// Gives the vertex `name` (new or existing) `label` and the property row `row`.
    pub(super) fn place(&mut self, name: &str, label: u16, row: u32) -> Result<u32> {
        if let Some(v) = self.index.get(self.names, name) {
            self.labels.set(v as usize, label);
            self.rows.set(v as usize, row);
            return Ok(v);
        }
        if self.names.len() >= u32::MAX as usize {
            return Err(RowError("too many vertices (at most 4294967295)".into()));
        }
        let v = self.names.push(name) as u32;
        self.index.insert_new(self.names, name, v);
        self.labels.push(label);
        self.rows.push(row);
        Ok(v)
    }
}

impl EdgeStore<'_> {
    /// Appends a piece's edge tables; returns where each one's rows start now.
    pub(crate) fn append_tables(&mut self, tables: &[Table]) -> Vec<u32> {
        append(self.tables, tables)
    }

    /// Adds a parsed edge; `offsets` from `append_tables`.
    ///
    /// # Errors
    /// Too many edges.
    pub(crate) fn push(&mut self, mut e: EdgeRec, offsets: &[u32]) -> Result<()> {
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
