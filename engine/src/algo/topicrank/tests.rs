//! TopicRank on graphs small enough to solve by hand.

use serde_json::{Value, json};

use super::*;
use crate::algo::path_filter::tests::{by_label, network, run_json};
use crate::algo::{AlgoError, run as run_algo};

/// The listed `(id, rank)` rows of a topicrank answer.
fn ranks(g: &Graph, params: Value) -> Vec<(String, f64)> {
    let out = run_json(g, NAME, params).unwrap();
    let name = |v: u32| g.vertex_name(v).to_owned();
    match out.rows {
        Rows::VertexMetric {
            values: MetricValues::F64(v),
            ..
        } => v
            .into_iter()
            .enumerate()
            .map(|(i, r)| (name(i as u32), r))
            .collect(),
        Rows::SomeVertices {
            ids,
            values: MetricValues::F64(v),
            ..
        } => ids.into_iter().map(name).zip(v).collect(),
        other => panic!("{other:?}"),
    }
}

fn close(got: &[(String, f64)], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((_, a), b) in got.iter().zip(want) {
        assert!((a - b).abs() < 1e-9, "{got:?} vs {want:?}");
    }
}

#[test]
fn weights_steer_the_jumps() {
    // 0 <-> 1, alpha 0.5, jumps to 0 with weight 3 and to 1 with weight 1: p = (3/4, 1/4).
    // r0 = 0.5 * 3/4 + 0.5 r1, r1 = 0.5 * 1/4 + 0.5 r0  =>  r0 = 7/12, r1 = 5/12.
    let g = Graph::from_edges(2, &[(0, 1), (1, 0)]);
    let p = json!({"sources": "0", "actived_p": 3, "alpha": 0.5, "convergence": 1e-14,
                   "max_iterations": 10_000});
    close(&ranks(&g, p), &[7.0 / 12.0, 5.0 / 12.0]);
    // Equal weights on a 3-cycle: PageRank, 1/3 each.
    let cycle = Graph::from_edges(3, &[(0, 1), (1, 2), (2, 0)]);
    close(&ranks(&cycle, json!({"sources": "1"})), &[1.0 / 3.0; 3]);
    // default_p 0 on 0 -> 1 -> 2 is PersonalRank from 0 (personalrank's hand-checked
    // 4/7, 2/7, 1/7 at alpha 0.5).
    let path = Graph::from_edges(3, &[(0, 1), (1, 2)]);
    let p = json!({"sources": "0", "default_p": 0, "alpha": 0.5, "convergence": 1e-14,
                   "max_iterations": 10_000});
    close(&ranks(&path, p), &[4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0]);
}

#[test]
fn neighbours_and_filter_narrow_the_listing() {
    let g = network();
    let listed = |p: Value| -> Vec<String> { ranks(&g, p).into_iter().map(|(id, _)| id).collect() };
    assert_eq!(listed(json!({"sources": "a"})).len(), 6);
    // a's out-neighbours: b, c, x, e (in vertex order); a itself is not one.
    assert_eq!(
        listed(json!({"sources": "a", "only_neighbors": true})),
        ["b", "c", "e", "x"]
    );
    // Cities only: the depot x goes.
    let cities = json!({"sources": "a", "only_neighbors": true, "filtered": true,
                        "vertex_filter": by_label("=", json!("city"))});
    assert_eq!(listed(cities), ["b", "c", "e"]);
    // Undirected, d's neighbours are b, c, e.
    let d = json!({"sources": "d", "only_neighbors": true, "directed": false});
    assert_eq!(listed(d), ["b", "c", "e"]);
}

#[test]
fn parameter_errors() {
    let g = network();
    let err = |p: Value| match run_json(&g, NAME, p) {
        Err(AlgoError::Param(m)) => m,
        other => panic!("{other:?}"),
    };
    assert!(err(json!({})).starts_with("parameter [sources] is invalid!"));
    assert!(err(json!({"sources": "zz"})).starts_with("parameter [sources] is invalid!"));
    assert!(
        err(json!({"sources": "a", "actived_p": 0, "default_p": 0}))
            .starts_with("parameter [actived_p] is invalid!")
    );
    assert!(err(json!({"sources": "a", "actived_p": 100_001})).contains("[0, 100000]"));
    assert_eq!(
        err(json!({"sources": "a", "filtered": true})),
        "parameter [vertex_filter] is invalid! filtered: true needs it."
    );
    assert!(
        err(json!({"sources": "a", "vertex_filter": by_label("=", json!("city"))}))
            .contains("only read with filtered: true")
    );
    // edge_filter is not one of its filters.
    assert!(
        err(json!({"sources": "a", "edge_filter": by_label("=", json!("road"))}))
            .starts_with("parameter [edge_filter] is invalid!")
    );
}

#[test]
fn cancellation_and_progress() {
    let g = network();
    let p = json!({"sources": "a,b"});
    let ctl = JobControl::new();
    run_algo(&g, NAME, p.as_object().unwrap(), &ctl).unwrap();
    assert!(ctl.percent().is_some(), "one step per iteration");
    ctl.cancel();
    assert_eq!(
        run_algo(&g, NAME, p.as_object().unwrap(), &ctl),
        Err(AlgoError::Cancelled)
    );
}
