//! PageRank on graphs with closed-form ranks.

use super::*;
use crate::algo::pagerank::power::Layout;
use crate::algo::{AlgoError, run as run_algo};
use serde_json::json;

fn ranks(g: &Graph, cfg: &PageRankConfig) -> Vec<f64> {
    page_rank(g, cfg, &JobControl::new()).unwrap().ranks
}

fn close(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-6)
}

#[test]
fn cycle_is_uniform() {
    let g = Graph::from_edges(3, &[(0, 1), (1, 2), (2, 0)]);
    assert!(close(
        &ranks(&g, &PageRankConfig::default()),
        &[1.0 / 3.0; 3]
    ));
}

#[test]
fn star_matches_the_closed_form() {
    // Leaves 1..=4 point at the centre 0, which is dangling. With n = 5, alpha = 0.85:
    // leaves get l = (1-a)/n + a*c/n and the centre c = l + a*4l (its own dangling share
    // included in l). Solving with 4l + c = 1: l = 0.15/5 + 0.85*c/5, c = l*(1 + 3.4).
    let g = Graph::from_edges(5, &[(1, 0), (2, 0), (3, 0), (4, 0)]);
    let cfg = PageRankConfig {
        convergence: 1e-12,
        ..PageRankConfig::default()
    };
    let r = ranks(&g, &cfg);
    // l = 0.03 + 0.17 c and c = 4.4 l  =>  l = 0.03 / (1 - 0.748) = 0.119047…
    let l = 0.03 / (1.0 - 0.17 * 4.4);
    let c = 4.4 * l;
    assert!(close(&r, &[c, l, l, l, l]), "{r:?}");
    assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-9);
}

#[test]
fn undirected_star_ranks_by_degree() {
    // Undirected, PageRank of a star: centre (1-a)/n + a*Σ leaf/1, leaves (1-a)/n + a*c/4.
    let g = Graph::from_edges(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
    let cfg = PageRankConfig {
        directed: false,
        convergence: 1e-12,
        ..PageRankConfig::default()
    };
    let r = ranks(&g, &cfg);
    // c = 0.03 + 0.85 * 4l, l = 0.03 + 0.85 c / 4, with c + 4l = 1.
    let c = (0.03 + 0.85 * 4.0 * 0.03) / (1.0 - 0.85 * 0.85);
    let l = (1.0 - c) / 4.0;
    assert!(close(&r, &[c, l, l, l, l]), "{r:?}");
}

#[test]
fn max_iterations_and_convergence_stop_the_loop() {
    let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 3), (3, 1)]);
    let one = page_rank(
        &g,
        &PageRankConfig {
            max_iterations: 1,
            ..Default::default()
        },
        &JobControl::new(),
    )
    .unwrap();
    assert_eq!(one.iterations, 1);
    let all = page_rank(&g, &PageRankConfig::default(), &JobControl::new()).unwrap();
    assert!(all.iterations > 1 && all.iterations < 1000 && all.delta < 1e-5);
}

#[test]
fn cancellation_and_catalogue_output() {
    let g = Graph::from_edges(3, &[(0, 1), (1, 2), (2, 0)]);
    let ctl = JobControl::new();
    ctl.cancel();
    let params = json!({"alpha": "0.85", "directed": "true"});
    let params = params.as_object().unwrap();
    assert_eq!(
        run_algo(&g, "pagerank", params, &ctl),
        Err(AlgoError::Cancelled)
    );
    let ctl = JobControl::new();
    let out = run_algo(&g, "pagerank", params, &ctl).unwrap();
    assert_eq!(
        ctl.percent(),
        Some(0),
        "progress is iterations of max_iterations"
    );
    match out.rows {
        Rows::VertexMetric {
            key: "results",
            metric: "pagerank",
            values: MetricValues::F64(v),
        } => {
            assert!(close(&v, &[1.0 / 3.0; 3]));
        }
        other => panic!("{other:?}"),
    }
    assert!(out.scalars["iterations"].as_u64().unwrap() >= 1);
}

#[test]
fn empty_graph_has_no_ranks() {
    assert!(ranks(&Graph::from_edges(0, &[]), &PageRankConfig::default()).is_empty());
}

/// An undirected graph on `n` vertices with `m` edges drawn with a skew towards small ids (hubs),
/// every 50th edge repeated, every 70th a self-loop, and the last tenth of the ids isolated.
fn random_graph(seed: u64, n: usize, m: usize) -> Graph {
    let mut rng = crate::algo::rng::SplitMix64::new(seed);
    let drawn = (n * 9 / 10) as u64;
    let mut pick = || (rng.next_u64() % drawn).min(rng.next_u64() % drawn) as u32;
    let mut edges = Vec::with_capacity(m);
    for i in 0..m {
        let edge = match i {
            _ if i % 50 == 49 => edges[i - 1],
            _ if i % 70 == 69 => {
                let u = pick();
                (u, u)
            }
            _ => (pick(), pick()),
        };
        edges.push(edge);
    }
    Graph::from_edges(n, &edges)
}

