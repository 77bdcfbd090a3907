//! Parallel delta-stepping (Meyer & Sanders), in the bucket-by-bucket form GAP uses: the
//! vertices of the lowest non-empty bucket relax their edges in parallel, improved vertices go to
//! the bucket of their new distance in the worker's own buckets (kept across rounds, as GAP's
//! `local_bins`: nothing is merged centrally; the next round's frontier is the workers' lists
//! for the lowest non-empty bucket, moved, not copied), and a bucket is re-processed until
//! nothing lands in it again. Distances are minima over all relaxations, so
//! the answer is the same as Dijkstra's whatever the thread interleaving.
//!
//! Distances live in atomic cells (`sssp/distance.rs`: `u32` for whole-number lengths, else
//! `f64` bits). A relaxation first reads the distance with a plain load and only
//! attempts a compare-and-swap when it would improve it: most relaxations do not, and an
//! unconditional atomic read-modify-write per edge serialises the memory accesses (each locked
//! instruction waits for the cache miss before it), which cost 3× here. Each scanned vertex
//! reads one row of `(neighbour, length)` pairs (`sssp/lengths.rs`), in the layout's
//! degree-ordered ids; the source is mapped in and the distances back.
//!
//! "Bin fusion" (GAP): a task keeps relaxing the vertices it drops into the current bucket
//! itself while it holds few of them, instead of handing them to another parallel round; small
//! buckets run entirely on the calling thread. The relaxation loop is generic over the edge
//! list it walks (no closure called through `dyn` per edge).

use std::sync::Mutex;

use rayon::prelude::*;

use super::super::{AlgoError, Result, weights};
use super::distance::Distance;
use super::lengths::{Length, Lengths, Rows};
use crate::graph::{EdgeWeights, Graph};
use crate::job::control::JobControl;

/// Frontiers below this size are relaxed on the calling thread.
const PARALLEL_FRONTIER: usize = 256;
/// A task relaxes the current-bucket vertices it found itself while it holds fewer than this…
const FUSE_LIMIT: usize = 1024;
/// …and at most this many of them per frontier vertex, so a round (between cancellation checks)
/// stays short whatever the weights.
const FUSE_SCANS: usize = 4096;
/// Frontier vertices per parallel task.
const CHUNK: usize = 64;
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
        Lengths::Packed(p) => Run::new(g, p, delta).solve(source, ctl)?,
        Lengths::Usable(p) => Run::new(g, p, delta).solve(source, ctl)?,
        Lengths::Integer(a) => Run::new(g, a, delta).solve(source, ctl)?,
        Lengths::Narrow(a) => Run::new(g, a, delta).solve(source, ctl)?,
        Lengths::Wide(a) => Run::new(g, a, delta).solve(source, ctl)?,
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

/// The distance type of a run on the rows `L`.
type Dist<L> = <<L as Rows>::Len as Length>::Dist;

/// The first relaxed edge with an unusable weight: out-edge index `k`, `from` → `to`.
#[derive(Debug, Clone, Copy)]
struct BadEdge {
    k: usize,
    from: u32,
    to: u32,
}

/// One worker's buckets, kept across rounds: `bins[b]` holds the vertices this worker improved
/// into bucket `b` (a vertex may appear again after a later improvement; stale entries are
/// skipped when scanned). `spare` recycles the buffer a fused bucket was drained from.
#[derive(Default)]
struct Bins {
    bins: Vec<Vec<u32>>,
    spare: Vec<u32>,
}

impl Bins {
    #[inline]
    fn push(&mut self, b: usize, v: u32) {
        if b >= self.bins.len() {
            self.bins.resize_with(b + 1, Vec::new);
        }
        self.bins[b].push(v);
    }

    /// The first non-empty bucket from `from` on.
    fn next(&self, from: usize) -> Option<usize> {
        (from..self.bins.len()).find(|&b| !self.bins[b].is_empty())
    }
}

/// The state of one run.
struct Run<'a, L: Rows> {
    g: &'a Graph,
    len: &'a L,
    /// 1 / the bucket width.
    inv_delta: f64,
    dist: Vec<<<L::Len as Length>::Dist as Distance>::Cell>,
    bad: Mutex<Option<BadEdge>>,
    /// One per rayon worker, plus one for a calling thread outside the pool.
    workers: Vec<Mutex<Bins>>,
}

impl<'a, L: Rows> Run<'a, L> {
    fn new(g: &'a Graph, len: &'a L, delta: f64) -> Self {
        let dist = (0..g.vertex_count())
            .into_par_iter()
            .with_min_len(4096)
            .map(|_| Dist::<L>::unreached())
            .collect();
        Run {
            g,
            len,
            inv_delta: 1.0 / delta,
            dist,
            bad: Mutex::new(None),
            workers: (0..=rayon::current_num_threads())
                .map(|_| Mutex::default())
                .collect(),
        }
    }

