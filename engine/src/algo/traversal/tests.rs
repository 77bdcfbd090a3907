use super::*;

#[test]
fn unique_neighbors_merge_and_dedupe() {
    // 0->1 twice, 0->2, 2->0, 3->0, 0->0.
    let g = Graph::from_edges(4, &[(0, 1), (0, 1), (0, 2), (2, 0), (3, 0), (0, 0)]);
    let all: Vec<_> = unique_neighbors(&g, 0, Direction::All).collect();
    assert_eq!(all, [0, 1, 2, 3]);
    let out: Vec<_> = unique_neighbors(&g, 0, Direction::Out).collect();
    assert_eq!(out, [0, 1, 2]);
    let inn: Vec<_> = unique_neighbors(&g, 0, Direction::In).collect();
    assert_eq!(inn, [0, 2, 3]);
    let mut with_repeats = Vec::new();
    for_each_neighbor(&g, 0, Direction::Out, |w| with_repeats.push(w));
    assert_eq!(with_repeats, [0, 1, 1, 2]);
    assert_eq!(reverse(direction(true)), Direction::In);
    assert_eq!(reverse(direction(false)), Direction::All);
}

#[test]
fn kept_neighbors_skip_dropped_edges_and_vertices() {
    // 0->1 (edge 0) and 0->1 (edge 1, parallel), 0->2 (edge 2), 2->0 (edge 3), 3->0 (edge 4):
    // out-edges are numbered by source.
    let g = Graph::from_edges(4, &[(0, 1), (0, 1), (0, 2), (3, 0), (2, 0)]);
    let k = |v: u32| -> Vec<usize> { g.out_edge_range(v).collect() };
    assert_eq!((k(0), k(2), k(3)), (vec![0, 1, 2], vec![3], vec![4]));
    let mask = |vertices: Option<Vec<bool>>, edges: Option<Vec<bool>>| Mask { vertices, edges };
    let kept = |m: &Mask, dir| -> Vec<u32> { kept_neighbors(&g, 0, dir, m).collect() };
    let all = |m: &Mask, dir| {
        let mut seen = Vec::new();
        for_each_kept_neighbor(&g, 0, dir, m, |w| seen.push(w));
        seen
    };
    assert_eq!(kept(&KEEP_ALL, Direction::All), [1, 2, 3]);
    // Dropping one of the two parallel edges keeps 1; dropping both loses it.
    let one = mask(None, Some(vec![false, true, true, true, true]));
    assert_eq!(kept(&one, Direction::Out), [1, 2]);
    assert_eq!(all(&one, Direction::Out), [1, 2]);
    let both = mask(None, Some(vec![false, false, true, true, true]));
    assert_eq!(kept(&both, Direction::Out), [2]);
    // In-edges are read through their out-edge index: dropping edge 3 drops 2->0.
    let no_20 = mask(None, Some(vec![true, true, true, false, true]));
    assert_eq!(kept(&no_20, Direction::In), [3]);
    assert_eq!(all(&no_20, Direction::In), [3]);
    // 0->2 is dropped but 2->0 is kept: undirected, 2 is still a neighbour, once.
    let no_02 = mask(None, Some(vec![true, true, false, true, true]));
    assert_eq!(kept(&no_02, Direction::All), [1, 2, 3]);
    assert_eq!(all(&no_02, Direction::All), [1, 1, 2, 3]);
    let no_v1 = mask(Some(vec![true, false, true, true]), None);
    assert_eq!(kept(&no_v1, Direction::All), [2, 3]);
    assert!(!no_v1.keeps_all() && KEEP_ALL.keeps_all());
}

#[test]
fn kept_distances_stay_inside_the_mask() {
    // A star 0 -> 1..=10_000 (a frontier large enough to expand in parallel) with every odd
    // leaf dropped, then 5000 -> 10_001 and 5001 -> 10_002.
    let star: Vec<_> = (1..10_001)
        .map(|i| (0, i))
        .chain([(5000, 10_001), (5001, 10_002)])
        .collect();
    let g = Graph::from_edges(10_003, &star);
    let vertices = (0..10_003u32).map(|v| v > 10_000 || v % 2 == 0).collect();
    let mask = Mask {
        vertices: Some(vertices),
        edges: None,
    };
    let ctl = JobControl::new();
    let d = bfs_distances_kept(&g, &[0], Direction::Out, 10, &mask, &ctl).unwrap();
    assert_eq!(
        (d[2], d[3], d[5000], d[10_001], d[10_002]),
        (1, UNREACHED, 1, 2, UNREACHED)
    );
    let from_dropped = bfs_distances_kept(&g, &[1], Direction::All, 10, &mask, &ctl).unwrap();
    assert!(from_dropped.iter().all(|&x| x == UNREACHED));
}

#[test]
fn distances_by_direction_and_depth() {
    // 0 -> 1 -> 2 -> 3, 4 isolated.
    let g = Graph::from_edges(5, &[(0, 1), (1, 2), (2, 3)]);
    let ctl = JobControl::new();
    let d = |s: &[u32], dir, max| bfs_distances(&g, s, dir, max, &ctl).unwrap();
    assert_eq!(d(&[0], Direction::Out, 10), [0, 1, 2, 3, UNREACHED]);
    assert_eq!(d(&[0], Direction::Out, 2), [0, 1, 2, UNREACHED, UNREACHED]);
    assert_eq!(d(&[2], Direction::In, 10), [2, 1, 0, UNREACHED, UNREACHED]);
    assert_eq!(d(&[0, 3], Direction::All, 10), [0, 1, 1, 0, UNREACHED]);
    // A frontier large enough to expand in parallel.
    let star: Vec<_> = (1..10_001)
        .map(|i| (0, i))
        .chain([(5000, 10_001)])
        .collect();
    let big = Graph::from_edges(10_002, &star);
    let dist = bfs_distances(&big, &[0], Direction::Out, 10, &ctl).unwrap();
    assert_eq!((dist[0], dist[1], dist[10_000], dist[10_001]), (0, 1, 1, 2));
    ctl.cancel();
    assert_eq!(
        bfs_distances(&g, &[0], Direction::Out, 10, &ctl),
        Err(Cancelled)
    );
}
