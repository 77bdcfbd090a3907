//! Brandes by hop count for vertex betweenness alone (no lengths, no edge credit, no demand):
//! the pass `betweenness` runs unless a weight is given.
//!
//! For each source, a BFS over `u32` levels counts the shortest paths `σ`; then, deepest level
//! first, each vertex `v` *pulls* `σ(v) · c(w)` from its successors `w` (neighbours one level
//! further), where `c(w) = (1 + δ(w)) / σ(w)` was stored over `σ(w)` once `w` was done (no one
//! reads `σ(w)` after that). So the backward pass writes only its own vertex's entries, and the
//! random reads per edge are one level and, on successor edges, one coefficient.
//!
//! Undirected runs walk the graph's degree-ordered view (`algo/degree_view.rs`, built on first
//! use and kept with the graph): one row per vertex holding both directions, hubs first, so the
//! hubs' levels and counts, which most edges read, sit in a small cached prefix of each array.
//! Parallel edges and self-loops are kept as stored, as the graph's out and in lists hold them
//! (a self-loop is never a successor, so it changes nothing). Sources are mapped into the view's
//! ids and the sums back. Directed runs walk the graph's own lists.
//!
//! With at least as many sources as threads, and while the threads' arrays together stay
//! within [`SOURCE_SPLIT_BYTES`], each thread runs whole sources on its own buffers
//! ([`by_source`]); otherwise the sources run one after another and each level is split across
//! the threads ([`levels`]), so no thread idles and only one set of arrays competes for the
//! cache.

mod levels;
#[cfg(test)]
mod tests;

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::algo::degree_view::{self, DegreeView};
use crate::algo::k_hop::Direction;
use crate::algo::traversal::{for_each_neighbor, reverse};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// The most bytes of per-vertex arrays (20 per vertex and thread) for which threads take whole
/// sources. Measured with 4 sources on 2 threads, Kronecker graphs: at scale 20 (40 MiB) whole
/// sources took 0.47-0.53 s against 0.55-0.59 s split by level; at scale 22 (168 MiB) 4.33 s
/// against 3.66 s, the two sets of arrays no longer sharing the cache well.
const SOURCE_SPLIT_BYTES: usize = 64 << 20;

/// The rows a pass walks: a vertex's neighbours, in the ids the pass works in.
trait Rows: Sync {
    /// Vertices.
    fn count(&self) -> usize;
    /// Calls `f(w)` for every neighbour `w` of `v`, once per stored edge.
    fn each(&self, v: u32, f: impl FnMut(u32));
    /// Calls `f(u)` for every `u` that has `v` as a neighbour, once per stored edge.
    fn each_back(&self, v: u32, f: impl FnMut(u32));
    /// Whether [`each_back`](Rows::each_back) lists what [`each`](Rows::each) does.
    fn symmetric(&self) -> bool;
}

impl Rows for DegreeView {
    fn count(&self) -> usize {
        self.vertex_count()
    }

    #[inline]
    fn each(&self, v: u32, f: impl FnMut(u32)) {
        self.row(v as usize).iter().copied().for_each(f);
    }

    #[inline]
    fn each_back(&self, v: u32, f: impl FnMut(u32)) {
        self.each(v, f);
    }

    fn symmetric(&self) -> bool {
        true
    }
}

/// The graph's own out and/or in lists along a direction.
struct Lists<'a>(&'a Graph, Direction);

impl Rows for Lists<'_> {
    fn count(&self) -> usize {
        self.0.vertex_count()
    }

    #[inline]
    fn each(&self, v: u32, f: impl FnMut(u32)) {
        for_each_neighbor(self.0, v, self.1, f);
    }

    #[inline]
    fn each_back(&self, v: u32, f: impl FnMut(u32)) {
        for_each_neighbor(self.0, v, reverse(self.1), f);
    }

    fn symmetric(&self) -> bool {
        self.1 == Direction::All
    }
}

/// Sums over `sources` of each vertex's dependency (endpoints excluded), walking `dir`.
///
/// # Errors
/// [`Cancelled`], checked before every source (and every level when levels are split).
///
/// # Complexity
/// O(|sources| · m) time; O(threads · n) memory when threads take whole sources, O(n) when
/// they share each source's levels; plus the view (O(n + m), kept with the graph) when `dir`
/// is `All`.
pub(super) fn dependencies(
    g: &Graph,
    sources: &[u32],
    dir: Direction,
    ctl: &JobControl,
) -> Result<Vec<f64>, Cancelled> {
    if dir != Direction::All {
        return run(&Lists(g, dir), sources, ctl);
    }
    let view = g.derived(degree_view::KEY, || DegreeView::new(g));
    let mapped: Vec<u32> = sources.iter().map(|&s| view.new_of[s as usize]).collect();
    let sums = run(&*view, &mapped, ctl)?;
    Ok(view.new_of.par_iter().map(|&x| sums[x as usize]).collect())
}

