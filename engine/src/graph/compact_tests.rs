//! Graph-level tests of the implicit columns (one vertex or edge label, identity rows, one value
//! per row): an imported one-label graph holds no per-vertex or per-edge vector for them, every
//! change that breaks a pattern makes it explicit without losing anything, and old snapshots
//! load.
//!
//! "Answers" are everything a caller can ask of a graph; each graph is compared with its
//! expanded twin (the same graph with every column explicit, as graphs were held before).

use std::fs;

use serde::Serialize;

use super::*;
use crate::job::control::JobControl;

mod vertices;

const SCHEMA: &str = r#"<PMML><labels>
    <label name="node"><properties>
      <property name="Born" cardinality="single" dataType="int"/></properties></label>
    <label name="road"><properties>
      <property name="Len" cardinality="single" dataType="int"/>
      <property name="Tags" cardinality="list" dataType="string"/></properties></label>
    <label name="rail"/>
    <label name="town"><properties>
      <property name="Born" cardinality="single" dataType="int"/>
      <property name="Mayor" cardinality="single" dataType="string"/></properties></label>
    </labels></PMML>"#;

const VERTICES: &str = "0,node,10\n1,node,11\n2,node,12\n3,node,13\n";

const EDGES: &str = "0,1,road,5,a\n2,0,road,7,b\n0,2,road,3,c\n1,2,road,4,d\n";

/// The road network imported from CSV files, as a user import reads it.
fn imported() -> Graph {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        path
    };
    let opts = ImportOptions {
        schema_paths: vec![write("schema.xml", SCHEMA)],
        vertex_paths: vec![write("vertices.csv", VERTICES)],
        edge_paths: vec![write("edges.csv", EDGES)],
        ..ImportOptions::default()
    };
    import(None, &opts, &JobControl::new()).unwrap().0
}

/// `g` with every implicit column made explicit.
fn expanded(g: &Graph) -> Graph {
    let mut h = vertices_expanded(g);
    h.edge_labels = Labels::Each((0..g.edge_count()).map(|k| g.edge_labels.get(k)).collect());
    h.edge_rows = Rows::Each(g.edge_rows.to_slice().into_owned());
    h.vertex_tables = g.vertex_tables.iter().map(Table::expanded).collect();
    h.edge_tables = g.edge_tables.iter().map(Table::expanded).collect();
    h
}

/// `g` with its vertex labels, rows and name order explicit (nothing else changed).
fn vertices_expanded(g: &Graph) -> Graph {
    let mut h = g.clone();
    let n = g.vertex_count();
    h.vertex_labels = Labels::Each((0..n).map(|v| g.vertex_labels.get(v)).collect());
    h.vertex_rows = Rows::Each(g.vertex_rows.to_slice().into_owned());
    h.name_order = Rows::Each(g.name_order.to_slice().into_owned());
    h
}

/// Everything a caller can read of `g` (memory aside), as text to compare.
fn answers(g: &Graph) -> String {
    let len = g.instants("Len");
    let born = g.instants("Born");
    let weights = g.edge_weights("Len");
    let vertices: Vec<_> = (0..g.vertex_count() as u32)
        .map(|v| {
            let ids = g.in_edge_ids(v);
            let names = (g.vertex_name(v), g.vertex_index(g.vertex_name(v)));
            let adjacency = (g.out_neighbors(v), g.in_neighbors(v), ids);
            let props = (g.vertex_properties(v), born.vertex(v));
            (names, g.vertex_label(v), props, adjacency)
        })
        .collect();
    let edges: Vec<_> = (0..g.edge_count())
        .map(|k| {
            let w = weights.as_ref().map(|w| w.get(k));
            let t = (g.edge_target(k), len.edge(k), w);
            (g.edge_label(k), g.edge_properties(k), t)
        })
        .collect();
    let mut stats = g.stats();
    stats.memory_bytes = 0;
    let on = (len.on_edges(), len.on_vertices(), born.on_vertices());
    format!("{vertices:?}\n{edges:?}\n{stats:?}\n{on:?}")
}

type Props = Vec<(String, Vec<String>)>;

/// An edge's source, target, label and properties.
type Edge = (u32, u32, String, Props);

fn edge(u: u32, v: u32, label: &str, props: Props) -> Edge {
    (u, v, label.to_string(), props)
}

/// Every edge in CSR order.
fn edges_of(g: &Graph) -> Vec<Edge> {
    (0..g.vertex_count() as u32)
        .flat_map(|u| g.out_edge_range(u).map(move |k| (u, k)))
        .map(|(u, k)| edge(u, g.edge_target(k), g.edge_label(k), g.edge_properties(k)))
        .collect()
}