    /// This thread's buckets (uncontended: each worker runs one task at a time).
    fn mine(&self) -> std::sync::MutexGuard<'_, Bins> {
        let i = rayon::current_thread_index()
            .map_or(self.workers.len() - 1, |i| i.min(self.workers.len() - 2));
        self.workers[i].lock().unwrap_or_else(|e| e.into_inner())
    }

    #[inline]
    fn bucket(&self, d: Dist<L>) -> usize {
        (d.as_f64() * self.inv_delta) as usize
    }

    fn note_bad(&self, e: BadEdge) {
        let mut bad = self.bad.lock().unwrap_or_else(|e| e.into_inner());
        bad.get_or_insert(e);
    }

    /// Relaxes `u`'s edges if `u` still belongs to bucket `bin` (or a later one; a vertex whose
    /// distance has since dropped below the bucket was settled there already).
    #[inline]
    fn scan(&self, u: u32, bin: usize, out: &mut Bins) {
        let du = Dist::<L>::load(&self.dist[u as usize]);
        if self.bucket(du) < bin {
            return;
        }
        for (j, (v, len)) in self.len.row(u).enumerate() {
            let Some(nd) = len.after(du) else {
                self.note_bad(self.edge(u, j));
                continue;
            };
            if Dist::<L>::improve(&self.dist[v as usize], nd) {
                out.push(self.bucket(nd).max(bin), v);
            }
        }
    }

    /// The `j`-th edge of row `x`: its vertex's out-edges, then its in-edges.
    #[cold]
    fn edge(&self, x: u32, j: usize) -> BadEdge {
        let u = self.len.old_of()[x as usize];
        let (g, outs) = (self.g, self.g.out_edge_range(u));
        match j.checked_sub(outs.len()) {
            None => BadEdge {
                k: outs.start + j,
                from: u,
                to: g.out_neighbors(u)[j],
            },
            Some(i) => BadEdge {
                k: g.in_edge_ids(u)[i] as usize,
                from: g.in_neighbors(u)[i],
                to: u,
            },
        }
    }

    /// Scans `chunk`, then (GAP's bin fusion) keeps draining what this worker put into the
    /// current bucket while there is little of it (fewer than `limit` at a time, at most
    /// [`FUSE_SCANS`] more scans); the rest waits for the next round.
    fn scan_fused(&self, chunk: &[u32], bin: usize, limit: usize) {
        let mut mine = self.mine();
        let out = &mut *mine;
        for &u in chunk {
            self.scan(u, bin, out);
        }
        let mut budget = FUSE_SCANS;
        while let Some(cur) = out.bins.get_mut(bin) {
            if cur.is_empty() || cur.len() >= limit || budget < cur.len() {
                break;
            }
            budget -= cur.len();
            let mut todo = std::mem::replace(cur, std::mem::take(&mut out.spare));
            for &u in &todo {
                self.scan(u, bin, out);
            }
            todo.clear();
            out.spare = todo;
        }
    }

    /// Runs to the end: `Ok(Ok(dist))`, `Ok(Err(edge))` for an unusable weight met on the way,
    /// `Err` when cancelled.
    fn solve(
        mut self,
        source: u32,
        ctl: &JobControl,
    ) -> Result<std::result::Result<Vec<f64>, BadEdge>> {
        let source = self.len.new_of()[source as usize];
        Dist::<L>::store(&self.dist[source as usize], Dist::<L>::ZERO);
        let mut frontier = vec![vec![source]];
        let (mut bin, mut bins) = (0usize, 1usize);
        let mut rounds = 0u64;
        loop {
            ctl.check()?;
            rounds += 1;
            if rounds.is_multiple_of(PROGRESS_EVERY) {
                ctl.set_progress(bin as u64, bins as u64);
            }
            let size: usize = frontier.iter().map(Vec::len).sum();
            if size >= PARALLEL_FRONTIER {
                frontier
                    .par_iter()
                    .flat_map(|part| part.par_chunks(CHUNK))
                    .for_each(|chunk| self.scan_fused(chunk, bin, FUSE_LIMIT));
            } else {
                for part in &frontier {
                    self.scan_fused(part, bin, PARALLEL_FRONTIER);
                }
            }
            if let Some(e) = *self.bad.lock().unwrap_or_else(|e| e.into_inner()) {
                return Ok(Err(e));
            }
            let workers = self.workers.iter_mut().map(|w| match w.get_mut() {
                Ok(w) => w,
                Err(e) => e.into_inner(),
            });
            let mut workers: Vec<&mut Bins> = workers.collect();
            bins = workers
                .iter()
                .map(|w| w.bins.len())
                .max()
                .unwrap_or(0)
                .max(bin + 1);
            match workers.iter().filter_map(|w| w.next(bin)).min() {
                Some(b) => {
                    bin = b;
                    frontier = workers
                        .iter_mut()
                        .filter_map(|w| w.bins.get_mut(b).map(std::mem::take))
                        .filter(|part| !part.is_empty())
                        .collect();
                }
                None => break,
            }
        }
        let dist = &self.dist;
        Ok(Ok(self
            .len
            .new_of()
            .par_iter()
            .with_min_len(4096)
            .map(|&x| Dist::<L>::load(&dist[x as usize]).as_f64())
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