/// Picks the split (see the [module docs](self)).
fn run(rows: &impl Rows, sources: &[u32], ctl: &JobControl) -> Result<Vec<f64>, Cancelled> {
    let threads = rayon::current_num_threads();
    if sources.len() >= threads && threads * rows.count() * 20 <= SOURCE_SPLIT_BYTES {
        by_source(rows, sources, ctl)
    } else {
        levels::by_level(rows, sources, ctl)
    }
}

/// Whole sources per thread, each thread on its own buffers (allocated when it takes its first
/// source), their sums added at the end (so the last bits may differ between runs).
fn by_source(rows: &impl Rows, sources: &[u32], ctl: &JobControl) -> Result<Vec<f64>, Cancelled> {
    let n = rows.count();
    let states: Vec<Mutex<Option<Solo>>> = (0..rayon::current_num_threads().max(1))
        .map(|_| Mutex::new(None))
        .collect();
    let done = AtomicU64::new(0);
    let total = sources.len() as u64;
    sources.par_iter().try_for_each(|&s| {
        ctl.check()?;
        let i = rayon::current_thread_index().unwrap_or(0) % states.len();
        let mut state = states[i].lock().unwrap_or_else(|e| e.into_inner());
        state.get_or_insert_with(|| Solo::new(n)).run(rows, s);
        drop(state);
        let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
        ctl.set_progress(finished, total);
        Ok(())
    })?;
    let mut sums = states
        .into_iter()
        .filter_map(|state| state.into_inner().unwrap_or_else(|e| e.into_inner()))
        .map(|state| state.vertex);
    let mut total = sums.next().unwrap_or_else(|| vec![0.0; n]);
    for more in sums {
        total.par_iter_mut().zip(&more).for_each(|(a, b)| *a += b);
    }
    Ok(total)
}

/// One thread's buffers for whole sources.
struct Solo {
    /// Hops from the source; `u32::MAX`: not reached.
    level: Vec<u32>,
    /// `σ` forward, then `(1 + δ) / σ` once the vertex is done backward (set where a vertex is
    /// reached, so it needs no reset).
    sigma: Vec<f64>,
    /// Vertices in BFS order (doubles as the queue).
    order: Vec<u32>,
    /// This thread's sums.
    vertex: Vec<f64>,
}

impl Solo {
    fn new(n: usize) -> Self {
        Self {
            level: vec![u32::MAX; n],
            sigma: vec![0.0; n],
            order: Vec::new(),
            vertex: vec![0.0; n],
        }
    }

    /// Adds source `s`'s dependencies to `vertex`.
    fn run(&mut self, rows: &impl Rows, s: u32) {
        let (level, sigma, order) = (&mut self.level, &mut self.sigma, &mut self.order);
        level[s as usize] = 0;
        sigma[s as usize] = 1.0;
        order.push(s);
        let mut head = 0;
        while let Some(&v) = order.get(head) {
            head += 1;
            let (next, sv) = (level[v as usize] + 1, sigma[v as usize]);
            rows.each(v, |w| {
                let lw = &mut level[w as usize];
                if *lw == u32::MAX {
                    *lw = next;
                    sigma[w as usize] = sv;
                    order.push(w);
                } else if *lw == next {
                    sigma[w as usize] += sv;
                }
            });
        }
        // Reverse BFS order finishes every level before the one above it starts, so each
        // successor's entry already holds its coefficient.
        for &v in order.iter().rev() {
            let (next, sv) = (level[v as usize] + 1, sigma[v as usize]);
            let mut dv = 0.0;
            rows.each(v, |w| {
                if level[w as usize] == next {
                    dv += sv * sigma[w as usize];
                }
            });
            sigma[v as usize] = (1.0 + dv) / sv;
            if v != s {
                self.vertex[v as usize] += dv;
            }
        }
        // A sweep of the whole array beats scattered stores once much of it was reached.
        if order.len() > level.len() / 8 {
            level.fill(u32::MAX);
        } else {
            order.iter().for_each(|&v| level[v as usize] = u32::MAX);
        }
        order.clear();
    }
}
