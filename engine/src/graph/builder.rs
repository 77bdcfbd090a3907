//! [`GraphBuilder`]: vertices and edges in, a frozen CSR [`Graph`] out.
//!
//! The builder is append-only: a vertex added again gets a fresh property row and its old row
//! becomes garbage; edges are kept in arrival order. [`GraphBuilder::build`] then sorts edges by
//! `(source, target)` (stable, so parallel edges keep arrival order), applies the parallel-edge
//! rule, builds both CSRs and compacts the property tables in the final order.

mod compact;
mod edge_columns;
mod name_order;
mod numbered;
mod parsed;
mod row_error;
mod sort_edges;
mod without;

use compact::compact;
use edge_columns::EdgeColumns;
pub use row_error::RowError;
use row_error::{too_few_edge_fields, too_few_vertex_fields};
use sort_edges::sort_edges;

use super::Graph;
use super::arena::StrArena;
use super::csr::Csr;
use super::import::ParallelEdge;
use super::labels::Labels;
use super::name_index::NameIndex;
use super::property::{RowValues, Table};
use super::rows::Rows;
use super::schema::{Schema, SchemaError};

type Result<T, E = RowError> = std::result::Result<T, E>;

/// An edge as the builder keeps it (`row` in its label's edge table).
#[derive(Debug, Clone, Copy)]
pub(crate) struct EdgeRec {
    pub(crate) src: u32,
    pub(crate) dst: u32,
    pub(crate) label: u16,
    /// Row in its label's table (the piece's, until the builder appends it).
    pub(crate) row: u32,
}

/// Collects vertices and edges (validated against a [`Schema`]) and freezes them into a
/// [`Graph`].
///
/// # Example
/// ```
/// use engine::graph::{GraphBuilder, ParallelEdge, Schema};
/// let schema = Schema::from_xml(r#"<PMML><labels><label name="user"/>
///     <label name="friends"/></labels></PMML>"#).unwrap();
/// let mut b = GraphBuilder::new(schema);
/// b.add_vertex("Vivian", "user", &[]).unwrap();
/// b.add_vertex("Eric", "user", &[]).unwrap();
/// b.add_edge("Vivian", "Eric", "friends", &[]).unwrap();
/// let g = b.build(ParallelEdge::Allow);
/// assert_eq!(g.out_neighbors(g.vertex_index("Vivian").unwrap()).len(), 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct GraphBuilder {
    schema: Schema,
    names: StrArena,
    index: NameIndex,
    /// Vertex `v`'s label, one said once while every vertex has it.
    vertex_labels: Labels,
    /// Vertex `v`'s row in its label's table, the identity while rows follow the vertices.
    vertex_rows: Rows,
    vertex_tables: Vec<Table>,
    edges: EdgeColumns,
    /// The first `base_edges` edges come from the graph this builder started from.
    base_edges: usize,
    edge_tables: Vec<Table>,
}

impl GraphBuilder {
    /// An empty builder for `schema`.
    pub fn new(schema: Schema) -> Self {
        let mut b = Self::default();
        b.set_schema(schema);
        b
    }

    /// A builder holding everything in `g` (for incremental import); `g` is not modified.
    pub fn from_graph(g: &Graph) -> Self {
        let index = NameIndex::build(&g.names);
        let mut edges = EdgeColumns::with_capacity(g.edge_count());
        for u in 0..g.vertex_count() as u32 {
            for k in g.out_edge_range(u) {
                edges.push(EdgeRec {
                    src: u,
                    dst: g.out.neighbors(u)[k - g.out_edge_range(u).start],
                    label: g.edge_labels.get(k),
                    // Without edge properties any row will do: the arrival index keeps the
                    // builder's row column implicit.
                    row: g.edge_rows.get(k).unwrap_or(edges.len() as u32),
                });
            }
        }
        Self {
            schema: g.schema.clone(),
            names: g.names.clone(),
            index,
            vertex_labels: g.vertex_labels.clone(),
            vertex_rows: g.vertex_rows.clone(),
            vertex_tables: g.vertex_tables.clone(),
            base_edges: edges.len(),
            edges,
            edge_tables: g.edge_tables.clone(),
        }
    }

    /// The schema rows are validated against.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// Adds the labels of `other` (see [`Schema::merge`]); returns how many labels it had.
    ///
    /// # Errors
    /// A label redefined differently; the builder is unchanged then.
    pub fn merge_schema(&mut self, other: &Schema) -> Result<usize, SchemaError> {
        let mut schema = self.schema.clone();
        let n = schema.merge(other)?;
        self.set_schema(schema);
        Ok(n)
    }

    fn set_schema(&mut self, schema: Schema) {
        for label in &schema.labels()[self.vertex_tables.len()..] {
            self.vertex_tables.push(Table::new(label));
            self.edge_tables.push(Table::new(label));
        }
        self.schema = schema;
    }

    /// Number of vertices so far.
    pub fn vertex_count(&self) -> usize {
        self.names.len()
    }

    /// Number of edges so far (before the parallel-edge rule is applied).
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// The index of the vertex named `name`.
    pub fn vertex_index(&self, name: &str) -> Option<u32> {
        self.index.get(&self.names, name)
    }

