//! The bottom-up half of direction-optimising BFS (Beamer, Asanović, Patterson 2012): when the
//! frontier is large, every unvisited vertex looks for a parent in the frontier (stopping at the
//! first) instead of the frontier pushing to all its neighbours, which skips most edge checks
//! on low-diameter graphs. The switches are the paper's heuristic with GAP's constants.
//!
//! As in GAP, the frontier is a bitmap between consecutive bottom-up levels. A task owns 16
//! words (1024 vertices) of both the next frontier and `visited`, so it writes them with plain
//! stores, and skips every word whose vertices are all visited already.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use rayon::prelude::*;

use super::Direction;
use crate::graph::Graph;

/// Go bottom-up when the frontier's edges exceed the unexplored edges / ALPHA…
const ALPHA: u64 = 15;
/// …and back top-down once the frontier shrinks and holds at most n / BETA vertices.
const BETA: u64 = 18;
/// Bitmap words per bottom-up task.
pub(super) const WORDS: usize = 16;

/// The degree of `v` counted along `mode`.
#[inline]
pub(super) fn degree(g: &Graph, v: u32, mode: Direction) -> u64 {
    let d = match mode {
        Direction::Out => g.out_degree(v),
        Direction::In => g.in_degree(v),
        Direction::All => g.out_degree(v) + g.in_degree(v),
    };
    d as u64
}

/// Whether a top-down BFS should run its next level bottom-up.
pub(super) fn go_bottom_up(frontier_edges: u64, unexplored_edges: u64) -> bool {
    frontier_edges > unexplored_edges / ALPHA
}

/// Whether a bottom-up BFS should stay bottom-up: while the frontier grows, or while it holds
/// more than n / BETA vertices (GAP's rule).
pub(super) fn stay_bottom_up(frontier_len: usize, previous_len: usize, n: usize) -> bool {
    frontier_len >= previous_len || frontier_len as u64 > n as u64 / BETA
}

/// The bitmap of `vertices` over `n` vertices.
pub(super) fn bitmap(vertices: &[u32], n: usize) -> Vec<u64> {
    let mut bits = vec![0u64; n.div_ceil(64)];
    for &v in vertices {
        bits[(v / 64) as usize] |= 1 << (v % 64);
    }
    bits
}

/// The set bits of a word, lowest first.
pub(super) struct BitIter(pub(super) u64);

impl Iterator for BitIter {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        (self.0 != 0).then(|| {
            let b = self.0.trailing_zeros();
            self.0 &= self.0 - 1;
            b
        })
    }
}

/// The bits of word `w` that stand for one of `n` vertices.
#[inline]
pub(super) fn valid_bits(w: usize, n: usize) -> u64 {
    if (w + 1) * 64 <= n {
        u64::MAX
    } else {
        (1 << (n - w * 64)) - 1
    }
}

