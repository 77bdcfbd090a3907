//! Neighbourhood iteration and breadth-first distances shared by the traversal algorithms.
//!
//! A [`Direction`] picks the edges to follow: `Out` for directed algorithms, `All` (out ∪ in)
//! for undirected ones, `In` to search backwards. [`unique_neighbors`] merges the sorted CSR
//! lists so parallel edges (and an edge stored in both directions) count once, which is what
//! path enumeration needs: paths are sequences of vertices.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::k_hop::Direction;
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// Distance of a vertex no search reached.
pub(crate) const UNREACHED: u32 = u32::MAX;

/// Frontiers at least this large are expanded in parallel.
const PARALLEL_FRONTIER: usize = 4096;

/// `Out` when `directed`, else `All`.
pub(crate) fn direction(directed: bool) -> Direction {
    if directed {
        Direction::Out
    } else {
        Direction::All
    }
}

/// The direction that walks `dir`'s edges backwards.
pub(crate) fn reverse(dir: Direction) -> Direction {
    match dir {
        Direction::Out => Direction::In,
        Direction::In => Direction::Out,
        Direction::All => Direction::All,
    }
}

/// Calls `f` with every neighbour of `v` along `dir`, parallel edges repeated.
#[inline]
pub(crate) fn for_each_neighbor(g: &Graph, v: u32, dir: Direction, mut f: impl FnMut(u32)) {
    if dir != Direction::In {
        g.out_neighbors(v).iter().for_each(|&w| f(w));
    }
    if dir != Direction::Out {
        g.in_neighbors(v).iter().for_each(|&w| f(w));
    }
}

/// The distinct neighbours of `v` along `dir`, ascending (a self-loop yields `v`).
pub(crate) fn unique_neighbors(g: &Graph, v: u32, dir: Direction) -> UniqueNeighbors<'_> {
    let (a, b): (&[u32], &[u32]) = match dir {
        Direction::Out => (g.out_neighbors(v), &[]),
        Direction::In => (g.in_neighbors(v), &[]),
        Direction::All => (g.out_neighbors(v), g.in_neighbors(v)),
    };
    UniqueNeighbors { a, b, last: None }
}

/// Sorted merge of two ascending lists without repeats; see [`unique_neighbors`].
#[derive(Debug, Clone)]
pub(crate) struct UniqueNeighbors<'g> {
    a: &'g [u32],
    b: &'g [u32],
    last: Option<u32>,
}

impl Iterator for UniqueNeighbors<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        loop {
            let next = match (self.a.first(), self.b.first()) {
                (Some(&x), Some(&y)) if x <= y => {
                    self.a = &self.a[1..];
                    x
                }
                (_, Some(&y)) => {
                    self.b = &self.b[1..];
                    y
                }
                (Some(&x), None) => {
                    self.a = &self.a[1..];
                    x
                }
                (None, None) => return None,
            };
            if self.last != Some(next) {
                self.last = Some(next);
                return Some(next);
            }
        }
    }
}

/// Hop distances from the nearest of `sources` along `dir`, at most `max_depth` hops
/// ([`UNREACHED`] beyond or where unreachable). Level-synchronous; large frontiers expand in
/// parallel, claiming vertices in an atomic bitmap.
///
/// # Errors
/// [`Cancelled`], checked before every level.
///
/// # Complexity
/// O(n + m) over the visited part of the graph.
pub(crate) fn bfs_distances(
    g: &Graph,
    sources: &[u32],
    dir: Direction,
    max_depth: u32,
    ctl: &JobControl,
) -> Result<Vec<u32>, Cancelled> {
    let n = g.vertex_count();
    let mut dist = vec![UNREACHED; n];
    let visited: Vec<AtomicU64> = (0..n.div_ceil(64)).map(|_| AtomicU64::new(0)).collect();
    let mut frontier: Vec<u32> = sources
        .iter()
        .copied()
        .filter(|&s| claim(&visited, s))
        .collect();
    for &s in &frontier {
        dist[s as usize] = 0;
    }
    let mut reached = frontier.len() as u64;
    let mut level = 0;
    while !frontier.is_empty() && level < max_depth {
        ctl.check()?;
        ctl.set_progress(reached, n as u64);
        let expand = |v: u32, next: &mut Vec<u32>| {
            for_each_neighbor(g, v, dir, |w| {
                if claim(&visited, w) {
                    next.push(w);
                }
            });
        };
        let next = if frontier.len() >= PARALLEL_FRONTIER {
            frontier
                .par_iter()
                .fold(Vec::new, |mut next, &v| {
                    expand(v, &mut next);
                    next
                })
                .reduce(Vec::new, |mut a, mut b| {
                    a.append(&mut b);
                    a
                })
        } else {
            let mut next = Vec::new();
            for &v in &frontier {
                expand(v, &mut next);
            }
            next
        };
        level += 1;
        for &w in &next {
            dist[w as usize] = level;
        }
        reached += next.len() as u64;
        frontier = next;
    }
    ctl.set_progress(n as u64, n as u64);
    Ok(dist)
}

/// Marks `v` visited; true if this call did it.
fn claim(visited: &[AtomicU64], v: u32) -> bool {
    let bit = 1u64 << (v % 64);
    visited[(v / 64) as usize].fetch_or(bit, Ordering::Relaxed) & bit == 0
}

#[cfg(test)]
mod tests {
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
}