/// A road's properties.
fn road(len: &[&str], tags: &[&str]) -> Props {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect();
    vec![("Len".into(), s(len)), ("Tags".into(), s(tags))]
}

fn assert_same_answers_as_expanded(g: &Graph) {
    assert_eq!(answers(g), answers(&expanded(g)));
}

#[test]
fn an_imported_one_label_graph_holds_no_per_edge_vectors() {
    let g = imported();
    let m = g.edge_count();
    assert_eq!(m, 4);
    assert_eq!(g.edge_labels, Labels::same(1, m));
    assert_eq!(g.edge_rows, Rows::Identity(m));
    assert!(g.edge_tables.iter().all(Table::is_implicit));
    // Labels (2 bytes), rows (4) and the ends of two columns (4 each) per edge.
    // (A clone on both sides: clones hold no spare capacity.)
    let saved = expanded(&g).stats().memory_bytes - g.clone().stats().memory_bytes;
    assert!(saved >= 14 * m as u64, "saved {saved} bytes");
    assert_eq!(edges_of(&g)[1], edge(0, 2, "road", road(&["3"], &["c"])));
    assert_eq!(g.edge_weight(3, "Len"), Some(7.0));
    assert_same_answers_as_expanded(&g);
}

#[test]
fn an_edge_of_a_second_label_makes_labels_and_rows_explicit() {
    let g = imported();
    let mut b = GraphBuilder::from_graph(&g);
    b.add_edge("3", "0", "rail", &[]).unwrap();
    let h = b.build(ParallelEdge::Allow);
    assert!(matches!(h.edge_labels, Labels::Each(_)));
    assert!(matches!(h.edge_rows, Rows::Each(_)));
    let mut want = edges_of(&g);
    want.push(edge(3, 0, "rail", Vec::new()));
    assert_eq!(edges_of(&h), want);
    assert_eq!(h.edge_weight(4, "Len"), None);
    assert_eq!(h.instants("Len").edge(4), Instant::NotDefined);
    assert_same_answers_as_expanded(&h);
    let s = h.stats();
    let labels = [("road".to_string(), 4u64), ("rail".to_string(), 1u64)];
    assert_eq!(s.edge_labels, labels);
}

#[test]
fn an_absent_value_or_a_list_makes_a_column_explicit_without_loss() {
    let g = imported();
    let mut b = GraphBuilder::from_graph(&g);
    b.add_edge("3", "1", "road", &["", "x;y"]).unwrap();
    let h = b.build(ParallelEdge::Allow);
    assert_eq!(h.edge_labels, Labels::same(1, 5));
    assert_eq!(h.edge_rows, Rows::Identity(5));
    assert!(!h.edge_tables[1].is_implicit());
    let mut want = edges_of(&g);
    want.push(edge(3, 1, "road", road(&[], &["x", "y"])));
    assert_eq!(edges_of(&h), want);
    assert_eq!(h.edge_weight(4, "Len"), None);
    assert_eq!(h.instants("Len").edge(4), Instant::Absent);
    assert_same_answers_as_expanded(&h);
    // Setting a property of an existing edge (an override) to absent, and to a list.
    let mut b = GraphBuilder::from_graph(&g);
    b.add_edge("0", "2", "road", &["", "p;q"]).unwrap();
    let h = b.build(ParallelEdge::Override { ignore_label: true });
    assert_eq!(h.edge_count(), 4);
    assert_eq!(edges_of(&h)[1], edge(0, 2, "road", road(&[], &["p", "q"])));
    assert_eq!(edges_of(&h)[0], edges_of(&g)[0]);
    assert_eq!(edges_of(&h)[2..], edges_of(&g)[2..]);
    assert_same_answers_as_expanded(&h);
}

#[test]
fn deleting_vertices_and_their_edges_keeps_the_columns_implicit() {
    let g = imported();
    let (b, dropped) = GraphBuilder::without_vertices(&g, &[false, true, false, false]);
    let h = b.build(ParallelEdge::Allow);
    assert_eq!(dropped, 2);
    assert_eq!(h.edge_labels, Labels::same(1, 2));
    assert_eq!(h.edge_rows, Rows::Identity(2));
    assert!(h.edge_tables.iter().all(Table::is_implicit));
    // Vertex 2 is now 1.
    assert_eq!(
        edges_of(&h),
        [
            edge(0, 1, "road", road(&["3"], &["c"])),
            edge(1, 0, "road", road(&["7"], &["b"])),
        ]
    );
    assert_same_answers_as_expanded(&h);
    // A graph of two labels back to one: the labels are said once again.
    let mut b = GraphBuilder::from_graph(&g);
    b.add_edge("3", "0", "rail", &[]).unwrap();
    let two = b.build(ParallelEdge::Allow);
    let (b, _) = GraphBuilder::without_vertices(&two, &[false, false, false, true]);
    let back = b.build(ParallelEdge::Allow);
    assert_eq!(back.edge_labels, Labels::same(1, 4));
    assert_eq!(back.edge_rows, Rows::Identity(4));
    assert_eq!(edges_of(&back), edges_of(&g));
    assert_same_answers_as_expanded(&back);
}

