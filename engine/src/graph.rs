//! Immutable in-memory property graphs.
//!
//! A [`Graph`] is built once — by [`import`] from GES-format CSV files and a metadata schema, or
//! by a [`GraphBuilder`] — and never mutated afterwards: an incremental import builds a new graph
//! from the old one, so readers of the old graph are never disturbed and a failed import leaves
//! it as it was.
//!
//! Layout:
//! - vertices are dense `u32` indices `0..vertex_count()`; their external string ids live in one
//!   string arena, with a name-sorted permutation for [`Graph::vertex_index`];
//! - adjacency is CSR in both directions ([`Graph::out_neighbors`], [`Graph::in_neighbors`]),
//!   neighbours sorted per vertex; out-edges are numbered by their CSR position
//!   ([`Graph::out_edge_range`]), and every in-edge knows its out-edge number
//!   ([`Graph::in_edge_ids`]);
//! - labels are small integers into the [`Schema`]'s label table;
//! - properties are columnar and typed, one table per label (vertex and edge tables apart), so a
//!   vertex costs a label id and a row index, not a map;
//! - what is redundant in the common graph (one vertex label and one edge label, vertex `v` and
//!   edge `k` in row `v` and `k` of their tables, a property with exactly one value per row) is
//!   held implicitly, not as a vector per vertex or edge (`Labels`, `Rows`, a column's
//!   ends), and turns explicit when it stops being true; snapshots hold the plain
//!   vectors either way (`pattern_seq`).
//!
//! Undirected algorithms treat `out ∪ in` as the neighbourhood.

mod arena;
mod builder;
mod csr;
pub(crate) mod delete_vertices;
pub(crate) mod derived;
pub mod import;
mod instants;
mod labels;
pub(crate) mod lifecycle;
mod name_index;
pub mod partition;
mod pattern_seq;
mod property;
mod rows;
pub mod schema;
mod snapshot;

use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use builder::{GraphBuilder, RowError};
pub use import::{
    FileKind, FileReport, ImportError, ImportOptions, ImportReport, ParallelEdge, import,
};
pub use instants::{Instant, Instants};
pub use schema::{Cardinality, DataType, Label, PropertyDef, Schema, SchemaError};

use arena::StrArena;
use csr::Csr;
use derived::Derived;
use labels::Labels;
use property::Table;
pub(crate) use property::parse_date;
use rows::Rows;

/// An immutable property graph (see the [module docs](self) for the layout).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Graph {
    schema: Schema,
    /// Vertex `v`'s external id is `names.get(v)`.
    names: StrArena,
    /// Vertex indices sorted by name, for binary search: position `i`'s vertex is
    /// `name_order.get(i)`, the identity when the names are already in index order.
    name_order: Rows,
    /// Label of vertex `v`.
    vertex_labels: Labels,
    /// Row of vertex `v` in `vertex_tables[vertex_labels.get(v)]`.
    vertex_rows: Rows,
    /// One table per schema label (rows only for vertices of that label).
    vertex_tables: Vec<Table>,
    out: Csr,
    inc: Csr,
    /// For each position of `inc`, the out-edge index of the same edge.
    in_edge_ids: Vec<u32>,
    /// Label of out-edge `k`.
    edge_labels: Labels,
    /// Row of out-edge `k` in `edge_tables[edge_labels.get(k)]`; none when no label has
    /// properties.
    edge_rows: Rows,
    /// One table per schema label (rows only for edges of that label).
    edge_tables: Vec<Table>,
    /// Layouts kernels derived from this graph, kept for later jobs (never persisted).
    #[serde(skip)]
    derived: Derived,
}

/// Sizes of a graph, for the API and the catalog's memory accounting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphStats {
    /// Number of vertices.
    pub vertices: u64,
    /// Number of directed edges as stored.
    pub edges: u64,
    /// Vertices per label, labels in schema order, labels without vertices left out.
    pub vertex_labels: Vec<(String, u64)>,
    /// Edges per label, labels in schema order, labels without edges left out.
    pub edge_labels: Vec<(String, u64)>,
    /// Approximate heap bytes held by the graph.
    pub memory_bytes: u64,
}

impl Graph {
    /// A graph with this schema and no vertices or edges (create and clear graph).
    pub fn empty(schema: Schema) -> Graph {
        GraphBuilder::new(schema).build(ParallelEdge::Allow)
    }

    /// Number of vertices.
    pub fn vertex_count(&self) -> usize {
        self.names.len()
    }

    /// Number of directed edges as stored (parallel edges counted).
    pub fn edge_count(&self) -> usize {
        self.out.edge_count()
    }

    /// Targets of `v`'s out-edges, sorted ascending. Panics if `v` is out of range.
    #[inline]
    pub fn out_neighbors(&self, v: u32) -> &[u32] {
        self.out.neighbors(v)
    }

