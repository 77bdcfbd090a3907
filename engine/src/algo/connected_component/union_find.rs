//! Afforest's pieces (Sutton et al., as in GAP's `cc.cc`): a union-find over atomics whose
//! roots always link to the smaller index, and the phases it runs in.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

use rayon::prelude::*;

use crate::job::control::{Cancelled, JobControl};

/// Vertices per block between cancellation checks.
const BLOCK: usize = 1 << 18;
/// Vertices per parallel task.
const CHUNK: usize = 2048;

/// Runs each phase over all vertices in blocks, checking for cancellation between blocks.
pub(super) struct Phases<'a> {
    n: usize,
    done: u64,
    total: u64,
    ctl: &'a JobControl,
}

impl<'a> Phases<'a> {
    pub(super) fn new(n: usize, phases: u64, ctl: &'a JobControl) -> Self {
        let total = n.div_ceil(BLOCK) as u64 * phases;
        Self {
            n,
            done: 0,
            total,
            ctl,
        }
    }

    pub(super) fn run(&mut self, f: impl Fn(u32) + Sync) -> Result<(), Cancelled> {
        for start in (0..self.n).step_by(BLOCK) {
            self.ctl.check()?;
            let end = (start + BLOCK).min(self.n);
            (start..end)
                .into_par_iter()
                .step_by(CHUNK)
                .for_each(|c| (c..(c + CHUNK).min(end)).for_each(|v| f(v as u32)));
            self.done += 1;
            self.ctl.set_progress(self.done, self.total);
        }
        Ok(())
    }
}

/// Joins the trees of `u` and `v` (GAP's `Link`): walks up from their parents and swings the
/// larger root under the smaller with one compare-exchange. Every parent is at most its child,
/// so the roots stay the trees' minimum indices.
pub(super) fn link(comp: &[AtomicU32], u: u32, v: u32) {
    let mut p1 = comp[u as usize].load(Relaxed);
    let mut p2 = comp[v as usize].load(Relaxed);
    while p1 != p2 {
        let (high, low) = if p1 > p2 { (p1, p2) } else { (p2, p1) };
        let p_high = comp[high as usize].load(Relaxed);
        if p_high == low
            || (p_high == high
                && comp[high as usize]
                    .compare_exchange(high, low, Relaxed, Relaxed)
                    .is_ok())
        {
            return;
        }
        p1 = comp[comp[high as usize].load(Relaxed) as usize].load(Relaxed);
        p2 = comp[low as usize].load(Relaxed);
    }
}

/// Points `v` at its root (GAP's `Compress`). Runs with no link in flight; concurrent
/// compressions only shorten paths, as every write is an ancestor of the old parent.
pub(super) fn compress(comp: &[AtomicU32], v: u32) {
    let slot = &comp[v as usize];
    loop {
        let p = slot.load(Relaxed);
        let gp = comp[p as usize].load(Relaxed);
        if p == gp {
            return;
        }
        slot.store(gp, Relaxed);
    }
}

/// The root of `x` (read-only).
pub(super) fn find(comp: &[AtomicU32], mut x: u32) -> u32 {
    loop {
        let p = comp[x as usize].load(Relaxed);
        if p == x {
            return x;
        }
        x = p;
    }
}
