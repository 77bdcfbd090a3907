//! Rendering of every row shape.

use super::*;

fn render(rows: &Rows, g: &Graph) -> Vec<Value> {
    let mut out = Vec::new();
    rows.render(g, |r| -> Result<(), ()> {
        out.push(r);
        Ok(())
    })
    .unwrap();
    assert_eq!(out.len(), rows.len());
    out
}

#[test]
fn rows_render_with_vertex_names() {
    let g = Graph::from_edges(3, &[(0, 1), (1, 2)]);
    let rows = Rows::VertexMetric {
        key: "results",
        metric: "community",
        values: MetricValues::Vertex(vec![0, 0, 2]),
    };
    assert_eq!(
        render(&rows, &g),
        vec![
            json!({"id":"0","community":"0"}),
            json!({"id":"1","community":"0"}),
            json!({"id":"2","community":"2"})
        ]
    );
    assert_eq!(rows.key(), "results");
    let path = Rows::Vertices {
        key: "path",
        ids: vec![2, 1],
    };
    assert_eq!(render(&path, &g), vec![json!("2"), json!("1")]);
}

#[test]
fn sparse_metrics_paths_texts_and_vectors() {
    let g = Graph::from_edges(3, &[(0, 1), (1, 2)]);
    let some = Rows::SomeVertices {
        key: "results",
        metric: "distance",
        ids: vec![2, 0],
        values: MetricValues::F64(vec![2.0, f64::INFINITY]),
    };
    assert_eq!(
        render(&some, &g),
        vec![
            json!({"id": "2", "distance": 2.0}),
            json!({"id": "0", "distance": null})
        ]
    );
    let paths = Rows::Paths {
        key: "paths",
        paths: vec![vec![0, 1, 2], vec![2]],
    };
    assert_eq!(
        render(&paths, &g),
        vec![json!(["0", "1", "2"]), json!(["2"])]
    );
    assert_eq!(paths.key(), "paths");
    let text = Rows::VertexMetric {
        key: "results",
        metric: "community",
        values: MetricValues::Text {
            table: vec!["red".into()],
            index: vec![0, u32::MAX, 0],
        },
    };
    assert_eq!(render(&text, &g)[1], json!({"id": "1", "community": null}));
    let vectors = Rows::VertexMetric {
        key: "results",
        metric: "embedding",
        values: MetricValues::Vector {
            dim: 2,
            values: vec![0.1, -1.5, 0.0, 2.0, 3.0, 4.0],
        },
    };
    assert_eq!(
        render(&vectors, &g)[0],
        json!({"id": "0", "embedding": [0.1, -1.5]})
    );
}

#[test]
fn edge_metrics_number_parallel_edges() {
    // Out-edges in CSR order: 0->1, 0->1, 0->2, 2->0.
    let g = Graph::from_edges(3, &[(0, 2), (0, 1), (2, 0), (0, 1)]);
    let rows = Rows::EdgeMetric {
        key: "edge_betweenness",
        metric: "betweenness",
        values: vec![1.0, 2.0, 3.0, 4.5],
    };
    assert_eq!(
        render(&rows, &g),
        vec![
            json!({"source": "0", "target": "1", "index": 0, "betweenness": 1.0}),
            json!({"source": "0", "target": "1", "index": 1, "betweenness": 2.0}),
            json!({"source": "0", "target": "2", "index": 0, "betweenness": 3.0}),
            json!({"source": "2", "target": "0", "index": 0, "betweenness": 4.5}),
        ]
    );
}

#[test]
fn path_groups_and_circles() {
    // Out-edges in CSR order: 0->1 (k 0), 0->1 (k 1), 1->2 (k 2), 2->0 (k 3).
    let g = Graph::from_edges(3, &[(0, 1), (1, 2), (2, 0), (0, 1)]);
    let groups = Rows::PathGroups {
        key: "batch_paths",
        groups: vec![PathGroup {
            source: 0,
            target: 2,
            paths: vec![vec![0, 1, 2]],
        }],
    };
    assert_eq!(
        render(&groups, &g),
        vec![json!({"paths": [["0", "1", "2"]], "source": "0", "target": "2"})]
    );
    // 0 -> 1 by the second parallel edge, 1 -> 2, 2 -> 0.
    let circle = Circle {
        vertices: vec![0, 1, 2],
        edges: vec![(0, 1), (1, 2), (2, 3)],
    };
    let as_format = |format| Rows::Circles {
        key: "circles",
        format,
        circles: vec![circle.clone()],
    };
    assert_eq!(
        render(&as_format(CircleFormat::VertexId), &g),
        vec![json!(["0", "1", "2"])]
    );
    assert_eq!(
        render(&as_format(CircleFormat::EdgeId), &g),
        vec![json!(["0-1-1", "1-2-0", "2-0-0"])]
    );
    assert_eq!(
        render(&as_format(CircleFormat::EdgeObject), &g)[0][0],
        json!({"source": "0", "target": "1", "index": "1"})
    );
}
