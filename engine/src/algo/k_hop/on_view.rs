//! The rest of an undirected (`ALL`) traversal on the graph's degree-ordered view
//! (`algo/degree_view.rs`), from its first bottom-up level on.
//!
//! The traversal starts top-down in the graph's own ids and moves here when a level would go
//! bottom-up: its frontier's edges then outweigh a fifteenth of the unexplored ones, so it is
//! about to read much of the graph, and the view (built once per graph version and shared with
//! PageRank) pays for itself. A small k-hop neighbourhood never builds it. On the view, rows
//! list both directions in one place and hubs first; a bottom-up level stops at a vertex's
//! first neighbour in the frontier, which is then most often the first entry of its row.
//!
//! Levels here are neither sorted nor listed as they run: each newly reached vertex records its
//! level in `depth`, and one pass over the original ids at the end writes every level in
//! ascending original order, as the top-down levels before it are.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering::Relaxed};

use rayon::prelude::*;

use super::bottom_up::{BitIter, WORDS, bitmap, go_bottom_up, stay_bottom_up, valid_bits};
use super::expand_frontier;
use crate::algo::degree_view::DegreeView;
use crate::algo::traversal::claim;
use crate::job::control::{Cancelled, JobControl};

/// Where the traversal stands when it moves onto the view.
pub(super) struct Start<'a> {
    /// The frontier about to be expanded, in the graph's ids.
    pub(super) frontier: &'a [u32],
    /// Every vertex reached so far (the source included), in the graph's ids.
    pub(super) visited: &'a [AtomicU64],
    /// Levels expanded so far.
    pub(super) level: u32,
    /// Edges not yet counted as explored (the direction heuristic's denominator).
    pub(super) unexplored: u64,
}

/// Levels above this many are put in order by a sort instead of per-level buckets.
const MAX_BUCKETS: usize = 1024;

/// Expands levels `start.level..k` on `view` (the first one bottom-up) and appends them to
/// `out`, each ascending in the graph's ids.
pub(super) fn finish(
    view: &DegreeView,
    start: Start<'_>,
    k: u32,
    ctl: &JobControl,
    out: &mut Vec<u32>,
) -> Result<(), Cancelled> {
    let n = view.vertex_count();
    let visited = mapped_visited(view, start.visited);
    let depth: Vec<AtomicU32> = (0..n).map(|_| AtomicU32::new(0)).collect();
    let mapped: Vec<u32> = start
        .frontier
        .iter()
        .map(|&v| view.new_of[v as usize])
        .collect();
    let mut frontier = Frontier::List(mapped);
    let mut spare = vec![0u64; n.div_ceil(64)];
    let (mut bottom, mut unexplored) = (true, start.unexplored);
    let (mut len, mut previous_len) = (start.frontier.len(), 0);
    // The frontier's degree sum, known after a top-down level (the only kind that is followed
    // by the top-down test below).
    let mut frontier_edges = 0;
    let mut levels = 0u32;
    for level in start.level..k {
        ctl.check()?;
        ctl.set_progress(u64::from(level), u64::from(k));
        if len == 0 {
            break;
        }
        if level != start.level {
            bottom = if bottom {
                stay_bottom_up(len, previous_len, n)
            } else {
                unexplored = unexplored.saturating_sub(frontier_edges);
                go_bottom_up(frontier_edges, unexplored)
            };
        }
        previous_len = len;
        levels += 1;
        if bottom {
            let front = frontier.into_bitmap(n);
            len = step(view, &front, &mut spare, &visited, &depth, levels);
            frontier = Frontier::Bits(std::mem::replace(&mut spare, front));
        } else {
            let list = frontier.into_list();
            let (next, edges) = top_down(view, &list, &visited, &depth, levels);
            len = next.len();
            frontier = Frontier::List(next);
            frontier_edges = edges;
        }
    }
    append_levels(view, &depth, levels, out);
    Ok(())
}

/// A frontier as a list of new ids (after a top-down level) or a bitmap (after a bottom-up one).
enum Frontier {
    List(Vec<u32>),
    Bits(Vec<u64>),
}

impl Frontier {
    fn into_list(self) -> Vec<u32> {
        match self {
            Self::List(list) => list,
            Self::Bits(bits) => ones(&bits),
        }
    }

    fn into_bitmap(self, n: usize) -> Vec<u64> {
        match self {
            Self::List(list) => bitmap(&list, n),
            Self::Bits(bits) => bits,
        }
    }
}

