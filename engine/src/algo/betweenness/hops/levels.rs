//! One source at a time, each level split across the threads: the split used when there are
//! fewer sources than threads.
//!
//! Forward, the vertices of level `d` are taken in parallel; each sums `σ` over its
//! predecessors at level `d − 1` (a pull: no atomic adds on `σ`) and claims its unreached
//! neighbours for level `d + 1` (a compare-and-swap on the level, only where a plain load saw
//! the neighbour unreached). On symmetric rows (undirected) one read of the row does both. Backward, deepest level first, the vertices of each
//! level pull from their successors in parallel. Each entry is written only by the task that
//! holds its vertex in the current level; the atomics let the threads share the arrays without
//! `unsafe`, and their relaxed loads and stores compile to plain ones. Every vertex's sum is
//! added in a fixed order, so the result does not depend on scheduling.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering::Relaxed};

use rayon::prelude::*;

use super::Rows;
use crate::algo::traversal::expand_frontier;
use crate::job::control::{Cancelled, JobControl};

/// Levels with fewer vertices than this run on the calling thread.
const PARALLEL_LEVEL: usize = 256;

/// Sums over `sources`, run one after another with each level split across the threads.
///
/// # Errors
/// [`Cancelled`], checked before every source and level.
pub(super) fn by_level(
    rows: &impl Rows,
    sources: &[u32],
    ctl: &JobControl,
) -> Result<Vec<f64>, Cancelled> {
    let state = Shared::new(rows.count());
    let mut levels: Vec<Vec<u32>> = Vec::new();
    for (i, &s) in sources.iter().enumerate() {
        ctl.check()?;
        state.level[s as usize].store(0, Relaxed);
        state.sigma[s as usize].store(1f64.to_bits(), Relaxed);
        levels.push(vec![s]);
        loop {
            ctl.check()?;
            let d = levels.len() - 1;
            let next = state.forward(rows, &levels[d], d as u32);
            if next.is_empty() {
                break;
            }
            levels.push(next);
        }
        // The source's own dependency is not counted, so level 0 is left out.
        for d in (1..levels.len()).rev() {
            ctl.check()?;
            state.backward(rows, &levels[d], d as u32, d + 1 == levels.len());
        }
        state.reset(&levels);
        levels.clear();
        ctl.set_progress(i as u64 + 1, sources.len() as u64);
    }
    Ok(state
        .vertex
        .into_par_iter()
        .map(|x| f64::from_bits(x.into_inner()))
        .collect())
}

/// The arrays every thread works on (f64 values as their bits).
struct Shared {
    /// Hops from the source; `u32::MAX`: not reached.
    level: Vec<AtomicU32>,
    /// `σ` forward, then `(1 + δ) / σ` once the vertex is done backward (set where a vertex is
    /// reached, so it needs no reset).
    sigma: Vec<AtomicU64>,
    /// The sums over the sources.
    vertex: Vec<AtomicU64>,
}

impl Shared {
    fn new(n: usize) -> Self {
        Self {
            level: (0..n)
                .into_par_iter()
                .map(|_| AtomicU32::new(u32::MAX))
                .collect(),
            sigma: (0..n).into_par_iter().map(|_| AtomicU64::new(0)).collect(),
            vertex: (0..n).into_par_iter().map(|_| AtomicU64::new(0)).collect(),
        }
    }

    /// Sets `σ` of level `d`'s vertices (`frontier`; the source's is set already) and returns
    /// level `d + 1`, in no particular order.
    fn forward(&self, rows: &impl Rows, frontier: &[u32], d: u32) -> Vec<u32> {
        // For d = 0 this is u32::MAX, which the unreached test below catches first.
        let prev = d.wrapping_sub(1);
        let symmetric = rows.symmetric();
        let visit = |v: u32, next: &mut Vec<u32>| {
            let mut sum = 0.0;
            rows.each(v, |w| {
                let lw = &self.level[w as usize];
                let l = lw.load(Relaxed);
                if l == u32::MAX {
                    if lw.compare_exchange(l, d + 1, Relaxed, Relaxed).is_ok() {
                        next.push(w);
                    }
                } else if l == prev && symmetric {
                    sum += f64::from_bits(self.sigma[w as usize].load(Relaxed));
                }
            });
            if d > 0 && !symmetric {
                rows.each_back(v, |u| {
                    if self.level[u as usize].load(Relaxed) == prev {
                        sum += f64::from_bits(self.sigma[u as usize].load(Relaxed));
                    }
                });
            }
            if d > 0 {
                self.sigma[v as usize].store(sum.to_bits(), Relaxed);
            }
        };
        expand_frontier(frontier, PARALLEL_LEVEL, visit)
    }

    /// Finishes level `d` (`vertices`): each pulls from its successors at `d + 1` (none when
    /// `deepest`), stores its coefficient over its `σ` and adds its dependency to its sum.
    fn backward(&self, rows: &impl Rows, vertices: &[u32], d: u32, deepest: bool) {
        let finish = |v: u32| {
            let sv = f64::from_bits(self.sigma[v as usize].load(Relaxed));
            let mut dv = 0.0;
            if !deepest {
                rows.each(v, |w| {
                    if self.level[w as usize].load(Relaxed) == d + 1 {
                        dv += sv * f64::from_bits(self.sigma[w as usize].load(Relaxed));
                    }
                });
                let sum = &self.vertex[v as usize];
                sum.store((f64::from_bits(sum.load(Relaxed)) + dv).to_bits(), Relaxed);
            }
            self.sigma[v as usize].store(((1.0 + dv) / sv).to_bits(), Relaxed);
        };
        if vertices.len() < PARALLEL_LEVEL {
            vertices.iter().for_each(|&v| finish(v));
        } else {
            vertices.par_iter().for_each(|&v| finish(v));
        }
    }

    /// Marks every vertex of `levels` unreached again.
    fn reset(&self, levels: &[Vec<u32>]) {
        let reached: usize = levels.iter().map(Vec::len).sum();
        // A sweep of the whole array beats scattered stores once much of it was reached.
        if reached > self.level.len() / 8 {
            self.level
                .par_iter()
                .for_each(|l| l.store(u32::MAX, Relaxed));
            return;
        }
        for level in levels {
            level
                .iter()
                .for_each(|&v| self.level[v as usize].store(u32::MAX, Relaxed));
        }
    }
}
