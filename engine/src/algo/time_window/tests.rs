//! Time windows on small graphs with hand-checked paths.

use serde_json::{Value, json};

use crate::algo::run as run_algo;
use crate::algo::{AlgoOutput, Rows};
use crate::graph::{Graph, GraphBuilder, ParallelEdge, Schema};
use crate::job::control::JobControl;

fn path(g: &Graph, algorithm: &str, params: Value) -> Result<Vec<String>, String> {
    let out: AlgoOutput = run_algo(
        g,
        algorithm,
        params.as_object().unwrap(),
        &JobControl::new(),
    )
    .map_err(|e| e.to_string())?;
    match out.rows {
        Rows::Vertices { ids, .. } => Ok(ids.iter().map(|&v| g.vertex_name(v).into()).collect()),
        other => panic!("{other:?}"),
    }
}

fn sp(g: &Graph, window: Value) -> Result<Vec<String>, String> {
    path(
        g,
        "shortest_path",
        json!({"source": "a", "target": "e", "directed": true, "timeWindow": window}),
    )
}

/// Roads with an opening date, a ferry without one, towns with a founding year:
/// `a -2019-> e` (one hop), `a -2020-01-01-> b -2020-06-01-> e`, `a ~ferry~> c -(no date)-> e`,
/// `a -2020-03-01-> d -2020-03-02-> e` where `d` was founded in 1990 (the others in 1800).
fn towns() -> Graph {
    let schema = Schema::from_xml(
        r#"<PMML><labels>
             <label name="town"><properties>
               <property name="founded" cardinality="single" dataType="long"/></properties></label>
             <label name="road"><properties>
               <property name="opened" cardinality="single" dataType="date"/></properties></label>
             <label name="ferry"/></labels></PMML>"#,
    )
    .unwrap();
    let mut b = GraphBuilder::new(schema);
    for (t, founded) in [
        ("a", "1800"),
        ("b", "1800"),
        ("c", "1800"),
        ("d", "1990"),
        ("e", "1800"),
    ] {
        b.add_vertex(t, "town", &[founded]).unwrap();
    }
    b.add_edge("a", "e", "road", &["2019-01-01"]).unwrap();
    b.add_edge("a", "b", "road", &["2020-01-01"]).unwrap();
    b.add_edge("b", "e", "road", &["2020-06-01 12:00:00"])
        .unwrap();
    b.add_edge("a", "c", "ferry", &[]).unwrap();
    b.add_edge("c", "e", "road", &[""]).unwrap();
    b.add_edge("a", "d", "road", &["2020-03-01"]).unwrap();
    b.add_edge("d", "e", "road", &["2020-03-02"]).unwrap();
    b.build(ParallelEdge::Allow)
}

#[test]
fn edges_outside_the_window_are_not_taken() {
    let g = towns();
    let no_window = path(
        &g,
        "shortest_path",
        json!({"source": "a", "target": "e", "directed": true}),
    );
    assert_eq!(no_window.unwrap(), ["a", "e"]);
    // 2020 only: the 2019 road and the undated road are out; a -> b -> e is the first found of
    // the two 2020 paths (lowest edge index).
    let in_2020 = json!({"filterName": "opened", "filterType": "E",
                         "startTime": "2020-01-01", "endTime": "2020-12-31 23:59:59"});
    assert_eq!(sp(&g, in_2020).unwrap(), ["a", "b", "e"]);
    // From March 2020: a -> b (January) is out, a -> d -> e remains.
    let from_march = json!({"filterName": "opened", "filterType": "E", "startTime": "2020-02-01"});
    assert_eq!(sp(&g, from_march).unwrap(), ["a", "d", "e"]);
    // Until 2019: only the old road.
    let until_2019 = json!({"filterName": "opened", "filterType": "E", "endTime": "2019-12-31"});
    assert_eq!(sp(&g, until_2019).unwrap(), ["a", "e"]);
    // Nothing opened after 2021: no path (empty, not an error).
    let none = json!({"filterName": "opened", "filterType": "E", "startTime": "2021-01-01"});
    assert_eq!(sp(&g, none).unwrap(), Vec::<String>::new());
}

