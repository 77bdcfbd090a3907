//! Parallel delta-stepping (Meyer & Sanders), in the bucket-by-bucket form GAP uses: the
//! vertices of the lowest non-empty bucket relax their edges in parallel, improved vertices go to
//! the bucket of their new distance (thread-local, merged after each round), and a bucket is
//! re-processed until nothing lands in it again. Distances are minima over all relaxations, so
//! the answer is the same as Dijkstra's whatever the thread interleaving.
//!
//! Distances live in `AtomicU64` as `f64` bits: for non-negative floats (and +∞) the bit patterns
//! order like the values. A relaxation first reads the distance with a plain load and only
//! attempts a compare-and-swap when it would improve it: most relaxations do not, and an
//! unconditional atomic read-modify-write per edge serialises the memory accesses (each locked
//! instruction waits for the cache miss before it), which cost 3× here.
//!
//! "Bin fusion" (GAP): a task keeps relaxing the vertices it drops into the current bucket
//! itself while it holds few of them, instead of handing them to another parallel round; small
//! buckets run entirely on the calling thread.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::super::{AlgoError, Result, weights};
use super::lengths::{Aligned, Length, Lengths};
use crate::graph::{EdgeWeights, Graph};
use crate::job::control::JobControl;

/// Frontiers below this size are relaxed on the calling thread.
const PARALLEL_FRONTIER: usize = 256;
/// A task relaxes the current-bucket vertices it found itself while it holds fewer than this…
const FUSE_LIMIT: usize = 1024;
/// …and at most this many of them per frontier vertex, so a round (between cancellation checks)
/// stays short whatever the weights.
const FUSE_SCANS: usize = 4096;
/// Progress is reported every this many rounds.
const PROGRESS_EVERY: u64 = 16;

/// Distances from `source` (∞ where unreachable). `directed: false` follows edges both ways.
/// A missing weight counts as 1; a weight that is not > 0 on a relaxed edge is an error naming
/// the edge (as the sequential Dijkstra reports it).
pub(crate) fn distances(
    g: &Graph,
    source: u32,
    w: &EdgeWeights<'_>,
    directed: bool,
    ctl: &JobControl,
) -> Result<Vec<f64>> {
    ctl.check()?;
    let delta = bucket_width(g, w, directed);
    // The layout reads the property column for every edge (a third of a run's time at
    // Kronecker scale 18); the graph keeps it for the next run with the same weights.
    let key = format!(
        "sssp-lengths/{}/{}",
        w.property(),
        if directed { "out" } else { "both" }
    );
    let lengths = g.derived(&key, || Lengths::new(g, w, directed));
    let outcome = match &*lengths {
        Lengths::Narrow(a) => Run::new(g, a, directed, delta).solve(source, ctl)?,
        Lengths::Wide(a) => Run::new(g, a, directed, delta).solve(source, ctl)?,
    };
    match outcome {
        Ok(dist) => Ok(dist),
        // Reported exactly as the sequential path words it (the edge's weight is unusable, so
        // `positive` returns its error).
        Err(BadEdge { k, from, to }) => weights::positive(g, w, k, from, to).and(Err(
            AlgoError::Param("parameter [weight] is invalid!".into()),
        )),
    }
}

/// The first relaxed edge with an unusable weight: out-edge index `k`, `from` → `to`.
#[derive(Debug, Clone, Copy)]
struct BadEdge {
    k: usize,
    from: u32,
    to: u32,
}

/// What one task hands back after its share of a round.
#[derive(Default)]
struct Local {
    /// Improved vertices for the current bucket (beyond what the task fused).
    current: Vec<u32>,
    /// Improved vertices for later buckets, with their bucket.
    later: Vec<(usize, u32)>,
}

impl Local {
    fn append(mut self, mut other: Local) -> Local {
        self.current.append(&mut other.current);
        self.later.append(&mut other.later);
        self
    }
}

/// The state of one run.
struct Run<'a, T> {
    g: &'a Graph,
    len: &'a Aligned<T>,
    directed: bool,
    delta: f64,
    dist: Vec<AtomicU64>,
    bad: Mutex<Option<BadEdge>>,
}

impl<'a, T: Length> Run<'a, T> {
    fn new(g: &'a Graph, len: &'a Aligned<T>, directed: bool, delta: f64) -> Self {
        let dist = (0..g.vertex_count())
            .into_par_iter()
            .with_min_len(4096)
            .map(|_| AtomicU64::new(f64::INFINITY.to_bits()))
            .collect();
        Run {
            g,
            len,
            directed,
            delta,
            dist,
            bad: Mutex::new(None),
        }
    }

    #[inline]
    fn bucket(&self, d: f64) -> usize {
        (d / self.delta) as usize
    }

    /// Lowers `v`'s distance to `nd` if that is an improvement; true if this call did it.
    #[inline]
    fn improve(&self, v: u32, nd: f64) -> bool {
        let slot = &self.dist[v as usize];
        let new = nd.to_bits();
        let mut old = slot.load(Ordering::Relaxed);
        while new < old {
            match slot.compare_exchange_weak(old, new, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(now) => old = now,
            }
        }
        false
    }

    fn note_bad(&self, e: BadEdge) {
        let mut bad = self.bad.lock().unwrap_or_else(|e| e.into_inner());
        bad.get_or_insert(e);
    }

