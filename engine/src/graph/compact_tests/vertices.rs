//! The vertex side of the implicit columns: one vertex label and rows in vertex order are held
//! without a vector per vertex, and every change answers as the expanded twin does.

use super::*;

/// A vertex's label and properties.
fn vertex_of(g: &Graph, v: u32) -> (String, Props) {
    (g.vertex_label(v).to_string(), g.vertex_properties(v))
}

fn node_born(year: &str) -> (String, Props) {
    let props = vec![("Born".to_string(), vec![year.to_string()])];
    ("node".to_string(), props)
}

#[test]
fn an_imported_one_label_graph_holds_no_per_vertex_vectors() {
    let g = imported();
    let n = g.vertex_count();
    assert_eq!(g.vertex_labels, Labels::same(0, n));
    assert_eq!(g.vertex_rows, Rows::Identity(n));
    assert!(g.vertex_tables.iter().all(Table::is_implicit));
    // A label (2 bytes) and a row (4) per vertex.
    let saved = vertices_expanded(&g).stats().memory_bytes - g.clone().stats().memory_bytes;
    assert!(saved >= 6 * n as u64, "saved {saved} bytes");
    assert_eq!(vertex_of(&g, 2), node_born("12"));
    assert_eq!(g.instants("Born").vertex(3), Instant::At(13.0));
    assert_eq!(g.stats().vertex_labels, [("node".to_string(), 4)]);
    assert_same_answers_as_expanded(&g);
}

#[test]
fn a_vertex_of_a_second_label_makes_vertex_labels_and_rows_explicit() {
    let g = imported();
    let mut b = GraphBuilder::from_graph(&g);
    b.add_vertex("4", "town", &["1990", "Ada"]).unwrap();
    b.add_edge("4", "0", "road", &["2", "e"]).unwrap();
    let h = b.build(ParallelEdge::Allow);
    assert_eq!(h.vertex_labels, Labels::Each(vec![0, 0, 0, 0, 3]));
    assert_eq!(h.vertex_rows, Rows::Each(vec![0, 1, 2, 3, 0]));
    let old: Vec<_> = (0..4).map(|v| vertex_of(&g, v)).collect();
    assert_eq!((0..4).map(|v| vertex_of(&h, v)).collect::<Vec<_>>(), old);
    let mayor = vec![("Mayor".to_string(), vec!["Ada".to_string()])];
    let town = [vec![("Born".to_string(), vec!["1990".to_string()])], mayor].concat();
    assert_eq!(vertex_of(&h, 4), ("town".to_string(), town));
    assert_eq!(h.instants("Born").vertex(4), Instant::At(1990.0));
    let labels = [("node".to_string(), 4u64), ("town".to_string(), 1u64)];
    assert_eq!(h.stats().vertex_labels, labels);
    assert_same_answers_as_expanded(&h);
    // A vertex moved to the other label, and a vertex given new properties: its old row is
    // dropped and the rows are in vertex order again.
    let mut b = GraphBuilder::from_graph(&g);
    b.add_vertex("1", "town", &["", "Bo"]).unwrap();
    b.add_vertex("2", "node", &["22"]).unwrap();
    let moved = b.build(ParallelEdge::Allow);
    assert_eq!(moved.vertex_labels, Labels::Each(vec![0, 3, 0, 0]));
    assert_eq!(moved.vertex_rows, Rows::Each(vec![0, 0, 1, 2]));
    assert_eq!(moved.instants("Born").vertex(1), Instant::Absent);
    assert_eq!(vertex_of(&moved, 2), node_born("22"));
    assert_same_answers_as_expanded(&moved);
    let mut b = GraphBuilder::from_graph(&g);
    b.add_vertex("2", "node", &["22"]).unwrap();
    let renewed = b.build(ParallelEdge::Allow);
    assert_eq!(renewed.vertex_labels, Labels::same(0, 4));
    assert_eq!(renewed.vertex_rows, Rows::Identity(4));
    assert_eq!(vertex_of(&renewed, 2), node_born("22"));
    assert_eq!(vertex_of(&renewed, 3), node_born("13"));
    assert_same_answers_as_expanded(&renewed);
    // Moved away and back: one label again.
    let mut b = GraphBuilder::from_graph(&g);
    b.add_vertex("1", "town", &["", "Bo"]).unwrap();
    b.add_vertex("1", "node", &["11"]).unwrap();
    let back = b.build(ParallelEdge::Allow);
    assert_eq!(back.vertex_labels, Labels::same(0, 4));
    assert_eq!(back.vertex_rows, Rows::Identity(4));
    assert_eq!(answers(&back), answers(&g));
}

#[test]
fn names_already_in_order_hold_no_name_order() {
    let g = imported();
    assert_eq!(g.name_order, Rows::Identity(4));
    // "10" sorts before "2".
    let h = Graph::from_edges(11, &[(10, 2)]);
    assert!(matches!(h.name_order, Rows::Each(_)));
    for graph in [&g, &h] {
        for v in 0..graph.vertex_count() as u32 {
            assert_eq!(graph.vertex_index(graph.vertex_name(v)), Some(v));
        }
        assert_eq!(graph.vertex_index("x"), None);
        assert_eq!(graph.vertex_index(""), None);
        assert_same_answers_as_expanded(graph);
    }
}

#[test]
fn deleting_vertices_keeps_the_vertex_columns_implicit() {
    let g = imported();
    let (b, _) = GraphBuilder::without_vertices(&g, &[false, true, false, false]);
    let h = b.build(ParallelEdge::Allow);
    assert_eq!(h.vertex_labels, Labels::same(0, 3));
    assert_eq!(h.vertex_rows, Rows::Identity(3));
    // Vertex 2 is now 1, 3 is 2.
    assert_eq!(vertex_of(&h, 1), node_born("12"));
    assert_eq!(vertex_of(&h, 2), node_born("13"));
    assert_eq!(h.vertex_index("3"), Some(2));
    assert_same_answers_as_expanded(&h);
    // A graph of two vertex labels back to one: the label is said once again.
    let mut b = GraphBuilder::from_graph(&g);
    b.add_vertex("4", "town", &["1990", "Ada"]).unwrap();
    let two = b.build(ParallelEdge::Allow);
    let (b, _) = GraphBuilder::without_vertices(&two, &[false, false, false, false, true]);
    let back = b.build(ParallelEdge::Allow);
    assert_eq!(back.vertex_labels, Labels::same(0, 4));
    assert_eq!(back.vertex_rows, Rows::Identity(4));
    assert_eq!(answers(&back), answers(&g));
}
