//! A builder holding a graph minus some of its vertices (a delete by filter).

use super::{EdgeColumns, EdgeRec, GraphBuilder};
use crate::graph::Graph;
use crate::graph::arena::StrArena;
use crate::graph::labels::Labels;
use crate::graph::name_index::NameIndex;
use crate::graph::rows::Rows;

impl GraphBuilder {
    /// Everything in `g` except the vertices `removed` marks and every edge that touches one;
    /// the others keep their ids' order. Returns the builder and the edges dropped.
    pub(crate) fn without_vertices(g: &Graph, removed: &[bool]) -> (Self, u64) {
        let n = g.vertex_count();
        debug_assert_eq!(removed.len(), n);
        let mut new_id = vec![u32::MAX; n];
        let mut names = StrArena::default();
        // A kept vertex keeps its label and row: one label stays said once, and the rows
        // (with gaps now) are compacted back to the identity by the build.
        let mut vertex_labels = Labels::default();
        let mut vertex_rows = Rows::default();
        for v in 0..n {
            if !removed[v] {
                new_id[v] = names.push(g.names.get(v)) as u32;
                vertex_labels.push(g.vertex_labels.get(v));
                vertex_rows.push(g.vertex_rows.get(v).unwrap_or(v as u32));
            }
        }
        let mut edges = EdgeColumns::with_capacity(g.edge_count());
        let mut dropped = 0u64;
        for u in 0..n as u32 {
            let range = g.out_edge_range(u);
            for (k, &dst) in range.clone().zip(g.out.neighbors(u)) {
                if removed[u as usize] || removed[dst as usize] {
                    dropped += 1;
                    continue;
                }
                edges.push(EdgeRec {
                    src: new_id[u as usize],
                    dst: new_id[dst as usize],
                    label: g.edge_labels.get(k),
                    // Any row will do without edge properties; the arrival index keeps the
                    // builder's row column implicit.
                    row: g.edge_rows.get(k).unwrap_or(edges.len() as u32),
                });
            }
        }
        let builder = Self {
            schema: g.schema.clone(),
            index: NameIndex::build(&names),
            names,
            vertex_labels,
            vertex_rows,
            vertex_tables: g.vertex_tables.clone(),
            base_edges: edges.len(),
            edges,
            edge_tables: g.edge_tables.clone(),
        };
        (builder, dropped)
    }
}
