//! Neighbourhood iteration and breadth-first distances shared by the traversal algorithms.
//!
//! A [`Direction`] picks the edges to follow: `Out` for directed algorithms, `All` (out ∪ in)
//! for undirected ones, `In` to search backwards. [`unique_neighbors`] merges the sorted CSR
//! lists so parallel edges (and an edge stored in both directions) count once, which is what
//! path enumeration needs: paths are sequences of vertices.
//!
//! A [`Mask`] restricts a traversal to some vertices and edges (a `timeWindow`, or the
//! `vertex_filter`/`edge_filter` of the `filtered_*` algorithms): the `kept_*` variants only
//! step along kept edges onto kept vertices, and [`KEEP_ALL`] makes them the plain traversal.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::k_hop::Direction;
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// Distance of a vertex no search reached.
pub(crate) const UNREACHED: u32 = u32::MAX;

/// Frontiers at least this large are expanded in parallel.
const PARALLEL_FRONTIER: usize = 4096;

/// The vertices and edges a traversal may use: `None` keeps every vertex (edge).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mask {
    /// By vertex index.
    pub vertices: Option<Vec<bool>>,
    /// By out-edge index.
    pub edges: Option<Vec<bool>>,
}

/// The mask that keeps everything.
pub(crate) static KEEP_ALL: Mask = Mask {
    vertices: None,
    edges: None,
};

impl Mask {
    /// Whether vertex `v` may be on the path.
    #[inline]
    pub fn vertex(&self, v: u32) -> bool {
        self.vertices.as_ref().is_none_or(|m| m[v as usize])
    }

    /// Whether out-edge `k` may be on the path.
    #[inline]
    pub fn edge(&self, k: usize) -> bool {
        self.edges.as_ref().is_none_or(|m| m[k])
    }

    /// Whether the mask keeps every vertex and edge.
    #[inline]
    pub fn keeps_all(&self) -> bool {
        self.vertices.is_none() && self.edges.is_none()
    }
}

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

/// Calls `f` with every neighbour of `v` along `dir` that a kept edge leads to and that is kept
/// itself, parallel edges repeated.
#[inline]
pub(crate) fn for_each_kept_neighbor(
    g: &Graph,
    v: u32,
    dir: Direction,
    mask: &Mask,
    mut f: impl FnMut(u32),
) {
    if mask.keeps_all() {
        return for_each_neighbor(g, v, dir, f);
    }
    if dir != Direction::In {
        for (k, &w) in g.out_edge_range(v).zip(g.out_neighbors(v)) {
            if mask.edge(k) && mask.vertex(w) {
                f(w);
            }
        }
    }
    if dir != Direction::Out {
        for (&k, &w) in g.in_edge_ids(v).iter().zip(g.in_neighbors(v)) {
            if mask.edge(k as usize) && mask.vertex(w) {
                f(w);
            }
        }
    }
}

/// The distinct neighbours of `v` along `dir`, ascending (a self-loop yields `v`).
pub(crate) fn unique_neighbors(g: &Graph, v: u32, dir: Direction) -> UniqueNeighbors<'_> {
    kept_neighbors(g, v, dir, &KEEP_ALL)
}

/// The distinct neighbours of `v` along `dir` that `mask` keeps and that at least one kept edge
/// leads to, ascending. Two vertices joined by parallel edges are neighbours when any of those
/// edges is kept.
pub(crate) fn kept_neighbors<'g>(
    g: &'g Graph,
    v: u32,
    dir: Direction,
    mask: &'g Mask,
) -> UniqueNeighbors<'g> {
    let (out, out_first): (&[u32], usize) = match dir {
        Direction::In => (&[], 0),
        _ => (g.out_neighbors(v), g.out_edge_range(v).start),
    };
    let (inc, inc_ids): (&[u32], &[u32]) = match dir {
        Direction::Out => (&[], &[]),
        _ => (g.in_neighbors(v), g.in_edge_ids(v)),
    };
    UniqueNeighbors {
        out,
        out_first,
        inc,
        inc_ids,
        next_out: 0,
        next_in: 0,
        mask,
        last: None,
    }
}

