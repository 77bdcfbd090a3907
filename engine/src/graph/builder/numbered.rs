//! Numbered test and benchmark graphs: vertices `"0".."n-1"`, edges given as index pairs.

use super::GraphBuilder;
use crate::graph::Graph;
use crate::graph::import::ParallelEdge;
use crate::graph::property::{RowValues, Value};
use crate::graph::schema::{Cardinality, DataType, Label, PropertyDef, Schema};

impl Graph {
    /// A graph of vertices `"0".."n-1"` (label `vertex`) and the given edges (label `edge`),
    /// parallel edges kept. For tests and benchmarks.
    ///
    /// # Panics
    /// If an endpoint is `>= vertex_count`.
    pub fn from_edges(vertex_count: usize, edges: &[(u32, u32)]) -> Graph {
        let mut b = numbered_builder(vertex_count, false);
        for &(s, d) in edges {
            assert!(
                (s.max(d) as usize) < vertex_count,
                "edge ({s}, {d}) out of range"
            );
            b.put_edge(s, d, 1, &RowValues::default())
                .expect("within limits");
        }
        b.build(ParallelEdge::Allow)
    }

    /// Like [`from_edges`](Self::from_edges) with a `double` edge property `weight`.
    ///
    /// # Panics
    /// If an endpoint is `>= vertex_count`.
    pub fn from_weighted_edges(vertex_count: usize, edges: &[(u32, u32, f64)]) -> Graph {
        let mut b = numbered_builder(vertex_count, true);
        for &(s, d, w) in edges {
            assert!(
                (s.max(d) as usize) < vertex_count,
                "edge ({s}, {d}) out of range"
            );
            b.put_edge(s, d, 1, &RowValues::single(Value::Double(w)))
                .expect("within limits");
        }
        b.build(ParallelEdge::Allow)
    }
}

fn numbered_builder(n: usize, weighted: bool) -> GraphBuilder {
    let mut schema = Schema::new();
    let edge_props = if weighted {
        vec![PropertyDef {
            name: "weight".into(),
            data_type: DataType::Double,
            cardinality: Cardinality::Single,
        }]
    } else {
        Vec::new()
    };
    schema
        .add_label(Label {
            name: "vertex".into(),
            properties: Vec::new(),
        })
        .expect("valid");
    schema
        .add_label(Label {
            name: "edge".into(),
            properties: edge_props,
        })
        .expect("valid");
    let mut b = GraphBuilder::new(schema);
    for v in 0..n {
        b.put_vertex(&v.to_string(), 0, &RowValues::default())
            .expect("within limits");
    }
    b
}
