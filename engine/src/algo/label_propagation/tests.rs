use super::*;
use crate::algo::run as run_algo;
use crate::graph::{GraphBuilder, ParallelEdge, Schema};
use serde_json::json;

/// Two 4-cliques {0..4} and {4..8} joined by the edge 3-4.
fn two_cliques() -> Graph {
    let mut edges = Vec::new();
    for base in [0, 4] {
        for a in 0..4 {
            for b in a + 1..4 {
                edges.push((base + a, base + b));
            }
        }
    }
    edges.push((3, 4));
    Graph::from_edges(8, &edges)
}

#[test]
fn cliques_become_communities() {
    let r = label_propagation(
        &two_cliques(),
        &LabelPropagationConfig::default(),
        &JobControl::new(),
    )
    .unwrap();
    assert_eq!(r.labels, [0, 0, 0, 0, 4, 4, 4, 4]);
    assert_eq!(r.communities, 2);
    assert!(r.iterations >= 2);
    // Isolated vertices keep their own label.
    let lonely = Graph::from_edges(3, &[(0, 1)]);
    let r = label_propagation(
        &lonely,
        &LabelPropagationConfig::default(),
        &JobControl::new(),
    )
    .unwrap();
    assert_eq!((r.labels[2], r.communities), (2, 2));
}

#[test]
fn weights_decide_between_two_camps() {
    // 2 hangs between 0 (two light edges) and 1 (one heavy edge).
    let g = Graph::from_weighted_edges(3, &[(2, 0, 1.0), (0, 2, 1.0), (2, 1, 5.0)]);
    let cfg = LabelPropagationConfig {
        weight: Some("weight".into()),
        max_iterations: 1,
        ..Default::default()
    };
    let r = label_propagation(&g, &cfg, &JobControl::new()).unwrap();
    assert_eq!(r.labels[2], r.labels[1]);
    let unweighted = LabelPropagationConfig {
        max_iterations: 1,
        ..Default::default()
    };
    let r = label_propagation(&g, &unweighted, &JobControl::new()).unwrap();
    assert_eq!(r.labels[2], r.labels[0]);
}

/// A path a - b - c - d - e whose ends carry seed labels in property `team`.
fn seeded(values: [&str; 5]) -> Graph {
    let schema = Schema::from_xml(
        r#"<PMML><labels><label name="p"><properties>
             <property name="team" cardinality="single" dataType="string"/></properties></label>
           <label name="knows"/></labels></PMML>"#,
    )
    .unwrap();
    let mut b = GraphBuilder::new(schema);
    for (id, team) in ["a", "b", "c", "d", "e"].iter().zip(values) {
        b.add_vertex(id, "p", &[team]).unwrap();
    }
    for (s, t) in [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")] {
        b.add_edge(s, t, "knows", &[]).unwrap();
    }
    b.build(ParallelEdge::Allow)
}

#[test]
fn seeds_spread_and_stay() {
    let g = seeded(["red", "", "", "", "blue"]);
    let params = json!({"initial": "team"});
    let out = run_algo(&g, NAME, params.as_object().unwrap(), &JobControl::new()).unwrap();
    let mut rows = Vec::new();
    out.rows
        .render(&g, |r| -> std::result::Result<(), ()> {
            rows.push(r["community"].clone());
            Ok(())
        })
        .unwrap();
    assert_eq!((&rows[0], &rows[1]), (&json!("red"), &json!("red")));
    assert_eq!((&rows[3], &rows[4]), (&json!("blue"), &json!("blue")));
    assert!(rows[2] == json!("red") || rows[2] == json!("blue"));
    assert_eq!(out.scalars["community_num"], 2);
}

#[test]
fn synchronous_seeds_spread_one_hop_per_superstep_and_stay() {
    let g = seeded(["red", "", "", "", "blue"]);
    let cfg = |max_iterations| LabelPropagationConfig {
        initial: Some("team".into()),
        max_iterations,
        ..LabelPropagationConfig::default()
    };
    // Superstep 1: b and d hear a seed, c hears none; 2: c hears red and blue once each and
    // takes red, the value met first; 3: nothing changes.
    let r = synchronous(&g, &cfg(1000), &JobControl::new()).unwrap();
    assert_eq!(r.names, ["red", "blue"]);
    assert_eq!(r.labels, [0, 0, 0, 1, 1]);
    assert_eq!((r.communities, r.iterations), (2, 3));
    // Stopped after superstep 1, c has no label yet.
    let r = synchronous(&g, &cfg(1), &JobControl::new()).unwrap();
    assert_eq!(r.labels, [0, 0, u32::MAX, 1, 1]);
    assert_eq!(r.iterations, 1);
    let err = synchronous(&seeded([""; 5]), &cfg(10), &JobControl::new()).unwrap_err();
    assert!(err.to_string().contains("0 of 5 have one"), "{err}");
}

#[test]
fn bad_seeds_name_the_parameter() {
    let err = |g: &Graph, initial: &str| {
        run_algo(
            g,
            NAME,
            json!({ "initial": initial }).as_object().unwrap(),
            &JobControl::new(),
        )
        .unwrap_err()
        .to_string()
    };
    assert_eq!(
        err(&seeded(["", "", "", "", ""]), "team"),
        "parameter [initial] is invalid! Some vertices, but not all, must have a value of [team]; 0 of 5 have one."
    );
    assert!(err(&seeded(["x"; 5]), "team").contains("5 of 5"));
    assert_eq!(
        err(&seeded(["x", "", "", "", ""]), "colour"),
        "parameter [initial] is invalid! No vertex label has a property [colour]."
    );
}