/// Sorted merge of a vertex's ascending out- and in-neighbour lists without repeats, skipping
/// what a [`Mask`] drops; see [`kept_neighbors`].
#[derive(Debug, Clone)]
pub(crate) struct UniqueNeighbors<'g> {
    out: &'g [u32],
    /// Out-edge index of `out[0]`.
    out_first: usize,
    inc: &'g [u32],
    /// Out-edge index of each entry of `inc`.
    inc_ids: &'g [u32],
    next_out: usize,
    next_in: usize,
    mask: &'g Mask,
    /// The last vertex yielded.
    last: Option<u32>,
}

impl Iterator for UniqueNeighbors<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        loop {
            let (a, b) = (self.out.get(self.next_out), self.inc.get(self.next_in));
            // The edge index is only computed when the mask filters edges, so the unmasked
            // merge never reads `inc_ids`.
            let (w, from_out, i) = match (a, b) {
                (Some(&x), Some(&y)) if x <= y => (x, true, self.next_out),
                (_, Some(&y)) => (y, false, self.next_in),
                (Some(&x), None) => (x, true, self.next_out),
                (None, None) => return None,
            };
            if from_out {
                self.next_out += 1;
            } else {
                self.next_in += 1;
            }
            if self.last == Some(w) || !self.mask.vertex(w) {
                continue;
            }
            if let Some(edges) = &self.mask.edges {
                let k = if from_out {
                    self.out_first + i
                } else {
                    self.inc_ids[i] as usize
                };
                if !edges[k] {
                    continue;
                }
            }
            self.last = Some(w);
            return Some(w);
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
    bfs_distances_kept(g, sources, dir, max_depth, &KEEP_ALL, ctl)
}

/// [`bfs_distances`] over the vertices and edges `mask` keeps: sources it drops are not
/// started from, and the search only steps along kept edges onto kept vertices.
///
/// # Errors
/// [`Cancelled`], checked before every level.
///
/// # Complexity
/// O(n + m) over the visited part of the graph.
pub(crate) fn bfs_distances_kept(
    g: &Graph,
    sources: &[u32],
    dir: Direction,
    max_depth: u32,
    mask: &Mask,
    ctl: &JobControl,
) -> Result<Vec<u32>, Cancelled> {
    let n = g.vertex_count();
    let mut dist = vec![UNREACHED; n];
    let visited: Vec<AtomicU64> = (0..n.div_ceil(64)).map(|_| AtomicU64::new(0)).collect();
    let mut frontier: Vec<u32> = sources
        .iter()
        .copied()
        .filter(|&s| mask.vertex(s) && claim(&visited, s))
        .collect();
    for &s in &frontier {
        dist[s as usize] = 0;
    }
    let mut reached = frontier.len() as u64;
    let mut level = 0;
    while !frontier.is_empty() && level < max_depth {
        ctl.check()?;
        ctl.set_progress(reached, n as u64);
        let next = expand_frontier(&frontier, PARALLEL_FRONTIER, |v, next| {
            for_each_kept_neighbor(g, v, dir, mask, |w| {
                if claim(&visited, w) {
                    next.push(w);
                }
            });
        });
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

/// The next frontier: `visit(v, next)` for every `v` of `frontier`, each pushing what it
/// reaches; on the calling thread below `parallel_from` vertices, else split across the threads
/// (each gathering its own list, the lists appended; the order is then unspecified).
pub(crate) fn expand_frontier(
    frontier: &[u32],
    parallel_from: usize,
    visit: impl Fn(u32, &mut Vec<u32>) + Sync,
) -> Vec<u32> {
    if frontier.len() < parallel_from {
        let mut next = Vec::new();
        frontier.iter().for_each(|&v| visit(v, &mut next));
        return next;
    }
    frontier
        .par_iter()
        .fold(Vec::new, |mut next, &v| {
            visit(v, &mut next);
            next
        })
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        })
}

/// Marks `v` visited; true if this call did it. Most probes of a traversal find the vertex
/// visited already: a plain load answers those without the locked read-modify-write.
#[inline]
pub(crate) fn claim(visited: &[AtomicU64], v: u32) -> bool {
    let word = &visited[(v / 64) as usize];
    let bit = 1u64 << (v % 64);
    word.load(Ordering::Relaxed) & bit == 0 && word.fetch_or(bit, Ordering::Relaxed) & bit == 0
}

#[cfg(test)]
mod tests;