/// A property table in the layout snapshots have always had.
#[derive(Serialize)]
struct PlainTable {
    rows: u32,
    columns: Vec<PlainColumn>,
}

#[derive(Serialize)]
struct PlainColumn {
    ends: Vec<u32>,
    values: property::Values,
}

/// [`Graph`] as it was declared before the implicit columns: a plain vector each.
#[derive(Serialize)]
struct PlainGraph<'g> {
    schema: &'g Schema,
    names: &'g StrArena,
    name_order: Vec<u32>,
    vertex_labels: Vec<u16>,
    vertex_rows: Vec<u32>,
    vertex_tables: Vec<PlainTable>,
    out: &'g Csr,
    inc: &'g Csr,
    in_edge_ids: &'g Vec<u32>,
    edge_labels: Vec<u16>,
    edge_rows: Vec<u32>,
    edge_tables: Vec<PlainTable>,
}

fn plain(g: &Graph) -> PlainGraph<'_> {
    let tables = |t: &[Table]| -> Vec<PlainTable> {
        t.iter()
            .map(|t| PlainTable {
                rows: t.rows(),
                columns: (t.plain_columns().into_iter())
                    .map(|(ends, values)| PlainColumn { ends, values })
                    .collect(),
            })
            .collect()
    };
    let (n, m) = (g.vertex_count(), g.edge_count());
    PlainGraph {
        schema: &g.schema,
        names: &g.names,
        name_order: g.name_order.to_slice().into_owned(),
        vertex_labels: (0..n).map(|v| g.vertex_labels.get(v)).collect(),
        vertex_rows: g.vertex_rows.to_slice().into_owned(),
        vertex_tables: tables(&g.vertex_tables),
        out: &g.out,
        inc: &g.inc,
        in_edge_ids: &g.in_edge_ids,
        edge_labels: (0..m).map(|k| g.edge_labels.get(k)).collect(),
        edge_rows: (0..m).map_while(|k| g.edge_rows.get(k)).collect(),
        edge_tables: tables(&g.edge_tables),
    }
}

#[test]
fn snapshots_in_the_plain_layout_load_into_the_same_graph() {
    let g = imported();
    let mut b = GraphBuilder::from_graph(&g);
    b.add_edge("3", "0", "rail", &[]).unwrap();
    b.add_edge("3", "1", "road", &["", "x;y"]).unwrap();
    b.add_vertex("4", "town", &["1990", "Ada"]).unwrap();
    let mixed = b.build(ParallelEdge::Allow);
    assert!(matches!(mixed.vertex_rows, Rows::Each(_)));
    let bare = Graph::from_edges(3, &[(0, 1), (1, 2)]);
    let empty = Graph::empty(g.schema().clone());
    let dir = tempfile::tempdir().unwrap();
    let graphs = [
        ("one label", &g),
        ("mixed", &mixed),
        ("bare", &bare),
        ("empty", &empty),
    ];
    for (name, graph) in graphs {
        // A snapshot written before the implicit columns existed.
        let mut old = b"GJGRAPH1".to_vec();
        bincode::serialize_into(&mut old, &plain(graph)).unwrap();
        let path = dir.path().join("old.graph");
        fs::write(&path, &old).unwrap();
        let loaded = Graph::load(&path).unwrap();
        assert_eq!(answers(&loaded), answers(graph), "{name}");
        assert_eq!(loaded.edge_labels, graph.edge_labels, "{name}");
        assert_eq!(loaded.edge_rows, graph.edge_rows, "{name}");
        assert_eq!(loaded.edge_tables, graph.edge_tables, "{name}");
        assert_eq!(loaded.vertex_labels, graph.vertex_labels, "{name}");
        assert_eq!(loaded.vertex_rows, graph.vertex_rows, "{name}");
        assert_eq!(loaded.vertex_tables, graph.vertex_tables, "{name}");
        // Nothing expanded on the way in: what was implicit is implicit again.
        let implicit = |g: &Graph| {
            (g.vertex_tables.iter().chain(&g.edge_tables))
                .map(Table::is_implicit)
                .collect::<Vec<_>>()
        };
        assert_eq!(implicit(&loaded), implicit(graph), "{name}");
        // And what is written now is that layout, byte for byte.
        graph.save(&path).unwrap();
        assert_eq!(fs::read(&path).unwrap(), old, "{name}");
    }
}
