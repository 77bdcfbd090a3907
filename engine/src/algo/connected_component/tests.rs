//! Tests of `connected_component`: both paths (the lists and the degree view) on each graph.

use super::*;
use crate::algo::{AlgoError, run as run_algo};

/// WCC on the graph's own lists, then on its degree view: both answers must be the same.
fn both_ways(g: &Graph) -> Components {
    let lists = wcc(g, &JobControl::new()).unwrap();
    assert!(g.derived_cached::<DegreeView>(degree_view::KEY).is_none());
    g.derived(degree_view::KEY, || DegreeView::new(g));
    let view = wcc(g, &JobControl::new()).unwrap();
    assert_eq!(lists, view, "the lists and the view disagree");
    view
}

#[test]
fn two_components_and_an_isolated_vertex() {
    // {0,1,2} via 2->0 and 1->2 (direction ignored), {3,4}, {5} alone.
    let g = Graph::from_edges(6, &[(2, 0), (1, 2), (4, 3)]);
    let c = both_ways(&g);
    assert_eq!(c.component, [0, 0, 0, 3, 3, 5]);
    assert_eq!((c.max_size, c.max_id), (3, Some(0)));
}

#[test]
fn ties_pick_the_smallest_representative() {
    let g = Graph::from_edges(4, &[(3, 2), (1, 0)]);
    let c = both_ways(&g);
    assert_eq!((c.max_size, c.max_id), (2, Some(0)));
}

#[test]
fn edges_only_reachable_backwards_are_followed() {
    // Vertex 0 (in the sampled giant component) has the only edge to 9: 9 has no out-edges,
    // so it is found through its in-edges in the finishing phase.
    let mut edges: Vec<(u32, u32)> = (1..9).map(|v| (v, 0)).collect();
    edges.extend([(0, 1), (0, 2), (0, 9), (10, 11)]);
    let g = Graph::from_edges(12, &edges);
    let c = both_ways(&g);
    assert_eq!(c.component, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 10]);
    assert_eq!(c.max_size, 10);
}

#[test]
fn a_long_path_in_random_order_is_one_component() {
    // A path whose vertex order is scrambled, so unions happen in many orders.
    let n = 200_000u32;
    let perm = |i: u32| (i as u64 * 7919 % n as u64) as u32;
    let edges: Vec<_> = (0..n - 1).map(|i| (perm(i + 1), perm(i))).collect();
    let g = Graph::from_edges(n as usize, &edges);
    let c = both_ways(&g);
    assert!(c.component.iter().all(|&x| x == 0));
    assert_eq!(c.max_size, n as u64);
}

/// Components by a plain sequential union-find, named by their smallest index.
fn plain_components(n: usize, edges: &[(u32, u32)]) -> Vec<u32> {
    fn root(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            x = parent[x as usize];
        }
        x
    }
    let mut parent: Vec<u32> = (0..n as u32).collect();
    for &(a, b) in edges {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra.max(rb) as usize] = ra.min(rb);
    }
    (0..n as u32).map(|v| root(&mut parent, v)).collect()
}

#[test]
fn matches_a_plain_union_find_on_random_graphs() {
    // Sparse random graphs around the giant-component threshold (average degree 0.5 to 3),
    // with hubs, so the sampled root, the finishing phase and the renaming all vary.
    for seed in 0..40u64 {
        let mut rng = crate::algo::rng::SplitMix64::new(seed);
        let n = 50 + rng.below(2_000);
        let m = n * (1 + rng.below(6)) / 2;
        let edges: Vec<(u32, u32)> = (0..m)
            .map(|i| {
                let hub = i % 7 == 0;
                let a = if hub { rng.below(4) } else { rng.below(n) };
                let b = if i % 3 == 0 {
                    (a + 1 + rng.below(3)) % n
                } else {
                    rng.below(n)
                };
                (a as u32, b as u32)
            })
            .collect();
        let c = both_ways(&Graph::from_edges(n, &edges));
        let want = plain_components(n, &edges);
        assert_eq!(c.component, want, "seed {seed}");
        let mut sizes = vec![0u64; n];
        want.iter().for_each(|&r| sizes[r as usize] += 1);
        let max = *sizes.iter().max().unwrap();
        let first = sizes.iter().position(|&s| s == max).unwrap() as u32;
        assert_eq!((c.max_size, c.max_id), (max, Some(first)), "seed {seed}");
    }
}

#[test]
fn a_sampled_giant_root_linked_under_another_in_the_finish_still_names_the_largest() {
    // Z (0) has 50 self-loops, so it is the view's first vertex but links nothing while
    // sampling; the star around A (1) is the sample's most frequent root. A's leaf L (4,
    // with two self-loops) and P (5) reach each other only past the first two entries of
    // their rows (L: A, L, L, P; P: Z, X1, X2, L), so A's root is linked under Z's in the
    // finishing phase.
    let (z, a, x1, x2, l, p) = (0, 1, 2, 3, 4, 5);
    let mut edges = vec![(z, z); 50];
    edges.extend([(x1, x1); 10]);
    edges.extend([(x2, x2); 10]);
    edges.extend([(l, l); 2]);
    edges.extend([(p, z), (p, x1), (p, x2), (p, l), (a, l)]);
    edges.extend((6..66).map(|leaf| (a, leaf)));
    let c = both_ways(&Graph::from_edges(66, &edges));
    assert!(c.component.iter().all(|&r| r == 0));
    assert_eq!((c.max_size, c.max_id), (66, Some(0)));
}

#[test]
fn catalogue_output_and_cancellation() {
    let g = Graph::from_edges(3, &[(2, 1)]);
    let out = run_algo(&g, "connected_component", &Map::new(), &JobControl::new()).unwrap();
    assert_eq!(out.scalars["Max_WCC_size"], 2);
    assert_eq!(out.scalars["Max_WCC_id"], "1");
    assert_eq!(
        out.rows,
        Rows::VertexMetric {
            key: "results",
            metric: "community",
            values: MetricValues::Vertex(vec![0, 1, 1])
        }
    );
    let ctl = JobControl::new();
    ctl.cancel();
    assert_eq!(
        run_algo(&g, "connected_component", &Map::new(), &ctl),
        Err(AlgoError::Cancelled)
    );
    let empty = run_algo(
        &Graph::from_edges(0, &[]),
        "connected_component",
        &Map::new(),
        &JobControl::new(),
    )
    .unwrap();
    assert_eq!(empty.scalars["Max_WCC_size"], 0);
    assert_eq!(empty.scalars["Max_WCC_id"], Value::Null);
}