#[test]
fn segmented_sums_match_the_plain_pull() {
    // (seed, n, m, segment width, most segments): one vertex per segment, several segments
    // over several parallel parts, and a last segment taking the remaining sources.
    let cases = [
        (1, 40, 90, 1, 64),
        (2, 3000, 110_000, 200, 64),
        (3, 3000, 110_000, 64, 4),
    ];
    for (seed, n, m, width, most) in cases {
        let g = random_graph(seed, n, m);
        let cfg = PageRankConfig {
            directed: false,
            convergence: 1e-12,
            ..PageRankConfig::default()
        };
        for teleport in [Teleport::Uniform, Teleport::Vertex(3)] {
            let ctl = JobControl::new();
            let plain = power::undirected(&g, &cfg, teleport, &ctl, Layout::Plain).unwrap();
            let layout = Layout::Segmented { width, most };
            let seg = power::undirected(&g, &cfg, teleport, &ctl, layout).unwrap();
            assert_eq!(plain.iterations, seg.iterations, "seed {seed}");
            assert!(plain.iterations > 5 && plain.delta < 1e-12, "seed {seed}");
            let off = plain
                .ranks
                .iter()
                .zip(&seg.ranks)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            assert!(off < 1e-15, "seed {seed}: {off}");
            if matches!(teleport, Teleport::Uniform) {
                assert!(
                    seg.ranks[n - 1] > 0.0,
                    "isolated vertices get their jump share"
                );
            }
        }
        let key = format!("pagerank-segments-{width}-{most}");
        assert!(g.derived_keys().contains(&key), "kept with the graph");
    }
}

/// The power iteration as the module docs define it, one vertex at a time over the undirected
/// edge list (no view, no isolated-vertex shortcut): ranks, the iterations it took and the
/// last change.
fn by_definition(n: usize, edges: &[(u32, u32)], cfg: &PageRankConfig) -> (Vec<f64>, u32, f64) {
    let mut degree = vec![0usize; n];
    for &(u, v) in edges {
        degree[u as usize] += 1;
        degree[v as usize] += 1;
    }
    let (a, nf) = (cfg.alpha, n as f64);
    let mut rank = vec![1.0 / nf; n];
    let mut delta = f64::INFINITY;
    for iteration in 1..=cfg.max_iterations {
        let dangling: f64 = (0..n).filter(|&v| degree[v] == 0).map(|v| rank[v]).sum();
        let mut next = vec![(1.0 - a) / nf + a * dangling / nf; n];
        for &(u, v) in edges {
            next[v as usize] += a * rank[u as usize] / degree[u as usize] as f64;
            next[u as usize] += a * rank[v as usize] / degree[v as usize] as f64;
        }
        delta = next.iter().zip(&rank).map(|(x, y)| (x - y).abs()).sum();
        rank = next;
        if delta < cfg.convergence {
            return (rank, iteration, delta);
        }
    }
    (rank, cfg.max_iterations, delta)
}

#[test]
fn isolated_vertices_share_one_rank_as_by_the_definition() {
    // Isolated vertices scattered among the ids (1, 4, 6, 9 and 10), a self-loop and a
    // repeated edge; the isolated ones end up last in the degree order and are carried as one
    // rank (power.rs).
    let edges = [
        (0, 2),
        (2, 3),
        (3, 0),
        (5, 7),
        (7, 8),
        (8, 8),
        (0, 5),
        (0, 5),
    ];
    let g = Graph::from_edges(11, &edges);
    for max_iterations in [1, 2, 7, 1000] {
        let cfg = PageRankConfig {
            directed: false,
            convergence: 1e-13,
            max_iterations,
            ..PageRankConfig::default()
        };
        let got = page_rank(&g, &cfg, &JobControl::new()).unwrap();
        let (want, iterations, delta) = by_definition(11, &edges, &cfg);
        assert_eq!(got.iterations, iterations, "{max_iterations} at most");
        assert!(
            (got.delta - delta).abs() < 1e-15,
            "{} vs {delta}",
            got.delta
        );
        for (v, (x, y)) in got.ranks.iter().zip(&want).enumerate() {
            assert!((x - y).abs() < 1e-14, "vertex {v}: {x} vs {y}");
        }
        let lone = got.ranks[1];
        assert!([4, 6, 9, 10].iter().all(|&v| got.ranks[v] == lone));
        assert!((got.ranks.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}