    /// Relaxes `u`'s edges if `u` still belongs to bucket `bin` (or a later one; a vertex whose
    /// distance has since dropped below the bucket was settled there already).
    #[inline]
    fn scan(&self, u: u32, bin: usize, out: &mut Local) {
        let du = f64::from_bits(self.dist[u as usize].load(Ordering::Relaxed));
        if self.bucket(du) < bin {
            return;
        }
        let mut relax = |v: u32, len: f64, bad: &dyn Fn() -> BadEdge| {
            if len.is_nan() {
                self.note_bad(bad());
                return;
            }
            let nd = du + len;
            if self.improve(v, nd) {
                let b = self.bucket(nd).max(bin);
                if b == bin {
                    out.current.push(v);
                } else {
                    out.later.push((b, v));
                }
            }
        };
        let g = self.g;
        let range = g.out_edge_range(u);
        let start = range.start;
        for (j, (&v, &len)) in g
            .out_neighbors(u)
            .iter()
            .zip(&self.len.out[range])
            .enumerate()
        {
            relax(v, len.get(), &|| BadEdge {
                k: start + j,
                from: u,
                to: v,
            });
        }
        if !self.directed {
            let r = self.len.in_start[u as usize]..self.len.in_start[u as usize + 1];
            for (j, (&v, &len)) in g.in_neighbors(u).iter().zip(&self.len.inc[r]).enumerate() {
                relax(v, len.get(), &|| BadEdge {
                    k: g.in_edge_ids(u)[j] as usize,
                    from: v,
                    to: u,
                });
            }
        }
    }

    /// Scans `u`, then keeps scanning what lands in the current bucket while there is little of
    /// it (fewer than `limit`, at most [`FUSE_SCANS`] more scans); the rest is left in
    /// `out.current` for the next round.
    fn scan_fused(&self, u: u32, bin: usize, limit: usize, out: &mut Local) {
        self.scan(u, bin, out);
        for _ in 0..FUSE_SCANS {
            if out.current.len() >= limit {
                break;
            }
            let Some(v) = out.current.pop() else { break };
            self.scan(v, bin, out);
        }
    }

    /// Runs to the end: `Ok(Ok(dist))`, `Ok(Err(edge))` for an unusable weight met on the way,
    /// `Err` when cancelled.
    fn solve(
        self,
        source: u32,
        ctl: &JobControl,
    ) -> Result<std::result::Result<Vec<f64>, BadEdge>> {
        self.dist[source as usize].store(0f64.to_bits(), Ordering::Relaxed);
        let mut bins: Vec<Vec<u32>> = Vec::new();
        let mut frontier = vec![source];
        let mut bin = 0usize;
        let mut rounds = 0u64;
        loop {
            ctl.check()?;
            rounds += 1;
            if rounds.is_multiple_of(PROGRESS_EVERY) {
                ctl.set_progress(bin as u64, bins.len() as u64 + 1);
            }
            let local = if frontier.len() >= PARALLEL_FRONTIER {
                frontier
                    .par_iter()
                    .fold(Local::default, |mut out, &u| {
                        self.scan_fused(u, bin, FUSE_LIMIT, &mut out);
                        out
                    })
                    .reduce(Local::default, Local::append)
            } else {
                let mut out = Local::default();
                for &u in &frontier {
                    self.scan_fused(u, bin, PARALLEL_FRONTIER, &mut out);
                }
                out
            };
            if let Some(e) = *self.bad.lock().unwrap_or_else(|e| e.into_inner()) {
                return Ok(Err(e));
            }
            for (b, v) in local.later {
                if b >= bins.len() {
                    bins.resize_with(b + 1, Vec::new);
                }
                bins[b].push(v);
            }
            if !local.current.is_empty() {
                frontier = local.current;
                continue;
            }
            match (bin + 1..bins.len()).find(|&b| !bins[b].is_empty()) {
                Some(b) => {
                    bin = b;
                    frontier = std::mem::take(&mut bins[b]);
                }
                None => break,
            }
        }
        Ok(Ok(self
            .dist
            .into_iter()
            .map(|d| f64::from_bits(d.into_inner()))
            .collect()))
    }
}

/// The bucket width: the mean edge weight (of up to 4096 sampled edges) over four times the mean
/// degree, Meyer and Sanders' Θ(1/d) for random weights scaled to the weights at hand (the
/// factor 4 measured best on Kronecker scale 18: 0.25 → 249 ms, 1 → 406, 4 → 576, 16 → 1216 ms
/// per source). Much wider
/// buckets turn each bucket into Bellman-Ford (vertices improved many times over); much
/// narrower ones into many nearly empty rounds.
fn bucket_width(g: &Graph, w: &EdgeWeights<'_>, directed: bool) -> f64 {
    let m = g.edge_count();
    let step = (m / 4096).max(1);
    let (sum, count) = (0..m)
        .step_by(step)
        .filter_map(|k| w.get(k).or(Some(1.0)))
        .filter(|x| *x > 0.0 && x.is_finite())
        .fold((0.0, 0u64), |(s, c), x| (s + x, c + 1));
    let mean = if count == 0 { 1.0 } else { sum / count as f64 };
    let n = g.vertex_count().max(1) as f64;
    let degree = m as f64 * if directed { 1.0 } else { 2.0 } / n;
    (mean / (4.0 * degree.max(1.0))).max(f64::MIN_POSITIVE)
}