    /// Sources of `v`'s in-edges, sorted ascending. Panics if `v` is out of range.
    #[inline]
    pub fn in_neighbors(&self, v: u32) -> &[u32] {
        self.inc.neighbors(v)
    }

    /// Out-degree of `v`.
    #[inline]
    pub fn out_degree(&self, v: u32) -> usize {
        self.out.range(v).len()
    }

    /// In-degree of `v`.
    #[inline]
    pub fn in_degree(&self, v: u32) -> usize {
        self.inc.range(v).len()
    }

    /// Out-edge indices of `v` (CSR positions): `out_neighbors(v)[i]` is the target of edge
    /// `out_edge_range(v).start + i`.
    #[inline]
    pub fn out_edge_range(&self, v: u32) -> Range<usize> {
        self.out.range(v)
    }

    /// Target of out-edge `k` (a CSR position, see [`Self::out_edge_range`]). Panics if `k` is
    /// out of range.
    #[inline]
    pub fn edge_target(&self, k: usize) -> u32 {
        self.out.target(k)
    }

    /// For each entry of `in_neighbors(v)`, the out-edge index of that edge (to read its label,
    /// properties or weight).
    #[inline]
    pub fn in_edge_ids(&self, v: u32) -> &[u32] {
        &self.in_edge_ids[self.inc.range(v)]
    }

    /// The external string id of `v`.
    pub fn vertex_name(&self, v: u32) -> &str {
        self.names.get(v as usize)
    }

    /// The vertex whose external id is `name` (O(log n)).
    pub fn vertex_index(&self, name: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0, self.vertex_count());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let v = self.name_order.get(mid)?;
            match self.names.get(v as usize).cmp(name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(v),
            }
        }
        None
    }

    /// `v`'s label name.
    pub fn vertex_label(&self, v: u32) -> &str {
        &self.schema.label(self.vertex_labels.get(v as usize)).name
    }

    /// `v`'s properties in the label's declaration order, each as its values rendered as text
    /// (a single value gives one element, an absent value none; dates as
    /// `YYYY-MM-DD HH:MM:SS`, bools as `true`/`false`, enums by name).
    pub fn vertex_properties(&self, v: u32) -> Vec<(String, Vec<String>)> {
        let label = self.vertex_labels.get(v as usize);
        let table = &self.vertex_tables[label as usize];
        match self.vertex_rows.get(v as usize) {
            Some(row) => render_row(&self.schema, table, label, row),
            None => Vec::new(),
        }
    }

    /// The label name of out-edge `k`.
    pub fn edge_label(&self, k: usize) -> &str {
        &self.schema.label(self.edge_labels.get(k)).name
    }

    /// Out-edge `k`'s properties, rendered like [`vertex_properties`](Self::vertex_properties).
    pub fn edge_properties(&self, k: usize) -> Vec<(String, Vec<String>)> {
        let label = self.edge_labels.get(k);
        let table = &self.edge_tables[label as usize];
        match self.edge_rows.get(k) {
            Some(row) => render_row(&self.schema, table, label, row),
            None => Vec::new(),
        }
    }

    /// The numeric property `property` of out-edge `k` (its first value for a list), or `None`
    /// when the edge's label has no such numeric property or the value is absent.
    pub fn edge_weight(&self, out_edge_index: usize, property: &str) -> Option<f64> {
        self.edge_weights(property)?.get(out_edge_index)
    }

    /// A resolved accessor for the numeric edge property `property`, for kernels that read it on
    /// every edge; `None` when no label has a numeric (int, long, float, double) property of that
    /// name.
    pub fn edge_weights(&self, property: &str) -> Option<EdgeWeights<'_>> {
        let columns: Vec<Option<usize>> = self
            .schema
            .labels()
            .iter()
            .map(|l| {
                l.property_index(property)
                    .filter(|&c| l.properties[c].data_type.is_numeric())
            })
            .collect();
        columns.iter().any(Option::is_some).then_some(EdgeWeights {
            graph: self,
            property: property.to_owned(),
            columns,
        })
    }

    /// The graph's schema.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// Sizes, per-label counts and approximate memory.
    pub fn stats(&self) -> GraphStats {
        let labels = self.schema.labels().len();
        let named = |counts: Vec<u64>| {
            counts
                .into_iter()
                .enumerate()
                .filter(|&(_, c)| c > 0)
                .map(|(l, c)| (self.schema.label(l as u16).name.clone(), c))
                .collect()
        };
        GraphStats {
            vertices: self.vertex_count() as u64,
            edges: self.edge_count() as u64,
            vertex_labels: named(self.vertex_labels.counts(labels)),
            edge_labels: named(self.edge_labels.counts(labels)),
            memory_bytes: self.memory_bytes(),
        }
    }

    fn memory_bytes(&self) -> u64 {
        let vec4 = |v: &Vec<u32>| v.capacity() as u64 * 4;
        let tables = |t: &Vec<Table>| t.iter().map(Table::memory_bytes).sum::<u64>();
        std::mem::size_of::<Self>() as u64
            + self.names.memory_bytes()
            + self.name_order.memory_bytes()
            + self.vertex_labels.memory_bytes()
            + self.vertex_rows.memory_bytes()
            + tables(&self.vertex_tables)
            + self.out.memory_bytes()
            + self.inc.memory_bytes()
            + vec4(&self.in_edge_ids)
            + self.edge_labels.memory_bytes()
            + self.edge_rows.memory_bytes()
            + tables(&self.edge_tables)
            + self.derived.memory_bytes()
    }

    /// Writes a snapshot to `path` (a temporary file beside it, then an atomic rename).
    ///
    /// # Errors
    /// Any I/O error; `path` is left untouched on failure.
    pub fn save(&self, path: &std::path::Path) -> std::io::Result<()> {
        snapshot::save(self, path)
    }

    /// Reads a snapshot written by [`save`](Self::save).
    ///
    /// # Errors
    /// I/O errors, and `InvalidData` for a file that is not a graphjobs snapshot of this version.
    pub fn load(path: &std::path::Path) -> std::io::Result<Graph> {
        snapshot::load(path)
    }
}

