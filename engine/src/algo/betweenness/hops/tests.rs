use super::*;
use crate::algo::betweenness::brandes::{self, Search};
use crate::algo::rng::SplitMix64;

/// Threads of the pool the comparisons run in: more than the small source sets, fewer than
/// the large ones, so both splits run.
const THREADS: usize = 4;

fn in_pool<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    rayon::ThreadPoolBuilder::new()
        .num_threads(THREADS)
        .build()
        .unwrap()
        .install(f)
}

/// A multigraph on 40 vertices: three blocks with random edges inside each (so at least three
/// components), four isolated vertices, and some parallel edges and self-loops.
fn multigraph(seed: u64) -> Graph {
    let mut rng = SplitMix64::new(seed);
    let blocks: [(u32, u32); 3] = [(0, 15), (15, 30), (30, 36)];
    let mut edges = Vec::new();
    for &(first, last) in &blocks {
        for _ in 0..3 * (last - first) {
            let u = first + rng.below((last - first) as usize) as u32;
            let v = first + rng.below((last - first) as usize) as u32;
            edges.push((u, v));
        }
    }
    for i in 0..6 {
        edges.push(edges[rng.below(edges.len())]);
        let (first, last) = blocks[i % 3];
        let v = first + rng.below((last - first) as usize) as u32;
        edges.push((v, v));
    }
    Graph::from_edges(40, &edges)
}

/// The general pass (f64 distances, push backward, edge credit on) as the reference.
fn reference(g: &Graph, sources: &[u32], dir: Direction) -> Vec<f64> {
    brandes::run(
        g,
        &Search::plain(sources, dir),
        None,
        true,
        &JobControl::new(),
    )
    .unwrap()
    .vertex
}

fn assert_close(got: &[f64], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}");
    for (v, (a, b)) in got.iter().zip(want).enumerate() {
        assert!(
            (a - b).abs() <= 1e-9 * b.abs().max(1.0),
            "{what}: vertex {v}: {a} against {b}"
        );
    }
}

/// Both splits on `rows` (in the ids of `rows`), mapped back through `new_of`.
fn both_splits(rows: &impl Rows, sources: &[u32], new_of: &[u32]) -> [Vec<f64>; 2] {
    let ctl = JobControl::new();
    let back = |sums: Vec<f64>| new_of.iter().map(|&x| sums[x as usize]).collect();
    [
        back(by_source(rows, sources, &ctl).unwrap()),
        back(levels::by_level(rows, sources, &ctl).unwrap()),
    ]
}

#[test]
fn both_splits_on_the_view_and_the_lists_agree_with_the_general_pass() {
    for seed in 1..=6 {
        let g = multigraph(seed);
        let identity: Vec<u32> = (0..40).collect();
        // One source, fewer sources than threads, more sources than threads (all of them).
        let sets = [vec![seed as u32 % 15], vec![3, 17, 31], identity.clone()];
        let view = DegreeView::new(&g);
        for sources in &sets {
            for dir in [Direction::Out, Direction::All] {
                let want = reference(&g, sources, dir);
                let what = format!("seed {seed}, {dir:?}, sources {sources:?}");
                let (got, [lists_a, lists_b]) = in_pool(|| {
                    let got = dependencies(&g, sources, dir, &JobControl::new()).unwrap();
                    (got, both_splits(&Lists(&g, dir), sources, &identity))
                });
                assert_close(&got, &want, &format!("{what}, dispatched"));
                assert_close(&lists_a, &want, &format!("{what}, lists by source"));
                assert_close(&lists_b, &want, &format!("{what}, lists by level"));
                if dir == Direction::All {
                    let mapped: Vec<u32> =
                        sources.iter().map(|&s| view.new_of[s as usize]).collect();
                    let [a, b] = in_pool(|| both_splits(&view, &mapped, &view.new_of));
                    assert_close(&a, &want, &format!("{what}, view by source"));
                    assert_close(&b, &want, &format!("{what}, view by level"));
                }
            }
        }
    }
}

#[test]
fn parallel_edges_split_paths_and_a_self_loop_changes_nothing() {
    // Undirected: 0 = 1 (two parallel edges), 1 - 2, 0 - 3 - 2, and a self-loop on 1. From 0,
    // 2 has three shortest paths, two through 1 (one per parallel edge) and one through 3.
    let g = Graph::from_edges(4, &[(0, 1), (1, 0), (1, 2), (0, 3), (3, 2), (1, 1)]);
    let want = [0.0, 2.0 / 3.0, 0.0, 1.0 / 3.0];
    let view = DegreeView::new(&g);
    let identity: Vec<u32> = (0..4).collect();
    let sources = [view.new_of[0]];
    for got in both_splits(&view, &sources, &view.new_of)
        .into_iter()
        .chain(both_splits(&Lists(&g, Direction::All), &[0], &identity))
    {
        assert_close(&got, &want, "from 0");
    }
}

#[test]
fn undirected_runs_build_the_view_and_directed_runs_do_not() {
    let g = multigraph(7);
    let ctl = JobControl::new();
    dependencies(&g, &[0, 1], Direction::Out, &ctl).unwrap();
    assert!(g.derived_cached::<DegreeView>(degree_view::KEY).is_none());
    dependencies(&g, &[0, 1], Direction::All, &ctl).unwrap();
    assert!(g.derived_cached::<DegreeView>(degree_view::KEY).is_some());
}

#[test]
fn both_splits_stop_when_cancelled() {
    let g = multigraph(8);
    let ctl = JobControl::new();
    ctl.cancel();
    let rows = Lists(&g, Direction::All);
    assert!(by_source(&rows, &[0, 1, 2], &ctl).is_err());
    assert!(levels::by_level(&rows, &[0], &ctl).is_err());
}
