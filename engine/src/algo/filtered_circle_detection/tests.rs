//! Circles on a small transfer network, listed by hand.

use serde_json::json;

use super::*;
use crate::algo::path_filter::tests::run_json;
use crate::algo::{AlgoError, AlgoOutput};
use crate::graph::{GraphBuilder, ParallelEdge, Schema};

/// Accounts A–D (`acct`, `risk` int: A 9, B 1, C 7, D 3) and a shop S, indices 0–4:
///
/// ```text
/// A =transfer=> B -transfer-> C -transfer-> A     (A -> B twice)
///               C -transfer-> D -transfer-> A
///               B -pay-> S -pay-> C
/// ```
fn bank() -> Graph {
    let schema = Schema::from_xml(
        r#"<PMML><labels>
             <label name="acct"><properties>
               <property name="risk" cardinality="single" dataType="int"/></properties></label>
             <label name="shop"/><label name="transfer"/><label name="pay"/>
           </labels></PMML>"#,
    )
    .unwrap();
    let mut b = GraphBuilder::new(schema);
    for (id, risk) in [("A", "9"), ("B", "1"), ("C", "7"), ("D", "3")] {
        b.add_vertex(id, "acct", &[risk]).unwrap();
    }
    b.add_vertex("S", "shop", &[]).unwrap();
    for (s, t, label) in [
        ("A", "B", "transfer"),
        ("A", "B", "transfer"),
        ("B", "C", "transfer"),
        ("C", "A", "transfer"),
        ("C", "D", "transfer"),
        ("D", "A", "transfer"),
        ("B", "S", "pay"),
        ("S", "C", "pay"),
    ] {
        b.add_edge(s, t, label, &[]).unwrap();
    }
    b.build(ParallelEdge::Allow)
}

fn label(name: &str) -> Value {
    json!({"property_filter": {"leftvalue": {"label_name": "labelName"}, "predicate": "=",
                               "rightvalue": {"value": name}}})
}

/// `n` hops along `operator` transfers, after the start layer.
fn transfers(operator: &str, times: u32) -> Value {
    json!([{}, {"operator": operator, "edge_filter": label("transfer"), "times": times}])
}

fn detect(params: Value) -> crate::algo::Result<AlgoOutput> {
    run_json(&bank(), NAME, params)
}

/// The circles as rendered JSON.
fn rendered(params: Value) -> Vec<Value> {
    let g = bank();
    let out = run_json(&g, NAME, params).unwrap();
    let mut rows = Vec::new();
    out.rows
        .render(&g, |r| -> std::result::Result<(), ()> {
            rows.push(r);
            Ok(())
        })
        .unwrap();
    rows
}

#[test]
fn three_transfer_circles_from_every_start() {
    // A -> B -> C -> A from A (twice: two A -> B edges), from B and from C (each twice).
    let all = rendered(json!({"filters": transfers("out", 3), "output_format": "edgeId"}));
    assert_eq!(
        all,
        [
            json!(["A-B-0", "B-C-0", "C-A-0"]),
            json!(["A-B-1", "B-C-0", "C-A-0"]),
            json!(["B-C-0", "C-A-0", "A-B-0"]),
            json!(["B-C-0", "C-A-0", "A-B-1"]),
            json!(["C-A-0", "A-B-0", "B-C-0"]),
            json!(["C-A-0", "A-B-1", "B-C-0"]),
        ]
    );
    // vertexId: parallel edges make one circle per start.
    let ids = rendered(json!({"filters": transfers("out", 3), "output_format": "vertexId"}));
    assert_eq!(
        ids,
        [
            json!(["A", "B", "C"]),
            json!(["B", "C", "A"]),
            json!(["C", "A", "B"])
        ]
    );
    // edgeObject is the default; index is a string.
    let first = &rendered(json!({"filters": transfers("out", 3), "sources": "A"}))[1];
    assert_eq!(
        first[0],
        json!({"source": "A", "target": "B", "index": "1"})
    );
}