fn render_row(schema: &Schema, table: &Table, label: u16, row: u32) -> Vec<(String, Vec<String>)> {
    let def = schema.label(label);
    def.properties
        .iter()
        .enumerate()
        .map(|(c, p)| (p.name.clone(), table.render(row, c, &p.data_type)))
        .collect()
}

/// Reads one numeric edge property by out-edge index in O(1); see [`Graph::edge_weights`].
#[derive(Debug, Clone)]
pub struct EdgeWeights<'g> {
    graph: &'g Graph,
    property: String,
    /// Per label id: the column holding the property, if that label has it.
    columns: Vec<Option<usize>>,
}

impl EdgeWeights<'_> {
    /// The property read.
    pub fn property(&self) -> &str {
        &self.property
    }

    /// The value on out-edge `k`, or `None` if its label lacks the property or it is absent.
    #[inline]
    pub fn get(&self, k: usize) -> Option<f64> {
        let g = self.graph;
        let label = g.edge_labels.get(k);
        let col = self.columns[label as usize]?;
        g.edge_tables[label as usize].number(g.edge_rows.get(k)?, col)
    }
}

#[cfg(test)]
mod compact_tests;
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Graph>();
    }

    #[test]
    fn accessors_on_a_small_graph() {
        // 0->1, 0->2, 1->2, 2->0, 0->2 (parallel)
        let g = Graph::from_edges(3, &[(0, 1), (0, 2), (1, 2), (2, 0), (0, 2)]);
        assert_eq!(g.vertex_count(), 3);
        assert_eq!(g.edge_count(), 5);
        assert_eq!(g.out_neighbors(0), [1, 2, 2]);
        assert_eq!(g.in_neighbors(2), [0, 0, 1]);
        assert_eq!(g.out_edge_range(1), 3..4);
        for v in 0..3 {
            for (&u, &k) in g.in_neighbors(v).iter().zip(g.in_edge_ids(v)) {
                assert!(g.out_edge_range(u).contains(&(k as usize)));
                assert_eq!(
                    g.out_neighbors(u)[k as usize - g.out_edge_range(u).start],
                    v
                );
            }
        }
        assert_eq!(g.vertex_index("2"), Some(2));
        assert_eq!(g.vertex_index("3"), None);
        assert_eq!(g.vertex_name(1), "1");
        assert_eq!(g.vertex_label(1), "vertex");
        assert_eq!(g.edge_label(0), "edge");
        let s = g.stats();
        assert_eq!((s.vertices, s.edges), (3, 5));
        assert_eq!(s.vertex_labels, [("vertex".to_string(), 3)]);
        assert_eq!(s.edge_labels, [("edge".to_string(), 5)]);
        assert!(s.memory_bytes > 0);
    }

    #[test]
    fn weights_follow_csr_order() {
        let g = Graph::from_weighted_edges(3, &[(2, 0, 5.0), (0, 2, 3.0), (0, 1, 1.5)]);
        let w = g.edge_weights("weight").unwrap();
        let got: Vec<_> = (0..3).map(|k| w.get(k)).collect();
        assert_eq!(got, [Some(1.5), Some(3.0), Some(5.0)]);
        assert_eq!(g.edge_weight(1, "weight"), Some(3.0));
        assert!(g.edge_weights("nope").is_none());
        assert_eq!(
            g.edge_properties(2),
            [("weight".to_string(), vec!["5".to_string()])]
        );
    }
}