    /// Adds a vertex, or replaces the label and properties of an existing one with this id.
    /// `props` are the property fields in the label's order (an empty field is an absent value).
    ///
    /// # Errors
    /// Empty id, unknown label, wrong number of properties, or a bad value (named).
    pub fn add_vertex(&mut self, name: &str, label: &str, props: &[&str]) -> Result<u32> {
        let (label_id, def) = self.vertex_parser().check(name, label, props.len())?;
        let row = RowValues::parse(def, props).map_err(RowError)?;
        self.put_vertex(name, label_id, &row)
    }

    /// [`add_vertex`](Self::add_vertex) from a CSV row `id,label,props…`.
    ///
    /// # Errors
    /// As `add_vertex`, plus a row with fewer than two fields.
    pub fn add_vertex_fields(&mut self, fields: &[&str]) -> Result<u32> {
        let [name, label, props @ ..] = fields else {
            return Err(too_few_vertex_fields(fields));
        };
        self.add_vertex(name, label, props)
    }

    fn put_vertex(&mut self, name: &str, label: u16, row: &RowValues<'_>) -> Result<u32> {
        let row = self.vertex_tables[label as usize].push_row(row);
        self.vertex_halves().1.place(name, label, row)
    }

    /// Adds an edge between two existing vertices. `props` as for
    /// [`add_vertex`](Self::add_vertex).
    ///
    /// # Errors
    /// Unknown endpoint, unknown label, wrong number of properties, or a bad value (named).
    pub fn add_edge(&mut self, src: &str, dst: &str, label: &str, props: &[&str]) -> Result<()> {
        let (src, dst, label, def) = self.edge_parser().check(src, dst, label, props.len())?;
        let row = RowValues::parse(def, props).map_err(RowError)?;
        self.put_edge(src, dst, label, &row)
    }

    /// [`add_edge`](Self::add_edge) from a CSV row `src,dst,label,props…`.
    ///
    /// # Errors
    /// As `add_edge`, plus a row with fewer than three fields.
    pub fn add_edge_fields(&mut self, fields: &[&str]) -> Result<()> {
        let [src, dst, label, props @ ..] = fields else {
            return Err(too_few_edge_fields(fields));
        };
        self.add_edge(src, dst, label, props)
    }

    fn put_edge(&mut self, src: u32, dst: u32, label: u16, row: &RowValues<'_>) -> Result<()> {
        if self.edges.len() >= u32::MAX as usize {
            return Err(RowError("too many edges (at most 4294967295)".into()));
        }
        let row = self.edge_tables[label as usize].push_row(row);
        self.edges.push(EdgeRec {
            src,
            dst,
            label,
            row,
        });
        Ok(())
    }

    /// Freezes into a [`Graph`], applying `parallel` to edges with equal endpoints (and label,
    /// unless `ignore_label`): `Allow` keeps all; `Ignore` keeps the earliest (edges that came
    /// with the base graph always stay); `Override` keeps only the newest of a group that
    /// received a new edge.
    pub fn build(self, parallel: ParallelEdge) -> Graph {
        let t_build = std::time::Instant::now();
        let GraphBuilder {
            schema,
            names,
            index,
            vertex_labels,
            vertex_rows,
            vertex_tables,
            mut edges,
            base_edges,
            edge_tables,
        } = self;
        // Each input is dropped as soon as it is consumed, so that the peak while building is
        // about the finished graph's size rather than the builder's plus the graph's.
        drop(index);
        let n = names.len();
        let vertex_labels = vertex_labels.into_compact();
        let (vertex_tables, vertex_rows) = {
            let (tables, rows) = (vertex_tables, vertex_rows);
            compact(&tables, &vertex_labels, &rows.to_slice())
        };
        let name_order = name_order::name_order(&names);
        let t_sort = std::time::Instant::now();
        let (offsets, targets, order) = sort_edges(n, &mut edges, base_edges, parallel);
        let sort_ms = t_sort.elapsed().as_millis() as u64;
        let edge_labels = edges.labels_in(&order);
        // Edge rows are only kept when some edge has a label with properties.
        let has_edge_props = edge_tables
            .iter()
            .zip(schema.labels())
            .any(|(t, l)| t.rows() > 0 && !l.properties.is_empty());
        let (edge_tables, edge_rows) = {
            let tables = edge_tables;
            if has_edge_props {
                compact(&tables, &edge_labels, &edges.rows_in(&order))
            } else {
                (tables.iter().map(|t| t.gather(&[])).collect(), Rows::NONE)
            }
        };
        drop(edges);
        let m = order.len();
        drop(order);
        let out = Csr::from_parts(offsets, targets);
        let (inc, in_edge_ids) = out.transpose(n);
        tracing::debug!(
            vertices = n,
            edges = m,
            sort_ms,
            total_ms = t_build.elapsed().as_millis() as u64,
            "graph built"
        );
        Graph {
            schema,
            names,
            name_order,
            vertex_labels,
            vertex_rows,
            vertex_tables,
            out,
            inc,
            in_edge_ids,
            edge_labels,
            edge_rows,
            edge_tables,
            derived: Default::default(),
        }
    }
}

#[cfg(test)]
mod tests;
