use super::*;
use crate::algo::Rows;
use crate::algo::run as run_algo;
use serde_json::json;

fn asp(g: &Graph, s: u32, t: u32, dir: Direction, cap: usize) -> ShortestPaths {
    all_shortest_paths_between(g, &[s], &[t], dir, cap, &JobControl::new()).unwrap()
}

/// Two diamonds in a row: 0 -> {1, 2} -> 3 -> {4, 5} -> 6, plus a parallel edge 0 -> 1.
fn diamonds() -> Graph {
    Graph::from_edges(
        7,
        &[
            (0, 1),
            (0, 1),
            (0, 2),
            (1, 3),
            (2, 3),
            (3, 4),
            (3, 5),
            (4, 6),
            (5, 6),
        ],
    )
}

#[test]
fn counts_multiply_and_parallel_edges_count_once() {
    let g = diamonds();
    let r = asp(&g, 0, 6, Direction::Out, 100);
    assert_eq!(r.count, 4);
    assert_eq!(
        r.paths,
        [
            vec![0, 1, 3, 4, 6],
            vec![0, 1, 3, 5, 6],
            vec![0, 2, 3, 4, 6],
            vec![0, 2, 3, 5, 6]
        ]
    );
    let capped = asp(&g, 0, 6, Direction::Out, 3);
    assert_eq!((capped.count, capped.paths.len()), (4, 3));
    assert!(asp(&g, 6, 0, Direction::Out, 10).paths.is_empty());
    assert_eq!(asp(&g, 6, 0, Direction::All, 10).count, 4);
    assert_eq!(asp(&g, 6, 0, Direction::In, 10).paths[0], [6, 4, 3, 1, 0]);
}

#[test]
fn sets_take_the_closest_pairs_only() {
    let g = diamonds();
    let r =
        all_shortest_paths_between(&g, &[0, 3], &[6, 4], Direction::Out, 10, &JobControl::new())
            .unwrap();
    assert_eq!(r.paths, [vec![3, 4]]);
    let shared =
        all_shortest_paths_between(&g, &[2, 5], &[5, 2], Direction::Out, 10, &JobControl::new())
            .unwrap();
    assert_eq!((shared.paths, shared.count), (vec![vec![2], vec![5]], 2));
}

#[test]
fn long_paths_do_not_recurse() {
    let n = 50_000u32;
    let edges: Vec<_> = (0..n - 1).map(|i| (i, i + 1)).collect();
    let g = Graph::from_edges(n as usize, &edges);
    let r = asp(&g, 0, n - 1, Direction::Out, 10);
    assert_eq!((r.count, r.paths[0].len()), (1, n as usize));
}

#[test]
fn catalogue_output() {
    let g = diamonds();
    let out = run_algo(
        &g,
        NAME,
        json!({"source": "0", "target": "3"}).as_object().unwrap(),
        &JobControl::new(),
    )
    .unwrap();
    assert_eq!(out.scalars["paths_number"], 2);
    assert_eq!(
        out.rows,
        Rows::Paths {
            key: "paths",
            paths: vec![vec![0, 1, 3], vec![0, 2, 3]]
        }
    );
}
