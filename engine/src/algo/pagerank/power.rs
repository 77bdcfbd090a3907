//! The power iteration behind `pagerank` and `personalrank`: Jacobi in `f64`, one fused
//! parallel pass per iteration.
//!
//! Each pass reads the previous iteration's contributions `rank(u) / degree(u)` and writes the
//! new ranks and, from them, the next contributions (double-buffered, so every vertex reads the
//! previous iteration's values whatever the thread timing), with the L1 change and the dangling
//! rank summed on the way. A vertex's neighbour contributions are added into four independent
//! sums, so the gathers do not wait on one chain of floating-point additions.

use rayon::prelude::*;

use super::segments::{self, Segments};
use super::{PageRankConfig, PageRankResult, Teleport};
use crate::algo::degree_view::{self, DegreeView};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// Vertices per parallel task.
const CHUNK: usize = 1024;

/// `Σ c[u]` over `us`, in four interleaved partial sums (the last up to three entries go into
/// the first sums too, so a short row is not one chain of dependent additions). Always inlined
/// into the per-vertex loops: left a call, it cost a call and the caller's spills per vertex.
#[inline(always)]
pub(super) fn gather(c: &[f64], us: &[u32]) -> f64 {
    let mut acc = [0.0f64; 4];
    let quads = us.chunks_exact(4);
    let rest = quads.remainder();
    for q in quads {
        acc[0] += c[q[0] as usize];
        acc[1] += c[q[1] as usize];
        acc[2] += c[q[2] as usize];
        acc[3] += c[q[3] as usize];
    }
    for (a, &u) in acc.iter_mut().zip(rest) {
        *a += c[u as usize];
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3])
}

/// How a pass gets each vertex's sum of its neighbours' contributions.
pub(super) trait Pull: Sync {
    /// Runs once per iteration, on its contributions, before the per-vertex pass.
    fn prepare(&mut self, _contrib: &[f64]) {}

    /// The sum of `v`'s neighbours' contributions (after [`Pull::prepare`]).
    fn sum_at(&self, v: usize, contrib: &[f64]) -> f64;
}

/// A [`Pull`] that gathers each undirected vertex's sum from its row of the view, in the
/// per-vertex pass. (A struct rather than a closure so that the gather is inlined into that
/// pass: a closure's call stayed a call.)
struct Rows<'a>(&'a DegreeView);

impl Pull for Rows<'_> {
    #[inline(always)]
    fn sum_at(&self, x: usize, contrib: &[f64]) -> f64 {
        gather(contrib, self.0.row(x))
    }
}

/// A [`Pull`] that gathers each vertex's sum over its in-edges, in the per-vertex pass.
struct InEdges<'a>(&'a Graph);

impl Pull for InEdges<'_> {
    #[inline(always)]
    fn sum_at(&self, v: usize, contrib: &[f64]) -> f64 {
        gather(contrib, self.0.in_neighbors(v as u32))
    }
}

/// Power iteration in the current rayon pool, jumping (and spreading the dangling rank) as
/// `teleport` says: uniformly (`pagerank`), to one vertex (`personalrank`) or by weights
/// (`topicrank`); the ranks start where jumps land. `cfg.num_thread` is not read here.
///
/// Undirected runs work on the graph's cached [`DegreeView`] (built on the first run), summed
/// over source segments on large graphs, and map the ranks back to the original ids at the
/// end; directed runs pull over the in-edges.
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
        let pull = InEdges(g);
        return iterate(cfg, teleport, inv_degree, &parts, pull, 0, ctl);
    }
    undirected(g, cfg, teleport, ctl, Layout::for_size(n))
}

/// Undirected runs on at least this many vertices sum over source segments ([`Segments`]). At
/// 2^18 `contrib` (2 MiB) mostly stays in cache and segmenting gained nothing (same-process
/// A/B: 4.2-5.6 ms/iteration plain, 4.7-5.0 segmented); at 2^20 and 2^22 it did.
const SEGMENTED_FROM: usize = 1 << 19;
/// Source ids per segment: 1 MiB of `contrib`, half an L2 here (2^16 and 2^18 were slower).
const SEGMENT_WIDTH: usize = 1 << 17;
/// Segments at most; the last takes every remaining source (8 and 64 measured alike).
const MOST_SEGMENTS: usize = 64;

/// How an undirected run sums each vertex's neighbour contributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// Gathered row by row.
    Plain,
    /// Over source segments (see [`Segments`]) `width` ids wide, `most` of them at most.
    Segmented { width: usize, most: usize },
}

impl Layout {
    /// The layout for `n` vertices.
    fn for_size(n: usize) -> Self {
        if n >= SEGMENTED_FROM {
            Layout::Segmented {
                width: SEGMENT_WIDTH,
                most: MOST_SEGMENTS,
            }
        } else {
            Layout::Plain
        }
    }
}