#[inline]
fn row_len(view: &DegreeView, x: u32) -> u64 {
    view.row(x as usize).len() as u64
}

/// The reached set in the view's ids.
fn mapped_visited(view: &DegreeView, visited: &[AtomicU64]) -> Vec<AtomicU64> {
    let mapped: Vec<AtomicU64> = visited.iter().map(|_| AtomicU64::new(0)).collect();
    for (w, word) in visited.iter().enumerate() {
        for b in BitIter(word.load(Relaxed)) {
            claim(&mapped, view.new_of[w * 64 + b as usize]);
        }
    }
    mapped
}

/// The vertices of a bitmap, ascending.
fn ones(bits: &[u64]) -> Vec<u32> {
    bits.par_chunks(WORDS)
        .enumerate()
        .flat_map_iter(|(c, chunk)| {
            chunk.iter().enumerate().flat_map(move |(i, &word)| {
                let base = ((c * WORDS + i) * 64) as u32;
                BitIter(word).map(move |b| base + b)
            })
        })
        .collect()
}

/// One bottom-up level: every unreached vertex with a neighbour in `front` joins the next
/// frontier (written to `next`) at level `d`. Returns the next frontier's size.
fn step(
    view: &DegreeView,
    front: &[u64],
    next: &mut [u64],
    visited: &[AtomicU64],
    depth: &[AtomicU32],
    d: u32,
) -> usize {
    let n = view.vertex_count();
    let in_front = |u: u32| (front[(u / 64) as usize] >> (u % 64)) & 1 != 0;
    next.par_chunks_mut(WORDS)
        .enumerate()
        .map(|(c, chunk)| {
            let mut found = 0;
            for (i, slot) in chunk.iter_mut().enumerate() {
                let w = c * WORDS + i;
                let seen = visited[w].load(Relaxed);
                let mut bits = 0;
                for b in BitIter(!seen & valid_bits(w, n)) {
                    let x = w * 64 + b as usize;
                    if view.row(x).iter().any(|&u| in_front(u)) {
                        bits |= 1 << b;
                        depth[x].store(d, Relaxed);
                    }
                }
                *slot = bits;
                if bits != 0 {
                    // Only this task touches word w of `visited` during the level.
                    visited[w].store(seen | bits, Relaxed);
                    found += bits.count_ones() as usize;
                }
            }
            found
        })
        .sum()
}

/// One top-down level: the unreached neighbours of `frontier`, claimed in `visited` at level
/// `d` (in no particular order), and their degree sum.
fn top_down(
    view: &DegreeView,
    frontier: &[u32],
    visited: &[AtomicU64],
    depth: &[AtomicU32],
    d: u32,
) -> (Vec<u32>, u64) {
    let expand = |x: u32, (next, edges): &mut (Vec<u32>, u64)| {
        for &u in view.row(x as usize) {
            if claim(visited, u) {
                depth[u as usize].store(d, Relaxed);
                next.push(u);
                *edges += row_len(view, u);
            }
        }
    };
    expand_frontier(frontier, expand)
}

/// Appends the vertices reached here, level by level (`depth` 1 to `levels`), each level
/// ascending in the graph's ids: one pass over those ids in parallel ranges, each range
/// bucketing its vertices by level, the buckets then joined in range order.
fn append_levels(view: &DegreeView, depth: &[AtomicU32], levels: u32, out: &mut Vec<u32>) {
    let level_of = |v: usize| depth[view.new_of[v] as usize].load(Relaxed);
    let n = view.vertex_count();
    let levels = levels as usize;
    if levels > MAX_BUCKETS {
        let mut keys: Vec<u64> = (0..n)
            .into_par_iter()
            .filter_map(|v| {
                let d = level_of(v);
                (d != 0).then(|| (u64::from(d) << 32) | v as u64)
            })
            .collect();
        keys.par_sort_unstable();
        out.extend(keys.into_iter().map(|key| key as u32));
        return;
    }
    let range = n.div_ceil(4 * rayon::current_num_threads()).max(4096);
    let buckets: Vec<Vec<Vec<u32>>> = (0..n.div_ceil(range))
        .into_par_iter()
        .map(|r| {
            let mut mine = vec![Vec::new(); levels];
            for v in r * range..((r + 1) * range).min(n) {
                let d = level_of(v);
                if d != 0 {
                    mine[d as usize - 1].push(v as u32);
                }
            }
            mine
        })
        .collect();
    for level in 0..levels {
        for mine in &buckets {
            out.extend_from_slice(&mine[level]);
        }
    }
}
