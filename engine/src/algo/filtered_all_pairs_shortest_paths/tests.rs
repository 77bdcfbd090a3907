//! Pairs on the road network of [`crate::algo::path_filter::tests::network`], by hand.

use serde_json::{Value, json};

use super::*;
use crate::algo::AlgoError;
use crate::algo::path_filter::tests::{by_label, network, run_json};

/// `(source, target, paths)` groups and `paths_number` for these parameters, as ids.
fn pairs(params: Value) -> (Vec<(String, String, Vec<String>)>, u64) {
    let g = network();
    let out = run_json(&g, NAME, params).unwrap();
    let id = |v: u32| g.vertex_name(v).to_owned();
    let Rows::PathGroups {
        key: "batch_paths",
        groups,
    } = out.rows
    else {
        panic!("{:?}", out.rows)
    };
    let groups = groups
        .into_iter()
        .map(|gr| {
            let paths = gr
                .paths
                .iter()
                .map(|p| p.iter().map(|&v| id(v)).collect::<String>())
                .collect();
            (id(gr.source), id(gr.target), paths)
        })
        .collect();
    (groups, out.scalars["paths_number"].as_u64().unwrap())
}

fn group(s: &str, t: &str, paths: &[&str]) -> (String, String, Vec<String>) {
    (
        s.into(),
        t.into(),
        paths.iter().map(|p| p.to_string()).collect(),
    )
}

#[test]
fn every_pair_gets_its_shortest_paths() {
    // a -> e by rail in one hop; a -> d in two, by b or by c (the road and the rail c -> d are
    // one path); b -> e and b -> d directly.
    let base = json!({"sources": "a,b", "targets": "e,d", "directed": true});
    assert_eq!(
        pairs(base.clone()),
        (
            vec![
                group("a", "e", &["ae"]),
                group("a", "d", &["abd", "acd"]),
                group("b", "e", &["be"]),
                group("b", "d", &["bd"]),
            ],
            5
        )
    );
    // Roads only: a -> e takes two hops, by b or by x.
    let mut roads = base.clone();
    roads["edge_filter"] = by_label("=", json!("road"));
    assert_eq!(pairs(roads).0[0], group("a", "e", &["abe", "axe"]));
    // Cities with pop > 10: b (5) and the depot x (no pop) fail; b's pairs go, and a -> d only
    // passes c.
    let mut big = base.clone();
    big["vertex_filter"] = json!({"property_filter": {"leftvalue": {"property_name": "pop"},
                                  "predicate": ">", "rightvalue": {"value": 10}}});
    assert_eq!(
        pairs(big),
        (vec![group("a", "e", &["ae"]), group("a", "d", &["acd"])], 2)
    );
    // cutoff 1: a -> d is two hops away.
    let mut near = base.clone();
    near["cutoff"] = json!(1);
    assert_eq!(pairs(near).1, 3);
    // path_limit 2 stops inside the a -> d pair.
    let mut two = base;
    two["path_limit"] = json!(2);
    assert_eq!(
        pairs(two),
        (vec![group("a", "e", &["ae"]), group("a", "d", &["abd"])], 2)
    );
}

#[test]
fn direction_and_self_pairs() {
    // Undirected by default: e reaches a back.
    assert_eq!(
        pairs(json!({"sources": "e", "targets": "a"})).0,
        [group("e", "a", &["ea"])]
    );
    assert_eq!(
        pairs(json!({"sources": "e", "targets": "a", "directed": true})),
        (vec![], 0)
    );
    assert_eq!(pairs(json!({"sources": "a", "targets": "a"})), (vec![], 0));
}

#[test]
fn parameter_errors_cancellation_and_progress() {
    let g = network();
    let err = |p: Value| run_json(&g, NAME, p).unwrap_err().to_string();
    assert_eq!(
        err(json!({"targets": "a"})),
        "parameter [sources] is invalid! It is required."
    );
    assert_eq!(
        err(json!({"sources": "a", "targets": "q"})),
        "parameter [targets] is invalid! Vertex [q] does not exist."
    );
    assert!(
        err(json!({"sources": "a", "targets": "e", "cutoff": 101}))
            .starts_with("parameter [cutoff] is invalid!")
    );
    assert!(
        err(json!({"sources": "a", "targets": "e", "path_limit": 1_000_001}))
            .starts_with("parameter [path_limit] is invalid!")
    );
    assert!(
        err(json!({"sources": "a", "targets": "e", "edge_filter": {"x": 1}}))
            .starts_with("parameter [edge_filter] is invalid!")
    );
    let p = json!({"sources": "a,b,c", "targets": "e"});
    let ctl = JobControl::new();
    crate::algo::run(&g, NAME, p.as_object().unwrap(), &ctl).unwrap();
    assert_eq!(ctl.percent(), Some(100));
    ctl.cancel();
    assert_eq!(
        crate::algo::run(&g, NAME, p.as_object().unwrap(), &ctl),
        Err(AlgoError::Cancelled)
    );
}
