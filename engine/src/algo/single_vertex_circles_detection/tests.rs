//! Circles on a small graph, listed by hand.

use serde_json::{Value, json};

use super::*;
use crate::algo::run as run_algo;

/// ```text
/// 0 -> 1 -> 2 -> 0      1 -> 3 -> 2      2 -> 5 -> 0      0 <-> 4      1 -> 2 twice
/// ```
/// Circles through 0: [0,1,2] (3 edges); [0,1,2,5] and [0,1,3,2] (4); [0,1,3,2,5] (5). 0 <-> 4
/// is too short (2 edges); the parallel 1 -> 2 makes no extra circle.
fn graph() -> Graph {
    Graph::from_edges(
        6,
        &[
            (0, 1),
            (1, 2),
            (2, 0),
            (1, 3),
            (3, 2),
            (2, 5),
            (5, 0),
            (0, 4),
            (4, 0),
            (1, 2),
        ],
    )
}

fn circles(params: Value) -> (Vec<Vec<u32>>, Map<String, Value>) {
    let out = run_algo(
        &graph(),
        NAME,
        params.as_object().unwrap(),
        &JobControl::new(),
    )
    .unwrap();
    match out.rows {
        Rows::Paths {
            key: "circles",
            paths,
        } => (paths, out.scalars),
        other => panic!("{other:?}"),
    }
}

#[test]
fn shortest_first_within_the_bounds() {
    let (all, scalars) = circles(json!({"source": "0"}));
    assert_eq!(
        all,
        [
            vec![0, 1, 2],
            vec![0, 1, 2, 5],
            vec![0, 1, 3, 2],
            vec![0, 1, 3, 2, 5]
        ]
    );
    assert_eq!(scalars["circle_number"], 4);
    assert_eq!(scalars["source"], "0");
    assert_eq!(scalars["min_circle_length"], 3);
    assert_eq!(scalars["max_circle_length"], 10);
    assert_eq!(scalars["limit_circle_number"], 100);
    let (four, _) = circles(json!({"source": "0", "min_circle_length": 4, "max_circle_length": 4}));
    assert_eq!(four, [vec![0, 1, 2, 5], vec![0, 1, 3, 2]]);
    let (two, scalars) = circles(json!({"source": "0", "limit_circle_number": 2}));
    assert_eq!(two, [vec![0, 1, 2], vec![0, 1, 2, 5]]);
    assert_eq!(scalars["circle_number"], 2);
    // From 3: 3 -> 2 -> 0 -> 1 -> 3 and 3 -> 2 -> 5 -> 0 -> 1 -> 3.
    let (from3, _) = circles(json!({"source": "3"}));
    assert_eq!(from3, [vec![3, 2, 0, 1], vec![3, 2, 5, 0, 1]]);
    // 4 is only on the 2-edge circle.
    assert!(circles(json!({"source": "4"})).0.is_empty());
}

#[test]
fn parameter_errors() {
    let g = graph();
    let err = |p: Value| {
        run_algo(&g, NAME, p.as_object().unwrap(), &JobControl::new())
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err(json!({})),
        "parameter [source] is invalid! It is required."
    );
    assert_eq!(
        err(json!({"source": "9"})),
        "parameter [source] is invalid!"
    );
    assert!(
        err(json!({"source": "0", "min_circle_length": 2}))
            .starts_with("parameter [min_circle_length] is invalid!")
    );
    assert!(
        err(json!({"source": "0", "max_circle_length": 16}))
            .starts_with("parameter [max_circle_length] is invalid!")
    );
    assert_eq!(
        err(json!({"source": "0", "min_circle_length": 5, "max_circle_length": 4})),
        "parameter [max_circle_length] is invalid! It must not be below min_circle_length."
    );
    assert!(
        err(json!({"source": "0", "limit_circle_number": 0}))
            .starts_with("parameter [limit_circle_number] is invalid!")
    );
}

#[test]
fn cancellation_and_progress() {
    let g = graph();
    let p = json!({"source": "0"});
    let ctl = JobControl::new();
    run_algo(&g, NAME, p.as_object().unwrap(), &ctl).unwrap();
    assert_eq!(ctl.percent(), Some(100), "one step per length");
    ctl.cancel();
    assert_eq!(
        run_algo(&g, NAME, p.as_object().unwrap(), &ctl),
        Err(crate::algo::AlgoError::Cancelled)
    );
}
