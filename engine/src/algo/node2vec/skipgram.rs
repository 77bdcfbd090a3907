//! node2vec's training: word2vec skip-gram with negative sampling over shared, lock-free
//! vectors (Hogwild updates through relaxed atomics).

use std::sync::atomic::{AtomicU32, Ordering};

use super::{NEGATIVE, WINDOW};
use crate::algo::rng::SplitMix64;
use crate::algo::simple_graph::SimpleGraph;

/// Shared, lock-free float vectors.
pub(super) struct Vectors {
    dim: usize,
    pub(super) cells: Vec<AtomicU32>,
}

impl Vectors {
    pub(super) fn new(n: usize, dim: usize, init: impl Fn(usize) -> f32) -> Self {
        Self {
            dim,
            cells: (0..n * dim)
                .map(|i| AtomicU32::new(init(i).to_bits()))
                .collect(),
        }
    }

    fn row(&self, v: u32) -> &[AtomicU32] {
        &self.cells[v as usize * self.dim..(v as usize + 1) * self.dim]
    }
}

pub(super) fn load(a: &AtomicU32) -> f32 {
    f32::from_bits(a.load(Ordering::Relaxed))
}

fn store(a: &AtomicU32, x: f32) {
    a.store(x.to_bits(), Ordering::Relaxed);
}

/// Per-thread buffers.
pub(super) struct Scratch {
    pub(super) walk: Vec<u32>,
    pub(super) context: Vec<f32>,
    pub(super) grad: Vec<f32>,
}

impl Scratch {
    pub(super) fn new(dim: usize, walk_length: usize) -> Self {
        Self {
            walk: Vec::with_capacity(walk_length),
            context: vec![0.0; dim],
            grad: vec![0.0; dim],
        }
    }
}

/// Negative samples in proportion to degree^0.75 (word2vec's unigram^0.75 over walk counts,
/// which are proportional to degree).
pub(super) struct NegativeTable {
    cumulative: Vec<f64>,
}

impl NegativeTable {
    pub(super) fn new(s: &SimpleGraph) -> Self {
        let mut sum = 0.0;
        let cumulative = (0..s.vertex_count() as u32)
            .map(|v| {
                sum += (s.degree(v) as f64).powf(0.75);
                sum
            })
            .collect();
        Self { cumulative }
    }

    fn sample(&self, rng: &mut SplitMix64) -> Option<u32> {
        let total = *self.cumulative.last()?;
        if total <= 0.0 {
            return None;
        }
        let r = rng.unit() * total;
        let i = self.cumulative.partition_point(|&c| c <= r);
        Some(i.min(self.cumulative.len() - 1) as u32)
    }
}

/// Skip-gram with negative sampling over one walk (word2vec's inner loop).
pub(super) fn train(
    walk: &[u32],
    (input, output): (&Vectors, &Vectors),
    negatives: &NegativeTable,
    lr: f32,
    rng: &mut SplitMix64,
    context: &mut [f32],
    grad: &mut [f32],
) {
    for (pos, &center) in walk.iter().enumerate() {
        let reach = WINDOW - rng.below(WINDOW);
        let lo = pos.saturating_sub(reach);
        let hi = (pos + reach).min(walk.len() - 1);
        for (ctx_pos, &ctx_vertex) in walk.iter().enumerate().take(hi + 1).skip(lo) {
            if ctx_pos == pos {
                continue;
            }
            let ctx = input.row(ctx_vertex);
            for (c, a) in context.iter_mut().zip(ctx) {
                *c = load(a);
            }
            grad.iter_mut().for_each(|g| *g = 0.0);
            for d in 0..=NEGATIVE {
                let (target, label) = if d == 0 {
                    (center, 1.0)
                } else {
                    match negatives.sample(rng) {
                        Some(t) if t != center => (t, 0.0),
                        _ => continue,
                    }
                };
                let out = output.row(target);
                let f: f32 = context.iter().zip(out).map(|(c, o)| c * load(o)).sum();
                let g = (label - sigmoid(f)) * lr;
                for ((gr, o), &c) in grad.iter_mut().zip(out).zip(context.iter()) {
                    let ov = load(o);
                    *gr += g * ov;
                    store(o, ov + g * c);
                }
            }
            for (a, g) in ctx.iter().zip(grad.iter()) {
                store(a, load(a) + g);
            }
        }
    }
}

/// The logistic function, saturating beyond ±6 as word2vec's table does.
fn sigmoid(x: f32) -> f32 {
    if x > 6.0 {
        1.0
    } else if x < -6.0 {
        0.0
    } else {
        1.0 / (1.0 + (-x).exp())
    }
}