#[test]
fn layers_set_length_direction_and_conditions() {
    // Four transfers: A -> B -> C -> D -> A (twice).
    let four = rendered(json!({"filters": transfers("out", 4), "sources": "A",
                               "output_format": "vertexId"}));
    assert_eq!(four, [json!(["A", "B", "C", "D"])]);
    // Walking transfers backwards from A: A <- C <- B <- A; edges as stored.
    let back = rendered(json!({"filters": transfers("in", 3), "sources": "A",
                               "output_format": "edgeId"}));
    assert_eq!(back[0], json!(["C-A-0", "B-C-0", "A-B-0"]));
    assert_eq!(back.len(), 2);
    // A transfer, two payments, a transfer: A -> B -> S -> C -> A, only from A.
    let mixed = json!([{}, {"edge_filter": label("transfer")},
                       {"edge_filter": label("pay"), "times": 2},
                       {"edge_filter": label("transfer")}]);
    let got = rendered(json!({"filters": mixed, "output_format": "vertexId"}));
    assert_eq!(got, [json!(["A", "B", "S", "C"])]);
    // The first layer filters the start: risk > 5 keeps A and C.
    let risky = json!([{"vertex_filter": {"property_filter": {
                            "leftvalue": {"property_name": "risk"}, "predicate": ">",
                            "rightvalue": {"value": 5}}}},
                        {"edge_filter": label("transfer"), "times": 3}]);
    let got = rendered(json!({"filters": risky, "output_format": "vertexId"}));
    assert_eq!(got, [json!(["A", "B", "C"]), json!(["C", "A", "B"])]);
}

#[test]
fn n_limits_the_listing_and_statistics_counts_all() {
    let out = detect(json!({"filters": transfers("out", 3), "n": 1})).unwrap();
    assert_eq!(out.rows.len(), 1);
    assert_eq!(out.scalars["n"], 1);
    assert!(out.scalars.get("circle_number").is_none());
    let out = detect(
        json!({"filters": transfers("out", 3), "n": 1, "statistics": true, "batch_number": 2}),
    )
    .unwrap();
    assert_eq!(out.rows.len(), 1);
    assert_eq!(out.scalars["circle_number"], 6);
}

#[test]
fn parameter_errors_cancellation_and_progress() {
    let err = |p: Value| detect(p).unwrap_err().to_string();
    assert_eq!(
        err(json!({})),
        "parameter [filters] is invalid! It is required."
    );
    assert!(err(json!({"filters": transfers("out", 2)})).contains("4 to 11 layers"));
    assert!(err(json!({"filters": [{}, {"times": 10}, {"times": 1}]})).contains("not 12"));
    assert!(
        err(json!({"filters": [{"edge_filter": label("pay")}, {"times": 3}]}))
            .starts_with("parameter [filters[0]] is invalid!")
    );
    assert_eq!(
        err(json!({"filters": [{}, {"operator": "up", "times": 3}]})),
        "parameter [filters[1].operator] is invalid! It must be out, in or both."
    );
    assert!(
        err(json!({"filters": [{}, {"times": 11}]})).starts_with("parameter [filters[1].times]")
    );
    assert!(
        err(json!({"filters": [{}, {"times": 3, "edge_filter": {"x": 1}}]}))
            .starts_with("parameter [filters[1].edge_filter] is invalid!")
    );
    assert!(err(json!({"filters": transfers("out", 3), "n": 0})).starts_with("parameter [n]"));
    assert!(
        err(json!({"filters": transfers("out", 3), "output_format": "json"}))
            .starts_with("parameter [output_format]")
    );
    assert_eq!(
        err(json!({"filters": transfers("out", 3), "sources": "Q"})),
        "parameter [sources] is invalid! Vertex [Q] does not exist."
    );
    let g = bank();
    let p = json!({"filters": transfers("out", 3)});
    let ctl = JobControl::new();
    crate::algo::run(&g, NAME, p.as_object().unwrap(), &ctl).unwrap();
    assert_eq!(ctl.percent(), Some(100));
    ctl.cancel();
    assert_eq!(
        crate::algo::run(&g, NAME, p.as_object().unwrap(), &ctl),
        Err(AlgoError::Cancelled)
    );
}
