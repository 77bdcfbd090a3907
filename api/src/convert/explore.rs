//! The graph explorer's engine reads → console DTOs.

use engine::explore::{ColumnValues, HoodEdge, HoodVertex, PathSubgraph, Subgraph};

use crate::console::explore::{ExploreEdge, ExploreGraph, ExploreValues, ExploreVertex};

/// Properties as `(name, value)`, a list's values joined with `;` (as the import CSV writes
/// them).
fn properties(p: &[(String, Vec<String>)]) -> Vec<(String, String)> {
    p.iter().map(|(k, v)| (k.clone(), v.join(";"))).collect()
}

fn vertex(v: &HoodVertex) -> ExploreVertex {
    ExploreVertex {
        id: v.id.clone(),
        label: v.label.clone(),
        properties: properties(&v.properties),
        hop: v.hop,
        degree: v.degree,
        shown: v.shown,
    }
}

fn edge(e: &HoodEdge) -> ExploreEdge {
    ExploreEdge {
        source: e.source.clone(),
        target: e.target.clone(),
        label: e.label.clone(),
        properties: properties(&e.properties),
    }
}

/// A neighbourhood of graph `graph`.
pub fn explore_graph(graph: &str, s: &Subgraph) -> ExploreGraph {
    ExploreGraph {
        graph: graph.to_owned(),
        vertices: s.vertices.iter().map(vertex).collect(),
        edges: s.edges.iter().map(edge).collect(),
        truncated: s.truncated,
        paths: Vec::new(),
    }
}

/// A path result's subgraph.
pub fn explore_path(p: &PathSubgraph) -> ExploreGraph {
    ExploreGraph {
        paths: p.paths.clone(),
        ..explore_graph(&p.graph, &p.subgraph)
    }
}

/// A result column's values.
pub fn explore_values(c: &ColumnValues) -> ExploreValues {
    ExploreValues {
        graph: c.graph.clone(),
        column: c.column.clone(),
        values: c.values.clone(),
    }
}
