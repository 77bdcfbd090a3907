//! Filtered queries over the vertex query tests' graph, answers checked by hand. The graph:
//! users ann (Age 25), bob (9), cyd (31); movies m1, m2; `rate` edges ann→m1 (Score 5),
//! bob→m1 (2), cyd→m2 (4), ann→m2 (3).

use serde_json::{Value, json};

use super::*;
use crate::query::tests::graph;

fn cond(left: Value, predicate: &str, value: Value) -> Value {
    json!({"property_filter": {"leftvalue": left, "predicate": predicate,
                               "rightvalue": {"value": value}}})
}

/// Out along rate edges scoring at least 4, then back in to the users who rated.
fn two_hops(query_type: &str, user_filter: Option<Value>) -> Value {
    json!({"vertices": ["ann"], "query_type": query_type, "filters": [
        {"operator": "out", "edge_filter": cond(json!({"property_name": "Score"}), ">=", json!(4))},
        {"operator": "in", "vertex_filter": user_filter},
    ]})
}

fn ask(body: Value) -> (Vec<Value>, Map<String, Value>) {
    let spec = FilteredQuerySpec::parse(&body).unwrap();
    run(&graph(), &spec, &JobControl::new()).unwrap().unwrap()
}

fn ids(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["id"].as_str().unwrap()).collect()
}

#[test]
fn each_hop_follows_only_what_its_filters_keep() {
    // Unfiltered: ann → {m1, m2} → everyone who rated them.
    let all = json!({"vertices": ["ann"], "filters": [{"operator": "out"}, {"operator": "in"}]});
    assert_eq!(ids(&ask(all).0), ["ann", "bob", "cyd"]);
    // Score ≥ 4 keeps ann→m1 only (ann→m2 scores 3): m1's raters are ann and bob.
    let (rows, scalars) = ask(two_hops("Default", None));
    assert_eq!(ids(&rows), ["ann", "bob"]);
    assert_eq!(scalars["matched"], 2);
    // … of whom only ann is older than 20; rows have the vertex query's shape.
    let older = cond(json!({"property_name": "Age"}), ">", json!(20));
    let (rows, _) = ask(two_hops("Default", Some(older)));
    assert_eq!(
        rows,
        [json!({"id": "ann", "label": "user",
                "properties": {"Name": ["Ann"], "Age": ["25"], "Tags": ["a", "b"]}})]
    );
    // `both` from m2 reaches its raters whichever way the edges point.
    let both = json!({"vertices": ["m2"], "filters": [{"operator": "both"}]});
    assert_eq!(ids(&ask(both).0), ["ann", "cyd"]);
}

#[test]
fn query_types_return_vertices_met_edges_taken_or_walks() {
    let (rows, _) = ask(two_hops("AllVertices", None));
    assert_eq!(ids(&rows), ["ann", "bob", "m1"]);
    // ann→m1 is taken twice (out, then back in) and comes back once.
    let (rows, _) = ask(two_hops("SimpleEdges", None));
    let edges: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["source"].as_str().unwrap(), r["target"].as_str().unwrap()))
        .collect();
    assert_eq!(edges, [("ann", "m1"), ("bob", "m1")]);
    assert_eq!(rows[0]["properties"]["Score"], json!(["5"]));
    let (rows, scalars) = ask(two_hops("Path", None));
    assert_eq!(
        rows,
        [json!(["ann", "m1", "ann"]), json!(["ann", "m1", "bob"])]
    );
    assert_eq!(scalars["truncated"], false);
}

#[test]
fn bad_bodies_are_refused_naming_the_field() {
    let refused = |body: Value, field: &str| {
        let e = FilteredQuerySpec::parse(&body).unwrap_err().to_string();
        assert!(e.contains(field), "{e} should name {field}");
    };
    let hop = json!([{"operator": "out"}]);
    refused(json!({"filters": hop}), "[vertices]");
    refused(json!({"vertices": [], "filters": hop}), "[vertices]");
    refused(json!({"vertices": [1], "filters": hop}), "[vertices]");
    refused(json!({"vertices": ["ann"]}), "[filters]");
    refused(json!({"vertices": ["ann"], "filters": []}), "[filters]");
    refused(
        json!({"vertices": ["ann"], "filters": [{"operator": "outV"}]}),
        "filters[0].operator",
    );
    refused(
        json!({"vertices": ["ann"], "filters": [{}]}),
        "filters[0].operator",
    );
    refused(
        json!({"vertices": ["ann"], "filters": [{"operator": "out", "limit": 3}]}),
        "filters[0].limit",
    );
    refused(
        json!({"vertices": ["ann"], "filters": [{"operator": "out", "vertex_filter": {"x": 1}}]}),
        "filters[0]",
    );
    refused(
        json!({"vertices": ["ann"], "filters": hop, "query_type": "Every"}),
        "[query_type]",
    );
    refused(
        json!({"vertices": ["ann"], "filters": hop, "by": ["id"]}),
        "[by]",
    );
}

#[test]
fn an_unknown_vertex_or_property_fails_the_query_and_a_cancel_stops_it() {
    let g = graph();
    let ctl = JobControl::new();
    let spec = |body: Value| FilteredQuerySpec::parse(&body).unwrap();
    let e = run(
        &g,
        &spec(json!({"vertices": ["zed"], "filters": [{"operator": "out"}]})),
        &ctl,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("vertex [zed] does not exist"), "{e}");
    let no_such = cond(json!({"property_name": "Nope"}), "=", json!(1));
    let e = run(&g, &spec(two_hops("Default", Some(no_such))), &ctl)
        .unwrap_err()
        .to_string();
    assert!(e.contains("Nope") && e.contains("filters[1]"), "{e}");
    ctl.cancel();
    assert_eq!(
        run(&g, &spec(two_hops("Default", None)), &ctl).unwrap(),
        None
    );
}