/// The undirected run on `g`'s degree-ordered view, summing as `layout` says.
pub(super) fn undirected(
    g: &Graph,
    cfg: &PageRankConfig,
    teleport: Teleport<'_>,
    ctl: &JobControl,
    layout: Layout,
) -> Result<PageRankResult, Cancelled> {
    let n = g.vertex_count();
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
    let segments = match layout {
        Layout::Plain => None,
        Layout::Segmented { width, most } => {
            // Kept with the graph, like the view: the pieces are a function of it.
            let key = format!("{}-{width}-{most}", segments::KEY);
            Some(g.derived(&key, || {
                Segments::new(&view, segments::uniform(n, width, most))
            }))
        }
    };
    // Rows are in degree order, so the isolated vertices are the last ones.
    let isolated = match teleport {
        Teleport::Uniform => (0..n).rev().take_while(|&x| view.row(x).is_empty()).count(),
        _ => 0,
    };
    let parts = &view.parts;
    let mut r = match segments.as_deref().and_then(Option::as_ref) {
        Some(s) => iterate(
            cfg,
            teleport,
            inv_degree,
            parts,
            s.pull(&view),
            isolated,
            ctl,
        )?,
        None => iterate(cfg, teleport, inv_degree, parts, Rows(&view), isolated, ctl)?,
    };
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

/// The iterations over vertices `0..n` (`n` = `inv_degree.len()`), `pull` giving each vertex's
/// sum of its neighbours' contributions; `parts` splits the vertices into the ranges the
/// parallel tasks take (`0` first, `n` last). The last `isolated` vertices have no neighbours
/// and, since it is only given for uniform jumps, all the same rank: see [`power`].
fn iterate(
    cfg: &PageRankConfig,
    teleport: Teleport<'_>,
    inv_degree: Vec<f64>,
    parts: &[usize],
    pull: impl Pull,
    isolated: usize,
    ctl: &JobControl,
) -> Result<PageRankResult, Cancelled> {
    // One loop per kind of jump, so that the per-vertex pass does not branch on it (and the
    // uniform share is divided out once, not per vertex).
    let nf = inv_degree.len() as f64;
    match teleport {
        Teleport::Uniform => {
            let share = Teleport::Uniform.share(0, nf);
            power(cfg, |_| share, inv_degree, parts, pull, isolated, ctl)
        }
        Teleport::Vertex(s) => {
            let share = move |v| Teleport::Vertex(s).share(v, nf);
            power(cfg, share, inv_degree, parts, pull, isolated, ctl)
        }
        Teleport::Weights(p) => {
            let share = move |v| Teleport::Weights(p).share(v, nf);
            power(cfg, share, inv_degree, parts, pull, isolated, ctl)
        }
    }
}

/// [`iterate`] with the jumps' share of each vertex given by `share`.
///
/// The last `isolated` vertices (no neighbours, the same share) all hold one rank, the jumps'
/// share alone, and contribute nothing: it is computed once per iteration and counted
/// `isolated` times in the dangling rank and the change, instead of once per vertex in the
/// pass (a third of the vertices of a Kronecker graph). Their ranks are written at the end.
fn power(
    cfg: &PageRankConfig,
    share: impl Fn(usize) -> f64 + Sync,
    inv_degree: Vec<f64>,
    parts: &[usize],
    mut pull: impl Pull,
    isolated: usize,
    ctl: &JobControl,
) -> Result<PageRankResult, Cancelled> {
    let n = inv_degree.len();
    let body = n - isolated;
    // The parts cut at the first isolated vertex.
    let mut parts: Vec<usize> = parts.iter().map(|&p| p.min(body)).collect();
    parts.dedup();
    let lone_share = share(n - 1);
    let mut ranks: Vec<f64> = (0..n).into_par_iter().map(&share).collect();
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
    let mut lone = ranks[n - 1];
    let mut next = vec![0.0; n];
    let mut next_contrib = vec![0.0; n];
    let alpha = cfg.alpha;
    let mut delta = f64::INFINITY;
    let mut iterations = 0;
    while iterations < cfg.max_iterations {
        ctl.check()?;
        // Rank arriving by jumps, spread as `teleport` says.
        let jumping = (1.0 - alpha) + alpha * dangling;
        pull.prepare(&contrib);
        let pull = &pull;
        let (contrib_now, ranks_now, inv_degree) = (&contrib, &ranks, &inv_degree);
        (delta, dangling) = split(&parts, &mut next, &mut next_contrib)
            .into_par_iter()
            .map(|(first, rank_out, contrib_out)| {
                let (mut delta, mut dangling) = (0.0, 0.0);
                let end = first + rank_out.len();
                let olds = &ranks_now[first..end];
                let invs = &inv_degree[first..end];
                for (i, (((slot, cslot), &old), &inv)) in rank_out
                    .iter_mut()
                    .zip(contrib_out)
                    .zip(olds)
                    .zip(invs)
                    .enumerate()
                {
                    let v = first + i;
                    let r = jumping * share(v) + alpha * pull.sum_at(v, contrib_now);
                    *slot = r;
                    *cslot = r * inv;
                    if inv == 0.0 {
                        dangling += r;
                    }
                    delta += (r - old).abs();
                }
                (delta, dangling)
            })
            .reduce(|| (0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
        if isolated > 0 {
            let r = jumping * lone_share;
            delta += isolated as f64 * (r - lone).abs();
            dangling += isolated as f64 * r;
            lone = r;
        }
        std::mem::swap(&mut ranks, &mut next);
        std::mem::swap(&mut contrib, &mut next_contrib);
        iterations += 1;
        ctl.set_progress(iterations as u64, cfg.max_iterations as u64);
        if delta < cfg.convergence {
            break;
        }
    }
    ranks[body..].fill(lone);
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
