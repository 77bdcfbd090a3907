//! Queries over a small imported graph, answers checked by hand.

use serde_json::{Value, json};

use super::*;
use crate::graph::{Graph, ImportOptions, import};
use crate::job::control::JobControl;

const SCHEMA: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<PMML version="3.0"><labels>
  <label name="user"><properties>
    <property name="Name" cardinality="single" dataType="string"/>
    <property name="Age" cardinality="single" dataType="int"/>
    <property name="Tags" cardinality="set" dataType="string"/>
  </properties></label>
  <label name="movie"><properties>
    <property name="Title" cardinality="single" dataType="string"/>
    <property name="Year" cardinality="single" dataType="long"/>
  </properties></label>
  <label name="rate"><properties>
    <property name="Score" cardinality="single" dataType="int"/>
  </properties></label>
</labels></PMML>"#;

const VERTICES: &str = "\
ann,user,Ann,25,a;b
bob,user,Bob,9,b
cyd,user,Cyd,31,
m1,movie,Heat,1995
m2,movie,Up,2009
";

const EDGES: &str = "\
ann,m1,rate,5
bob,m1,rate,2
cyd,m2,rate,4
ann,m2,rate,3
";

pub(super) fn graph() -> Graph {
    let dir = tempfile::tempdir().unwrap();
    let w = |n: &str, t: &str| {
        let p = dir.path().join(n);
        std::fs::write(&p, t).unwrap();
        p
    };
    let opts = ImportOptions {
        schema_paths: vec![w("s.xml", SCHEMA)],
        vertex_paths: vec![w("v.csv", VERTICES)],
        edge_paths: vec![w("e.csv", EDGES)],
        ..Default::default()
    };
    import(None, &opts, &JobControl::new()).unwrap().0
}

fn ask(target: QueryTarget, body: Value) -> (Vec<Value>, u64) {
    let spec = QuerySpec::parse(target, &body).unwrap();
    run(&graph(), &spec, &JobControl::new()).unwrap().unwrap()
}

fn ids(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["id"].as_str().unwrap()).collect()
}

#[test]
fn labels_filters_and_sorts_on_vertices() {
    let (rows, total) = ask(
        QueryTarget::Vertices,
        json!({"labels": ["user"], "limit": 100}),
    );
    assert_eq!((ids(&rows), total), (vec!["ann", "bob", "cyd"], 3));
    assert_eq!(rows[0]["properties"]["Age"], json!(["25"]));
    assert_eq!(rows[0]["label"], "user");

    // Numeric comparison: 9 < 25 although "9" > "25" as text.
    let (rows, _) = ask(
        QueryTarget::Vertices,
        json!({"vertexFilters": [{"propertyName": "Age", "predicate": "<", "values": [26]}],
               "sorts": [{"key": "Age", "orderValue": "decr"}]}),
    );
    assert_eq!(ids(&rows), ["ann", "bob"]);
    let (rows, _) = ask(
        QueryTarget::Vertices,
        json!({"vertexFilters": [{"propertyName": "Age", "predicate": "range", "values": ["9", "25"]}]}),
    );
    assert_eq!(ids(&rows), ["ann", "bob"]);
    // and / or fold left to right.
    let (rows, _) = ask(
        QueryTarget::Vertices,
        json!({"vertexFilters": [
            {"propertyName": "Age", "predicate": ">", "values": [30]},
            {"propertyName": "Year", "predicate": "=", "values": [2009], "type": "or"}]}),
    );
    assert_eq!(ids(&rows), ["cyd", "m2"]);
    let (rows, _) = ask(
        QueryTarget::Vertices,
        json!({"labels": ["user"], "vertexFilters": [
            {"propertyName": "Age", "predicate": ">=", "values": [9]},
            {"propertyName": "Name", "predicate": "=", "values": ["Bob"]}]}),
    );
    assert_eq!(ids(&rows), ["bob"]);
    // has / hasNot on a set property; hasNot also keeps those without it.
    let (rows, _) = ask(
        QueryTarget::Vertices,
        json!({"vertexFilters": [{"propertyName": "Tags", "predicate": "has", "values": ["b"]}]}),
    );
    assert_eq!(ids(&rows), ["ann", "bob"]);
    let (rows, _) = ask(
        QueryTarget::Vertices,
        json!({"labels": ["user"],
               "vertexFilters": [{"propertyName": "Tags", "predicate": "hasNot", "values": ["a"]}]}),
    );
    assert_eq!(ids(&rows), ["bob", "cyd"]);
    // Sort by label then id descending; offset/limit slice the sorted answer.
    let (rows, total) = ask(
        QueryTarget::Vertices,
        json!({"labels": ["user", "movie"], "offset": 1, "limit": 3,
               "sorts": [{"key": "label"}, {"key": "id", "orderValue": "decr"}]}),
    );
    assert_eq!((ids(&rows), total), (vec!["m1", "cyd", "bob"], 5));
}

#[test]
fn edges_are_filtered_and_sorted_by_property() {
    let (rows, total) = ask(
        QueryTarget::Edges,
        json!({"edgeFilters": [{"propertyName": "Score", "predicate": ">=", "values": ["3"]}],
               "sorts": [{"propertyName": "Score", "orderValue": "decr"}], "limit": "10"}),
    );
    let pairs: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["source"].as_str().unwrap(), r["target"].as_str().unwrap()))
        .collect();
    assert_eq!(pairs, [("ann", "m1"), ("cyd", "m2"), ("ann", "m2")]);
    assert_eq!(total, 3);
    assert_eq!(rows[0]["label"], "rate");
    assert_eq!(rows[0]["properties"]["Score"], json!(["5"]));
}

#[test]
fn comparisons_on_a_set_property_are_refused() {
    let spec = QuerySpec::parse(
        QueryTarget::Vertices,
        &json!({"vertexFilters": [{"propertyName": "Tags", "predicate": "=", "values": ["a"]}]}),
    )
    .unwrap();
    let err = run(&graph(), &spec, &JobControl::new()).unwrap_err();
    assert!(err.to_string().contains("Tags"), "{err}");
}

#[test]
fn a_cancelled_query_stops() {
    let spec = QuerySpec::parse(QueryTarget::Vertices, &json!({"labels": ["user"]})).unwrap();
    let ctl = JobControl::new();
    ctl.cancel();
    assert!(run(&graph(), &spec, &ctl).unwrap().is_none());
}
