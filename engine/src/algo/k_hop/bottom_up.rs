//! The bottom-up half of direction-optimising BFS (Beamer, Asanović, Patterson 2012): when the
//! frontier is large, every unvisited vertex looks for a parent in the frontier (stopping at the
//! first) instead of the frontier pushing to all its neighbours, which skips most edge checks
//! on low-diameter graphs. [`should_switch`] is the paper's heuristic with GAP's constants.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::Direction;
use crate::graph::Graph;

/// Go bottom-up when the frontier's edges exceed the unexplored edges / ALPHA…
const ALPHA: u64 = 15;
/// …and back top-down when the frontier holds fewer than n / BETA vertices.
const BETA: u64 = 18;

/// The degree of `v` counted along `mode`.
pub(super) fn degree(g: &Graph, v: u32, mode: Direction) -> u64 {
    let d = match mode {
        Direction::Out => g.out_degree(v),
        Direction::In => g.in_degree(v),
        Direction::All => g.out_degree(v) + g.in_degree(v),
    };
    d as u64
}

/// Whether the next level should run bottom-up (`bottom_up`: the current level's mode).
pub(super) fn should_switch(
    bottom_up: bool,
    frontier_len: usize,
    frontier_edges: u64,
    unexplored_edges: u64,
    n: usize,
) -> bool {
    if bottom_up {
        frontier_len as u64 >= n as u64 / BETA
    } else {
        frontier_edges > unexplored_edges / ALPHA
    }
}

/// One bottom-up level: the unvisited vertices with a parent in `frontier`, ascending, claimed
/// in `visited`.
pub(super) fn step(
    g: &Graph,
    frontier: &[u32],
    visited: &[AtomicU64],
    mode: Direction,
) -> Vec<u32> {
    let n = g.vertex_count();
    let words = n.div_ceil(64);
    let in_frontier: Vec<AtomicU64> = (0..words).map(|_| AtomicU64::new(0)).collect();
    frontier.par_iter().for_each(|&u| {
        in_frontier[(u / 64) as usize].fetch_or(1 << (u % 64), Ordering::Relaxed);
    });
    let bit = |bits: &[AtomicU64], v: u32| {
        bits[(v / 64) as usize].load(Ordering::Relaxed) & (1 << (v % 64)) != 0
    };
    let next: Vec<u32> = (0..n as u32)
        .into_par_iter()
        .with_min_len(1024)
        .filter(|&v| {
            if bit(visited, v) {
                return false;
            }
            // A parent reaches v along `mode`: for Out that is an in-neighbour of v.
            let via_in =
                mode != Direction::In && g.in_neighbors(v).iter().any(|&u| bit(&in_frontier, u));
            via_in
                || (mode != Direction::Out
                    && g.out_neighbors(v).iter().any(|&u| bit(&in_frontier, u)))
        })
        .collect();
    next.par_iter().for_each(|&v| {
        visited[(v / 64) as usize].fetch_or(1 << (v % 64), Ordering::Relaxed);
    });
    next
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use super::super::k_hop;
    use super::*;
    use crate::job::control::JobControl;

    /// Plain sequential BFS levels (the reference), each level sorted.
    fn reference(g: &Graph, s: u32, k: u32, mode: Direction) -> Vec<u32> {
        let n = g.vertex_count();
        let mut level = vec![u32::MAX; n];
        level[s as usize] = 0;
        let mut q = VecDeque::from([s]);
        while let Some(u) = q.pop_front() {
            if level[u as usize] == k {
                continue;
            }
            let mut ns: Vec<u32> = Vec::new();
            if mode != Direction::In {
                ns.extend(g.out_neighbors(u));
            }
            if mode != Direction::Out {
                ns.extend(g.in_neighbors(u));
            }
            for v in ns {
                if level[v as usize] == u32::MAX {
                    level[v as usize] = level[u as usize] + 1;
                    q.push_back(v);
                }
            }
        }
        let mut out: Vec<(u32, u32)> = (0..n as u32)
            .filter(|&v| v != s && level[v as usize] != u32::MAX)
            .map(|v| (level[v as usize], v))
            .collect();
        out.sort_unstable();
        out.into_iter().map(|(_, v)| v).collect()
    }

    #[test]
    fn direction_optimising_bfs_equals_the_reference() {
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for (n, m) in [(40u32, 200usize), (5000, 60_000), (20_000, 30_000)] {
            let edges: Vec<(u32, u32)> = (0..m)
                .map(|_| {
                    (
                        (next() % u64::from(n)) as u32,
                        (next() % u64::from(n)) as u32,
                    )
                })
                .collect();
            let g = Graph::from_edges(n as usize, &edges);
            for mode in [Direction::Out, Direction::In, Direction::All] {
                for (s, k) in [(0, u32::MAX), (n / 3, 2), (n - 1, u32::MAX)] {
                    let got = k_hop(&g, s, k, mode, &JobControl::new()).unwrap();
                    assert_eq!(got, reference(&g, s, k, mode), "n={n} {mode:?} s={s} k={k}");
                }
            }
        }
    }

    #[test]
    fn the_switch_follows_the_heuristic() {
        assert!(should_switch(false, 10, 100, 1000, 1000), "100 > 1000/15");
        assert!(!should_switch(false, 10, 50, 1000, 1000));
        assert!(
            should_switch(true, 100, 0, 0, 1000),
            "stay bottom-up while the frontier is large"
        );
        assert!(!should_switch(true, 10, 0, 0, 1000));
    }
}