#[test]
fn timestamps_in_seconds_and_milliseconds_mean_the_same_window() {
    let g = towns();
    // 2020-02-01 00:00:00 UTC.
    for start in [
        json!(1_580_515_200),
        json!("1580515200"),
        json!(1_580_515_200_000_u64),
    ] {
        let w = json!({"filterName": "opened", "filterType": "E", "startTime": start});
        assert_eq!(sp(&g, w).unwrap(), ["a", "d", "e"], "{start}");
    }
}

#[test]
fn vertices_outside_the_window_are_not_visited() {
    let g = towns();
    let run = |source: &str, target: &str, window: Value| {
        path(
            &g,
            "shortest_path",
            json!({"source": source, "target": target, "directed": true, "timeWindow": window}),
        )
        .unwrap()
    };
    let none: Vec<String> = Vec::new();
    // Towns founded by 1900: d (1990) is out, so no path ends at it or passes through it.
    let old_towns = json!({"filterName": "founded", "filterType": "V", "endTime": 1900});
    assert_eq!(run("a", "d", old_towns), none);
    // From 1900: only d is in, so neither a nor e can be an end.
    let young = json!({"filterName": "founded", "filterType": "V", "startTime": 1900});
    assert_eq!(run("d", "e", young), none);
    // BOTH with a property only towns have: the roads are not filtered, the towns are.
    let both = json!({"filterName": "founded", "startTime": 1700, "endTime": 1900});
    assert_eq!(run("a", "e", both), ["a", "e"]);
    let both = json!({"filterName": "founded", "startTime": 1850, "endTime": 2000});
    assert_eq!(run("a", "e", both), none, "a (1800) is outside");
}

#[test]
fn vertex_sets_take_the_window_and_may_omit_the_property() {
    let g = towns();
    let sets = |window: Value| {
        path(
            &g,
            "shortest_path_of_vertex_sets",
            json!({"sources": "a,c", "targets": "e", "directed": true, "timeWindow": window}),
        )
    };
    assert_eq!(
        sets(json!({"startTime": "2030-01-01"})).unwrap(),
        ["a", "e"]
    );
    let from_march = json!({"filterName": "opened", "filterType": "E", "startTime": "2020-02-01"});
    assert_eq!(sets(from_march).unwrap(), ["a", "d", "e"]);
}

#[test]
fn bad_windows_fail_naming_the_field() {
    let g = towns();
    let err = |window: Value| sp(&g, window).unwrap_err();
    assert_eq!(
        err(json!({"filterType": "E"})),
        "parameter [timeWindow.filterName] is invalid! It is required."
    );
    assert_eq!(
        err(json!("opened")),
        "parameter [timeWindow] is invalid! It must be an object with filterName, filterType, startTime and endTime."
    );
    assert_eq!(
        err(json!({"filterName": "opened", "filterType": "EDGE"})),
        "parameter [timeWindow.filterType] is invalid! It must be V, E or BOTH."
    );
    assert_eq!(
        err(json!({"filterName": "opened", "startTime": "yesterday"})),
        "parameter [timeWindow.startTime] is invalid! It must be a date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS) or a timestamp."
    );
    assert_eq!(
        err(json!({"filterName": "opened", "startTime": "2021-01-01", "endTime": "2020-01-01"})),
        "parameter [timeWindow.startTime] is invalid! It must not be after endTime."
    );
    assert_eq!(
        err(json!({"filterName": "nope"})),
        "parameter [timeWindow.filterName] is invalid! No vertex or edge label has a numeric or date property [nope]."
    );
    assert_eq!(
        err(json!({"filterName": "opened", "filterType": "V"})),
        "parameter [timeWindow.filterName] is invalid! No vertex label has a numeric or date property [opened]."
    );
    let with_weight = path(
        &g,
        "shortest_path",
        json!({"source": "a", "target": "e", "weight": "opened",
               "timeWindow": {"filterName": "opened"}}),
    );
    assert_eq!(
        with_weight.unwrap_err(),
        "parameter [timeWindow] is invalid! It cannot be combined with weight."
    );
}