/// One bottom-up level from the frontier bitmap `front`: writes the next frontier's bitmap into
/// `next` (one word per 64 vertices), marks it in `visited`, and returns it as a list, ascending.
pub(super) fn step(
    g: &Graph,
    front: &[u64],
    next: &mut [u64],
    visited: &[AtomicU64],
    mode: Direction,
) -> Vec<u32> {
    let n = g.vertex_count();
    let in_front = |u: u32| (front[(u / 64) as usize] >> (u % 64)) & 1 != 0;
    next.par_chunks_mut(WORDS)
        .enumerate()
        .flat_map_iter(|(c, chunk)| {
            let mut found = Vec::new();
            for (i, slot) in chunk.iter_mut().enumerate() {
                let w = c * WORDS + i;
                let seen = visited[w].load(Relaxed);
                let mut bits = 0;
                for b in BitIter(!seen & valid_bits(w, n)) {
                    let v = (w * 64) as u32 + b;
                    // A parent reaches v along `mode`: for Out that is an in-neighbour of v.
                    let hit = (mode != Direction::In
                        && g.in_neighbors(v).iter().any(|&u| in_front(u)))
                        || (mode != Direction::Out
                            && g.out_neighbors(v).iter().any(|&u| in_front(u)));
                    if hit {
                        bits |= 1 << b;
                        found.push(v);
                    }
                }
                *slot = bits;
                if bits != 0 {
                    // Only this task touches word w of `visited` during the level.
                    visited[w].store(seen | bits, Relaxed);
                }
            }
            found
        })
        .collect()
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
    fn undirected_levels_move_onto_the_view_and_back_top_down_in_order() {
        // A hub 0 with 300 leaves sends the second level bottom-up (onto the view); leaf 300
        // then starts a path of 1,500 vertices, whose one-vertex levels run top-down on the
        // view and outnumber the per-level buckets. A directed edge from the path's end back
        // into it checks that `ALL` follows both directions on the view.
        let hub_leaves = 300u32;
        let path = 1500u32;
        let mut edges: Vec<(u32, u32)> = (1..=hub_leaves).map(|v| (0, v)).collect();
        edges.extend((0..path).map(|i| (hub_leaves + i, hub_leaves + i + 1)));
        let last = hub_leaves + path;
        edges.push((last, hub_leaves + 7));
        let g = Graph::from_edges(last as usize + 1, &edges);
        for (s, k) in [(0, u32::MAX), (0, 40), (5, u32::MAX), (last, 3)] {
            let got = k_hop(&g, s, k, Direction::All, &JobControl::new()).unwrap();
            assert_eq!(got, reference(&g, s, k, Direction::All), "s={s} k={k}");
        }
    }

    #[test]
    fn a_small_neighbourhood_builds_no_view() {
        let g = Graph::from_edges(1000, &(0..999).map(|v| (v, v + 1)).collect::<Vec<_>>());
        let before = g.stats().memory_bytes;
        assert_eq!(
            k_hop(&g, 500, 3, Direction::All, &JobControl::new()).unwrap(),
            [499, 501, 498, 502, 497, 503]
        );
        assert_eq!(
            g.stats().memory_bytes,
            before,
            "three top-down levels leave the graph as it was"
        );
        let star = Graph::from_edges(400, &(1..400).map(|v| (0, v)).collect::<Vec<_>>());
        let before = star.stats().memory_bytes;
        assert_eq!(
            k_hop(&star, 1, 2, Direction::All, &JobControl::new())
                .unwrap()
                .len(),
            399
        );
        assert!(
            star.stats().memory_bytes > before,
            "a bottom-up level keeps the view with the graph"
        );
    }

    #[test]
    fn the_switches_follow_the_heuristic() {
        assert!(go_bottom_up(100, 1000), "100 > 1000/15");
        assert!(!go_bottom_up(50, 1000));
        assert!(stay_bottom_up(100, 90, 1000), "the frontier grows");
        assert!(stay_bottom_up(80, 90, 1000), "80 > 1000/18");
        assert!(!stay_bottom_up(10, 90, 1000));
    }

    #[test]
    fn bitmaps_and_a_bottom_up_level() {
        // A star 0 - 1..=69 and 69 - 70: from {0}, the level is 1..=69 across two words.
        let mut edges: Vec<(u32, u32)> = (1..70).map(|v| (0, v)).collect();
        edges.push((70, 69));
        let g = Graph::from_edges(71, &edges);
        let front = bitmap(&[0], 71);
        assert_eq!(front, [1, 0]);
        let visited: Vec<AtomicU64> = front.iter().map(|&w| AtomicU64::new(w)).collect();
        let mut next = vec![u64::MAX; 2];
        let level = step(&g, &front, &mut next, &visited, Direction::All);
        assert_eq!(level, (1..70).collect::<Vec<_>>());
        assert_eq!(next, [!1, (1 << 6) - 1]);
        assert_eq!(visited[1].load(Relaxed), (1 << 6) - 1);
        // Along Out, 70 has no in-edge from the new frontier; along In it does (70 -> 69).
        let mut after = vec![0; 2];
        assert!(step(&g, &next, &mut after, &visited, Direction::Out).is_empty());
        assert_eq!(step(&g, &next, &mut after, &visited, Direction::In), [70]);
    }
}
