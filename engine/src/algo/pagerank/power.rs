//! The power iteration behind `pagerank` and `personalrank`: Jacobi in `f64`, one fused
//! parallel pass per iteration.
//!
//! Each pass reads the previous iteration's contributions `rank(u) / degree(u)` and writes the
//! new ranks and, from them, the next contributions (double-buffered, so every vertex reads the
//! previous iteration's values whatever the thread timing), with the L1 change and the dangling
//! rank summed on the way. A vertex's neighbour contributions are added into four independent
//! sums, so the gathers do not wait on one chain of floating-point additions.

use rayon::prelude::*;

use super::{PageRankConfig, PageRankResult, Teleport};
use crate::algo::degree_view::{self, DegreeView};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// Vertices per parallel task.
const CHUNK: usize = 1024;

/// `Σ c[u]` over `us`, in four interleaved partial sums.
#[inline]
fn gather(c: &[f64], us: &[u32]) -> f64 {
    let mut acc = [0.0f64; 4];
    let quads = us.chunks_exact(4);
    let rest = quads.remainder();
    for q in quads {
        acc[0] += c[q[0] as usize];
        acc[1] += c[q[1] as usize];
        acc[2] += c[q[2] as usize];
        acc[3] += c[q[3] as usize];
    }
    let mut sum = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for &u in rest {
        sum += c[u as usize];
    }
    sum
}

/// Power iteration in the current rayon pool, jumping (and spreading the dangling rank) as
/// `teleport` says: uniformly (`pagerank`), to one vertex (`personalrank`) or by weights
/// (`topicrank`); the ranks start where jumps land. `cfg.num_thread` is not read here.
///
/// Undirected runs work on the graph's cached [`DegreeView`] (built on the first run) and map
/// the ranks back to the original ids at the end; directed runs pull over the in-edges.
pub(in crate::algo) fn kernel(
    g: &Graph,
    cfg: &PageRankConfig,
    teleport: Teleport<'_>,
    ctl: &JobControl,
) -> Result<PageRankResult, Cancelled> {
    let n = g.vertex_count();
    if n == 0 {
        return Ok(PageRankResult {
            ranks: Vec::new(),
            iterations: 0,
            delta: 0.0,
        });
    }
    if cfg.directed {
        let inv_degree = (0..n as u32)
            .into_par_iter()
            .map(|v| inverse(g.out_degree(v)))
            .collect();
        let parts: Vec<usize> = (0..n).step_by(CHUNK).chain([n]).collect();
        let sum_at = |v: usize, c: &[f64]| gather(c, g.in_neighbors(v as u32));
        return iterate(cfg, teleport, inv_degree, &parts, sum_at, ctl);
    }
    let view = g.derived(degree_view::KEY, || DegreeView::new(g));
    let inv_degree = (0..n)
        .into_par_iter()
        .map(|x| inverse(view.row(x).len()))
        .collect();
    // The jumps land on the view's ids.
    let permuted: Vec<f64>;
    let teleport = match teleport {
        Teleport::Uniform => Teleport::Uniform,
        Teleport::Vertex(s) => Teleport::Vertex(view.new_of[s as usize]),
        Teleport::Weights(p) => {
            let mut q = vec![0.0; n];
            for (v, &x) in view.new_of.iter().enumerate() {
                q[x as usize] = p[v];
            }
            permuted = q;
            Teleport::Weights(&permuted)
        }
    };
    let sum_at = |x: usize, c: &[f64]| gather(c, view.row(x));
    let mut r = iterate(cfg, teleport, inv_degree, &view.parts, sum_at, ctl)?;
    let ranks = &r.ranks;
    r.ranks = view.new_of.par_iter().map(|&x| ranks[x as usize]).collect();
    Ok(r)
}

fn inverse(degree: usize) -> f64 {
    if degree == 0 {
        0.0
    } else {
        1.0 / degree as f64
    }
}

/// The iterations over vertices `0..n` (`n` = `inv_degree.len()`), `sum_at(v, contrib)` being
/// the sum of `v`'s neighbours' contributions; `parts` splits the vertices into the ranges the
/// parallel tasks take (`0` first, `n` last).
fn iterate(
    cfg: &PageRankConfig,
    teleport: Teleport<'_>,
    inv_degree: Vec<f64>,
    parts: &[usize],
    sum_at: impl Fn(usize, &[f64]) -> f64 + Sync,
    ctl: &JobControl,
) -> Result<PageRankResult, Cancelled> {
    let n = inv_degree.len();
    let mut ranks: Vec<f64> = (0..n)
        .into_par_iter()
        .map(|v| teleport.share(v, n as f64))
        .collect();
    let mut contrib: Vec<f64> = ranks
        .par_iter()
        .zip(&inv_degree)
        .map(|(r, i)| r * i)
        .collect();
    let mut dangling: f64 = ranks
        .par_iter()
        .zip(&inv_degree)
        .map(|(&r, &inv)| if inv == 0.0 { r } else { 0.0 })
        .sum();
    let mut next = vec![0.0; n];
    let mut next_contrib = vec![0.0; n];
    let (alpha, nf) = (cfg.alpha, n as f64);
    let mut delta = f64::INFINITY;
    let mut iterations = 0;
    while iterations < cfg.max_iterations {
        ctl.check()?;
        // Rank arriving by jumps, spread as `teleport` says.
        let jumping = (1.0 - alpha) + alpha * dangling;
        let (contrib_now, ranks_now, inv_degree) = (&contrib, &ranks, &inv_degree);
        (delta, dangling) = split(parts, &mut next, &mut next_contrib)
            .into_par_iter()
            .map(|(first, rank_out, contrib_out)| {
                let (mut delta, mut dangling) = (0.0, 0.0);
                for (i, (slot, cslot)) in rank_out.iter_mut().zip(contrib_out).enumerate() {
                    let v = first + i;
                    let r = jumping * teleport.share(v, nf) + alpha * sum_at(v, contrib_now);
                    *slot = r;
                    let inv = inv_degree[v];
                    *cslot = r * inv;
                    if inv == 0.0 {
                        dangling += r;
                    }
                    delta += (r - ranks_now[v]).abs();
                }
                (delta, dangling)
            })
            .reduce(|| (0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
        std::mem::swap(&mut ranks, &mut next);
        std::mem::swap(&mut contrib, &mut next_contrib);
        iterations += 1;
        ctl.set_progress(iterations as u64, cfg.max_iterations as u64);
        if delta < cfg.convergence {
            break;
        }
    }
    Ok(PageRankResult {
        ranks,
        iterations,
        delta,
    })
}

/// `a` and `b` cut at the boundaries `parts`: `(start, &mut a[range], &mut b[range])` per part.
fn split<'a>(
    parts: &[usize],
    mut a: &'a mut [f64],
    mut b: &'a mut [f64],
) -> Vec<(usize, &'a mut [f64], &'a mut [f64])> {
    parts
        .windows(2)
        .map(|w| {
            let size = w[1] - w[0];
            let (ha, ta) = std::mem::take(&mut a).split_at_mut(size);
            let (hb, tb) = std::mem::take(&mut b).split_at_mut(size);
            (a, b) = (ta, tb);
            (w[0], ha, hb)
        })
        .collect()
}
