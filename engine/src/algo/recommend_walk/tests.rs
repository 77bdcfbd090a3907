//! The recommendation walks on graphs whose visit shares can be worked out by hand.

use serde_json::{Value, json};

use super::*;
use crate::algo::path_filter::tests::{network, run_json};
use crate::algo::{pixie, realtime_recommendation};

/// `(id, score)` rows of `algorithm` on `g`.
fn scores(g: &Graph, algorithm: &str, params: Value) -> Vec<(String, f64)> {
    let out = run_json(g, algorithm, params).unwrap();
    match out.rows {
        Rows::SomeVertices {
            ids,
            values: MetricValues::F64(v),
            ..
        } => ids
            .into_iter()
            .map(|i| g.vertex_name(i).to_owned())
            .zip(v)
            .collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_star_shares_the_steps_as_the_chain_predicts() {
    // 0 -> 1, 2, 3; leaves have no out-edge, so from a leaf the walk restarts at 0. At 0 a step
    // moves to a leaf with probability alpha, else stays: P(0) = 1 / (1 + alpha), each leaf
    // alpha / (3 (1 + alpha)); alpha 0.5 gives 1/9 per leaf.
    let g = Graph::from_edges(4, &[(0, 1), (0, 2), (0, 3)]);
    let p = json!({"sources": "0", "alpha": 0.5, "N": 200_000});
    let got = scores(&g, realtime_recommendation::NAME, p.clone());
    assert_eq!(got.len(), 3, "the source is never recommended: {got:?}");
    for (_, s) in &got {
        assert!((s - 1.0 / 9.0).abs() < 0.005, "{got:?}");
    }
    assert!(got.windows(2).all(|w| w[0].1 >= w[1].1), "best first");
    // The same on every run.
    assert_eq!(got, scores(&g, realtime_recommendation::NAME, p));
}

#[test]
fn direction_reach_label_and_early_stop() {
    let g = network();
    let ids = |algorithm: &str, p: Value| -> Vec<String> {
        let mut v: Vec<String> = scores(&g, algorithm, p).into_iter().map(|r| r.0).collect();
        v.sort();
        v
    };
    // From d, directed: only e is reachable (and e has no out-edge).
    assert_eq!(ids(pixie::NAME, json!({"sources": "d"})), ["e"]);
    // Undirected, everything is reachable from d.
    let all = json!({"sources": "d", "directed": false, "N": 50_000});
    assert_eq!(ids(pixie::NAME, all), ["a", "b", "c", "e", "x"]);
    // label keeps the depot.
    let depot = json!({"sources": "a", "label": "depot"});
    assert_eq!(ids(realtime_recommendation::NAME, depot), ["x"]);
    // nv 1, np 1: the walk ends at its first visit.
    let first = json!({"sources": "a", "nv": 1, "np": 1});
    let got = scores(&g, realtime_recommendation::NAME, first);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1, 1.0 / 10_000.0);
}

#[test]
fn pixie_boosts_vertices_many_sources_reach() {
    // Equal totals: reached 4 + 4 times from two sources beats 8 times from one.
    assert_eq!(pixie::score(&[4, 4], 0), 16.0);
    assert!((pixie::score(&[8, 0], 0) - 8.0).abs() < 1e-12);
    assert_eq!(realtime_recommendation::score(&[4, 4], 16), 0.5);
    // s1 -> m, s2 -> m, s1 -> only1: m is reached from both sources, so it leads.
    let g = Graph::from_edges(4, &[(0, 2), (1, 2), (0, 3)]);
    let got = scores(&g, pixie::NAME, json!({"sources": "0,1"}));
    assert_eq!(got[0].0, "2", "{got:?}");
}

#[test]
fn sources_limit_restricted_and_errors() {
    let g = network();
    let run = |p: Value| run_json(&g, realtime_recommendation::NAME, p);
    let err = |p: Value| run(p).unwrap_err().to_string();
    assert!(err(json!({"sources": "a,b", "source_limit": 1})).contains("at most 1 vertex ids"));
    assert_eq!(
        err(json!({"sources": "a,zz"})),
        "parameter [sources] is invalid! Vertex [zz] does not exist."
    );
    let loose = run(json!({"sources": "a,zz", "restricted": false})).unwrap();
    assert_eq!(loose.scalars["sources"], json!(["a"]));
    assert_eq!(
        err(json!({"sources": "zz", "restricted": false})),
        "parameter [sources] is invalid! None of its vertices exists."
    );
    assert_eq!(
        err(json!({"sources": "a", "label": "town"})),
        "parameter [label] is invalid! No vertex label [town]."
    );
    assert!(err(json!({"sources": "a", "N": 0})).starts_with("parameter [N] is invalid!"));
    assert!(err(json!({"sources": "a", "nv": 11})).starts_with("parameter [nv] is invalid!"));
    assert!(err(json!({"sources": "a", "alpha": 1})).starts_with("parameter [alpha] is invalid!"));
}

#[test]
fn cancellation_and_progress() {
    let g = network();
    let p = json!({"sources": "a", "N": 20_000});
    let ctl = JobControl::new();
    crate::algo::run(&g, pixie::NAME, p.as_object().unwrap(), &ctl).unwrap();
    assert_eq!(ctl.percent(), Some(100));
    ctl.cancel();
    assert_eq!(
        crate::algo::run(&g, pixie::NAME, p.as_object().unwrap(), &ctl),
        Err(AlgoError::Cancelled)
    );
}
