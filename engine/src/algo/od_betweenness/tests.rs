//! OD betweenness on a diamond, by hand.

use serde_json::json;

use super::*;
use crate::algo::run as run_algo;

/// 0 -> 1 -> 3 and 0 -> 2 -> 3; out-edges in CSR order: k0 0->1, k1 0->2, k2 1->3, k3 2->3.
/// Weights 1, 1, 1, 5 make 0 -> 1 -> 3 the one weighted shortest path.
fn diamond() -> Graph {
    Graph::from_weighted_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (1, 3, 1.0), (2, 3, 5.0)])
}

fn od(params: Value) -> Result<Vec<f64>> {
    let g = diamond();
    let out = run_algo(&g, NAME, params.as_object().unwrap(), &JobControl::new())?;
    match out.rows {
        Rows::EdgeMetric {
            key: "betweenness",
            metric: "betweenness",
            values,
        } => Ok(values),
        other => panic!("{other:?}"),
    }
}

#[test]
fn pairs_split_over_their_shortest_paths() {
    // 0 ~> 3 has two shortest paths: half a trip on each edge.
    assert_eq!(od(json!({"OD_pairs": "0,3"})).unwrap(), [0.5; 4]);
    // Plus 0 -> 1 once, written with the two characters \n as the samples do; OD is the
    // 2.2.4 spelling.
    assert_eq!(
        od(json!({"OD": "0,3\\n0,1"})).unwrap(),
        [1.5, 0.5, 0.5, 0.5]
    );
    assert_eq!(
        od(json!({"OD_pairs": [["0", "3"], "0,1", [0, 0]]})).unwrap(),
        [1.5, 0.5, 0.5, 0.5],
        "arrays work, and a vertex to itself is no trip"
    );
    // Weighted: only 0 -> 1 -> 3 is shortest (2 < 6).
    assert_eq!(
        od(json!({"OD_pairs": "0,3", "weight": "weight"})).unwrap(),
        [1.0, 0.0, 1.0, 0.0]
    );
    // Backwards: nothing when directed, half on each edge when not.
    assert_eq!(od(json!({"OD_pairs": "3,0"})).unwrap(), [0.0; 4]);
    assert_eq!(
        od(json!({"OD_pairs": "3,0", "directed": false})).unwrap(),
        [0.5; 4]
    );
    // OD_pairs wins over seeds.
    assert_eq!(
        od(json!({"OD_pairs": "0,3", "seeds": "1"})).unwrap(),
        [0.5; 4]
    );
}

#[test]
fn seeds_spread_their_attendees() {
    // IN: 6 trips leave 0 for 1, 2 and 3 (2 each). 0 -> 1 and 0 -> 2 carry 2 each, and each
    // half of 0 ~> 3 adds 1 to its two edges.
    assert_eq!(
        od(json!({"seeds": "0", "modes": "IN", "attendees": "6"})).unwrap(),
        [3.0, 3.0, 1.0, 1.0]
    );
    // OUT: 6 trips reach 3 from 0, 1 and 2 (2 each); capacity is the 2.2.4 spelling.
    assert_eq!(
        od(json!({"seeds": "3", "modes": "out", "capacity": 6})).unwrap(),
        [1.0, 1.0, 3.0, 3.0]
    );
    // Two seeds, one value each; the default is IN with 1 attendee.
    let both = od(json!({"seeds": "0,3", "modes": "IN,OUT", "attendees": "6,6"})).unwrap();
    assert_eq!(both, [4.0, 4.0, 4.0, 4.0]);
    assert_eq!(
        od(json!({"seeds": "1"})).unwrap(),
        [0.0, 0.0, 1.0, 0.0],
        "1 reaches only 3"
    );
}

#[test]
fn parameter_errors() {
    let err = |p: Value| od(p).unwrap_err().to_string();
    assert_eq!(
        err(json!({})),
        "parameter [OD_pairs] is invalid! Give OD_pairs, or seeds."
    );
    assert_eq!(
        err(json!({"OD_pairs": "0;3"})),
        "parameter [OD_pairs] is invalid! [0;3] is not \"origin,destination\"."
    );
    assert_eq!(
        err(json!({"OD_pairs": "0,9"})),
        "parameter [OD_pairs] is invalid! Vertex [9] does not exist."
    );
    assert_eq!(
        err(json!({"seeds": "0", "modes": "UP"})),
        "parameter [modes] is invalid! [UP] is not IN or OUT."
    );
    assert!(err(json!({"seeds": "0", "attendees": "0"})).contains("[1, 1000000]"));
    assert!(
        err(json!({"seeds": "0,1,2", "attendees": "1,2"}))
            .contains("one value, or one per seed (3)")
    );
    let many: Vec<String> = (0..31).map(|i| i.to_string()).collect();
    assert!(err(json!({"seeds": many.join(",")})).contains("at most 30"));
    assert!(err(json!({"OD_pairs": "0,3", "weight": "km"})).starts_with("parameter [weight]"));
}

#[test]
fn cancellation_and_progress() {
    let g = diamond();
    let p = json!({"OD_pairs": "0,3\n1,3"});
    let ctl = JobControl::new();
    run_algo(&g, NAME, p.as_object().unwrap(), &ctl).unwrap();
    assert_eq!(ctl.percent(), Some(100));
    ctl.cancel();
    assert_eq!(
        run_algo(&g, NAME, p.as_object().unwrap(), &ctl),
        Err(AlgoError::Cancelled)
    );
}
